import type { Label } from '../post';
import { addCounts, countPost, subtractCounts, zeroCounts, type Counts } from './counts';

/**
 * The aggregate of a set of posts: totals plus counts per hashtag, term and tracked keyword.
 * It is a plain mergeable value: the partials of two disjoint sets of posts, added, equal the
 * partial of their union, and `subtractPartial` undoes `addPartial` exactly (integer counts).
 * Keys whose count falls to zero are removed, so state follows what is in the window.
 */
export interface Partial {
  total: Counts;
  hashtags: Map<string, Counts>;
  terms: Map<string, Counts>;
  keywords: Map<string, Counts>;
}

export type PartialField = 'hashtags' | 'terms' | 'keywords';
export const PARTIAL_FIELDS: readonly PartialField[] = ['hashtags', 'terms', 'keywords'];

export function emptyPartial(): Partial {
  return { total: zeroCounts(), hashtags: new Map(), terms: new Map(), keywords: new Map() };
}

/** Every key count comes from a post, so no posts means no keys. */
export function isEmptyPartial(p: Partial): boolean {
  return p.total.posts === 0;
}

/** Counts one post under `key` of `map` (mutates). */
export function countKey(map: Map<string, Counts>, key: string, label: Label, scoreUnits: number): void {
  let c = map.get(key);
  if (c === undefined) {
    c = zeroCounts();
    map.set(key, c);
  }
  countPost(c, label, scoreUnits);
}

/** into += other, key by key (mutates `into`; `other` is not shared). */
export function addPartial(into: Partial, other: Partial): void {
  addCounts(into.total, other.total);
  for (const field of PARTIAL_FIELDS) {
    const target = into[field];
    for (const [key, c] of other[field]) {
      const existing = target.get(key);
      if (existing === undefined) target.set(key, { ...c });
      else addCounts(existing, c);
    }
  }
}

/**
 * into -= other, key by key; the inverse reduce: `subtractPartial(addPartial(a, b), b)` is `a`.
 * Keys that reach zero posts are deleted.
 */
export function subtractPartial(into: Partial, other: Partial): void {
  subtractCounts(into.total, other.total);
  for (const field of PARTIAL_FIELDS) {
    const target = into[field];
    for (const [key, c] of other[field]) {
      const existing = target.get(key);
      if (existing === undefined) throw new Error(`inverse reduce of a key that is not in the window: ${field} ${key}`);
      subtractCounts(existing, c);
      if (existing.posts === 0) target.delete(key);
    }
  }
}

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
  const entries = (m: Map<string, Counts>) => [...m].map(([k, c]): [string, CountsTuple] => [k, toTuple(c)]);
  return { total: toTuple(p.total), hashtags: entries(p.hashtags), terms: entries(p.terms), keywords: entries(p.keywords) };
}

export function deserializePartial(s: SerializedPartial): Partial {
  const map = (e: [string, CountsTuple][]) => new Map(e.map(([k, t]): [string, Counts] => [k, fromTuple(t)]));
  return { total: fromTuple(s.total), hashtags: map(s.hashtags), terms: map(s.terms), keywords: map(s.keywords) };
}
