import { createDemoGenerator, type DemoGenerator } from '../../lib/demo/generator';
import type { Post } from '../../lib/post';
import type { Source, SourceHandlers, SourcePosition } from '../../lib/sources/source';
import { realTimers, type SourceTimers } from './replay';

/** Where `max` mode starts by default: a fixed instant, so runs are reproducible. */
export const DEMO_EPOCH = Date.UTC(2026, 0, 1);

export interface DemoOptions {
  /** Generator seed (an integer). */
  seed: number;
  /** Average posts per second of event time (default 50). */
  rate?: number;
  /**
   * `max`: virtual time from `start`, as fast as the consumer takes posts (needs `limit`).
   * A number: event time runs at that factor of the clock; at 1, createdAt is clock time.
   */
  speed: 'max' | number;
  /** Stop after this many posts (then the state is `ended`). */
  limit?: number;
  /** Event time of the first post, epoch ms. Default: `DEMO_EPOCH` for `max`, the clock otherwise. */
  start?: number;
  /** Wall clock, epoch ms (default `Date.now`). */
  clock?: () => number;
  timers?: SourceTimers;
  /** Paced modes emit every `tickMs` of wall time (default 150). */
  tickMs?: number;
  /** Most posts per `onPosts` call (default 500; a chunk never splits one millisecond). */
  chunkPosts?: number;
  /**
   * Paced modes, resuming: at most this much event time (ms) missed while down is generated to
   * catch up (default 60 s); the rest of the gap is skipped and reported.
   */
  maxCatchUpMs?: number;
}

/**
 * Resume point: every post with createdAt < `t` has been emitted, `n` of them in all (the count
 * `limit` applies to). Chunks never split a millisecond, except the last one when `limit` cuts
 * it: resuming from there with a larger limit skips the rest of that millisecond (a post or two).
 */
export interface DemoPosition {
  t: number;
  n: number;
}

/**
 * The out-of-the-box source: {@link createDemoGenerator}'s stream, paced by the clock or at full
 * speed in virtual time. Since the generator is a function of event time, resuming from
 * `{ t, n }` continues the very same stream.
 */
export class DemoSource implements Source {
  readonly kind = 'demo';
  private readonly gen: DemoGenerator;
  private readonly o: Required<Omit<DemoOptions, 'limit' | 'start' | 'rate'>> & { limit: number; start: number | null };
  private abort = new AbortController();
  private running: Promise<void> | null = null;

  constructor(options: DemoOptions) {
    const { speed } = options;
    if (speed !== 'max' && !(typeof speed === 'number' && Number.isFinite(speed) && speed > 0)) {
      throw new Error(`speed must be 'max' or a positive number (a factor of real time), got ${String(speed)}`);
    }
    const limit = options.limit ?? Number.POSITIVE_INFINITY;
    if (!(limit === Number.POSITIVE_INFINITY || (Number.isSafeInteger(limit) && limit >= 0))) {
      throw new Error(`limit must be a whole number of posts, got ${limit}`);
    }
    if (speed === 'max' && limit === Number.POSITIVE_INFINITY) {
      throw new Error("speed 'max' needs a limit (a number of posts): a demo stream at full speed never ends");
    }
    if (options.start !== undefined && !Number.isFinite(options.start)) throw new Error(`start must be epoch ms, got ${options.start}`);
    this.gen = createDemoGenerator({ seed: options.seed, rate: options.rate ?? 50 });
    this.o = {
      seed: options.seed,
      speed,
      limit,
      start: options.start ?? null,
      clock: options.clock ?? Date.now,
      timers: options.timers ?? realTimers,
      tickMs: options.tickMs ?? 150,
      chunkPosts: options.chunkPosts ?? 500,
      maxCatchUpMs: options.maxCatchUpMs ?? 60_000,
    };
  }

  start(handlers: SourceHandlers, from?: SourcePosition | null): void {
    if (this.running) throw new Error('DemoSource already started');
    const pos = readPosition(from, handlers);
    this.running = (this.o.speed === 'max' ? this.runMax(handlers, pos) : this.runPaced(handlers, pos, this.o.speed)).catch(
      (err: unknown) => {
        handlers.onIssue({ kind: 'internal', message: (err as Error).message });
        handlers.onState('failed', (err as Error).message);
      },
    );
  }

  /** Stops promptly (a pending tick is cut short); resolves once nothing more will be emitted. */
  async stop(): Promise<void> {
    this.abort.abort();
    await this.running;
  }

  private async runMax(h: SourceHandlers, from: DemoPosition | null): Promise<void> {
    const o = this.o;
    const signal = this.abort.signal;
    h.onState('starting');
    h.onState('live', `demo at max speed, ${this.gen.rate} posts/s of event time`);
    let t = from?.t ?? o.start ?? DEMO_EPOCH;
    let n = from?.n ?? 0;
    // Enough event time for about one chunk of posts.
    const stepMs = Math.max(1, Math.round((o.chunkPosts / this.gen.rate) * 1000));
    while (!signal.aborted && n < o.limit) {
      const until = t + stepMs;
      ({ t, n } = this.emit(h, this.gen.postsBetween(t, until), until, n));
      await o.timers.yield();
    }
    this.finish(h, signal, n);
  }

  private async runPaced(h: SourceHandlers, from: DemoPosition | null, speed: number): Promise<void> {
    const o = this.o;
    const signal = this.abort.signal;
    h.onState('starting');
    const wallStart = o.clock();
    // Event time at wallStart; a checkpoint ahead of it (a fast run) is continued, not repeated.
    const anchor = Math.max(o.start ?? wallStart, from?.t ?? Number.NEGATIVE_INFINITY);
    let t = from?.t ?? anchor;
    let n = from?.n ?? 0;
    if (anchor - t > o.maxCatchUpMs) {
      h.onIssue({ kind: 'gap', message: `skipping ${Math.round((anchor - t - o.maxCatchUpMs) / 1000)} s of demo event time missed while stopped` });
      t = anchor - o.maxCatchUpMs;
    }
    h.onState('live', `demo at ${speed}x, ${this.gen.rate} posts/s`);
    while (!signal.aborted && n < o.limit) {
      const now = anchor + (o.clock() - wallStart) * speed;
      // Catching up is done a few seconds of event time at a time, yielding in between.
      while (!signal.aborted && t < now && n < o.limit) {
        const until = Math.min(now, t + 10_000);
        ({ t, n } = this.emit(h, this.gen.postsBetween(t, until), until, n));
        if (until < now) await o.timers.yield();
      }
      if (n >= o.limit) break;
      await o.timers.sleep(o.tickMs, signal);
    }
    this.finish(h, signal, n);
  }

  /**
   * Sends the posts of [t, until) in chunks that never split a millisecond (a position is a time),
   * stopping at the limit. Returns the new position.
   */
  private emit(h: SourceHandlers, posts: Post[], until: number, n: number): DemoPosition {
    const o = this.o;
    let i = 0;
    while (i < posts.length) {
      if (this.abort.signal.aborted) return { t: (posts[i] as Post).createdAt, n };
      let end = Math.min(posts.length, i + o.chunkPosts, i + (o.limit - n));
      const cutAtLimit = end === i + (o.limit - n);
      // Keep a millisecond whole, unless the limit cuts it (then the run ends there anyway).
      while (!cutAtLimit && end < posts.length && (posts[end] as Post).createdAt === (posts[end - 1] as Post).createdAt) end++;
      const chunk = posts.slice(i, end);
      n += chunk.length;
      i = end;
      const t = i < posts.length ? (posts[i] as Post).createdAt : until;
      const last = (chunk[chunk.length - 1] as Post).createdAt;
      h.onPosts(chunk, { t: cutAtLimit && n >= o.limit ? last + 1 : t, n } satisfies DemoPosition);
      if (n >= o.limit) return { t: last + 1, n };
    }
    return { t: until, n };
  }

  private finish(h: SourceHandlers, signal: AbortSignal, n: number): void {
    if (signal.aborted) {
      h.onState('stopped');
      return;
    }
    h.onState('ended', `${n} posts`);
    h.onEnd();
  }
}

function readPosition(from: SourcePosition | null | undefined, h: SourceHandlers): DemoPosition | null {
  if (from === null || from === undefined) return null;
  const { t, n } = from as Partial<DemoPosition>;
  if (!Number.isFinite(t) || !Number.isSafeInteger(n) || (n as number) < 0) {
    h.onIssue({ kind: 'position', message: `ignoring an invalid resume position ${JSON.stringify(from).slice(0, 200)}` });
    return null;
  }
  return { t: t as number, n: n as number };
}
