import { once } from 'node:events';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { WebSocketServer, type WebSocket } from 'ws';
import { JetstreamSource } from '../../server/sources/jetstream';
import { fastBackoff, record, waitFor } from '../fixtures/live-helpers';

/** Frames in Jetstream's wire format: one JSON object per websocket text message. */
const T0 = 1_764_000_000_000_000; // µs
const SECOND = 1_000_000;

interface Frame {
  timeUs: number | null;
  text: string;
  /** The post id this frame yields, if any. */
  postId?: string;
}

function postFrame(n: number, timeUs: number, text = `invented post number ${n} feeling great`): Frame {
  const did = `did:plc:author${n % 3}`;
  const rkey = `3lpost${String(n).padStart(4, '0')}`;
  const ev = {
    did,
    time_us: timeUs,
    kind: 'commit',
    commit: {
      rev: `3lrev${n}`,
      operation: 'create',
      collection: 'app.bsky.feed.post',
      rkey,
      record: {
        $type: 'app.bsky.feed.post',
        createdAt: new Date(timeUs / 1000).toISOString(),
        langs: ['en'],
        text,
        facets: [{ index: { byteStart: 0, byteEnd: 8 }, features: [{ $type: 'app.bsky.richtext.facet#tag', tag: 'invented' }] }],
      },
      cid: `bafyreifake${n}`,
    },
  };
  return { timeUs, text: JSON.stringify(ev), postId: `${did}/${rkey}` };
}

const identityFrame = (timeUs: number): Frame => ({
  timeUs,
  text: JSON.stringify({ did: 'did:plc:someone', time_us: timeUs, kind: 'identity', identity: { did: 'did:plc:someone', handle: 'someone.bsky.social', seq: 1, time: '2025-11-24T00:00:00.000Z' } }),
});
const deleteFrame = (timeUs: number): Frame => ({
  timeUs,
  text: JSON.stringify({ did: 'did:plc:author1', time_us: timeUs, kind: 'commit', commit: { rev: 'x', operation: 'delete', collection: 'app.bsky.feed.post', rkey: '3lgone' } }),
});
const unknownFrame = (timeUs: number): Frame => ({ timeUs, text: JSON.stringify({ did: 'did:plc:x', time_us: timeUs, kind: 'sync', sync: {} }) });
const malformedFrame: Frame = { timeUs: null, text: '{"did":"did:plc:x","time_us":' };

/** A Jetstream stand-in that honours `cursor` (replays events with time_us >= cursor) and runs a script per connection. */
class FakeJetstream {
  readonly wss: WebSocketServer;
  readonly cursors: (string | null)[] = [];
  readonly urls: string[] = [];
  constructor(
    readonly log: Frame[],
    private readonly script: (ws: WebSocket, connection: number, replay: Frame[]) => void,
  ) {
    this.wss = new WebSocketServer({ host: '127.0.0.1', port: 0 });
    this.wss.on('connection', (ws, req) => {
      const url = new URL(req.url ?? '/', 'http://localhost');
      this.urls.push(url.pathname + url.search);
      const cursor = url.searchParams.get('cursor');
      this.cursors.push(cursor);
      // Replay from the first event at or after the cursor; a frame without time_us stays where it was.
      const from = cursor === null ? 0 : this.log.findIndex((f) => f.timeUs !== null && f.timeUs >= Number(cursor));
      const replay = from < 0 ? [] : this.log.slice(from);
      this.script(ws, this.cursors.length - 1, replay);
    });
  }
  async listening(): Promise<string> {
    if (this.wss.address() === null) await once(this.wss, 'listening');
    return `ws://127.0.0.1:${(this.wss.address() as AddressInfo).port}/subscribe?wantedCollections=app.bsky.feed.post`;
  }
  close(): Promise<void> {
    for (const c of this.wss.clients) c.terminate();
    return new Promise((resolve) => this.wss.close(() => resolve()));
  }
}

const cleanup: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const fn of cleanup.splice(0).reverse()) await fn();
});

function start(server: FakeJetstream, endpoint: string, extra: object = {}, from?: Record<string, unknown>) {
  const rec = record();
  // The clock stands just after the last frame of the longest log, so replays catch up to "now".
  const now = () => T0 / 1000 + 30_000;
  const source = new JetstreamSource({ endpoint, ...fastBackoff, now, maxFrameBytes: 2_048, maxPayloadBytes: 16_384, ...extra });
  source.start(rec.handlers, from);
  cleanup.push(() => source.stop());
  return { rec, source };
}

const postIds = (frames: Frame[]) => frames.flatMap((f) => (f.postId ? [f.postId] : []));

describe('JetstreamSource', () => {
  it('parses posts, counts malformed, unknown and oversized frames, and resumes after a drop without gaps or duplicates', async () => {
    let t = T0;
    const log: Frame[] = [];
    for (let n = 0; n < 30; n++) {
      t += SECOND;
      if (n === 2) log.push(malformedFrame);
      if (n === 3 || n === 15) log.push(unknownFrame((t += 1))); // n = 15 falls in the rewind window and is replayed
      if (n === 4) log.push(postFrame(1000, (t += 1), 'x'.repeat(3_000))); // over maxFrameBytes
      if (n % 7 === 5) log.push(identityFrame((t += 1)));
      if (n % 9 === 6) log.push(deleteFrame((t += 1)));
      log.push(postFrame(n, t));
    }
    const dropAfter = 24; // frames sent on the first connection before the server cuts it
    const server = new FakeJetstream(log, (ws, connection, replay) => {
      const frames = connection === 0 ? replay.slice(0, dropAfter) : replay;
      for (const f of frames) ws.send(f.text);
      if (connection === 0) setTimeout(() => ws.terminate(), 20);
    });
    cleanup.push(() => server.close());
    const { rec, source } = start(server, await server.listening());

    const expected = postIds(log).filter((id) => !id.endsWith('3lpost1000'));
    await waitFor(() => rec.posts.length >= expected.length, 'all posts');
    expect(rec.ids()).toEqual(expected);
    // Each counted once, although the rewind replays the second unknown frame.
    expect(rec.issueKinds().sort()).toEqual(['connection', 'malformed', 'oversized', 'unknown', 'unknown']);
    expect(rec.issues.find((i) => i.kind === 'oversized')?.message).toMatch(/over 2048/);

    // The reconnect asked for the last processed time_us minus 5 s.
    expect(server.cursors[0]).toBeNull();
    const lastBeforeDrop = Math.max(...log.slice(0, dropAfter).map((f) => f.timeUs ?? 0));
    expect(server.cursors[1]).toBe(String(lastBeforeDrop - 5 * SECOND));
    expect(server.urls[1]).toMatch(/^\/subscribe\?wantedCollections=app\.bsky\.feed\.post&cursor=\d+$/);
    // After the drop the source replays; it is live again once a frame is within 10 s of the clock.
    expect(rec.stateNames()).toEqual(['starting', 'live', 'reconnecting', 'reconnecting', 'live']);
    expect(rec.states[3]?.detail).toBe(`connected; replaying from cursor ${lastBeforeDrop}`);
    const postsAtLive = rec.states[4]?.posts ?? 0;
    const current = T0 / 1000 + 20_000; // the clock minus liveLagMs
    expect(rec.posts.slice(0, postsAtLive - 1).every((p) => p.createdAt < current)).toBe(true);
    expect(rec.posts.slice(postsAtLive).every((p) => p.createdAt >= current)).toBe(true);
    expect(postsAtLive).toBeLessThan(rec.posts.length);

    const post = rec.posts[0];
    expect(post).toMatchObject({ source: 'bluesky', lang: 'en', hashtags: ['#invented'], createdAt: Math.floor((T0 + SECOND) / 1000) });
    expect(source.position()?.cursor).toBe(Math.max(...log.map((f) => f.timeUs ?? 0)));
  });

  it('a frame over maxPayload drops the connection; the source counts it and resumes from its cursor', async () => {
    const log = Array.from({ length: 12 }, (_, n) => postFrame(n, T0 + (n + 1) * SECOND));
    const server = new FakeJetstream(log, (ws, connection, replay) => {
      if (connection === 0) {
        for (const f of replay.slice(0, 6)) ws.send(f.text);
        ws.send('{"kind":"commit","pad":"' + 'y'.repeat(20_000) + '"}'); // over maxPayloadBytes, sent live only
        for (const f of replay.slice(6)) ws.send(f.text); // never read: ws closed the socket
      } else {
        for (const f of replay) ws.send(f.text);
      }
    });
    cleanup.push(() => server.close());
    const { rec } = start(server, await server.listening());
    await waitFor(() => rec.posts.length >= log.length, 'all posts');
    expect(rec.ids()).toEqual(postIds(log));
    expect(rec.issueKinds()).toEqual(['oversized', 'connection']);
    expect(server.cursors[1]).toBe(String(T0 + 6 * SECOND - 5 * SECOND));
  });

  it('restarts from a checkpointed position without re-emitting the rewind window', async () => {
    const log = Array.from({ length: 10 }, (_, n) => postFrame(n, T0 + (n + 1) * SECOND));
    const server = new FakeJetstream(log, (ws, _connection, replay) => {
      for (const f of replay) ws.send(f.text);
    });
    cleanup.push(() => server.close());
    const endpoint = await server.listening();
    const first = start(server, endpoint);
    await waitFor(() => first.rec.posts.length >= 10, 'first run');
    await first.source.stop();
    const checkpoint = JSON.parse(JSON.stringify(first.rec.positions.at(-1))) as Record<string, unknown>;
    expect(checkpoint.cursor).toBe(T0 + 10 * SECOND);

    // While "down", the firehose went on.
    log.push(...Array.from({ length: 5 }, (_, k) => postFrame(10 + k, T0 + (11 + k) * SECOND)));
    const second = start(server, endpoint, {}, checkpoint);
    await waitFor(() => second.rec.posts.length >= 5, 'second run');
    await new Promise((resolve) => setTimeout(resolve, 50)); // let any stray duplicate arrive
    expect(server.cursors.at(-1)).toBe(String(T0 + 5 * SECOND));
    expect(second.rec.ids()).toEqual(postIds(log.slice(10)));
  });

  it('reports failed after maxAttempts when the endpoint is gone, and stops cleanly', async () => {
    const server = new FakeJetstream([], () => {});
    const endpoint = await server.listening();
    await server.close();
    const { rec, source } = start(server, endpoint, { backoff: { baseMs: 5, capMs: 10, stableMs: 1_000, maxAttempts: 2 } });
    await waitFor(() => rec.stateNames().includes('failed'), 'failed state');
    expect(rec.stateNames()).toEqual(['starting', 'reconnecting', 'reconnecting', 'failed']);
    await source.stop();
    expect(rec.stateNames().at(-1)).toBe('stopped');
  });

  it('reconnects when the connection stalls', async () => {
    const log = Array.from({ length: 4 }, (_, n) => postFrame(n, T0 + (n + 1) * SECOND));
    const server = new FakeJetstream(log, (ws, connection, replay) => {
      // The first connection sends two frames and then goes silent without closing.
      for (const f of connection === 0 ? replay.slice(0, 2) : replay) ws.send(f.text);
    });
    cleanup.push(() => server.close());
    const { rec } = start(server, await server.listening(), { stallMs: 200 });
    await waitFor(() => rec.posts.length >= 4, 'posts after the stall');
    expect(rec.ids()).toEqual(postIds(log));
    expect(rec.states.find((s) => s.state === 'reconnecting')?.detail).toMatch(/no frame for 200 ms/);
  });

  it('rejects a non-websocket endpoint at construction', () => {
    expect(() => new JetstreamSource({ endpoint: 'https://example.com/subscribe' })).toThrow(/endpoint must be a ws: or wss: URL/);
    expect(() => new JetstreamSource({ endpoint: 'not a url' })).toThrow(/endpoint is not a URL/);
  });
});
