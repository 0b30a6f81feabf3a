import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CSV_HEADER, parseCsv, rowsToCsv, snapshotRows } from '../../lib/csv';
import type { KeyStats, WindowSnapshot } from '../../lib/stream/snapshot';
import { handleHistory } from '../../server/http/history';
import { openDataStore, type DataStore } from '../../server/store/dataStore';
import { openDatabase } from '../../server/store/database';
import { SqliteHistoryStore } from '../../server/store/historyStore';

const MIN = 60_000;
const T0 = Date.UTC(2024, 4, 1, 12);

function stats(key: string, posts: number): KeyStats {
  return { key, posts, positive: posts, neutral: 0, negative: 0, unscored: 0, meanScore: posts ? 1 / 3 : null };
}

function snap(i: number): WindowSnapshot {
  return {
    start: T0 + i * MIN - 5 * MIN,
    end: T0 + i * MIN,
    total: stats('*', 10 + i),
    keywords: [stats('tesla OR #launch', i), stats('"big day"', 1)],
    // Emitted top-K order (by posts), which is not key order.
    hashtags: [stats('#zed', 5 + i), stats('#alpha', 2)],
    terms: [stats('=1+1', 1), stats('battery, "life"', 3)],
  };
}

let dir: string;
let store: DataStore;
let server: Server;
let base: string;
let broken: SqliteHistoryStore;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'moodstream-http-'));
  store = openDataStore(dir);
  store.history.put([1, 2, 3, 4, 5].map(snap));
  // A store whose database is closed fails on its first read, as a broken database would.
  const closed = openDatabase(join(dir, 'broken'));
  broken = new SqliteHistoryStore(closed);
  closed.close();
  server = createServer((req, res) => {
    if (req.url?.startsWith('/broken')) void handleHistory(req, res, broken);
    else if (req.url?.startsWith('/api/history')) void handleHistory(req, res, store.history, { windowsPerPage: 2 });
    else res.writeHead(404).end();
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}/api/history`;
});

afterAll(async () => {
  await new Promise<void>((resolve) => server.close(() => resolve()));
  store.close();
  rmSync(dir, { recursive: true, force: true });
});

/** The same windows with each kind's entries sorted by key: the history CSV's row order. */
function keyOrdered(s: WindowSnapshot): WindowSnapshot {
  const byKey = (a: KeyStats, b: KeyStats) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0);
  return { ...s, keywords: [...s.keywords].sort(byKey), hashtags: [...s.hashtags].sort(byKey), terms: [...s.terms].sort(byKey) };
}

describe('GET /api/history', () => {
  it('json (default): all windows as snapshots, in emitted order, across pages', async () => {
    const res = await fetch(base);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('application/json; charset=utf-8');
    expect(await res.json()).toEqual([1, 2, 3, 4, 5].map(snap));
  });

  it('json: an empty range is an empty array', async () => {
    const res = await fetch(`${base}?from=${T0 + 100 * MIN}`);
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual([]);
  });

  it('csv: exactly the CSV snapshot format, ordered by window_end, kind, key', async () => {
    const res = await fetch(`${base}?format=csv`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('text/csv; charset=utf-8');
    expect(res.headers.get('content-disposition')).toMatch(/attachment; filename=".*\.csv"/);
    const text = await res.text();
    const expected = CSV_HEADER + '\r\n' + rowsToCsv([1, 2, 3, 4, 5].map(snap).map(keyOrdered).flatMap(snapshotRows));
    expect(text).toBe(expected);
    const rows = parseCsv(text);
    expect(rows[0]!.join(',')).toBe(CSV_HEADER);
    expect(rows.slice(1, 8).map((r) => `${r[2]}:${r[3]}`)).toEqual([
      'total:*',
      'keyword:"big day"',
      'keyword:tesla OR #launch',
      'hashtag:#alpha',
      'hashtag:#zed',
      "term:'=1+1",
      'term:battery, "life"',
    ]);
  });

  it('csv of an empty range is the header alone', async () => {
    const res = await fetch(`${base}?format=csv&to=0`);
    expect(await res.text()).toBe(CSV_HEADER + '\r\n');
  });

  it('filters by from/to (ISO-8601 or epoch ms, inclusive on window end) and keyword', async () => {
    const iso = new Date(T0 + 2 * MIN).toISOString();
    const res = await fetch(`${base}?from=${encodeURIComponent(iso)}&to=${T0 + 4 * MIN}&keyword=${encodeURIComponent('tesla OR #launch')}`);
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual(
      [2, 3, 4].map((i) => ({ ...snap(i), keywords: [stats('tesla OR #launch', i)], hashtags: [], terms: [] })),
    );
  });

  it('reads an unencoded + zone offset (decoded as a space) as +', async () => {
    const res = await fetch(`${base}?from=2024-05-01T14:03:00+02:00&to=2024-05-01T14:03:00+02:00`);
    expect((await res.json()).map((s: WindowSnapshot) => s.end)).toEqual([T0 + 3 * MIN]);
  });

  it.each([
    ['from=yesterday', /^from must be epoch milliseconds or ISO-8601/],
    ['to=2024-02-30', /^to is not a valid date/],
    [`from=${T0 + 3 * MIN}&to=${T0}`, /^from \(.*\) is after to/],
    ['format=xml', /^format must be json or csv \(got "xml"\)/],
    ['keyword=', /^keyword must not be empty/],
    ['frm=1', /^unknown parameter "frm"/],
    ['from=1&from=2', /^parameter "from" is given more than once/],
  ])('400 for %s', async (query, message) => {
    const res = await fetch(`${base}?${query}`);
    expect(res.status).toBe(400);
    expect(res.headers.get('content-type')).toBe('application/json; charset=utf-8');
    expect((await res.json()).error).toMatch(message);
  });

  it('a client that goes away mid-download does not disturb the server', async () => {
    const big = openDataStore(join(dir, 'big'));
    try {
      big.history.put(Array.from({ length: 3000 }, (_, i) => snap(i + 10)));
      const bigServer = createServer((req, res) => void handleHistory(req, res, big.history, { windowsPerPage: 50 }));
      await new Promise<void>((resolve) => bigServer.listen(0, '127.0.0.1', resolve));
      const url = `http://127.0.0.1:${(bigServer.address() as AddressInfo).port}/api/history?format=csv`;
      const abort = new AbortController();
      const res = await fetch(url, { signal: abort.signal });
      const reader = res.body!.getReader();
      expect((await reader.read()).done).toBe(false);
      abort.abort();
      const full = await fetch(url);
      expect((await full.text()).split('\r\n')).toHaveLength(1 + 3000 * 7 + 1);
      await new Promise<void>((resolve) => bigServer.close(() => resolve()));
    } finally {
      big.close();
    }
  });

  it('500 with a chosen message when the database fails', async () => {
    const res = await fetch(base.replace('/api/history', '/broken?format=csv'));
    expect(res.status).toBe(500);
    expect(await res.json()).toEqual({ error: 'history is unavailable' });
  });

  it('405 for a method other than GET or HEAD; HEAD sends headers only', async () => {
    const post = await fetch(base, { method: 'POST' });
    expect(post.status).toBe(405);
    expect(post.headers.get('allow')).toBe('GET, HEAD');
    const head = await fetch(`${base}?format=csv`, { method: 'HEAD' });
    expect(head.status).toBe(200);
    expect(head.headers.get('content-type')).toBe('text/csv; charset=utf-8');
    expect(await head.text()).toBe('');
  });
});
