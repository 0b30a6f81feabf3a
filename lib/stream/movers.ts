import type { ScoredPost } from './snapshot';

/** One word's summed effect on the explained posts of a window. */
export interface WordMover {
  /** The token as the scorer recorded it (lowercased; a phrase or a negator for some rules). */
  token: string;
  /** Sum of its contributions over the window's explained posts, in lexicon units (AFINN scale). */
  weight: number;
  /** Explained posts of the window in which it contributed. */
  posts: number;
}

/** What moved one window's sentiment, as far as its explained posts tell. */
export interface WindowMovers {
  /** Epoch ms, inclusive. */
  start: number;
  /** Epoch ms, exclusive. */
  end: number;
  /** Explained posts that fell in the window (the sample the rest is computed from). */
  sampled: number;
  /** Words with the largest positive sums, largest first (at most k). */
  positive: WordMover[];
  /** Words with the most negative sums, most negative first (at most k). */
  negative: WordMover[];
  /** Posts with the highest positive scores, highest first (at most k). */
  highest: ScoredPost[];
  /** Posts with the lowest negative scores, lowest first (at most k). */
  lowest: ScoredPost[];
}

/** Newer first on equal scores, then by id, so the answer does not depend on arrival order. */
function byScoreThenTime(sign: 1 | -1) {
  return (a: ScoredPost, b: ScoredPost) =>
    sign * (b.score - a.score) || b.createdAt - a.createdAt || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);
}

/**
 * The words and posts that moved a window most, from the explained posts with
 * `start <= createdAt < end` (the window's own rule). A word's weight is the sum of its
 * contributions over those posts, so a word that is praised in one post and negated in another
 * nets out; words whose sum is zero are left out. Unscored posts carry no contributions and no
 * score, so they move nothing.
 *
 * @param samples explained posts in any order (posts without `contributions` count towards
 *   `sampled` and the post lists but add no words)
 * @param k most entries in each of the four lists
 * @example windowMovers(samples, end - 60_000, end, 5).negative[0] // { token: 'delay', weight: -7, posts: 3 }
 */
export function windowMovers(samples: readonly ScoredPost[], start: number, end: number, k: number): WindowMovers {
  const inside = samples.filter((p) => p.createdAt >= start && p.createdAt < end);
  const words = new Map<string, WordMover>();
  for (const post of inside) {
    if (post.label === 'unscored') continue;
    // A token can contribute twice to one post ("good, really good"); it counts as one post.
    const seen = new Set<string>();
    for (const c of post.contributions ?? []) {
      const w = words.get(c.token) ?? { token: c.token, weight: 0, posts: 0 };
      w.weight += c.weight;
      if (!seen.has(c.token)) {
        w.posts++;
        seen.add(c.token);
      }
      words.set(c.token, w);
    }
  }
  // Sums of fractional weights leave float dust (0.1 + 0.2); rounding keeps zero at zero.
  const all = [...words.values()].map((w) => ({ ...w, weight: Math.round(w.weight * 1e6) / 1e6 }));
  const byToken = (a: WordMover, b: WordMover) => (a.token < b.token ? -1 : a.token > b.token ? 1 : 0);
  const scored = inside.filter((p) => p.label !== 'unscored');
  return {
    start,
    end,
    sampled: inside.length,
    positive: all.filter((w) => w.weight > 0).sort((a, b) => b.weight - a.weight || byToken(a, b)).slice(0, k),
    negative: all.filter((w) => w.weight < 0).sort((a, b) => a.weight - b.weight || byToken(a, b)).slice(0, k),
    highest: scored.filter((p) => p.score > 0).sort(byScoreThenTime(1)).slice(0, k),
    lowest: scored.filter((p) => p.score < 0).sort(byScoreThenTime(-1)).slice(0, k),
  };
}
