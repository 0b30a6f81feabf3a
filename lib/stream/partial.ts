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

const toTuple = (c: Counts): CountsTuple => [c.posts, c.positive, c.neutral, c.negative, c.unscored, c.scoreUnits];
const fromTuple = (t: CountsTuple): Counts => ({
  posts: t[0], positive: t[1], neutral: t[2], negative: t[3], unscored: t[4], scoreUnits: t[5],
});

export function serializePartial(p: Partial): SerializedPartial {
  const entries = ({ keys, counts }: KeyedCounts) =>
    keys.map((key, i): [string, CountsTuple] => [key, counts.slice(i * COUNT_FIELDS, (i + 1) * COUNT_FIELDS) as CountsTuple]);
  return { total: toTuple(p.total), hashtags: entries(p.hashtags), terms: entries(p.terms), keywords: entries(p.keywords) };
}

export function deserializePartial(s: SerializedPartial): Partial {
  const columns = (e: [string, CountsTuple][]): KeyedCounts => ({ keys: e.map(([key]) => key), counts: e.flatMap(([, t]) => t) });
  return { total: fromTuple(s.total), hashtags: columns(s.hashtags), terms: columns(s.terms), keywords: columns(s.keywords) };
}
