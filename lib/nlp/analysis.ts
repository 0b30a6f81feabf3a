import type { Label, Post } from '../post';
import type { AnalysisBuffer } from './analysisBuffer';

/** Languages with a sentiment lexicon. */
export type ScoredLang = 'en' | 'pt' | 'es';

/** One token's share of a post's score, after negation and emphasis. */
export interface Contribution {
  token: string;
  /** Signed weight in lexicon units (AFINN scale, -5..5 per word before modifiers). */
  weight: number;
}

/**
 * What the NLP stage makes of one post: everything the windows and the keyword matcher need.
 * All strings are normalized (NFKC, lowercase); arrays of entities are de-duplicated.
 */
export interface Analysis {
  /** Word tokens in text order, lowercased, stopwords kept (keyword terms and phrases match on these). */
  words: string[];
  /** Distinct terms for the term counts: words minus stopwords, numbers and one-letter tokens. */
  terms: string[];
  /** Distinct hashtags with their `#` (`#tesla`). */
  hashtags: string[];
  /** Distinct mentions with their `@` (`@nasa`). */
  mentions: string[];
  /** The language used for stopwords and scoring, or null when unsupported (then `label` is `unscored`). */
  lang: ScoredLang | null;
  /** Normalized sentiment in [-1, 1]; 0 when unscored. */
  score: number;
  label: Label;
  /** Filled only when `explain` was asked for: the tokens that moved the score. */
  contributions?: Contribution[];
}

/**
 * Turns a post into its analysis. Implementations are reusable across posts, and a post's
 * analysis never depends on the posts before it (what they keep between posts is caches).
 */
export interface Analyzer {
  /** Scorer name as the CLI and the eval command know it (`afinn`, `moodstream`). */
  readonly name: string;
  analyze(post: Post, options?: { explain?: boolean }): Analysis;
  /**
   * The same analysis written into `out` (see {@link AnalysisBuffer}): what a stream's caller
   * uses, so that no list is copied per post. When `contributions` is given, the tokens that moved
   * the score are pushed to it (what `explain` gives). An implementation resets `out`
   * (`collectFeatures` does), then sets its score with `scored` unless the post is unscored; each
   * entry it lists has the listed string as its `text`, and its slots start null and are left to
   * their consumers (see `Interned`). Optional: the engine reads an analyzer without it
   * through `analyze`.
   */
  analyzeInto?(post: Post, out: AnalysisBuffer, contributions?: Contribution[] | null): void;
}
