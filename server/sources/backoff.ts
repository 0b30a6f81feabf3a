import WebSocket from 'ws';
import { Backoff, DEFAULT_BACKOFF, type BackoffOptions } from '../../lib/sources/backoff';
import type { SourceHandlers } from '../../lib/sources/source';

/** Reconnect settings every live source accepts (tests pass small delays and a seeded random). */
export interface ReconnectOptions {
  /** Overrides of {@link DEFAULT_BACKOFF} (ms). */
  backoff?: Partial<BackoffOptions>;
  /** Uniform in [0, 1); default `Math.random`. */
  random?: () => number;
  /** Epoch ms; default `Date.now`. */
  now?: () => number;
}

/**
 * The reconnect loop of a live source: after a drop it waits a {@link Backoff} delay and calls
 * `connect` again, reporting `reconnecting` (or `failed` once `maxAttempts` is spent).
 * Only timers live here; each source owns its own socket.
 */
export class Reconnector {
  private readonly backoff: Backoff;
  private readonly now: () => number;
  private timer: NodeJS.Timeout | null = null;
  private stopped = false;

  constructor(
    options: ReconnectOptions,
    private readonly connect: () => void,
    /**
     * Where states and issues go: the source's current handlers (null before start). Each drop and
     * failure is also reported as a `connection` issue, so the dashboard can count them.
     */
    private readonly report: () => Pick<SourceHandlers, 'onState' | 'onIssue'> | null,
  ) {
    this.backoff = new Backoff({ ...DEFAULT_BACKOFF, ...options.backoff }, options.random ?? Math.random);
    this.now = options.now ?? Date.now;
  }

  /** True once {@link stop} was called: sources check it before touching the network. */
  get isStopped(): boolean {
    return this.stopped;
  }

  /** The connection is up; it resets the backoff once it has lasted `stableMs`. */
  opened(): void {
    this.backoff.connected(this.now());
  }

  /**
   * The connection failed or dropped: schedule the next attempt (once; later calls are ignored
   * until it runs). `minDelayMs` is a floor the server asked for (a rate limit's reset time).
   */
  dropped(reason: string, minDelayMs = 0): void {
    if (this.stopped || this.timer) return;
    this.report()?.onIssue({ kind: 'connection', message: reason });
    const next = this.backoff.next(this.now());
    const delay = next === null ? null : Math.max(next, minDelayMs);
    if (delay === null) {
      this.report()?.onState('failed', `${reason}; gave up after ${this.backoff.attempts} attempts`);
      return;
    }
    this.report()?.onState('reconnecting', `${reason}; retry ${this.backoff.attempts} in ${delay} ms`);
    this.timer = setTimeout(() => {
      this.timer = null;
      if (!this.stopped) this.connect();
    }, delay);
  }

  /** A permanent failure (bad credentials, 4xx other than 429): no retry. */
  fail(reason: string): void {
    if (this.stopped) return;
    this.clearTimer();
    this.report()?.onIssue({ kind: 'connection', message: reason });
    this.report()?.onState('failed', reason);
  }

  stop(): void {
    this.stopped = true;
    this.clearTimer();
  }

  private clearTimer(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
  }
}

/**
 * Wraps the worker's handlers so that an exception in one of them never escapes into a socket's
 * event emitter (where it would crash the process): a throwing `onPosts` becomes a `handler` issue.
 */
export function guardHandlers(handlers: SourceHandlers): SourceHandlers {
  const onIssue: SourceHandlers['onIssue'] = (issue) => {
    try {
      handlers.onIssue(issue);
    } catch {
      // Nowhere left to report to; dropping the report is better than killing the connection.
    }
  };
  const guard =
    <A extends unknown[]>(name: string, fn: (...args: A) => void) =>
    (...args: A): void => {
      try {
        fn(...args);
      } catch (err) {
        onIssue({ kind: 'handler', message: `${name} threw: ${err instanceof Error ? err.message : String(err)}` });
      }
    };
  return {
    onPosts: guard('onPosts', handlers.onPosts.bind(handlers)),
    onIssue,
    onState: guard('onState', handlers.onState.bind(handlers)),
    onEnd: guard('onEnd', handlers.onEnd.bind(handlers)),
  };
}

/**
 * Closes a websocket and resolves once it is closed: a close handshake, cut short after `graceMs`
 * (a stalled peer must not hold up `stop()`).
 */
export function closeWebSocket(ws: WebSocket, graceMs = 1_000): Promise<void> {
  return new Promise((resolve) => {
    if (ws.readyState === WebSocket.CLOSED) {
      resolve();
      return;
    }
    const timer = setTimeout(() => ws.terminate(), graceMs);
    ws.once('close', () => {
      clearTimeout(timer);
      resolve();
    });
    if (ws.readyState === WebSocket.CONNECTING) ws.terminate();
    else ws.close(1000);
  });
}

/** Validates a numeric option at construction, naming the source and the option. */
export function checkPositive(source: string, name: string, v: number, allowZero = false): number {
  if (!Number.isFinite(v) || v < 0 || (!allowZero && v === 0)) {
    throw new Error(`${source} option ${name} must be a ${allowZero ? 'non-negative' : 'positive'} number, got ${v}`);
  }
  return v;
}

/** Parses a URL option at construction, naming the source and the option when it is not one. */
export function checkUrl(source: string, name: string, value: string, protocols: readonly string[]): URL {
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    throw new Error(`${source} option ${name} is not a URL: "${value}"`);
  }
  if (!protocols.includes(url.protocol)) throw new Error(`${source} option ${name} must be a ${protocols.join(' or ')} URL, got "${value}"`);
  return url;
}
