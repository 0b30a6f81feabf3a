import WebSocket, { type RawData } from 'ws';
import type { Post } from '../../lib/post';
import { isSkip, parseJetstreamEvent } from '../../lib/sources/formats';
import type { Source, SourceHandlers, SourcePosition } from '../../lib/sources/source';
import { Reconnector, checkPositive, checkUrl, closeWebSocket, guardHandlers, type ReconnectOptions } from './backoff';
import { StallWatch } from './stallWatch';

/** The public Jetstream instance, posts only. */
export const DEFAULT_JETSTREAM_URL = 'wss://jetstream2.us-east.bsky.network/subscribe?wantedCollections=app.bsky.feed.post';

export interface JetstreamOptions extends ReconnectOptions {
  /** Websocket URL, query included (default {@link DEFAULT_JETSTREAM_URL}); `cursor` is set by the source. */
  endpoint?: string;
  /** Frames larger than this (bytes) are counted as `oversized` and skipped; the connection stays. Default 1 MiB. */
  maxFrameBytes?: number;
  /**
   * The ws client's `maxPayload` (bytes): a frame past it is refused before it is buffered, and ws
   * closes the connection (1009), which is counted as `oversized` and reconnected. Default 4 x maxFrameBytes.
   */
  maxPayloadBytes?: number;
  /** How far before the last processed `time_us` a reconnect resumes, in µs (default 5 s). */
  rewindUs?: number;
  /** Most ids remembered for dropping replayed duplicates (default 100 000). */
  maxRecentIds?: number;
  /** No frame for this long (ms) means a dead connection: reconnect. Jetstream never idles that long. Default 60 s. */
  stallMs?: number;
  /**
   * After a resume from a cursor the source reports `live` only once it has caught up, that is
   * once a frame's `time_us` is within this many ms of the clock; until then it is replaying.
   * Default 10 s.
   */
  liveLagMs?: number;
}

/** Jetstream resume position: `cursor` the last processed `time_us`; `recent` the post ids within the rewind window. */
export interface JetstreamPosition extends SourcePosition {
  cursor: number;
  recent: string[];
}

const KNOWN_KINDS = new Set(['commit', 'identity', 'account']);

/**
 * Bluesky's Jetstream firehose over a websocket (kind `bluesky`).
 *
 * Each (re)connection asks for `cursor = last time_us - rewindUs`, because events near the cursor
 * may be delivered out of order; the replayed overlap is dropped by post id (`did/rkey`) using the
 * ids seen in the rewind window, which the position carries so that a restart from a checkpoint
 * drops them too. Frames are parsed with the shared replay parser, so a recorded file and the live
 * stream give identical posts.
 *
 * States: `live` means current events are flowing. After a resume from a cursor the source says
 * `reconnecting` (or `starting`) with detail `replaying from cursor ...` until a frame is within
 * `liveLagMs` of the clock, so a worker that closes batches by the clock can hold off while
 * the missed minutes are replayed.
 *
 * Limitation: a frame over `maxPayloadBytes` that the server replays on every reconnect would be
 * refused again each time (the source cannot learn its `time_us` to step past it); the backoff
 * keeps that loop slow and `maxAttempts` can end it.
 */
export class JetstreamSource implements Source {
  readonly kind = 'bluesky';
  private readonly endpoint: string;
  private readonly maxFrameBytes: number;
  private readonly maxPayloadBytes: number;
  private readonly rewindUs: number;
  private readonly maxRecent: number;
  private readonly liveLagMs: number;
  private readonly now: () => number;
  /** True while a replay from the cursor has not yet reached the present. */
  private catchingUp = false;
  private readonly reconnector: Reconnector;
  private handlers: SourceHandlers | null = null;
  private ws: WebSocket | null = null;
  private readonly stall: StallWatch;
  private flushTimer: NodeJS.Immediate | null = null;
  private cursor: number | null = null;
  /** Ids in arrival order with their time_us, oldest first; `recentHead` is the first live entry. */
  private recent: { id: string; timeUs: number }[] = [];
  private recentHead = 0;
  private readonly recentIds = new Set<string>();
  private pending: Post[] = [];
  /** The cursor when the current connection was opened: frames up to it were seen (and reported) before. */
  private replayUntil: number | null = null;
  private lastError = '';
  /** Whether the source was live before: a later replay is a reconnect, not the start. */
  private everLive = false;

  constructor(options: JetstreamOptions = {}) {
    this.endpoint = options.endpoint ?? DEFAULT_JETSTREAM_URL;
    checkUrl('jetstream', 'endpoint', this.endpoint, ['ws:', 'wss:']);
    this.maxFrameBytes = checkPositive('jetstream', 'maxFrameBytes', options.maxFrameBytes ?? 1024 * 1024);
    this.maxPayloadBytes = checkPositive('jetstream', 'maxPayloadBytes', options.maxPayloadBytes ?? 4 * this.maxFrameBytes);
    this.rewindUs = checkPositive('jetstream', 'rewindUs', options.rewindUs ?? 5_000_000, true);
    this.maxRecent = checkPositive('jetstream', 'maxRecentIds', options.maxRecentIds ?? 100_000);
    this.stall = new StallWatch(checkPositive('jetstream', 'stallMs', options.stallMs ?? 60_000));
    this.liveLagMs = checkPositive('jetstream', 'liveLagMs', options.liveLagMs ?? 10_000, true);
    this.now = options.now ?? Date.now;
    this.reconnector = new Reconnector(
      options,
      () => this.connect(),
      () => this.handlers,
    );
  }

  start(handlers: SourceHandlers, from?: SourcePosition | null): void {
    this.handlers = guardHandlers(handlers);
    if (from) this.restore(from);
    this.handlers.onState('starting');
    this.connect();
  }

  async stop(): Promise<void> {
    this.reconnector.stop();
    this.stall.clear();
    this.flush();
    if (this.flushTimer) clearImmediate(this.flushTimer);
    this.flushTimer = null;
    const ws = this.ws;
    this.ws = null;
    if (ws) await closeWebSocket(ws);
    this.handlers?.onState('stopped');
  }

  /** The position after everything emitted so far. */
  position(): JetstreamPosition | null {
    if (this.cursor === null) return null;
    this.pruneRecent();
    const recent: string[] = [];
    for (let i = this.recentHead; i < this.recent.length; i++) recent.push((this.recent[i] as { id: string }).id);
    return { cursor: this.cursor, recent };
  }

  private restore(from: SourcePosition): void {
    const { cursor, recent } = from;
    if (typeof cursor !== 'number' || !Number.isSafeInteger(cursor) || cursor < 0) {
      this.handlers?.onIssue({ kind: 'position', message: 'ignoring a Jetstream position without a valid cursor; starting live' });
      return;
    }
    this.cursor = cursor;
    if (Array.isArray(recent)) {
      for (const id of recent) if (typeof id === 'string') this.remember(id, cursor);
    }
  }

  private url(): string {
    const url = new URL(this.endpoint);
    if (this.cursor !== null) url.searchParams.set('cursor', String(Math.max(0, this.cursor - this.rewindUs)));
    return url.toString();
  }

  private connect(): void {
    if (this.reconnector.isStopped) return;
    this.lastError = '';
    this.replayUntil = this.cursor;
    const ws = new WebSocket(this.url(), { maxPayload: this.maxPayloadBytes, handshakeTimeout: this.stall.ms });
    this.ws = ws;
    ws.on('open', () => {
      this.reconnector.opened();
      this.catchingUp = this.cursor !== null;
      if (this.catchingUp) {
        // Replayed posts are older than the clock; a worker closing batches by the clock should wait for them.
        this.handlers?.onState(this.everLive ? 'reconnecting' : 'starting', `connected; replaying from cursor ${this.cursor}`);
      } else {
        this.everLive = true;
        this.handlers?.onState('live');
      }
      this.armStall(ws);
    });
    ws.on('message', (data, isBinary) => {
      // Frames still in flight after stop() or a stall cut belong to a connection already given up.
      if (this.ws !== ws) return;
      this.armStall(ws);
      this.onFrame(data, isBinary);
    });
    ws.on('error', (err: Error & { code?: string }) => {
      this.lastError = err.message;
      if (err.code === 'WS_ERR_UNSUPPORTED_MESSAGE_LENGTH') {
        this.handlers?.onIssue({ kind: 'oversized', message: `frame over ${this.maxPayloadBytes} bytes refused; reconnecting` });
      }
    });
    ws.on('close', (code) => {
      if (this.ws !== ws) return;
      this.ws = null;
      this.stall.clear();
      this.flush();
      this.reconnector.dropped(`connection closed (${code}${this.lastError ? `: ${this.lastError}` : ''})`);
    });
  }

  private armStall(ws: WebSocket): void {
    this.stall.arm(() => {
      this.lastError = `no frame for ${this.stall.ms} ms`;
      ws.terminate();
    });
  }

  private onFrame(data: RawData, isBinary: boolean): void {
    const buf = Buffer.isBuffer(data) ? data : Array.isArray(data) ? Buffer.concat(data) : Buffer.from(data);
    if (buf.length > this.maxFrameBytes) {
      this.issue('oversized', `frame of ${buf.length} bytes over ${this.maxFrameBytes}; skipped`);
      return;
    }
    if (isBinary) {
      // Jetstream sends zstd frames only when asked with compress=true, which this source never does.
      this.issue('malformed', 'binary frame; skipped');
      return;
    }
    let v: unknown;
    try {
      v = JSON.parse(buf.toString('utf8'));
    } catch {
      this.issue('malformed', 'frame is not JSON; skipped');
      return;
    }
    const ev = typeof v === 'object' && v !== null ? (v as Record<string, unknown>) : {};
    const timeUs = typeof ev.time_us === 'number' && Number.isSafeInteger(ev.time_us) ? ev.time_us : null;
    // A frame of the rewind window was reported when it first came; the replay must not count it twice.
    const replayed = timeUs !== null && this.replayUntil !== null && timeUs <= this.replayUntil;
    if (typeof ev.kind === 'string' && !KNOWN_KINDS.has(ev.kind)) {
      if (!replayed) this.issue('unknown', `unknown event kind ${JSON.stringify(ev.kind.slice(0, 40))}; skipped`);
    } else {
      const r = parseJetstreamEvent(v, 'bluesky');
      if (r.ok) {
        if (!this.recentIds.has(r.post.id)) {
          this.remember(r.post.id, timeUs ?? this.cursor ?? 0);
          this.pending.push(r.post);
        }
      } else if (!isSkip(r) && !replayed) {
        this.issue('malformed', r.error);
      }
    }
    if (timeUs !== null && (this.cursor === null || timeUs > this.cursor)) this.cursor = timeUs;
    if (this.catchingUp && timeUs !== null && timeUs / 1000 >= this.now() - this.liveLagMs) {
      this.catchingUp = false;
      this.everLive = true;
      this.flush(); // the replayed posts go out before the source says it is live
      this.handlers?.onState('live');
    }
    // One onPosts per turn of the event loop: ws emits every frame of a socket read in one go.
    this.flushTimer ??= setImmediate(() => {
      this.flushTimer = null;
      this.flush();
    });
  }

  private flush(): void {
    if (this.pending.length === 0) return;
    const posts = this.pending;
    this.pending = [];
    const position = this.position();
    if (position) this.handlers?.onPosts(posts, position);
  }

  private issue(kind: string, message: string): void {
    this.handlers?.onIssue({ kind, message });
  }

  private remember(id: string, timeUs: number): void {
    this.recentIds.add(id);
    this.recent.push({ id, timeUs });
    this.pruneRecent();
  }

  /** Only ids the next replay can resend are kept: those at or after `cursor - rewindUs`. */
  private pruneRecent(): void {
    const horizon = (this.cursor ?? 0) - this.rewindUs;
    while (this.recentHead < this.recent.length) {
      const head = this.recent[this.recentHead] as { id: string; timeUs: number };
      if (head.timeUs >= horizon && this.recent.length - this.recentHead <= this.maxRecent) break;
      this.recentIds.delete(head.id);
      this.recentHead++;
    }
    // Compact now and then so the array does not grow without bound.
    if (this.recentHead > 1024 && this.recentHead * 2 > this.recent.length) {
      this.recent = this.recent.slice(this.recentHead);
      this.recentHead = 0;
    }
  }
}
