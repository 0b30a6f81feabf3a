import {
  createLineParser,
  detectFormat,
  isSkip,
  type FormatName,
  type ParseResult,
} from '../../lib/sources/formats';
import type { Post } from '../../lib/post';
import type { Source, SourceHandlers, SourcePosition } from '../../lib/sources/source';
import { DEFAULT_MAX_LINE_BYTES, readFileLines, type LineEvent } from './lineReader';

/**
 * Waiting, made injectable so tests can run a paced replay in virtual time.
 */
export interface SourceTimers {
  /** Resolves after `ms` milliseconds, or at once when `signal` aborts. */
  sleep(ms: number, signal: AbortSignal): Promise<void>;
  /** Lets the event loop run pending I/O before the next chunk (a server stays responsive). */
  yield(): Promise<void>;
}

/** Node's timers: `setTimeout` for sleeps, `setImmediate` to yield. */
export const realTimers: SourceTimers = {
  sleep: (ms, signal) =>
    new Promise<void>((resolve) => {
      if (signal.aborted) return resolve();
      const done = (): void => {
        clearTimeout(timer);
        signal.removeEventListener('abort', done);
        resolve();
      };
      const timer = setTimeout(done, Math.max(0, ms));
      signal.addEventListener('abort', done, { once: true });
    }),
  yield: () => new Promise<void>((resolve) => setImmediate(resolve)),
};

export interface ReplayOptions {
  /** Path of the file to replay. */
  file: string;
  /** File format; `auto` (default) detects it from the first lines. */
  format?: 'auto' | FormatName;
  /**
   * `max`: as fast as the consumer takes posts, yielding to the event loop between chunks.
   * A number: a factor of real time by createdAt (`1` real time, `10` ten times faster).
   */
  speed: 'max' | number;
  /** Start again at the end, shifting createdAt forward by whole loop spans. */
  loop: boolean;
  /** Longest line kept, bytes (default 1 MiB); longer lines are reported `oversized` and skipped. */
  maxLineBytes?: number;
  /** Most posts per `onPosts` call (default 500). */
  chunkPosts?: number;
  /** `Post.source` stamped on every post (default `replay`). */
  postSource?: string;
  /** Wall clock, epoch ms (default `Date.now`). Used for pacing only. */
  clock?: () => number;
  timers?: SourceTimers;
}

/**
 * Where a replay resumes: the byte offset just after the last record consumed and that record's
 * (last) line number. With `loop`, also the pass (0 = first reading) and the createdAt range seen
 * in the first pass, from which the loop span is computed.
 */
export interface ReplayPosition {
  offset: number;
  line: number;
  pass?: number;
  minT?: number | null;
  maxT?: number | null;
}

const HEAD_LINES = 16;

/**
 * Replays a file of posts (JSON Lines, CSV, Sentiment140 or Jetstream frames) as a source.
 *
 * - Posts go out in chunks of at most `chunkPosts`, and at the end of every read chunk, each
 *   with the position just after the last record consumed (never inside a multi-line CSV record).
 * - Malformed records are reported as `{ kind: 'malformed', line }` (for a CSV record spread over
 *   lines, its first line), over-long lines as `{ kind: 'oversized', line }`; both are skipped.
 *   Skips (blank lines, the CSV header, non-post Jetstream events) are silent.
 * - Pacing (`speed` a number): the post with createdAt t is emitted at
 *   wallStart + (t - firstT) / speed, where firstT is the first post's createdAt (after a resume,
 *   the first post read) and wallStart the clock when it was read. A post earlier than firstT
 *   (an out-of-order file) goes out at once.
 * - Loop: pass k shifts every createdAt by k * span, span = (max - min createdAt of the file + 1 s)
 *   rounded up to a whole second, so event time keeps moving forward, nothing is late, and the
 *   1-s batch grid lines up in every pass. Ids get a `~k` suffix in pass k > 0 so they stay
 *   unique. Issues are reported in the first pass only (the same bytes are read again).
 * - States: `starting`, `live`, then `ended` (followed by `onEnd`), `stopped` after `stop()`, or
 *   `failed` when the file cannot be read (also followed by `onEnd`, so a consumer waiting for
 *   the end does not hang).
 */
export class ReplaySource implements Source {
  readonly kind = 'replay';
  private readonly options: Required<Omit<ReplayOptions, 'format'>> & { format: 'auto' | FormatName };
  private abort = new AbortController();
  private running: Promise<void> | null = null;

  constructor(options: ReplayOptions) {
    const { speed } = options;
    if (speed !== 'max' && !(typeof speed === 'number' && Number.isFinite(speed) && speed > 0)) {
      throw new Error(`speed must be 'max' or a positive number (a factor of real time), got ${String(speed)}`);
    }
    const maxLineBytes = options.maxLineBytes ?? DEFAULT_MAX_LINE_BYTES;
    if (!Number.isInteger(maxLineBytes) || maxLineBytes < 1) throw new Error(`maxLineBytes must be a positive integer, got ${maxLineBytes}`);
    const chunkPosts = options.chunkPosts ?? 500;
    if (!Number.isInteger(chunkPosts) || chunkPosts < 1) throw new Error(`chunkPosts must be a positive integer, got ${chunkPosts}`);
    this.options = {
      file: options.file,
      format: options.format ?? 'auto',
      speed,
      loop: options.loop,
      maxLineBytes,
      chunkPosts,
      postSource: options.postSource ?? 'replay',
      clock: options.clock ?? Date.now,
      timers: options.timers ?? realTimers,
    };
  }

  start(handlers: SourceHandlers, from?: SourcePosition | null): void {
    if (this.running) throw new Error('ReplaySource already started');
    this.running = this.run(handlers, readPosition(from, handlers)).catch((err: unknown) => {
      const message = `replay of ${this.options.file} failed: ${(err as Error).message}`;
      handlers.onIssue({ kind: 'io', message });
      handlers.onState('failed', message);
      handlers.onEnd();
    });
  }

  /** Stops reading promptly (an ongoing pacing sleep is cut short); resolves when the file is closed. */
  async stop(): Promise<void> {
    this.abort.abort();
    await this.running;
  }

  private async run(h: SourceHandlers, from: ReplayPosition): Promise<void> {
    const o = this.options;
    const signal = this.abort.signal;
    h.onState('starting');
    const head = await readHead(o.file, o.maxLineBytes);
    const format = o.format === 'auto' ? detectFormat(head.map((e) => e.text)) : o.format;
    h.onState('live', `${format} at ${o.speed === 'max' ? 'max speed' : `${o.speed}x`}`);

    let pass = from.pass ?? 0;
    let minT = from.minT ?? null;
    let maxT = from.maxT ?? null;
    let offset = from.offset;
    let line = from.line;
    // Pacing anchor: set by the first post read in this run.
    let wallStart = 0;
    let firstT: number | null = null;
    let ready: Post[] = [];
    const position = (): SourcePosition =>
      o.loop ? { offset, line, pass, minT, maxT } : { offset, line };
    const flush = (): void => {
      if (ready.length === 0) return;
      const posts = ready;
      ready = [];
      h.onPosts(posts, position());
    };

    for (;;) {
      const parser = createLineParser(format, { source: o.postSource, maxRecordChars: o.maxLineBytes });
      // Resuming inside a CSV file: the parser needs the header row first.
      const header = head.find((e) => e.text.trim() !== '');
      if (format === 'csv' && offset > 0 && header && header.end <= offset) parser.push(header.text);
      const span = pass > 0 && minT !== null && maxT !== null ? Math.ceil((maxT - minT + 1000) / 1000) * 1000 : 0;
      let recordLine = line + 1;

      // Returns the post to emit (shifted for the pass), or null after reporting an issue.
      const take = (r: ParseResult | null, at: number): Post | null => {
        if (r === null || isSkip(r)) return null;
        if (!r.ok) {
          if (pass === 0) h.onIssue({ kind: 'malformed', message: r.error, line: at });
          return null;
        }
        const post = r.post;
        return pass === 0 ? post : { ...post, id: `${post.id}~${pass}`, createdAt: post.createdAt + pass * span };
      };
      const accept = (post: Post): void => {
        // The loop span is measured over the first pass only (later passes are shifted copies).
        if (pass === 0) {
          minT = minT === null ? post.createdAt : Math.min(minT, post.createdAt);
          maxT = maxT === null ? post.createdAt : Math.max(maxT, post.createdAt);
        }
        ready.push(post);
      };

      const lines = readFileLines(o.file, { startOffset: offset, firstLine: line + 1, maxLineBytes: o.maxLineBytes });
      let last: LineEvent | null = null;
      let legacyReported = false;
      for await (const events of lines) {
        for (const ev of events) {
          if (signal.aborted) break;
          last = ev;
          let post: Post | null = null;
          if (ev.kind === 'oversized') {
            if (pass === 0) {
              h.onIssue({ kind: 'oversized', message: `line of ${ev.bytes} bytes is over the ${o.maxLineBytes}-byte limit`, line: ev.line });
            }
            // The dropped line may have been inside a multi-line CSV record: that record is lost too.
            parser.reset();
          } else {
            if (ev.legacy && pass === 0 && !legacyReported) {
              legacyReported = true;
              h.onIssue({ kind: 'encoding', message: 'not UTF-8: this line and any other like it are read as Windows-1252 (Latin-1)', line: ev.line });
            }
            if (!parser.pending) recordLine = ev.line;
            post = take(parser.push(ev.text), recordLine);
          }
          if (post !== null) {
            if (ready.length >= o.chunkPosts) flush();
            if (o.speed !== 'max') {
              const now = o.clock();
              if (firstT === null) {
                firstT = post.createdAt;
                wallStart = now;
              }
              const due = wallStart + (post.createdAt - firstT) / o.speed;
              if (due > now) {
                // Everything read so far is due: send it with the position before this post.
                flush();
                await o.timers.sleep(due - now, signal);
                if (signal.aborted) break;
              }
            }
            accept(post);
          }
          if (!parser.pending) {
            offset = ev.end;
            line = ev.line;
          }
        }
        if (signal.aborted) break;
        flush();
        await o.timers.yield();
      }
      if (signal.aborted) break;
      const tail = take(parser.finish(), recordLine);
      if (last) {
        offset = last.end;
        line = last.line;
      }
      if (tail) accept(tail);
      flush();

      if (!o.loop) break;
      if (minT === null) {
        h.onIssue({ kind: 'empty', message: `${o.file} has no posts to loop over` });
        break;
      }
      pass += 1;
      offset = 0;
      line = 0;
    }

    if (signal.aborted) {
      // Posts read but not yet sent are dropped: the last position sent is before them.
      h.onState('stopped');
    } else {
      h.onState('ended');
      h.onEnd();
    }
  }
}

/** The first lines of the file, for format detection and the CSV header when resuming. */
async function readHead(file: string, maxLineBytes: number): Promise<Array<LineEvent & { kind: 'line' }>> {
  const head: Array<LineEvent & { kind: 'line' }> = [];
  for await (const events of readFileLines(file, { maxLineBytes, chunkBytes: 16 * 1024 })) {
    for (const ev of events) if (ev.kind === 'line') head.push(ev);
    if (head.length >= HEAD_LINES) break;
  }
  return head;
}

function readPosition(from: SourcePosition | null | undefined, h: SourceHandlers): ReplayPosition {
  if (from === null || from === undefined) return { offset: 0, line: 0 };
  const { offset, line, pass, minT, maxT } = from as Partial<ReplayPosition>;
  const count = (v: unknown): v is number => Number.isSafeInteger(v) && (v as number) >= 0;
  const time = (v: unknown): v is number | null | undefined => v === null || v === undefined || Number.isFinite(v);
  if (!count(offset) || !count(line) || !(pass === undefined || count(pass)) || !time(minT) || !time(maxT)) {
    h.onIssue({ kind: 'position', message: `ignoring an invalid resume position ${JSON.stringify(from).slice(0, 200)}; starting from the beginning` });
    return { offset: 0, line: 0 };
  }
  return { offset, line, pass, minT, maxT };
}
