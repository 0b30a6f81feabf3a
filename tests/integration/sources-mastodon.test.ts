import { once } from 'node:events';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { WebSocketServer, type WebSocket } from 'ws';
import { compareStatusIds } from '../../lib/sources/mastodon';
import { MastodonSource, type MastodonOptions } from '../../server/sources/mastodon';
import { fastBackoff, record, waitFor } from '../fixtures/live-helpers';

const TOKEN = 'secret-token-abc123';
/** Snowflake-sized ids (past 2^53), as Mastodon's are. */
const id = (n: number) => `1134567890${String(n).padStart(8, '0')}`;

function status(n: number, extra: Record<string, unknown> = {}) {
  return {
    id: id(n),
    created_at: new Date(Date.UTC(2026, 10, 24, 6, 0, n)).toISOString(),
    in_reply_to_id: null,
    sensitive: false,
    spoiler_text: '',
    visibility: 'public',
    language: n % 2 === 0 ? 'en' : 'pt',
    uri: `https://m.example/users/ana/statuses/${id(n)}`,
    url: `https://m.example/@ana/${id(n)}`,
    content: `<p>Invented status ${n} about <a href="https://m.example/tags/coffee" class="mention hashtag" rel="tag">#<span>coffee</span></a> &amp; more</p>`,
    reblog: null,
    account: { id: '1', username: 'ana', acct: 'ana', display_name: 'Ana' },
    media_attachments: [],
    mentions: [],
    tags: [{ name: 'coffee', url: 'https://m.example/tags/coffee' }],
    emojis: [],
    ...extra,
  };
}

const update = (s: object, stream = ['public']) => JSON.stringify({ stream, event: 'update', payload: JSON.stringify(s) });

/**
 * A Mastodon stand-in: `GET /api/v1/timelines/{public,tag/:tag}` with `min_id` paging as Mastodon
 * does it (the `limit` statuses right after min_id, newest first), and the streaming websocket at
 * `/api/v1/streaming`, which checks the bearer token and runs a script per connection.
 */
class FakeMastodon {
  readonly http: Server;
  readonly wss = new WebSocketServer({ noServer: true });
  readonly timeline: ReturnType<typeof status>[] = [];
  readonly restRequests: string[] = [];
  readonly streamRequests: string[] = [];
  readonly authHeaders: (string | undefined)[] = [];
  /** What `/api/v2/instance` names as `configuration.urls.streaming`; null: the endpoint answers 404. */
  streaming: string | null = null;

  constructor(private readonly script: (ws: WebSocket, connection: number) => void) {
    this.http = createServer((req, res) => this.rest(req, res));
    this.http.on('upgrade', (req, socket, head) => {
      const url = new URL(req.url ?? '/', 'http://localhost');
      this.streamRequests.push(url.pathname + url.search);
      this.authHeaders.push(req.headers.authorization);
      if (url.pathname !== '/api/v1/streaming' || req.headers.authorization !== `Bearer ${TOKEN}`) {
        const body = '{"error":"Error: Invalid access token"}';
        socket.end(`HTTP/1.1 401 Unauthorized\r\nContent-Type: application/json\r\nContent-Length: ${body.length}\r\n\r\n${body}`);
        return;
      }
      this.wss.handleUpgrade(req, socket, head, (ws) => this.script(ws, this.streamRequests.length - 1));
    });
    this.http.listen(0, '127.0.0.1');
  }

  private rest(req: IncomingMessage, res: ServerResponse): void {
    const url = new URL(req.url ?? '/', 'http://localhost');
    this.restRequests.push(url.pathname + url.search);
    if (url.pathname === '/api/v2/instance') {
      if (this.streaming === null) res.writeHead(404).end();
      else res.writeHead(200, { 'Content-Type': 'application/json' }).end(JSON.stringify({ domain: 'm.example', configuration: { urls: { streaming: this.streaming } } }));
      return;
    }
    if (req.headers.authorization !== `Bearer ${TOKEN}`) {
      res.writeHead(401, { 'Content-Type': 'application/json' }).end('{"error":"The access token is invalid"}');
      return;
    }
    const minId = url.searchParams.get('min_id');
    const limit = Number(url.searchParams.get('limit') ?? 20);
    const tag = /^\/api\/v1\/timelines\/tag\/(.+)$/.exec(url.pathname)?.[1];
    const rows = this.timeline
      .filter((s) => tag === undefined || s.tags.some((t) => t.name === tag))
      .filter((s) => minId === null || compareStatusIds(s.id, minId) > 0)
      .sort((a, b) => compareStatusIds(a.id, b.id))
      .slice(0, limit)
      .reverse();
    res.writeHead(200, { 'Content-Type': 'application/json' }).end(JSON.stringify(rows));
  }

  async url(): Promise<string> {
    if (this.http.address() === null) await once(this.http, 'listening');
    return `http://127.0.0.1:${(this.http.address() as AddressInfo).port}`;
  }

  close(): Promise<void> {
    for (const c of this.wss.clients) c.terminate();
    this.http.closeAllConnections();
    return new Promise((resolve) => this.http.close(() => resolve()));
  }
}

const cleanup: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const fn of cleanup.splice(0).reverse()) await fn();
});

async function start(server: FakeMastodon, options: Partial<MastodonOptions> = {}, from?: Record<string, unknown>) {
  const rec = record();
  const source = new MastodonSource({ instance: await server.url(), accessToken: TOKEN, pageSize: 20, ...fastBackoff, ...options });
  source.start(rec.handlers, from);
  cleanup.push(() => source.stop());
  return { rec, source };
}

const range = (from: number, to: number) => Array.from({ length: to - from + 1 }, (_, k) => from + k);

describe('MastodonSource', () => {
  it('streams updates, skips boosts, counts bad messages, and fills the gap after a reconnect with min_id', async () => {
    const server = new FakeMastodon((ws, connection) => {
      if (connection === 0) {
        for (const n of range(1, 5)) ws.send(update(status(n)));
        ws.send(update(status(900, { reblog: status(3) }))); // a boost
        ws.send(JSON.stringify({ stream: ['public'], event: 'delete', payload: id(2) }));
        ws.send('this is not json');
        ws.send(JSON.stringify({ stream: ['public'], event: 'update', payload: '{"id":' }));
        ws.send(JSON.stringify({ stream: ['public'], event: 'party', payload: '{}' }));
        for (const n of range(6, 10)) ws.send(update(status(n)));
        setTimeout(() => ws.terminate(), 30);
      } else {
        // While the client was away, 11..70 were posted; the stream now carries 58..70 again.
        server.timeline.push(...range(11, 70).map((n) => status(n)));
        for (const n of range(58, 70)) ws.send(update(status(n)));
      }
    });
    server.timeline.push(...range(1, 10).map((n) => status(n)));
    cleanup.push(() => server.close());
    server.streaming = (await server.url()).replace('http:', 'ws:');
    const { rec, source } = await start(server);

    await waitFor(() => rec.posts.length >= 70, '70 posts');
    await new Promise((resolve) => setTimeout(resolve, 50)); // any duplicate would arrive by now
    expect(rec.ids()).toEqual(range(1, 70).map(id));
    expect(rec.issueKinds()).toEqual(['malformed', 'malformed', 'unknown', 'connection']);
    // Paging walks forward from the last id seen before the drop until an empty page.
    expect(server.restRequests).toEqual([
      '/api/v2/instance', // once: where the streaming server is
      ...[id(10), id(30), id(50), id(70)].map((m) => `/api/v1/timelines/public?min_id=${m}&limit=20`),
    ]);
    expect(server.streamRequests).toEqual(['/api/v1/streaming?stream=public', '/api/v1/streaming?stream=public']);
    expect(rec.states.map((s) => s.state)).toEqual(['starting', 'live', 'reconnecting', 'reconnecting', 'live']);
    expect(rec.states[3]?.detail).toBe(`connected; filling the gap after status ${id(10)}`);
    expect(source.position()).toEqual({ lastId: id(70) });
    expect(rec.posts[0]).toMatchObject({
      text: 'Invented status 1 about #coffee & more',
      lang: 'pt',
      author: 'ana',
      hashtags: ['#coffee'],
      source: 'mastodon',
      createdAt: Date.UTC(2026, 10, 24, 6, 0, 1),
    });
  });

  it('follows a hashtag and, started from a checkpoint, fills from its lastId first', async () => {
    const server = new FakeMastodon((ws) => {
      ws.send(update(status(30), ['hashtag', 'coffee']));
    });
    server.timeline.push(...range(1, 30).map((n) => status(n)));
    server.timeline.push(status(31, { tags: [{ name: 'tea' }] }));
    cleanup.push(() => server.close());
    const { rec } = await start(server, { hashtag: '#coffee', local: true }, { lastId: id(25) });
    await waitFor(() => rec.posts.length >= 5, 'posts after the checkpoint');
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(rec.ids()).toEqual(range(26, 30).map(id));
    expect(rec.stateNames()).toEqual(['starting', 'starting', 'live']);
    expect(server.streamRequests).toEqual(['/api/v1/streaming?stream=hashtag%3Alocal&tag=coffee']);
    expect(server.restRequests[1]).toBe(`/api/v1/timelines/tag/coffee?local=true&min_id=${id(25)}&limit=20`);
  });

  it('reports the gap as lost beyond maxGapPages', async () => {
    const server = new FakeMastodon(() => {});
    server.timeline.push(...range(1, 100).map((n) => status(n)));
    cleanup.push(() => server.close());
    const { rec } = await start(server, { maxGapPages: 2 }, { lastId: id(0) });
    await waitFor(() => rec.issueKinds().includes('gap'), 'gap issue');
    expect(rec.ids()).toEqual(range(1, 40).map(id));
  });

  it('fails without retrying when the token is refused, and never reveals the token', async () => {
    const server = new FakeMastodon(() => {});
    cleanup.push(() => server.close());
    const { rec } = await start(server, { accessToken: 'wrong-token-xyz' });
    await waitFor(() => rec.stateNames().includes('failed'), 'failed state');
    expect(rec.stateNames()).toEqual(['starting', 'failed']);
    expect(server.authHeaders).toEqual(['Bearer wrong-token-xyz']);
    expect(server.streamRequests[0]).not.toMatch(/token/);
    expect(JSON.stringify([rec.states, rec.issues])).not.toMatch(/wrong-token|secret-token/);
  });

  it('does not send the token to a streaming host outside the instance', async () => {
    const server = new FakeMastodon((ws) => ws.send(update(status(1))));
    server.streaming = 'wss://streaming.elsewhere.example';
    cleanup.push(() => server.close());
    const { rec } = await start(server);
    await waitFor(() => rec.posts.length >= 1, 'a post over the instance URL');
    expect(rec.issues).toEqual([{ kind: 'config', message: expect.stringMatching(/streaming\.elsewhere\.example, not under 127\.0\.0\.1/) }]);
    expect(server.streamRequests).toEqual(['/api/v1/streaming?stream=public']);
  });

  it('server pings keep a quiet stream up; a silent one is reconnected after stallMs', async () => {
    const server = new FakeMastodon((ws, connection) => {
      if (connection === 0) return; // silent: no message, no ping
      const timer = setInterval(() => ws.ping(), 50);
      ws.on('close', () => clearInterval(timer));
      setTimeout(() => ws.send(update(status(1))), 500);
    });
    cleanup.push(() => server.close());
    const { rec } = await start(server, { stallMs: 200 });
    await waitFor(() => rec.posts.length >= 1, 'a post after 500 ms of pings');
    expect(server.streamRequests).toHaveLength(2);
    expect(rec.states.find((s) => s.state === 'reconnecting')?.detail).toMatch(/no message or ping for 200 ms/);
  });

  it('validates its options at construction', () => {
    expect(() => new MastodonSource({ instance: 'ftp://m.example' })).toThrow(/instance must be a https: or http: URL/);
    expect(() => new MastodonSource({ instance: 'https://m.example', hashtag: 'a b' })).toThrow(/hashtag/);
    expect(() => new MastodonSource({ instance: 'https://m.example', pageSize: 0 })).toThrow(/pageSize/);
  });
});
