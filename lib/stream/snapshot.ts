import type { Contribution } from '../nlp/analysis';
import type { Label } from '../post';

/** Counts of one key in one window, as pushed to browsers and written to CSV / history. */
export interface KeyStats {
  /** `*` for the total, the query as given for a keyword, `#tag` for a hashtag, the word for a term. */
  key: string;
  posts: number;
  positive: number;
  neutral: number;
  negative: number;
  unscored: number;
  /** Mean of the scored posts' scores in [-1, 1], or null when no post was scored. */
  meanScore: number | null;
}

/**
 * The aggregate of one sliding window: the posts with `start <= createdAt < end`.
 * Plain JSON (epoch ms, arrays) so it goes unchanged over Socket.IO and into storage.
 */
export interface WindowSnapshot {
  /** Epoch ms, inclusive. */
  start: number;
  /** Epoch ms, exclusive; a multiple of the slide. */
  end: number;
  total: KeyStats;
  /** Every tracked keyword, in the order they were added (zero counts included). */
  keywords: KeyStats[];
  /** Top-K hashtags by posts (ties by key). */
  hashtags: KeyStats[];
  /** Top-K terms by posts (ties by key). */
  terms: KeyStats[];
}

/** A post after the NLP stage, as shown in the live feed. */
export interface ScoredPost {
  id: string;
  text: string;
  createdAt: number;
  author: string | null;
  lang: string | null;
  source: string;
  label: Label;
  score: number;
  hashtags: string[];
  contributions?: Contribution[];
}

/** One processed micro-batch. */
export interface BatchSummary {
  /** Batch start, epoch ms (aligned to the batch interval). */
  start: number;
  end: number;
  posts: number;
}
