import type { Counts } from './counts';

/** Numbers per key in {@link KeyedCounts.counts}: the fields of a {@link CountsTuple}. */
export const COUNT_FIELDS = 6;

/**
 * Counts by key in columns: key `keys[i]` has `counts[6i .. 6i+5]`, the {@link CountsTuple}
 * `[posts, positive, neutral, negative, unscored, scoreUnits]`. Keys are distinct, in the order
 * they were first counted. Columns rather than a Map of objects: a slide holds hundreds of keys
 * and the window keeps a ring of slides, so this is a few arrays instead of an object per key.
 */
export interface KeyedCounts {
  keys: string[];
  counts: number[];
}

/**
 * The aggregate of a set of posts: totals plus counts per hashtag, term and tracked keyword.
 * It is a plain mergeable value: the partials of two disjoint sets of posts, added key by key,
 * equal the partial of their union, and subtracting one from the sum gives the other exactly
 * (integer counts). Every key was counted for at least one post: no key has zero posts.
 */
export interface Partial {
  total: Counts;
  hashtags: KeyedCounts;
  terms: KeyedCounts;
  keywords: KeyedCounts;
}

export type PartialField = 'hashtags' | 'terms' | 'keywords';
export const PARTIAL_FIELDS: readonly PartialField[] = ['hashtags', 'terms', 'keywords'];

/** Counts as a compact tuple for checkpoints: [posts, positive, neutral, negative, unscored, scoreUnits]. */
export type CountsTuple = [number, number, number, number, number, number];

/** JSON form of a Partial. */
export interface SerializedPartial {
  total: CountsTuple;
  hashtags: [string, CountsTuple][];
  terms: [string, CountsTuple][];
  keywords: [string, CountsTuple][];
}

/** The counts of key `i` of a {@link KeyedCounts}' `counts` (a tuple is key 0 of its own). */
export function countsAt(counts: readonly number[], i: number): Counts {
  const at = i * COUNT_FIELDS;
  return {
    posts: counts[at] as number, positive: counts[at + 1] as number, neutral: counts[at + 2] as number,
    negative: counts[at + 3] as number, unscored: counts[at + 4] as number, scoreUnits: counts[at + 5] as number,
  };
}

/** Writes `c` as the counts of key `i` of a {@link KeyedCounts}' `counts`. */
export function putCountsAt(counts: number[], i: number, c: Counts): void {
  const at = i * COUNT_FIELDS;
  counts[at] = c.posts;
  counts[at + 1] = c.positive;
  counts[at + 2] = c.neutral;
  counts[at + 3] = c.negative;
  counts[at + 4] = c.unscored;
  counts[at + 5] = c.scoreUnits;
}

const toTuple = (c: Counts): CountsTuple => [c.posts, c.positive, c.neutral, c.negative, c.unscored, c.scoreUnits];

export function serializePartial(p: Partial): SerializedPartial {
  const entries = ({ keys, counts }: KeyedCounts) =>
    keys.map((key, i): [string, CountsTuple] => [key, counts.slice(i * COUNT_FIELDS, (i + 1) * COUNT_FIELDS) as CountsTuple]);
  return { total: toTuple(p.total), hashtags: entries(p.hashtags), terms: entries(p.terms), keywords: entries(p.keywords) };
}

export function deserializePartial(s: SerializedPartial): Partial {
  const columns = (e: [string, CountsTuple][]): KeyedCounts => ({ keys: e.map(([key]) => key), counts: e.flatMap(([, t]) => t) });
  return { total: countsAt(s.total, 0), hashtags: columns(s.hashtags), terms: columns(s.terms), keywords: columns(s.keywords) };
}
