import type { Counts } from './counts';

/**
 * The k keys with the most posts, ties broken by key (ascending), so a snapshot is deterministic.
 * One pass with a small sorted buffer: O(n log k)-ish for the k of a dashboard, no full sort.
 */
export function topK(map: ReadonlyMap<string, Counts>, k: number): [string, Counts][] {
  if (k <= 0) return [];
  const best: [string, Counts][] = [];
  // Posts of the k-th best once there are k: most keys of a window have fewer, and are settled by
  // one comparison (a snapshot ranks every key of the window, twice a slide).
  let floor = -1;
  // forEach passes key and value without an entry array per key; an entry is made only for a key that ranks.
  map.forEach((c, key) => {
    if (c.posts < floor) return;
    if (best.length === k) {
      if (!ranksBefore(key, c, best[k - 1] as [string, Counts])) return;
      best.pop();
    }
    // Shifted by hand: splice would allocate an array of the (no) removed entries on every insert.
    let i = best.length;
    for (; i > 0 && ranksBefore(key, c, best[i - 1] as [string, Counts]); i--) best[i] = best[i - 1] as [string, Counts];
    best[i] = [key, c];
    if (best.length === k) floor = (best[k - 1] as [string, Counts])[1].posts;
  });
  return best;
}

function ranksBefore(key: string, c: Counts, [otherKey, other]: [string, Counts]): boolean {
  return c.posts > other.posts || (c.posts === other.posts && key < otherKey);
}
