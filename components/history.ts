import type { KeyStats, WindowSnapshot } from '../lib/stream/snapshot';

/** Past ranges the charts can show instead of the live stream, ms back from the newest window. */
export const HISTORY_RANGES = [
  { key: '15m', label: '15 min', ms: 15 * 60_000 },
  { key: '1h', label: '1 h', ms: 60 * 60_000 },
  { key: '6h', label: '6 h', ms: 6 * 60 * 60_000 },
] as const;

export type HistoryRangeKey = (typeof HISTORY_RANGES)[number]['key'];

/** Most windows drawn for a past range; longer ranges show every n-th window. */
export const MAX_HISTORY_POINTS = 240;

/** `/api/history` for a range, as JSON, limited to one keyword's rows (plus the totals). */
function historyUrl(from: number, to: number, keyword: string, format: 'json' | 'csv' = 'json'): string {
  const params = new URLSearchParams({ from: new Date(from).toISOString(), to: new Date(to).toISOString(), format });
  if (keyword) params.set('keyword', keyword);
  return `/api/history?${params}`;
}

/** The CSV download of the stored windows in a range (every row kind). */
export function historyCsvUrl(from: number, to: number): string {
  return historyUrl(from, to, '', 'csv');
}

/** Every n-th window counted back from the newest, so at most `max` remain and the newest is kept. */
export function thin(windows: WindowSnapshot[], max: number): WindowSnapshot[] {
  if (windows.length <= max) return windows;
  const step = Math.ceil(windows.length / max);
  const out: WindowSnapshot[] = [];
  for (let i = windows.length - 1; i >= 0; i -= step) out.push(windows[i] as WindowSnapshot);
  return out.reverse();
}

async function fetchWindows(url: string, signal: AbortSignal): Promise<WindowSnapshot[]> {
  const res = await fetch(url, { signal });
  if (!res.ok) {
    const body = (await res.json().catch(() => null)) as { error?: string } | null;
    throw new Error(body?.error ?? `the server answered ${res.status}`);
  }
  return (await res.json()) as WindowSnapshot[];
}

/**
 * The stored windows with `from <= end <= to`: totals and the tracked queries' rows (one request
 * per query, so the hashtag and term rows of thousands of windows are not downloaded), thinned
 * to at most MAX_HISTORY_POINTS.
 */
export async function loadHistory(from: number, to: number, tracked: string[], signal: AbortSignal): Promise<WindowSnapshot[]> {
  // `*` is the total's key and never a tracked query: it brings each window's total alone.
  const keys = tracked.length > 0 ? tracked : ['*'];
  const parts = await Promise.all(keys.map((k) => fetchWindows(historyUrl(from, to, k), signal)));
  const byEnd = new Map<number, WindowSnapshot>();
  for (const part of parts) {
    for (const w of part) {
      const seen = byEnd.get(w.end);
      const keywords: KeyStats[] = w.keywords.filter((k) => tracked.includes(k.key));
      if (seen) seen.keywords.push(...keywords);
      else byEnd.set(w.end, { ...w, keywords, hashtags: [], terms: [] });
    }
  }
  const windows = [...byEnd.values()].sort((a, b) => a.end - b.end);
  return thin(windows, MAX_HISTORY_POINTS);
}
