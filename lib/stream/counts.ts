import type { Label } from '../post';

/**
 * Fixed-point scale of summed scores. Scores in [-1, 1] are stored as integers in units of
 * 1/SCORE_SCALE so that adding and subtracting partial aggregates is exact: the incremental
 * window then equals a naive recomputation to the last digit, whatever the order of operations.
 */
export const SCORE_SCALE = 10_000;

/**
 * A mergeable partial aggregate: plain integer counts. For any streams x and y,
 * `add(add(zero, x), y)` equals the aggregate of x followed by y, and `subtract(add(a, b), a)`
 * equals b, which is what the inverse reduce of the sliding window relies on.
 */
export interface Counts {
  posts: number;
  positive: number;
  neutral: number;
  negative: number;
  unscored: number;
  /** Sum of the scored posts' scores, in units of 1/SCORE_SCALE (an integer). */
  scoreUnits: number;
}

/** Counts that start at zero, as a class: what the rows of a key table extend, so they share one definition of the fields. */
export class Tally implements Counts {
  posts = 0;
  positive = 0;
  neutral = 0;
  negative = 0;
  unscored = 0;
  scoreUnits = 0;
}

export function zeroCounts(): Counts {
  return { posts: 0, positive: 0, neutral: 0, negative: 0, unscored: 0, scoreUnits: 0 };
}

/** Quantizes a score in [-1, 1] to integer units. */
export function toScoreUnits(score: number): number {
  // `| 0` turns the -0 that Math.round gives tiny negative scores into 0: -0 is no small integer
  // to V8, and code compiled for small integers deoptimizes on it.
  return Math.round(score * SCORE_SCALE) | 0;
}

/** Counts one post into `into` (mutates). */
export function countPost(into: Counts, label: Label, scoreUnits: number): void {
  into.posts += 1;
  // A switch keeps each store monomorphic; `into[label]` is a keyed store on the hot path.
  switch (label) {
    case 'positive': into.positive += 1; break;
    case 'neutral': into.neutral += 1; break;
    case 'negative': into.negative += 1; break;
    default: into.unscored += 1;
  }
  into.scoreUnits += scoreUnits;
}

/** into += other (mutates `into`). */
export function addCounts(into: Counts, other: Counts): void {
  into.posts += other.posts;
  into.positive += other.positive;
  into.neutral += other.neutral;
  into.negative += other.negative;
  into.unscored += other.unscored;
  into.scoreUnits += other.scoreUnits;
}

/** Sets every count of `c` back to zero (mutates). */
export function resetCounts(c: Counts): void {
  c.posts = c.positive = c.neutral = c.negative = c.unscored = c.scoreUnits = 0;
}

/** into -= other (mutates `into`); the inverse of addCounts. */
export function subtractCounts(into: Counts, other: Counts): void {
  into.posts -= other.posts;
  into.positive -= other.positive;
  into.neutral -= other.neutral;
  into.negative -= other.negative;
  into.unscored -= other.unscored;
  into.scoreUnits -= other.scoreUnits;
}

/** Mean score over the scored posts, or null when none was scored. */
export function meanScore(c: Counts): number | null {
  const scored = c.posts - c.unscored;
  return scored > 0 ? c.scoreUnits / SCORE_SCALE / scored : null;
}
