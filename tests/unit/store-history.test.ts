import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type Database from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { KeyStats, WindowSnapshot } from '../../lib/stream/snapshot';
import { openDatabase } from '../../server/store/database';
import { DEFAULT_RETENTION_MS, SqliteHistoryStore, snapshotsFromRows } from '../../server/store/historyStore';

const MIN = 60_000;
const DAY = 24 * 60 * MIN;
const T0 = Date.UTC(2024, 4, 1);

function stats(key: string, posts: number, meanScore: number | null = posts ? 0.1234567891 * (posts % 7) - 0.3 : null): KeyStats {
  const unscored = posts % 3 === 0 ? 1 : 0;
  const positive = Math.floor((posts - unscored) / 2);
  const negative = Math.floor((posts - unscored - positive) / 2);
  return { key, posts, positive, negative, neutral: posts - unscored - positive - negative, unscored, meanScore };
}

/** A window ending at `end` (5-minute windows), arrays in emitted order (top-K by posts desc). */
function snap(end: number, extra = 0): WindowSnapshot {
  return {
    start: end - 5 * MIN,
    end,
    total: stats('*', 40 + extra),
    keywords: [stats('zeta', 3 + extra), stats('"launch day"', 5), stats('-sad lang:en', 0, null)],
    hashtags: [stats('#launch', 9 + extra), stats('#ação', 4), stats('#a', 4)],
    terms: [stats('phone', 8), stats('=cmd', 2), stats('amazing', 1)],
  };
}

let dir: string;
let db: Database.Database;

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'moodstream-hist-'));
  db = openDatabase(dir);
});
afterEach(() => {
  db.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('SqliteHistoryStore.put / snapshots', () => {
  it('round-trips snapshots exactly, arrays in the emitted order, means to the last bit', () => {
    const store = new SqliteHistoryStore(db);
    const input = [snap(T0 + MIN), snap(T0 + 2 * MIN, 1)];
    store.put(input);
    expect(store.snapshots()).toEqual(input);
  });

  it('is idempotent: a window written twice is stored once', () => {
    const store = new SqliteHistoryStore(db);
    store.put([snap(T0 + MIN), snap(T0 + 2 * MIN)]);
    store.put([snap(T0 + 2 * MIN), snap(T0 + 3 * MIN)]);
    store.put([snap(T0 + MIN)]);
    expect(store.snapshots()).toEqual([snap(T0 + MIN), snap(T0 + 2 * MIN), snap(T0 + 3 * MIN)]);
    expect(store.query()).toHaveLength(3 * 10);
    expect(store.bounds()).toEqual({ windows: 3, firstEnd: T0 + MIN, lastEnd: T0 + 3 * MIN });
  });

  it('a re-emitted window replaces the whole earlier version, never mixing their top-K rows', () => {
    const store = new SqliteHistoryStore(db);
    store.put([snap(T0 + MIN)]);
    const changed: WindowSnapshot = { ...snap(T0 + MIN), hashtags: [stats('#other', 2)], terms: [] };
    store.put([changed]);
    expect(store.snapshots()).toEqual([changed]);
  });

  it('keeps a snapshot with no keywords, hashtags or terms', () => {
    const store = new SqliteHistoryStore(db);
    const empty: WindowSnapshot = { start: T0, end: T0 + MIN, total: stats('*', 0, null), keywords: [], hashtags: [], terms: [] };
    store.put([empty]);
    expect(store.snapshots()).toEqual([empty]);
  });

  it('put of nothing is a no-op', () => {
    const store = new SqliteHistoryStore(db);
    store.put([]);
    expect(store.bounds()).toEqual({ windows: 0, firstEnd: null, lastEnd: null });
  });
});

describe('SqliteHistoryStore.query', () => {
  it('orders rows by window_end, kind (total, keyword, hashtag, term), then key', () => {
    const store = new SqliteHistoryStore(db);
    store.put([snap(T0 + 2 * MIN), snap(T0 + MIN)]);
    const rows = store.query();
    const firstWindow = rows.filter((r) => r.windowEnd === T0 + MIN).map((r) => `${r.kind}:${r.key}`);
    // Keys compare by code point: '"' < '-' < 'z'; '#a' < '#ação' < '#launch'; '=' < 'a' < 'p'.
    expect(firstWindow).toEqual([
      'total:*',
      'keyword:"launch day"',
      'keyword:-sad lang:en',
      'keyword:zeta',
      'hashtag:#a',
      'hashtag:#ação',
      'hashtag:#launch',
      'term:=cmd',
      'term:amazing',
      'term:phone',
    ]);
    expect(rows.map((r) => r.windowEnd)).toEqual([...Array(10).fill(T0 + MIN), ...Array(10).fill(T0 + 2 * MIN)]);
    expect(rows[0]).toEqual({ windowStart: T0 - 4 * MIN, windowEnd: T0 + MIN, kind: 'total', ...stats('*', 40) });
  });

  it('filters by window end, both bounds inclusive', () => {
    const store = new SqliteHistoryStore(db);
    store.put([1, 2, 3, 4, 5].map((i) => snap(T0 + i * MIN)));
    const ends = (f: Parameters<SqliteHistoryStore['query']>[0]) => [...new Set(store.query(f).map((r) => r.windowEnd))];
    expect(ends({ from: T0 + 2 * MIN, to: T0 + 4 * MIN })).toEqual([2, 3, 4].map((i) => T0 + i * MIN));
    expect(ends({ from: T0 + 2 * MIN + 1 })).toEqual([3, 4, 5].map((i) => T0 + i * MIN));
    expect(ends({ to: T0 + MIN })).toEqual([T0 + MIN]);
    expect(ends({ from: T0 + 6 * MIN })).toEqual([]);
  });

  it('filters by keyword: that keyword (exactly as added) and each window total', () => {
    const store = new SqliteHistoryStore(db);
    store.put([snap(T0 + MIN), snap(T0 + 2 * MIN)]);
    const rows = store.query({ keyword: '"launch day"' });
    expect(rows.map((r) => `${r.windowEnd - T0}:${r.kind}:${r.key}`)).toEqual([
      `${MIN}:total:*`,
      `${MIN}:keyword:"launch day"`,
      `${2 * MIN}:total:*`,
      `${2 * MIN}:keyword:"launch day"`,
    ]);
    expect(store.query({ keyword: '#launch' }).every((r) => r.kind === 'total')).toBe(true);
    expect(store.snapshots({ keyword: 'zeta', to: T0 + MIN })).toEqual([
      { ...snap(T0 + MIN), keywords: [stats('zeta', 3)], hashtags: [], terms: [] },
    ]);
  });

  it('pages through whole windows in query order', () => {
    const store = new SqliteHistoryStore(db);
    store.put([1, 2, 3, 4, 5, 6, 7].map((i) => snap(T0 + i * MIN, i)));
    const filter = { from: T0 + 2 * MIN, to: T0 + 6 * MIN };
    const pages = [...store.pages(filter, 2)];
    expect(pages.map((p) => [...new Set(p.map((r) => (r.windowEnd - T0) / MIN))])).toEqual([[2, 3], [4, 5], [6]]);
    expect(pages.flat()).toEqual(store.query(filter));
    expect([...store.pages({}, 100)].flat()).toEqual(store.query());
    expect([...store.pages({ from: T0 + 100 * MIN })]).toEqual([]);
  });

  it('recent(n) returns the newest n windows, oldest first', () => {
    const store = new SqliteHistoryStore(db);
    store.put([1, 2, 3, 4].map((i) => snap(T0 + i * MIN, i)));
    expect(store.recent(2)).toEqual([snap(T0 + 3 * MIN, 3), snap(T0 + 4 * MIN, 4)]);
    expect(store.recent(10)).toHaveLength(4);
    expect(store.recent(0)).toEqual([]);
  });
});

describe('retention', () => {
  it('defaults to 30 days', () => {
    expect(DEFAULT_RETENTION_MS).toBe(30 * DAY);
  });

  it('keeps windows ending within retentionMs of the newest stored window, on every put', () => {
    const store = new SqliteHistoryStore(db, { retentionMs: 3 * MIN });
    store.put([1, 2, 3].map((i) => snap(T0 + i * MIN)));
    expect(store.bounds()).toEqual({ windows: 3, firstEnd: T0 + MIN, lastEnd: T0 + 3 * MIN });
    store.put([snap(T0 + 5 * MIN)]);
    // Kept: (5 - 3, 5] minutes.
    expect(store.bounds()).toEqual({ windows: 2, firstEnd: T0 + 3 * MIN, lastEnd: T0 + 5 * MIN });
    expect(store.query().every((r) => r.windowEnd > T0 + 2 * MIN)).toBe(true);
  });

  it('counts from the data, not the wall clock: a replay of old posts is kept', () => {
    const store = new SqliteHistoryStore(db);
    const old = Date.UTC(2019, 0, 1);
    store.put([snap(old), snap(old + 10 * DAY), snap(old + 31 * DAY)]);
    expect(store.snapshots().map((s) => s.end)).toEqual([old + 10 * DAY, old + 31 * DAY]);
  });

  it('a late re-put of a window older than the retention does not stay', () => {
    const store = new SqliteHistoryStore(db, { retentionMs: 2 * MIN });
    store.put([snap(T0 + 10 * MIN)]);
    store.put([snap(T0 + MIN)]);
    expect(store.bounds().windows).toBe(1);
  });

  it('null keeps everything; a bad value is refused', () => {
    const store = new SqliteHistoryStore(db, { retentionMs: null });
    store.put([snap(T0), snap(T0 + 1000 * DAY)]);
    expect(store.bounds().windows).toBe(2);
    expect(() => new SqliteHistoryStore(db, { retentionMs: 0 })).toThrow(/retention must be a positive/);
    expect(() => new SqliteHistoryStore(db, { retentionMs: Number.NaN })).toThrow(/retention/);
  });
});

describe('snapshotsFromRows', () => {
  it('gives an all-zero total to a window that has no total row', () => {
    const rows = new SqliteHistoryStore(db).query();
    expect(snapshotsFromRows(rows)).toEqual([]);
    expect(
      snapshotsFromRows([
        { windowStart: 0, windowEnd: 10, kind: 'term', key: 'x', posts: 1, positive: 1, neutral: 0, negative: 0, unscored: 0, meanScore: 0.5 },
      ]),
    ).toEqual([
      {
        start: 0,
        end: 10,
        total: { key: '*', posts: 0, positive: 0, neutral: 0, negative: 0, unscored: 0, meanScore: null },
        keywords: [],
        hashtags: [],
        terms: [{ key: 'x', posts: 1, positive: 1, neutral: 0, negative: 0, unscored: 0, meanScore: 0.5 }],
      },
    ]);
  });
});
