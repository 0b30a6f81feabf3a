import type { Counts } from './counts';

/**
 * The k keys with the most posts, ties broken by key (ascending), so a snapshot is deterministic.
 * One pass with a small sorted buffer: O(n log k)-ish for the k of a dashboard, no full sort.
 */
export function topK(map: ReadonlyMap<string, Counts>, k: number): [string, Counts][] {
  if (k <= 0) return [];
  const best: [string, Counts][] = [];
  for (const entry of map) {
    if (best.length === k) {
      if (!ranksBefore(entry, best[k - 1] as [string, Counts])) continue;
      best.pop();
    }
    let i = best.length;
    while (i > 0 && ranksBefore(entry, best[i - 1] as [string, Counts])) i--;
    best.splice(i, 0, entry);
  }
  return best;
}

function ranksBefore(a: [string, Counts], b: [string, Counts]): boolean {
  return a[1].posts > b[1].posts || (a[1].posts === b[1].posts && a[0] < b[0]);
}
