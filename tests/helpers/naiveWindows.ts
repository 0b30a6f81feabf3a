import type { Analyzer } from '../../lib/nlp/analysis';
import type { Post } from '../../lib/post';
import { matchQuery, parseQuery } from '../../lib/query';
import type { KeyStats, WindowSnapshot } from '../../lib/stream/snapshot';
import { SCORE_SCALE } from '../../lib/stream/counts';

export interface NaiveOptions {
  batchMs: number;
  windowMs: number;
  slideMs: number;
  latenessMs: number;
  topK: number;
  keywords: string[];
  analyzer: Analyzer;
}

/**
 * Recomputes every window from scratch, post by post, with none of the engine's machinery:
 * the reference the incremental windows are checked against. Posts arrive one at a time in the
 * given order; a post is late when its batch ended at or before the newest accepted event time
 * less the lateness. Windows run from the first slide boundary after the first accepted post to
 * the first after the last one (what `flush` emits).
 */
export function naiveWindows(posts: Post[], o: NaiveOptions): { windows: WindowSnapshot[]; late: number } {
  const accepted: Post[] = [];
  let limit = -Infinity;
  let late = 0;
  for (const p of posts) {
    const start = Math.floor(p.createdAt / o.batchMs) * o.batchMs;
    if (start + o.batchMs <= limit) {
      late++;
      continue;
    }
    accepted.push(p);
    limit = Math.max(limit, p.createdAt - o.latenessMs);
  }
  if (accepted.length === 0) return { windows: [], late };
  const times = accepted.map((p) => p.createdAt);
  const first = (Math.floor(Math.min(...times) / o.slideMs) + 1) * o.slideMs;
  const last = (Math.floor(Math.max(...times) / o.slideMs) + 1) * o.slideMs;
  const queries = o.keywords.map((k) => {
    const r = parseQuery(k);
    if (!r.ok) throw new Error(r.error);
    return r.query;
  });
  const analyses = accepted.map((p) => ({ p, a: o.analyzer.analyze(p) }));
  const windows: WindowSnapshot[] = [];
  for (let end = first; end <= last; end += o.slideMs) {
    const inside = analyses.filter(({ p }) => p.createdAt >= end - o.windowMs && p.createdAt < end);
    const stats = (key: string, rows: typeof inside): KeyStats => {
      const scored = rows.filter(({ a }) => a.label !== 'unscored');
      const units = scored.reduce((s, { a }) => s + Math.round(a.score * SCORE_SCALE), 0);
      return {
        key,
        posts: rows.length,
        positive: rows.filter(({ a }) => a.label === 'positive').length,
        neutral: rows.filter(({ a }) => a.label === 'neutral').length,
        negative: rows.filter(({ a }) => a.label === 'negative').length,
        unscored: rows.length - scored.length,
        meanScore: scored.length ? units / SCORE_SCALE / scored.length : null,
      };
    };
    const byKey = (keysOf: (a: (typeof inside)[number]['a']) => string[]) => {
      const keys = new Set(inside.flatMap(({ a }) => keysOf(a)));
      return [...keys]
        .map((k) => stats(k, inside.filter(({ a }) => keysOf(a).includes(k))))
        .sort((x, y) => y.posts - x.posts || (x.key < y.key ? -1 : x.key > y.key ? 1 : 0))
        .slice(0, o.topK);
    };
    windows.push({
      start: end - o.windowMs,
      end,
      total: stats('*', inside),
      keywords: o.keywords.map((k, i) =>
        stats(k, inside.filter(({ p, a }) =>
          matchQuery(queries[i]!, { words: a.words, hashtags: a.hashtags, mentions: a.mentions, lang: p.lang ?? a.lang })))),
      hashtags: byKey((a) => a.hashtags),
      terms: byKey((a) => a.terms),
    });
  }
  return { windows, late };
}
