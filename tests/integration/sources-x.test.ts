import { once } from 'node:events';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { XSource, type XOptions } from '../../server/sources/x';
import { fastBackoff, record, waitFor } from '../fixtures/live-helpers';

const TOKEN = 'AAAAtest-bearer-token';

function tweet(n: number, extra: Record<string, unknown> = {}) {
  return {
    data: {
      id: `18600000000000${String(n).padStart(5, '0')}`,
      text: `Invented tweet ${n} about #EV &amp; batteries`,
      created_at: new Date(Date.UTC(2026, 10, 24, 6, 0, n)).toISOString(),
      lang: 'en',
      author_id: '12345',
      edit_history_tweet_ids: [`18600000000000${String(n).padStart(5, '0')}`],
      entities: { hashtags: [{ start: 24, end: 27, tag: 'EV' }] },
      ...extra,
    },
    matching_rules: [{ id: '1', tag: 'ev' }],
  };
}
const line = (v: object) => `${JSON.stringify(v)}\r\n`;
const tweetId = (n: number) => tweet(n).data.id;

interface Recorded {
  method: string;
  path: string;
  body?: unknown;
}

/** An X API v2 stand-in: the filtered stream (a script per connection) and the rules endpoints with real semantics. */
class FakeX {
  readonly http: Server;
  readonly requests: Recorded[] = [];
  readonly streamResponses: ServerResponse[] = [];
  rules: { id: string; value: string; tag?: string }[] = [];
  private nextRuleId = 100;

  constructor(private readonly script: (res: ServerResponse, connection: number) => void) {
    this.http = createServer((req, res) => void this.handle(req, res));
    this.http.listen(0, '127.0.0.1');
  }

  private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = new URL(req.url ?? '/', 'http://localhost');
    let raw = '';
    for await (const chunk of req) raw += String(chunk);
    const rec: Recorded = { method: req.method ?? '', path: url.pathname + url.search };
    if (raw !== '') rec.body = JSON.parse(raw);
    this.requests.push(rec);
    if (req.headers.authorization !== `Bearer ${TOKEN}`) {
      res.writeHead(401, { 'Content-Type': 'application/problem+json' }).end('{"title":"Unauthorized","status":401}');
      return;
    }
    if (url.pathname === '/2/tweets/search/stream') {
      res.writeHead(200, { 'Content-Type': 'application/json; charset=utf-8', 'Transfer-Encoding': 'chunked' });
      res.flushHeaders();
      this.streamResponses.push(res);
      this.script(res, this.streamResponses.length - 1);
      return;
    }
    if (url.pathname === '/2/tweets/search/stream/rules') {
      const body = rec.body as { add?: { value: string; tag: string }[]; delete?: { ids: string[] } } | undefined;
      const sent = new Date().toISOString();
      if (req.method === 'GET') {
        const out = this.rules.length > 0 ? { data: this.rules, meta: { sent, result_count: this.rules.length } } : { meta: { sent, result_count: 0 } };
        res.writeHead(200, { 'Content-Type': 'application/json' }).end(JSON.stringify(out));
      } else if (body?.delete) {
        const ids = new Set(body.delete.ids);
        const deleted = this.rules.filter((r) => ids.has(r.id)).length;
        this.rules = this.rules.filter((r) => !ids.has(r.id));
        res.writeHead(200, { 'Content-Type': 'application/json' }).end(JSON.stringify({ meta: { sent, summary: { deleted, not_deleted: ids.size - deleted } } }));
      } else if (body?.add) {
        const created = body.add.map((r) => ({ ...r, id: String(this.nextRuleId++) }));
        this.rules.push(...created);
        res.writeHead(201, { 'Content-Type': 'application/json' }).end(
          JSON.stringify({ data: created, meta: { sent, summary: { created: created.length, not_created: 0, valid: created.length, invalid: 0 } } }),
        );
      } else {
        res.writeHead(400).end();
      }
      return;
    }
    res.writeHead(404).end();
  }

  rulesRequests(): Recorded[] {
    return this.requests.filter((r) => r.path === '/2/tweets/search/stream/rules');
  }
  streamRequests(): Recorded[] {
    return this.requests.filter((r) => r.path.startsWith('/2/tweets/search/stream?'));
  }

  async url(): Promise<string> {
    if (this.http.address() === null) await once(this.http, 'listening');
    return `http://127.0.0.1:${(this.http.address() as AddressInfo).port}`;
  }

  close(): Promise<void> {
    this.http.closeAllConnections();
    return new Promise((resolve) => this.http.close(() => resolve()));
  }
}

const cleanup: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const fn of cleanup.splice(0).reverse()) await fn();
});

async function start(server: FakeX, options: Partial<XOptions> = {}) {
  const rec = record();
  const source = new XSource({ bearerToken: TOKEN, baseUrl: await server.url(), stallMs: 300, maxLineBytes: 4_096, ...fastBackoff, ...options });
  source.start(rec.handlers);
  cleanup.push(() => source.stop());
  return { rec, source };
}

const range = (from: number, to: number) => Array.from({ length: to - from + 1 }, (_, k) => from + k);

describe('XSource stream', () => {
  it('reads tweets and keep-alives, counts bad lines, and reconnects after a stall', async () => {
    const server = new FakeX((res, connection) => {
      if (connection === 0) {
        res.write(line(tweet(1)));
        res.write('\r\n'); // keep-alive
        // One tweet split across two writes, as TCP may deliver it.
        const split = line(tweet(2, { note_tweet: { text: 'A long invented post '.repeat(20).trim() } }));
        res.write(split.slice(0, 40));
        res.write(split.slice(40));
        res.write('{"data": \r\n');
        res.write(`${JSON.stringify({ data: { id: '1', text: 'x'.repeat(5_000), created_at: '2026-11-24T06:00:00Z' } })}\r\n`);
        res.write(line({ errors: [{ title: 'ConnectionException', detail: 'This stream is currently at the maximum allowed connection limit.' }] }));
        res.write(line(tweet(3)));
        // ... then silence, with the connection left open.
      } else {
        for (const n of range(4, 6)) res.write(line(tweet(n)));
      }
    });
    cleanup.push(() => server.close());
    const { rec, source } = await start(server);

    await waitFor(() => rec.posts.length >= 6, 'six tweets');
    expect(rec.ids()).toEqual(range(1, 6).map(tweetId));
    expect(rec.issueKinds()).toEqual(['malformed', 'oversized', 'stream-error', 'connection']);
    expect(rec.stateNames()).toEqual(['starting', 'live', 'reconnecting', 'live']);
    expect(rec.states[2]?.detail).toMatch(/no data or keep-alive for 300 ms/);
    expect(server.streamRequests().map((r) => r.path)).toEqual([
      '/2/tweets/search/stream?tweet.fields=created_at%2Clang%2Cauthor_id%2Centities%2Cnote_tweet',
      '/2/tweets/search/stream?tweet.fields=created_at%2Clang%2Cauthor_id%2Centities%2Cnote_tweet',
    ]);
    expect(rec.posts[0]).toMatchObject({ text: 'Invented tweet 1 about #EV & batteries', hashtags: ['#EV'], author: '12345', lang: 'en', source: 'x' });
    expect(rec.posts[1]?.text).toBe('A long invented post '.repeat(20).trim());
    expect(source.position()).toEqual({ lastId: tweetId(6) });
  });

  it('keep-alives alone keep the stream up past stallMs', async () => {
    const server = new FakeX((res) => {
      let beats = 0;
      const timer = setInterval(() => {
        if (res.destroyed) return clearInterval(timer);
        res.write('\r\n');
        if (++beats === 8) {
          clearInterval(timer);
          res.write(line(tweet(1)));
        }
      }, 100);
    });
    cleanup.push(() => server.close());
    const { rec } = await start(server);
    await waitFor(() => rec.posts.length >= 1, 'the tweet after 8 keep-alives');
    expect(server.streamRequests()).toHaveLength(1);
    expect(rec.stateNames()).toEqual(['starting', 'live']);
  });

  it('backs off on 429 and 503, then connects; asks for backfill on reconnects when configured', async () => {
    let connection = 0;
    const server = new FakeX((res) => {
      res.write(line(tweet(connection === 0 ? 1 : 2)));
      if (connection++ === 0) setTimeout(() => res.destroy(), 20);
    });
    const statuses = [429, 503];
    const handle = server.http.listeners('request')[0] as (req: IncomingMessage, res: ServerResponse) => void;
    server.http.removeAllListeners('request');
    server.http.on('request', (req, res) => {
      const code = req.url?.startsWith('/2/tweets/search/stream?') ? statuses.shift() : undefined;
      if (code === undefined) return handle(req, res);
      server.requests.push({ method: req.method ?? '', path: req.url ?? '' });
      res.writeHead(code, { 'Content-Type': 'application/json' }).end(`{"title":"${code === 429 ? 'Too Many Requests' : 'Service Unavailable'}"}`);
    });
    cleanup.push(() => server.close());
    const { rec } = await start(server, { backfillMinutes: 2 });
    await waitFor(() => rec.posts.length >= 2, 'two tweets');
    const details = rec.states.filter((s) => s.state === 'reconnecting').map((s) => s.detail);
    expect(details.slice(0, 2)).toEqual([expect.stringMatching(/answered 429/), expect.stringMatching(/answered 503/)]);
    const paths = server.streamRequests().map((r) => r.path);
    expect(paths[0]).not.toMatch(/backfill/);
    expect(paths.slice(1).every((p) => p.endsWith('&backfill_minutes=2'))).toBe(true);
  });

  it('fails without retrying on 401 and never reveals the token', async () => {
    const server = new FakeX(() => {});
    cleanup.push(() => server.close());
    const { rec } = await start(server, { bearerToken: 'wrong-bearer' });
    await waitFor(() => rec.stateNames().includes('failed'), 'failed');
    expect(rec.stateNames()).toEqual(['starting', 'failed']);
    expect(server.streamRequests()).toHaveLength(1);
    expect(JSON.stringify([rec.states, rec.issues])).not.toMatch(/wrong-bearer|AAAA/);
  });
});

describe('XSource failures', () => {
  it('names the network error of a refused connection and fails after maxAttempts', async () => {
    const server = new FakeX(() => {});
    const baseUrl = await server.url();
    await server.close();
    const rec = record();
    const source = new XSource({ bearerToken: TOKEN, baseUrl, backoff: { baseMs: 5, capMs: 10, stableMs: 1_000, maxAttempts: 1 }, random: () => 0.5 });
    source.start(rec.handlers);
    cleanup.push(() => source.stop());
    await waitFor(() => rec.stateNames().includes('failed'), 'failed');
    expect(rec.stateNames()).toEqual(['starting', 'reconnecting', 'failed']);
    expect(rec.states[1]?.detail).toMatch(/^stream failed: connect ECONNREFUSED/);
  });
});

describe('XSource rules', () => {
  it('adds and deletes rules as the tracked keywords change', async () => {
    const server = new FakeX(() => {});
    server.rules = [{ id: '7', value: 'left over by another client' }];
    cleanup.push(() => server.close());
    const { rec, source } = await start(server);
    const synced = (n: number) => waitFor(() => server.rulesRequests().length >= n, `${n} rules requests`);

    source.setKeywords(['Tesla', '#EV']);
    await synced(3);
    source.setKeywords(['tesla', 'lang:pt', 'rivian OR lucid']);
    await synced(6);
    source.setKeywords([]);
    await synced(8);
    await new Promise((resolve) => setTimeout(resolve, 50)); // no further calls
    expect(server.rulesRequests()).toEqual([
      { method: 'GET', path: '/2/tweets/search/stream/rules' },
      { method: 'POST', path: '/2/tweets/search/stream/rules', body: { delete: { ids: ['7'] } } },
      {
        method: 'POST',
        path: '/2/tweets/search/stream/rules',
        body: { add: [{ value: 'tesla -is:retweet', tag: 'Tesla' }, { value: '#ev -is:retweet', tag: '#EV' }] },
      },
      { method: 'GET', path: '/2/tweets/search/stream/rules' },
      { method: 'POST', path: '/2/tweets/search/stream/rules', body: { delete: { ids: ['101'] } } },
      { method: 'POST', path: '/2/tweets/search/stream/rules', body: { add: [{ value: '(rivian OR lucid) -is:retweet', tag: 'rivian OR lucid' }] } },
      { method: 'GET', path: '/2/tweets/search/stream/rules' },
      { method: 'POST', path: '/2/tweets/search/stream/rules', body: { delete: { ids: ['100', '102'] } } },
    ]);
    expect(server.rules).toEqual([]);
    expect(rec.issues).toEqual([{ kind: 'rule', message: expect.stringMatching(/^keyword "lang:pt" has no X rule: X needs a word/) }]);
  });

  it('coalesces rapid changes into syncs toward the latest set', async () => {
    const server = new FakeX(() => {});
    cleanup.push(() => server.close());
    const { source } = await start(server);
    for (const set of [['a'], ['a', 'b'], ['b'], ['b', 'c']]) source.setKeywords(set);
    await waitFor(() => server.rules.map((r) => r.tag).sort().join() === 'b,c', 'rules b and c');
    await new Promise((resolve) => setTimeout(resolve, 50));
    // The first sync ran for ['a']; every later change folds into one more sync.
    expect(server.rulesRequests().filter((r) => r.method === 'GET')).toHaveLength(2);
    expect(server.rules.map((r) => r.value).sort()).toEqual(['b -is:retweet', 'c -is:retweet']);
  });

  it('retries a failed sync with backoff', async () => {
    const server = new FakeX(() => {});
    let failures = 2;
    const handle = server.http.listeners('request')[0] as (req: IncomingMessage, res: ServerResponse) => void;
    server.http.removeAllListeners('request');
    server.http.on('request', (req, res) => {
      if (req.url === '/2/tweets/search/stream/rules' && failures > 0) {
        failures--;
        res.writeHead(503).end();
        return;
      }
      handle(req, res);
    });
    cleanup.push(() => server.close());
    const { rec, source } = await start(server);
    source.setKeywords(['tesla']);
    await waitFor(() => server.rules.length === 1, 'the rule after retries');
    expect(rec.issueKinds()).toEqual(['rules', 'rules']);
    expect(rec.issues[0]?.message).toMatch(/GET \/2\/tweets\/search\/stream\/rules answered 503; retry in \d+ ms/);
  });
});
