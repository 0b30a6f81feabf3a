import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createServer } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { io as connect, type Socket } from 'socket.io-client';
import { afterEach, describe, expect, it } from 'vitest';
import {
  MAX_MESSAGE_BYTES,
  MAX_REQUESTS_PER_SECOND,
  type Ack,
  type BatchProcessed,
  type ClientToServerEvents,
  type ServerToClientEvents,
  type StateSnapshot,
  type WindowExplanation,
} from '../../lib/contract';
import { CSV_HEADER, parseCsv } from '../../lib/csv';
import type { WindowSnapshot } from '../../lib/stream/snapshot';
import { SAMPLE_POSTS, createApplication, type Application } from '../../server/app';
import { parseConfig, type ServerConfig } from '../../server/config';
import { createParts } from '../../server/index';
import { createLogger } from '../../server/logger';

type Client = Socket<ServerToClientEvents, ClientToServerEvents>;

const FIXTURE = join('tests', 'fixtures', 'dashboard-posts.jsonl');
const WINDOW_MS = 10_000;
const SLIDE_MS = 5000;

interface FixturePost {
  id: string;
  text: string;
  created_at: number;
}
const posts: FixturePost[] = readFileSync(FIXTURE, 'utf8')
  .split('\n')
  .filter((l) => l.trim() !== '')
  .map((l) => JSON.parse(l) as FixturePost);

/**
 * The windows the fixture must produce, computed here from the raw lines and not by the engine:
 * one per slide boundary from the first after the first post to the first after the last, each
 * counting the posts with end - window <= createdAt < end, and per hashtag the posts whose text
 * has it.
 */
function expectedWindows(): { end: number; posts: number; launch: number; coffee: number }[] {
  const times = posts.map((p) => p.created_at);
  const first = Math.floor(Math.min(...times) / SLIDE_MS) * SLIDE_MS + SLIDE_MS;
  const last = Math.floor(Math.max(...times) / SLIDE_MS) * SLIDE_MS + SLIDE_MS;
  const out = [];
  for (let end = first; end <= last; end += SLIDE_MS) {
    const inside = posts.filter((p) => p.created_at >= end - WINDOW_MS && p.created_at < end);
    out.push({
      end,
      posts: inside.length,
      launch: inside.filter((p) => /#launch\b/i.test(p.text)).length,
      coffee: inside.filter((p) => /#coffee\b/i.test(p.text)).length,
    });
  }
  return out;
}

const silent = createLogger('test', { level: 'silent' });
const cleanups: (() => Promise<void> | void)[] = [];

afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
});

function tempDir(): string {
  const dir = mkdtempSync(join(tmpdir(), 'moodstream-server-'));
  cleanups.push(() => rmSync(dir, { recursive: true, force: true }));
  return dir;
}

function config(dataDir: string, extra: string[] = [], env: Record<string, string> = {}): ServerConfig {
  return parseConfig(
    ['--source', 'replay', '--file', FIXTURE, '--batch', '1s', '--window', '10s', '--slide', '5s', '--data-dir', dataDir, ...extra],
    env,
  );
}

/** The real server on port 0, closed after the test. */
async function start(cfg: ServerConfig): Promise<Application> {
  const parts = createParts(cfg, silent);
  const app = await createApplication(createServer(), { ...parts, logger: silent }, {
    settings: { batchMs: cfg.batchMs, windowMs: cfg.windowMs, slideMs: cfg.slideMs, topK: cfg.topK },
    maxKeywords: cfg.maxKeywords,
    controlToken: cfg.controlToken,
    allowedOrigins: cfg.allowedOrigins,
    port: 0,
    host: '127.0.0.1',
  });
  cleanups.push(() => app.close());
  return app;
}

/** A connected client whose state:snapshot has arrived, closed after the test. */
async function client(
  app: Application, auth: Record<string, string> = {}, headers: Record<string, string> = {},
): Promise<{ socket: Client; snapshot: StateSnapshot }> {
  const socket: Client = connect(app.url, { transports: ['websocket'], auth, reconnection: false, forceNew: true, extraHeaders: headers });
  cleanups.push(() => {
    socket.disconnect();
  });
  const snapshot = await new Promise<StateSnapshot>((resolve, reject) => {
    socket.once('state:snapshot', resolve);
    socket.once('connect_error', reject);
  });
  return { socket, snapshot };
}

function request(socket: Client, event: 'track:add' | 'track:remove', query: unknown): Promise<Ack<string[]>> {
  return new Promise((resolve) => socket.emit(event, query as string, resolve));
}

function explainWindow(socket: Client, end: unknown): Promise<Ack<WindowExplanation>> {
  return new Promise((resolve) => socket.emit('window:explain', end as number, resolve));
}

/** Resolves when the source has replayed the whole fixture. */
function replayEnded(socket: Client): Promise<void> {
  return new Promise((resolve) => socket.on('source:status', (s) => s.state === 'ended' && resolve()));
}

/** Resolves once `check` holds, polling every few milliseconds (pushes may trail an event by one interval). */
async function waitFor(check: () => boolean): Promise<void> {
  while (!check()) await new Promise((r) => setTimeout(r, 20));
}

/** Collects window:updated pushes until `done` says the list is complete. */
function collectWindows(socket: Client, done: (ws: WindowSnapshot[]) => boolean): Promise<WindowSnapshot[]> {
  const seen: WindowSnapshot[] = [];
  return new Promise((resolve) => {
    const onWindow = (w: WindowSnapshot) => {
      seen.push(w);
      if (done(seen)) {
        socket.off('window:updated', onWindow);
        resolve(seen);
      }
    };
    socket.on('window:updated', onWindow);
  });
}

describe('dashboard server', () => {
  it('pushes one window per slide with the fixture counts to every socket', async () => {
    const app = await start(config(tempDir(), ['--speed', '20']));
    const a = await client(app);
    const b = await client(app);
    expect(a.snapshot.windows).toEqual([]);
    expect(a.snapshot.settings).toMatchObject({ batchMs: 1000, windowMs: WINDOW_MS, slideMs: SLIDE_MS, maxKeywords: 50 });

    const expected = expectedWindows();
    const lastEnd = expected.at(-1)?.end;
    const gotA = collectWindows(a.socket, (ws) => ws.at(-1)?.end === lastEnd);
    const gotB = collectWindows(b.socket, (ws) => ws.at(-1)?.end === lastEnd);
    app.start();
    const [windowsA, windowsB] = await Promise.all([gotA, gotB]);

    const shape = (ws: WindowSnapshot[]) =>
      ws.map((w) => ({
        end: w.end,
        posts: w.total.posts,
        launch: w.hashtags.find((h) => h.key === '#launch')?.posts ?? 0,
        coffee: w.hashtags.find((h) => h.key === '#coffee')?.posts ?? 0,
      }));
    expect(shape(windowsA)).toEqual(expected);
    expect(windowsB).toEqual(windowsA);
    for (const w of windowsA) {
      expect(w.start).toBe(w.end - WINDOW_MS);
      const t = w.total;
      expect(t.positive + t.neutral + t.negative + t.unscored).toBe(t.posts);
    }
    // The German post has no lexicon: counted as unscored, never scored as English.
    expect(windowsA.some((w) => w.total.unscored > 0)).toBe(true);
  });

  it('shares a tracked query: both sockets hear tracked:changed and later windows count it', async () => {
    const dataDir = tempDir();
    const app = await start(config(dataDir, ['--speed', '20', '--loop']));
    const a = await client(app);
    const b = await client(app);
    const firstWindow = collectWindows(a.socket, (ws) => ws.length >= 1);
    app.start();
    await firstWindow;

    const heardA = new Promise<string[]>((resolve) => a.socket.once('tracked:changed', resolve));
    const heardB = new Promise<string[]>((resolve) => b.socket.once('tracked:changed', resolve));
    const ack = await request(a.socket, 'track:add', '  #launch  ');
    expect(ack).toEqual({ data: ['#launch'] });
    expect(await heardA).toEqual(['#launch']);
    expect(await heardB).toEqual(['#launch']);

    // The query counts from the next batch on: a window whose every batch closed after the ack
    // must count exactly the posts with the hashtag.
    const ackedAt = (await collectWindows(b.socket, () => true))[0]?.end ?? 0;
    const later = await collectWindows(b.socket, (ws) => (ws.at(-1)?.start ?? 0) >= ackedAt + SLIDE_MS);
    const w = later.at(-1) as WindowSnapshot;
    const keyword = w.keywords.find((k) => k.key === '#launch');
    expect(keyword).toBeDefined();
    expect(keyword?.posts).toBe(w.hashtags.find((h) => h.key === '#launch')?.posts);
    expect(keyword?.posts).toBeGreaterThan(0);

    // Removal is shared the same way.
    const heardRemove = new Promise<string[]>((resolve) => b.socket.once('tracked:changed', resolve));
    expect(await request(a.socket, 'track:remove', '#launch')).toEqual({ data: [] });
    expect(await heardRemove).toEqual([]);
    await request(a.socket, 'track:add', 'coffee OR "heavy rain"');
    await app.close();

    // The tracked set and the charts' history outlive the process.
    const again = await start(config(dataDir, ['--speed', 'max']));
    const restarted = (await client(again)).snapshot;
    expect(restarted.tracked).toEqual(['coffee OR "heavy rain"']);
    expect(restarted.windows.length).toBeGreaterThan(1);
    expect(restarted.windows.map((x) => x.end)).toContain(w.end);
  });

  it('resumes from its checkpoint after a restart, and refuses a second server on the same data directory', async () => {
    const dataDir = tempDir();
    const expected = expectedWindows();
    const shape = (w: WindowSnapshot) => ({ end: w.end, posts: w.total.posts });
    const first = await start(config(dataDir, ['--speed', '10']));
    await expect(start(config(dataDir))).rejects.toThrow(/lock|another|running|held/i);
    const a = await client(first);
    const early = collectWindows(a.socket, (ws) => ws.length >= 3);
    first.start();
    const before = await early;
    await first.close();

    const second = await start(config(dataDir, ['--speed', 'max']));
    const b = await client(second);
    const rest = collectWindows(b.socket, (ws) => ws.at(-1)?.end === expected.at(-1)?.end);
    second.start();
    const after = await rest;
    // Windows after the checkpoint may come again (identical); together they are the whole run.
    const byEnd = new Map([...before, ...after].map((w) => [w.end, shape(w)]));
    expect([...byEnd.values()].sort((x, y) => x.end - y.end)).toEqual(expected.map((w) => ({ end: w.end, posts: w.posts })));
    expect(after.length).toBeLessThan(expected.length);
    expect(after.every((w) => expected.some((e) => e.end === w.end && e.posts === w.total.posts))).toBe(true);
  });

  it('coalesces fast batches and bounds the post sample without losing counts', async () => {
    // 100 ms batches at full speed: hundreds of batches arrive within a few milliseconds.
    const app = await start(config(tempDir(), ['--speed', 'max', '--batch', '100ms']));
    const { socket } = await client(app);
    const pushes: BatchProcessed[] = [];
    const samples: number[] = [];
    socket.on('batch:processed', (b) => pushes.push(b));
    socket.on('posts:sampled', (p) => samples.push(p.length));
    const ended = new Promise<void>((resolve) => socket.on('source:status', (s) => s.state === 'ended' && resolve()));
    app.start();
    await ended;
    // Batches that hold posts (the engine reports no empty ones): one per distinct 100 ms slot.
    const batches = new Set(posts.map((p) => Math.floor(p.created_at / 100))).size;
    await waitFor(() => pushes.reduce((n, b) => n + b.batches, 0) >= batches);

    expect(pushes.reduce((n, b) => n + b.batches, 0)).toBe(batches);
    expect(pushes.length).toBeLessThan(batches / 4);
    expect(pushes.reduce((n, b) => n + b.posts, 0)).toBe(posts.length);
    for (let i = 1; i < pushes.length; i++) expect(pushes[i]!.start).toBeGreaterThanOrEqual(pushes[i - 1]!.end);
    expect(samples.length).toBeGreaterThan(0);
    expect(Math.max(...samples)).toBeLessThanOrEqual(SAMPLE_POSTS);
  });

  it('refuses invalid, oversized and excess requests with error acknowledgements and changes nothing', async () => {
    const app = await start(config(tempDir(), ['--max-keywords', '3']));
    const a = await client(app);
    const b = await client(app);
    let broadcasts = 0;
    b.socket.on('tracked:changed', () => broadcasts++);

    const syntax = await request(a.socket, 'track:add', 'tesla OR');
    expect(syntax).toMatchObject({ error: expect.any(String), position: expect.any(Number) });
    expect(await request(a.socket, 'track:add', '"unclosed')).toMatchObject({ error: expect.stringMatching(/quote/i), position: 0 });
    expect(await request(a.socket, 'track:add', 'x'.repeat(129))).toEqual({ error: expect.stringMatching(/128/) });
    expect(await request(a.socket, 'track:add', '   ')).toEqual({ error: expect.stringMatching(/empty/) });
    expect(await request(a.socket, 'track:add', 42)).toEqual({ error: expect.stringMatching(/string/) });
    expect(await request(a.socket, 'track:add', { $gt: '' })).toEqual({ error: expect.stringMatching(/string/) });
    expect(await request(a.socket, 'track:remove', 'never added')).toEqual({ error: expect.stringMatching(/not tracked/) });

    // Within the per-second budget: three fit, the fourth exceeds MAX_KEYWORDS, a duplicate is refused.
    await new Promise((r) => setTimeout(r, 1100));
    for (const q of ['alpha', 'beta', 'gamma']) expect(await request(a.socket, 'track:add', q)).toHaveProperty('data');
    expect(await request(a.socket, 'track:add', 'delta')).toEqual({ error: expect.stringMatching(/At most 3/) });
    expect(await request(a.socket, 'track:add', 'alpha')).toEqual({ error: expect.stringMatching(/already tracked/) });
    expect(broadcasts).toBe(3);

    // A burst beyond the per-socket rate limit gets error acks for the excess.
    await new Promise((r) => setTimeout(r, 1100));
    const burst = await Promise.all(Array.from({ length: MAX_REQUESTS_PER_SECOND + 5 }, () => request(a.socket, 'track:remove', 'nope')));
    const limited = burst.filter((r) => 'error' in r && /Too many requests/.test(r.error));
    expect(limited.length).toBeGreaterThanOrEqual(5);

    // A request without an acknowledgement callback is handled and does not crash the server.
    (a.socket as unknown as { emit(event: string, ...args: unknown[]): void }).emit('track:add', 'no-ack');

    // Larger than maxHttpBufferSize: refused at the connection level, before any handler runs.
    const big = await client(app);
    const dropped = new Promise<string>((resolve) => big.socket.once('disconnect', resolve));
    big.socket.emit('track:add', 'y'.repeat(MAX_MESSAGE_BYTES + 100), () => {});
    expect(await dropped).toMatch(/transport/);

    const late = await client(app);
    expect(late.snapshot.tracked).toEqual(['alpha', 'beta', 'gamma']);
    expect(broadcasts).toBe(3);
  });

  it('needs the control token for track requests when one is configured', async () => {
    const app = await start(config(tempDir(), [], { CONTROL_TOKEN: 's3cret' }));
    const anonymous = await client(app);
    expect(anonymous.snapshot.canControl).toBe(false);
    expect(anonymous.snapshot.settings.controlRequired).toBe(true);
    expect(await request(anonymous.socket, 'track:add', 'tesla')).toEqual({ error: expect.stringMatching(/read-only/) });
    const wrong = await client(app, { token: 's3creT' });
    expect(await request(wrong.socket, 'track:add', 'tesla')).toHaveProperty('error');
    const admin = await client(app, { token: 's3cret' });
    expect(admin.snapshot.canControl).toBe(true);
    expect(await request(admin.socket, 'track:add', 'tesla')).toEqual({ data: ['tesla'] });
  });

  it("refuses sockets from another site's pages unless their origin is allowed", async () => {
    const app = await start(config(tempDir(), [], { ALLOWED_ORIGINS: 'https://ops.example' }));
    const own = new URL(app.url).host;
    await expect(client(app, {}, { Origin: 'https://evil.example' })).rejects.toThrow();
    await expect(client(app, {}, { Origin: `http://${own}` })).resolves.toHaveProperty('snapshot');
    await expect(client(app, {}, { Origin: 'https://ops.example' })).resolves.toHaveProperty('snapshot');
    // Not a browser: no Origin header at all.
    await expect(client(app)).resolves.toHaveProperty('snapshot');
    // DNS rebinding: an attacker's name pointed at this server makes Origin and Host agree.
    const port = new URL(app.url).port;
    await expect(client(app, {}, { Origin: `http://evil.example:${port}`, Host: `evil.example:${port}` })).rejects.toThrow();
  });

  it('gives a late-joining socket the window history at once, and exports it as CSV', async () => {
    const cfg = config(tempDir(), ['--speed', 'max', '--track', '#coffee']);
    const app = await start(cfg);
    const expected = expectedWindows();
    const watcher = await client(app);
    const all = new Promise<void>((resolve) =>
      watcher.socket.on('source:status', (s) => {
        if (s.state === 'ended') resolve();
      }),
    );
    app.start();
    await all;

    const late = await client(app);
    const { windows } = late.snapshot;
    expect(windows.map((w) => [w.end, w.total.posts])).toEqual(expected.map((w) => [w.end, w.posts]));
    expect(windows.at(-1)?.keywords.map((k) => k.key)).toEqual(['#coffee']);
    expect(windows.at(-1)?.keywords[0]?.posts).toBe(expected.at(-1)?.coffee);
    expect(late.snapshot.tracked).toEqual(['#coffee']);
    expect(late.snapshot.status).toMatchObject({ kind: 'replay', state: 'ended' });
    expect(late.snapshot.posts.length).toBeGreaterThan(0);
    // The feed's sample is newest first.
    const times = late.snapshot.posts.map((p) => p.createdAt);
    expect([...times].sort((x, y) => y - x)).toEqual(times);

    const res = await fetch(`${app.url}/api/export?last=3`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('text/csv; charset=utf-8');
    expect(res.headers.get('content-disposition')).toMatch(/^attachment; filename="moodstream-\d{4}-\d{2}-\d{2}T[\d-]+Z\.csv"$/);
    const bytes = new Uint8Array(await res.arrayBuffer());
    expect([...bytes.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const rows = parseCsv(new TextDecoder().decode(bytes));
    expect(rows[0]).toEqual(CSV_HEADER.split(','));
    const lastThree = windows.slice(-3);
    const totals = rows.filter((r) => r[2] === 'total');
    expect(totals.map((r) => [Date.parse(r[1] as string), Number(r[4])])).toEqual(lastThree.map((w) => [w.end, w.total.posts]));
    const keywordRows = rows.filter((r) => r[2] === 'keyword');
    expect(keywordRows.map((r) => r[3])).toEqual(['#coffee', '#coffee', '#coffee']);

    const one = parseCsv(await (await fetch(`${app.url}/api/export`)).text());
    expect(one.filter((r) => r[2] === 'total')).toHaveLength(1);
    for (const bad of ['0', 'abc', '1001', '-1', '2.5', '']) {
      const r = await fetch(`${app.url}/api/export?last=${bad}`);
      expect(r.status).toBe(400);
      expect(await r.text()).toMatch(/"last" must be a whole number of windows from 1 to 1000/);
    }
    expect((await fetch(`${app.url}/api/export`, { method: 'POST' })).status).toBe(405);
  });

  it('explains a pushed window from its explained posts, and refuses bad, unknown and expired windows', async () => {
    const dataDir = tempDir();
    const app = await start(config(dataDir, ['--speed', 'max']));
    const watcher = await client(app);
    const ended = replayEnded(watcher.socket);
    // Asked as soon as the window is pushed: its explained posts are already kept.
    const onPush = new Promise<[WindowSnapshot, Ack<WindowExplanation>]>((resolve) =>
      watcher.socket.once('window:updated', (w) => void explainWindow(watcher.socket, w.end).then((ack) => resolve([w, ack]))),
    );
    app.start();
    await ended;
    const [pushed, pushedAck] = await onPush;
    expect(pushedAck).toEqual({ data: expect.objectContaining({ end: pushed.end, posts: pushed.total.posts, sampled: pushed.total.posts }) });
    const { socket, snapshot } = await client(app);
    const expected = expectedWindows();
    expect(snapshot.windows.map((w) => w.end)).toEqual(expected.map((w) => w.end));

    for (const w of snapshot.windows) {
      const ack = await explainWindow(socket, w.end);
      if (!('data' in ack)) throw new Error(`window ${w.end}: ${ack.error}`);
      const m = ack.data;
      expect(m).toMatchObject({ start: w.start, end: w.end, posts: w.total.posts });
      // The fixture has at most two posts per one-second batch and the engine explains up to
      // ten per batch, so here the sample is the whole window.
      expect(m.sampled).toBe(w.total.posts);
      const inWindow = posts.filter((p) => p.created_at >= w.start && p.created_at < w.end);
      const texts = new Map(inWindow.map((p) => [p.id, p.text.toLowerCase()]));
      for (const p of [...m.highest, ...m.lowest]) expect(texts.has(p.id)).toBe(true);
      expect(m.highest.every((p) => p.score > 0)).toBe(true);
      expect(m.lowest.every((p) => p.score < 0)).toBe(true);
      expect(m.highest.map((p) => p.score)).toEqual([...m.highest.map((p) => p.score)].sort((a, b) => b - a));
      expect(m.lowest.map((p) => p.score)).toEqual([...m.lowest.map((p) => p.score)].sort((a, b) => a - b));
      // Every word comes from at least as many of the window's posts as it claims.
      for (const word of [...m.positive, ...m.negative]) {
        const first = word.token.split(' ')[0] as string;
        expect([...texts.values()].filter((t) => t.includes(first)).length).toBeGreaterThanOrEqual(word.posts);
      }
      expect(m.positive.every((x) => x.weight > 0) && m.negative.every((x) => x.weight < 0)).toBe(true);
    }

    // The first window holds d001-d005: "amazing, love", "great", "terrible", "wonderful", "awful".
    const first = await explainWindow(socket, expected[0]?.end);
    if (!('data' in first)) throw new Error(first.error);
    expect(first.data.positive.map((x) => x.token)).toEqual(expect.arrayContaining(['love', 'amazing', 'wonderful']));
    expect(first.data.negative.map((x) => x.token)).toEqual(expect.arrayContaining(['terrible', 'awful']));
    expect(first.data.highest.map((p) => p.id)).toContain('d001');
    expect(first.data.lowest.map((p) => p.id)).toEqual(expect.arrayContaining(['d003', 'd005']));
    expect(first.data.highest[0]?.contributions?.length).toBeGreaterThan(0);

    await new Promise((r) => setTimeout(r, 1100));
    expect(await explainWindow(socket, 'soon')).toEqual({ error: expect.stringMatching(/number/) });
    expect(await explainWindow(socket, 1.5)).toEqual({ error: expect.stringMatching(/whole/) });
    expect(await explainWindow(socket, -5000)).toEqual({ error: expect.stringMatching(/negative/) });
    expect(await explainWindow(socket, { end: 1 })).toEqual({ error: expect.stringMatching(/number/) });
    expect(await explainWindow(socket, (expected[0]?.end ?? 0) + 1)).toEqual({ error: expect.stringMatching(/No window ends/) });
    (socket as unknown as { emit(event: string, ...args: unknown[]): void }).emit('window:explain', expected[0]?.end);

    // Explaining counts against the same per-socket budget as tracking.
    await new Promise((r) => setTimeout(r, 1100));
    const burst = await Promise.all(Array.from({ length: MAX_REQUESTS_PER_SECOND + 3 }, () => explainWindow(socket, expected[0]?.end)));
    expect(burst.filter((r) => 'error' in r && /Too many requests/.test(r.error))).toHaveLength(3);
    await app.close();

    // After a restart the windows come back from the history, but their explained posts did not.
    const again = await start(config(dataDir));
    const late = await client(again);
    expect(late.snapshot.windows.length).toBeGreaterThan(0);
    expect(await explainWindow(late.socket, late.snapshot.windows.at(-1)?.end)).toEqual({ error: expect.stringMatching(/no longer kept/) });
  });
});
