import { once } from 'node:events';
import { createServer, type Server, type Socket } from 'node:net';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { TcpSource, type TcpOptions } from '../../server/sources/tcp';
import { fastBackoff, record, waitFor } from '../fixtures/live-helpers';

const jsonLine = (id: string, k: number) =>
  `${JSON.stringify({ id, text: `invented tcp post ${id}, quite nice`, created_at: new Date(Date.UTC(2026, 10, 24, 6, 0, k)).toISOString(), lang: 'en' })}\n`;

const cleanup: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const fn of cleanup.splice(0).reverse()) await fn();
});

/** A line server that runs a script per connection, like `nc -lk` fed by a producer. */
async function lineServer(script: (socket: Socket, connection: number) => void): Promise<{ server: Server; port: number }> {
  const sockets = new Set<Socket>();
  let n = 0;
  const server = createServer((socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
    socket.on('error', () => {});
    script(socket, n++);
  });
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  cleanup.push(async () => {
    for (const s of sockets) s.destroy();
    await new Promise((resolve) => server.close(resolve));
  });
  return { server, port: (server.address() as AddressInfo).port };
}

function start(port: number, extra: Partial<TcpOptions> = {}) {
  const rec = record();
  const source = new TcpSource({ host: '127.0.0.1', port, maxLineBytes: 1_024, ...fastBackoff, ...extra });
  source.start(rec.handlers);
  cleanup.push(() => source.stop());
  return { rec, source };
}

describe('TcpSource', () => {
  it('reads JSON Lines split across packets, counts bad lines, and reconnects when the server hangs up', async () => {
    const { port } = await lineServer((socket, connection) => {
      if (connection === 0) {
        const text = jsonLine('t0', 0) + jsonLine('t1', 1) + '{"id": nope\n' + `${'z'.repeat(3_000)}\n` + jsonLine('t2', 2);
        // Cut mid-line and mid-character to show lines are reassembled byte-exactly.
        const bytes = Buffer.from(text.replace('quite nice', 'quite nice ✓'));
        socket.write(bytes.subarray(0, 50));
        setTimeout(() => {
          socket.write(bytes.subarray(50));
          socket.end();
        }, 20);
      } else {
        // A new connection may carry another format: Sentiment140 rows here.
        socket.write('"4","1467810369","Mon Apr 06 22:19:45 PDT 2009","NO_QUERY","someone","an invented happy tweet"\n');
        socket.write('"0","1467810672","Mon Apr 06 22:19:49 PDT 2009","NO_QUERY","other","an invented sad tweet"\n');
      }
    });
    const { rec, source } = start(port);
    await waitFor(() => rec.posts.length >= 5, 'five posts');
    expect(rec.ids()).toEqual(['t0', 't1', 't2', '1467810369', '1467810672']);
    expect(rec.posts[0]?.text).toBe('invented tcp post t0, quite nice ✓');
    expect(rec.posts.every((p) => p.source === 'tcp')).toBe(true);
    expect(rec.issues).toEqual([
      { kind: 'malformed', message: expect.any(String), line: 3 },
      { kind: 'oversized', message: expect.stringMatching(/3000 bytes over 1024/), line: 4 },
      { kind: 'connection', message: 'server closed the connection' },
    ]);
    expect(rec.stateNames()).toEqual(['starting', 'live', 'reconnecting', 'live']);
    expect(source.position()).toEqual({ connection: 2, line: 2 });
  });

  it('reads CSV with a header and a quoted record spanning lines', async () => {
    const { port } = await lineServer((socket) => {
      socket.write('id,text,created_at\r\n');
      socket.write('c1,"first invented line\r\nsecond line",2026-11-24T06:00:00Z\r\n');
      socket.write('c2,plain,2026-11-24T06:00:01Z\r\n');
    });
    const { rec } = start(port);
    await waitFor(() => rec.posts.length >= 2, 'two CSV posts');
    expect(rec.posts.map((p) => [p.id, p.text])).toEqual([
      ['c1', 'first invented line\nsecond line'],
      ['c2', 'plain'],
    ]);
  });

  it('retries a refused connection with backoff and reports failed after maxAttempts', async () => {
    const { server, port } = await lineServer(() => {});
    await new Promise((resolve) => server.close(resolve));
    const { rec } = start(port, { backoff: { baseMs: 5, capMs: 10, stableMs: 1_000, maxAttempts: 3 } });
    await waitFor(() => rec.stateNames().includes('failed'), 'failed');
    expect(rec.stateNames()).toEqual(['starting', 'reconnecting', 'reconnecting', 'reconnecting', 'failed']);
    expect(rec.states[1]?.detail).toMatch(/ECONNREFUSED/);
  });

  it('validates host and port at construction', () => {
    expect(() => new TcpSource({ host: '', port: 1 })).toThrow(/host/);
    expect(() => new TcpSource({ host: 'localhost', port: 70_000 })).toThrow(/port/);
  });
});
