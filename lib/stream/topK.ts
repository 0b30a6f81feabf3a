import type { Counts } from './counts';

/** Counts under a key, as a window's key table keeps them. */
export interface KeyedRow extends Counts {
  readonly key: string;
}

/**
 * The k rows with the most posts, ties broken by key (ascending), so a snapshot is deterministic
 * whatever the order of `rows`. One pass with a small sorted buffer: O(n log k)-ish for the k of a
 * dashboard, no full sort. An array rather than a Map: a snapshot ranks every key of the window,
 * twice a slide, and a Map's iteration costs several times the comparison that settles most keys.
 */
export function topK<R extends KeyedRow>(rows: readonly R[], k: number): R[] {
  if (k <= 0) return [];
  const best: R[] = [];
  // Posts of the k-th best once there are k: most keys of a window have fewer, and are settled by
  // one comparison.
  let floor = -1;
  for (let j = 0; j < rows.length; j++) {
    const r = rows[j] as R;
    if (r.posts < floor) continue;
    if (best.length === k) {
      if (!ranksBefore(r, best[k - 1] as R)) continue;
      best.pop();
    }
    // Shifted by hand: splice would allocate an array of the (no) removed entries on every insert.
    let i = best.length;
    for (; i > 0 && ranksBefore(r, best[i - 1] as R); i--) best[i] = best[i - 1] as R;
    best[i] = r;
    if (best.length === k) floor = (best[k - 1] as R).posts;
  }
  return best;
}

function ranksBefore(a: KeyedRow, b: KeyedRow): boolean {
  return a.posts > b.posts || (a.posts === b.posts && a.key < b.key);
}
