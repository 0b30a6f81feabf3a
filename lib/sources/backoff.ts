/** Settings of a reconnect {@link Backoff}. All durations in milliseconds. */
export interface BackoffOptions {
  /** Ceiling of the first delay (attempt 0). */
  baseMs: number;
  /** No delay ceiling grows beyond this. */
  capMs: number;
  /** A connection that stayed up this long resets the attempt count to 0. */
  stableMs: number;
  /** Consecutive failed attempts after which {@link Backoff.next} gives up (returns null). Default: never. */
  maxAttempts?: number;
}

/** Defaults for live sources: first retry within 1 s, never more than 60 s apart, reset after 30 s up. */
export const DEFAULT_BACKOFF: Readonly<BackoffOptions> = { baseMs: 1_000, capMs: 60_000, stableMs: 30_000 };

/**
 * Exponential backoff with full jitter (AWS Architecture Blog, "Exponential Backoff And Jitter"):
 * `delay = random() * min(capMs, baseMs * 2^attempt)`.
 *
 * Full jitter spreads the reconnects of many clients dropped at once (a server restart) over the
 * whole interval instead of making them arrive together. Pure: the random source and the time are
 * passed in, so tests drive it deterministically.
 *
 * @example
 * const b = new Backoff({ baseMs: 1000, capMs: 60000, stableMs: 30000 }, Math.random);
 * ws.on('open', () => b.connected(Date.now()));
 * ws.on('close', () => { const d = b.next(Date.now()); if (d !== null) setTimeout(connect, d); });
 */
export class Backoff {
  private attempt = 0;
  private connectedAt: number | null = null;

  constructor(
    private readonly options: BackoffOptions,
    /** Uniform in [0, 1), like `Math.random`. */
    private readonly random: () => number,
  ) {
    for (const key of ['baseMs', 'capMs', 'stableMs'] as const) {
      const v = options[key];
      if (!Number.isFinite(v) || v < 0) throw new Error(`backoff ${key} must be a finite number >= 0, got ${v}`);
    }
    if (options.capMs < options.baseMs) throw new Error(`backoff capMs (${options.capMs}) must be >= baseMs (${options.baseMs})`);
    const max = options.maxAttempts;
    if (max !== undefined && !(Number.isInteger(max) && max > 0)) {
      throw new Error(`backoff maxAttempts must be a positive integer, got ${max}`);
    }
  }

  /** Consecutive failed attempts so far (0 after a stable connection). */
  get attempts(): number {
    return this.attempt;
  }

  /** The connection is up at `now` (epoch ms); it counts as stable once it lasts `stableMs`. */
  connected(now: number): void {
    this.connectedAt = now;
  }

  /**
   * The connection failed or dropped at `now` (epoch ms): the delay in ms before the next attempt,
   * or null when `maxAttempts` consecutive attempts have failed.
   */
  next(now: number): number | null {
    if (this.connectedAt !== null && now - this.connectedAt >= this.options.stableMs) this.attempt = 0;
    this.connectedAt = null;
    const max = this.options.maxAttempts;
    if (max !== undefined && this.attempt >= max) return null;
    // 2^attempt overflows to Infinity long after min() has chosen the cap; the exponent is clamped anyway.
    const ceiling = Math.min(this.options.capMs, this.options.baseMs * 2 ** Math.min(this.attempt, 52));
    this.attempt += 1;
    return Math.floor(this.random() * ceiling);
  }

  /** Forget all failures (for a manual restart). */
  reset(): void {
    this.attempt = 0;
    this.connectedAt = null;
  }
}
