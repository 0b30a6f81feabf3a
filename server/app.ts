import { timingSafeEqual } from 'node:crypto';
import type { IncomingMessage, Server as HttpServer, ServerResponse } from 'node:http';
import { isIP, type AddressInfo } from 'node:net';
import { Server, type Socket } from 'socket.io';
import {
  MAX_MESSAGE_BYTES,
  MAX_REQUESTS_PER_SECOND,
  trackQuerySchema,
  windowEndSchema,
  type Ack,
  type BatchProcessed,
  type ClientToServerEvents,
  type ServerToClientEvents,
  type SocketData,
  type SourceStatus,
  type StateSnapshot,
  type StreamSettings,
  type WindowExplanation,
} from '../lib/contract';
import { snapshotsToCsv } from '../lib/csv';
import { windowMovers } from '../lib/stream/movers';
import type { ScoredPost, WindowSnapshot } from '../lib/stream/snapshot';
import { ExplainedPosts } from './explainedPosts';
import { createLogger, type Logger } from './logger';
import type { TrackingStore } from './tracking';
import type { BatchReport, SourceStatusInfo, StreamWorker } from './worker';

type AppSocket = Socket<ClientToServerEvents, ServerToClientEvents, Record<string, never>, SocketData>;

/** Node's request listener shape, as Next's `getRequestHandler()` and the API routes have it. */
export type RequestHandler = (req: IncomingMessage, res: ServerResponse) => void | Promise<void>;

/** What the application runs; server/index.ts picks them, tests build their own. */
export interface ApplicationParts {
  worker: StreamWorker;
  tracking: TrackingStore;
  /** Windows to start the charts and the export with, oldest first (e.g. from the history store). */
  recentWindows?: WindowSnapshot[];
  /** Extra HTTP routes by exact pathname (`/api/history`). */
  routes?: Record<string, RequestHandler>;
  /** Next.js for every other path; without it they answer 404 (tests). */
  nextHandler?: RequestHandler;
  /** Runs last in `close()`: the data store, Next. */
  onClose?: () => void | Promise<void>;
  logger?: Logger;
}

export interface ApplicationOptions {
  /** Window parameters shown by the dashboard (the engine's). */
  settings: Omit<StreamSettings, 'controlRequired' | 'maxKeywords'>;
  maxKeywords: number;
  /** When set, track requests need `auth: { token }` in the handshake. */
  controlToken: string | null;
  port: number;
  host?: string;
  /** Windows kept in memory for state:snapshot and /api/export; default {@link EXPORT_MAX_WINDOWS}. */
  keepWindows?: number;
  /**
   * Browser origins, besides the server's own, allowed to open a socket (`https://ops.example`).
   * Websockets are not bound by CORS, so without this check any page a user visits could drive
   * track:add on a dashboard that has no CONTROL_TOKEN.
   */
  allowedOrigins?: readonly string[];
}

export interface Application {
  io: Server<ClientToServerEvents, ServerToClientEvents, Record<string, never>, SocketData>;
  address: AddressInfo;
  /** `http://host:port` to reach it (`localhost` when listening on all interfaces). */
  url: string;
  /** Starts the worker; separate from listening so a test can connect its sockets first. */
  start(): void;
  /** Stops the worker, disconnects every socket, closes the HTTP server, then runs `onClose`. */
  close(): Promise<void>;
}

/** Windows sent in state:snapshot (at the default 5 s slide, ten minutes). */
export const SNAPSHOT_WINDOWS = 120;
/** Most windows `/api/export?last=N` returns. */
export const EXPORT_MAX_WINDOWS = 1000;
/** Least time between two pushes of batch:processed or posts:sampled, ms (at most 4 per second). */
export const PUSH_INTERVAL_MS = 250;
/** Most posts in one posts:sampled push, and in state:snapshot. */
export const SAMPLE_POSTS = 20;
export const SNAPSHOT_POSTS = 60;
/**
 * Most window:updated pushes per second. A live source makes one per slide; a fast replay can
 * make hundreds, and then the browser gets the newest pending one at each tick (the export and the
 * history still hold every window).
 */
export const MAX_WINDOW_PUSHES_PER_SECOND = 10;
/**
 * Most explained posts kept for `window:explain`. The engine explains about 10 posts per batch,
 * so at 1 s batches this is over a quarter of an hour, more than the live chart shows.
 */
export const EXPLAINED_POSTS = 10_000;
/** Entries in each list of a `window:explain` answer (words up, words down, posts up, posts down). */
export const MOVERS_K = 6;

const ERRORS = {
  rate: `Too many requests: at most ${MAX_REQUESTS_PER_SECOND} per second.`,
  readOnly: 'This dashboard is read-only: changing the tracked queries needs the control token.',
  save: 'The tracked set could not be saved on the server; nothing was changed.',
  internal: 'The server could not handle this request.',
  unknownWindow: 'No window ends at that time; pick one from the chart.',
  expiredWindow: 'The explained posts of that window are no longer kept: only recent windows can be explained.',
};

/** Status shape for the browser: only the numbers the status bar shows, errors without zeros. */
function toSourceStatus(s: SourceStatusInfo): SourceStatus {
  const errors: Record<string, number> = {};
  for (const [kind, n] of Object.entries({ ...s.issues, late: s.late, invalid: s.invalid })) {
    if (n > 0) errors[kind] = n;
  }
  return { kind: s.kind, state: s.state, detail: s.detail, postsPerSecond: s.postsPerSec, errors };
}

function sameToken(given: unknown, expected: string): boolean {
  if (typeof given !== 'string') return false;
  const a = Buffer.from(given);
  const b = Buffer.from(expected);
  return a.length === b.length && timingSafeEqual(a, b);
}

/** `moodstream-2026-11-24T07-03-43Z.csv`: ISO-8601 with `-` for `:`, which file systems refuse. */
function exportFilename(now: number): string {
  return `moodstream-${new Date(now).toISOString().replace(/\.\d+Z$/, 'Z').replace(/:/g, '-')}.csv`;
}

function sendText(res: ServerResponse, status: number, text: string, headers: Record<string, string> = {}): void {
  res.writeHead(status, { 'Content-Type': 'text/plain; charset=utf-8', 'Cache-Control': 'no-store', ...headers });
  res.end(text);
}

/**
 * Attaches the dashboard to `httpServer` and listens: `/api/export`, the extra routes, Next for
 * every other path, and Socket.IO typed with lib/contract.ts. The worker's events become
 * broadcasts, bounded in rate whatever the input rate:
 *
 * ```
 * worker 'window'  ─► ring ─► window:updated   (≤ 10/s; live sources: one per slide)
 * worker 'batch'   ─► coalesce ─┐
 * worker 'samples' ─► newest 20 ─┴► every ≥ 250 ms: batch:processed, posts:sampled
 *                  └► explained-post ring ◄── window:explain (on request)
 * worker 'status'  ─► source:status            (about 1/s, and on state changes)
 * worker 'tracked' ─► tracked:changed          (after a track request)
 * ```
 */
export async function createApplication(
  httpServer: HttpServer,
  parts: ApplicationParts,
  options: ApplicationOptions,
): Promise<Application> {
  const { worker, tracking } = parts;
  const log = parts.logger ?? createLogger('app');
  const keepWindows = options.keepWindows ?? EXPORT_MAX_WINDOWS;
  const settings: StreamSettings = {
    ...options.settings,
    maxKeywords: options.maxKeywords,
    controlRequired: options.controlToken !== null,
  };

  const windows: WindowSnapshot[] = (parts.recentWindows ?? []).slice(-keepWindows);
  let recentPosts: ScoredPost[] = [];
  let lastBatch: BatchProcessed | null = null;
  let status: SourceStatus = toSourceStatus(worker.status());
  // Long enough to explain every window the live chart shows (state:snapshot's windows).
  const explained = new ExplainedPosts(
    EXPLAINED_POSTS,
    settings.windowMs + (SNAPSHOT_WINDOWS - 1) * settings.slideMs,
    worker.engineStats().posts > 0,
  );
  /** End of the first window this process computed; earlier ones came from the history store. */
  let firstLiveEnd: number | null = null;

  // The request handler goes on before Socket.IO attaches, which then forwards every
  // non-Socket.IO request to it.
  httpServer.on('request', (req: IncomingMessage, res: ServerResponse) => {
    void route(req, res).catch((err: unknown) => {
      log.error('request failed', { url: req.url, error: (err as Error).message });
      if (!res.headersSent) sendText(res, 500, 'Internal server error');
      else res.destroy();
    });
  });

  async function route(req: IncomingMessage, res: ServerResponse): Promise<void> {
    let pathname: string;
    try {
      pathname = new URL(req.url ?? '/', 'http://localhost').pathname;
    } catch {
      return sendText(res, 400, 'Bad request: the URL cannot be parsed');
    }
    if (pathname === '/api/export') return exportCsv(req, res);
    const extra = parts.routes?.[pathname];
    if (extra) return extra(req, res);
    if (parts.nextHandler) return parts.nextHandler(req, res);
    sendText(res, 404, 'Not found');
  }

  /** `GET /api/export?last=N`: the newest N windows (default 1) in the CSV snapshot format. */
  function exportCsv(req: IncomingMessage, res: ServerResponse): void {
    if (req.method !== 'GET' && req.method !== 'HEAD') {
      sendText(res, 405, 'Use GET.', { Allow: 'GET, HEAD' });
      return;
    }
    const params = new URL(req.url ?? '/', 'http://localhost').searchParams;
    const raw = params.get('last');
    let last = 1;
    if (raw !== null) {
      last = /^\d{1,7}$/.test(raw) ? Number(raw) : NaN;
      if (!(last >= 1 && last <= EXPORT_MAX_WINDOWS)) {
        sendText(res, 400, `"last" must be a whole number of windows from 1 to ${EXPORT_MAX_WINDOWS} (got "${raw}").\n`);
        return;
      }
    }
    // The BOM makes spreadsheet programs read the file as UTF-8 (accents, emoji in terms).
    const body = '\uFEFF' + snapshotsToCsv(windows.slice(-last));
    res.writeHead(200, {
      'Content-Type': 'text/csv; charset=utf-8',
      'Content-Disposition': `attachment; filename="${exportFilename(Date.now())}"`,
      'Content-Length': String(Buffer.byteLength(body)),
      'Cache-Control': 'no-store',
      'X-Content-Type-Options': 'nosniff',
    });
    res.end(req.method === 'HEAD' ? undefined : body);
  }

  const io = new Server<ClientToServerEvents, ServerToClientEvents, Record<string, never>, SocketData>(httpServer, {
    maxHttpBufferSize: MAX_MESSAGE_BYTES,
    // The page bundles socket.io-client itself; no CORS headers, since page and socket share an origin.
    serveClient: false,
    allowRequest: (req, callback) => callback(null, originAllowed(req, options.allowedOrigins ?? [])),
  });

  // ---- worker events to broadcasts, bounded in rate ------------------------------------------
  let pendingBatch: BatchProcessed | null = null;
  let pendingPosts: ScoredPost[] = [];
  let pendingWindow: WindowSnapshot | null = null;
  let lastPushAt = 0;
  let pushTimer: NodeJS.Timeout | null = null;
  const windowPushTimes: number[] = [];

  function flush(): void {
    pushTimer = null;
    lastPushAt = Date.now();
    if (pendingWindow) {
      windowPushTimes.push(lastPushAt);
      io.emit('window:updated', pendingWindow);
      pendingWindow = null;
    }
    if (pendingBatch) {
      io.emit('batch:processed', pendingBatch);
      pendingBatch = null;
    }
    if (pendingPosts.length > 0) {
      io.emit('posts:sampled', pendingPosts);
      pendingPosts = [];
    }
  }

  /** Pushes now if the last push is old enough, else once the interval has passed. */
  function schedule(): void {
    if (pushTimer) return;
    const wait = lastPushAt + PUSH_INTERVAL_MS - Date.now();
    if (wait <= 0) flush();
    else pushTimer = setTimeout(flush, wait);
  }

  const onWindow = (w: WindowSnapshot) => {
    firstLiveEnd ??= w.end;
    windows.push(w);
    if (windows.length > keepWindows) windows.splice(0, windows.length - keepWindows);
    const now = Date.now();
    while (windowPushTimes.length > 0 && (windowPushTimes[0] as number) <= now - 1000) windowPushTimes.shift();
    if (windowPushTimes.length < MAX_WINDOW_PUSHES_PER_SECOND && !pendingWindow) {
      windowPushTimes.push(now);
      io.emit('window:updated', w);
    } else {
      pendingWindow = w;
      schedule();
    }
  };
  const onBatch = (b: BatchReport) => {
    const merged: BatchProcessed = pendingBatch
      ? {
          start: pendingBatch.start,
          end: b.end,
          posts: pendingBatch.posts + b.posts,
          batches: pendingBatch.batches + 1,
          processingMs: Math.max(pendingBatch.processingMs, b.processingMs),
          lagMs: b.lagMs,
        }
      : { start: b.start, end: b.end, posts: b.posts, batches: 1, processingMs: b.processingMs, lagMs: b.lagMs };
    pendingBatch = merged;
    lastBatch = merged;
    explained.batchProcessed(b.start);
    schedule();
  };
  const onSamples = (posts: ScoredPost[]) => {
    const newestFirst = [...posts].sort((a, b) => b.createdAt - a.createdAt);
    pendingPosts = [...newestFirst, ...pendingPosts].slice(0, SAMPLE_POSTS);
    recentPosts = [...newestFirst, ...recentPosts].slice(0, SNAPSHOT_POSTS);
    explained.add(posts);
    schedule();
  };
  const onStatus = (s: SourceStatusInfo) => {
    status = toSourceStatus(s);
    io.emit('source:status', status);
  };
  const onTracked = (tracked: string[]) => io.emit('tracked:changed', tracked);

  worker.on('window', onWindow);
  worker.on('batch', onBatch);
  worker.on('samples', onSamples);
  worker.on('status', onStatus);
  worker.on('tracked', onTracked);

  // ---- sockets --------------------------------------------------------------------------------
  function snapshotFor(socket: AppSocket): StateSnapshot {
    const recent = windows.slice(-SNAPSHOT_WINDOWS);
    return {
      settings,
      // Only the current window's top lists are shown; older windows go without them, which
      // keeps a reconnect to tens of kilobytes instead of hundreds.
      windows: recent.map((w, i) => (i === recent.length - 1 ? w : { ...w, hashtags: [], terms: [] })),
      tracked: worker.keywords(),
      status,
      posts: recentPosts,
      lastBatch,
      canControl: socket.data.canControl,
    };
  }

  /** Sliding one-second log of this socket's requests; true when one more is allowed. */
  function allowRequest(data: SocketData): boolean {
    const now = Date.now();
    data.requestTimes = data.requestTimes.filter((t) => t > now - 1000);
    if (data.requestTimes.length >= MAX_REQUESTS_PER_SECOND) return false;
    data.requestTimes.push(now);
    return true;
  }

  /** Saves `queries` as the tracked set; false (logged) when the file cannot be written. */
  function save(queries: string[]): boolean {
    try {
      tracking.save(queries);
      return true;
    } catch (err) {
      log.error('could not save the tracked set', { path: tracking.path, error: (err as Error).message });
      return false;
    }
  }

  function add(query: string): Ack<string[]> {
    const tracked = worker.keywords();
    if (tracked.includes(query)) return { error: `"${query}" is already tracked.` };
    if (tracked.length >= options.maxKeywords) {
      return { error: `At most ${options.maxKeywords} queries can be tracked; remove one first.` };
    }
    const result = worker.addKeyword(query);
    if (!result.ok) return { error: result.error, position: result.position };
    // Undoing an add loses nothing: the query has counted no batch yet.
    if (!save(worker.keywords())) {
      worker.removeKeyword(query);
      return { error: ERRORS.save };
    }
    return { data: worker.keywords() };
  }

  function remove(query: string): Ack<string[]> {
    if (!worker.keywords().includes(query)) return { error: `"${query}" is not tracked.` };
    // The file first: removing from the engine drops the query's counts, which no undo brings back.
    if (!save(worker.keywords().filter((q) => q !== query))) return { error: ERRORS.save };
    worker.removeKeyword(query);
    return { data: worker.keywords() };
  }

  /** `window:explain`: what moved a window the server pushed, from the explained posts kept for it. */
  function explain(end: unknown): Ack<WindowExplanation> {
    const parsed = windowEndSchema.safeParse(end);
    if (!parsed.success) return { error: parsed.error.issues[0]?.message ?? 'invalid window end' };
    const w = windows.findLast((x) => x.end === parsed.data);
    if (!w) return { error: ERRORS.unknownWindow };
    if (firstLiveEnd === null || w.end < firstLiveEnd || !explained.covers(w.start)) return { error: ERRORS.expiredWindow };
    return { data: { ...windowMovers(explained.all(), w.start, w.end, MOVERS_K), posts: w.total.posts } };
  }

  /** The track requests' own checks: the control token, then the query. */
  function track(socket: AppSocket, apply: (query: string) => Ack<string[]>): (query: unknown) => Ack<string[]> {
    return (query) => {
      if (!socket.data.canControl) return { error: ERRORS.readOnly };
      const parsed = trackQuerySchema.safeParse(query);
      if (!parsed.success) return { error: parsed.error.issues[0]?.message ?? 'invalid query' };
      return apply(parsed.data);
    };
  }

  /**
   * One request handler for every event. Arguments come from the network: the payload may be any
   * JSON value and the acknowledgement may be missing, so both are checked here, every request
   * counts against the socket's rate limit, and nothing a client sends can throw out of the handler.
   */
  function handleRequest<T>(socket: AppSocket, event: string, handle: (payload: unknown) => Ack<T>, payload: unknown, ack: unknown): void {
    const reply = typeof ack === 'function' ? (ack as (r: Ack<T>) => void) : () => {};
    try {
      if (!allowRequest(socket.data)) return reply({ error: ERRORS.rate });
      reply(handle(payload));
    } catch (err) {
      log.error('request failed', { event, error: (err as Error).message });
      reply({ error: ERRORS.internal });
    }
  }

  io.on('connection', (socket) => {
    socket.data.canControl = options.controlToken === null || sameToken(socket.handshake.auth?.token, options.controlToken);
    socket.data.requestTimes = [];
    socket.on('track:add', (query, ack) => handleRequest(socket, 'track:add', track(socket, add), query, ack));
    socket.on('track:remove', (query, ack) => handleRequest(socket, 'track:remove', track(socket, remove), query, ack));
    socket.on('window:explain', (end, ack) => handleRequest(socket, 'window:explain', explain, end, ack));
    socket.emit('state:snapshot', snapshotFor(socket));
  });

  await new Promise<void>((resolve, reject) => {
    httpServer.once('error', reject);
    httpServer.listen(options.port, options.host, () => {
      httpServer.off('error', reject);
      resolve();
    });
  });
  const address = httpServer.address() as AddressInfo;
  const host = address.address === '::' || address.address === '0.0.0.0' ? 'localhost' : address.address;
  const url = `http://${host.includes(':') ? `[${host}]` : host}:${address.port}`;

  let closing: Promise<void> | null = null;
  return {
    io,
    address,
    url,
    start: () => worker.start(),
    close() {
      closing ??= (async () => {
        if (pushTimer) clearTimeout(pushTimer);
        worker.off('window', onWindow);
        worker.off('batch', onBatch);
        worker.off('samples', onSamples);
        worker.off('status', onStatus);
        worker.off('tracked', onTracked);
        try {
          await worker.stop();
        } catch (err) {
          log.error('worker did not stop cleanly', { error: (err as Error).message });
        }
        // io.close() disconnects the sockets and closes the HTTP server; idle keep-alive
        // connections would hold that open, so they are cut.
        await new Promise<void>((resolve) => {
          io.close(() => resolve());
          httpServer.closeAllConnections();
        });
        await parts.onClose?.();
      })();
      return closing;
    },
  };
}

/**
 * A browser always sends Origin on a websocket or XHR; it must be one configured, or the server's
 * own (the Host it was asked for) when that host is `localhost` or an IP address. A DNS name is
 * trusted only when configured: a rebinding attack makes an attacker's name point here, and then
 * Origin and Host agree. Clients that are not browsers send no Origin and are let through: they
 * are not the cross-site risk this guards against.
 */
export function originAllowed(req: IncomingMessage, allowed: readonly string[]): boolean {
  const origin = req.headers.origin;
  if (origin === undefined) return true;
  if (allowed.includes(origin)) return true;
  let url: URL;
  try {
    url = new URL(origin);
  } catch {
    return false;
  }
  const name = url.hostname;
  const literal = name === 'localhost' || isIP(name) !== 0 || (name.startsWith('[') && isIP(name.slice(1, -1)) !== 0);
  return literal && url.host === req.headers.host;
}
