import { z } from 'zod';
import type { SourceState } from './sources/source';
import type { WindowMovers } from './stream/movers';
import type { ScoredPost, WindowSnapshot } from './stream/snapshot';

/**
 * The Socket.IO contract between the server (server/app.ts) and the dashboard (components/socket.ts).
 * The server is `Server<ClientToServerEvents, ServerToClientEvents, {}, SocketData>` and the browser
 * `Socket<ServerToClientEvents, ClientToServerEvents>`. Every payload is plain JSON: epoch
 * milliseconds, arrays, no `Map`, shaped as the charts take them.
 *
 * Pushes are `domain:past-tense`; requests are `domain:verb` and answer through an acknowledgement
 * carrying `{ data }` or `{ error }`.
 */

/** Longest tracked query, in characters after trimming. */
export const MAX_QUERY_LENGTH = 128;

/**
 * The server's `maxHttpBufferSize` in bytes. The largest request is one query of at most 128
 * characters (at most 512 bytes of UTF-8) plus framing, so 4 KiB leaves room and refuses anything bigger at
 * the connection level, before it is parsed.
 */
export const MAX_MESSAGE_BYTES = 4096;

/** Per-socket request budget: at most this many requests in any one-second window. */
export const MAX_REQUESTS_PER_SECOND = 10;

/** Payload of `track:add` and `track:remove`: the query string itself. */
export const trackQuerySchema = z
  .string({ invalid_type_error: 'the query must be a string' })
  .trim()
  .min(1, 'the query is empty')
  .max(MAX_QUERY_LENGTH, `the query is longer than ${MAX_QUERY_LENGTH} characters`);

/** Payload of `window:explain`: the end of a window the server pushed, epoch ms. */
export const windowEndSchema = z
  .number({ invalid_type_error: 'the window end must be a number (epoch ms)' })
  .int('the window end must be a whole number of milliseconds')
  .nonnegative('the window end must not be negative')
  // The largest time a JavaScript Date holds; past it nothing can be a window.
  .max(8.64e15, 'the window end is out of range');

/**
 * Answer to `window:explain`: what moved one window, computed from the posts the engine explained
 * in it (about 10 per batch), which are a sample of the window's posts, not all of them.
 */
export interface WindowExplanation extends WindowMovers {
  /** All posts counted in the window (`sampled` of them were explained). */
  posts: number;
}

/** Acknowledgement of a request: its result, or an error chosen to be shown to the user. */
export type Ack<T> =
  | { data: T }
  | {
      error: string;
      /** 0-based character offset in the query where a syntax error was found. */
      position?: number;
    };

/**
 * One processed micro-batch, or several coalesced when batches come faster than the browser's
 * update budget (then `start` is the first batch's start and `end` the last one's end).
 */
export interface BatchProcessed {
  /** Epoch ms, aligned to the batch interval. */
  start: number;
  /** Epoch ms, exclusive. */
  end: number;
  /** Posts in the batch (summed over coalesced batches). */
  posts: number;
  /** How many batches this push stands for (1 unless coalesced). */
  batches: number;
  /** Wall time the engine spent on the batch, ms (the largest of coalesced batches). */
  processingMs: number;
  /** End-to-end lag, ms: wall clock at the end of processing minus the batch end (latest batch). */
  lagMs: number;
}

/** What the status bar shows about the source. */
export interface SourceStatus {
  /** `demo`, `replay`, `bluesky`, ... */
  kind: string;
  state: SourceState;
  /** Free text from the source about its state (e.g. the reconnect reason), or null. */
  detail: string | null;
  /** Posts received per second, averaged over the last few seconds. */
  postsPerSecond: number;
  /** Records skipped since start, by issue kind (`malformed`, `oversized`, `late`, ...). */
  errors: Record<string, number>;
}

/** The window parameters the dashboard needs to label its axes, in ms. */
export interface StreamSettings {
  batchMs: number;
  windowMs: number;
  slideMs: number;
  topK: number;
  maxKeywords: number;
  /** Whether track requests need a control token (see `SocketData.canControl`). */
  controlRequired: boolean;
}

/** Sent to a socket as soon as it connects, so its charts start full. */
export interface StateSnapshot {
  settings: StreamSettings;
  /**
   * Recent windows (at most 120), oldest first; the last is the current window. Only the current
   * window carries its top hashtags and terms (the others have empty lists), since only it shows them.
   */
  windows: WindowSnapshot[];
  tracked: string[];
  status: SourceStatus;
  /** Recent scored posts, newest first. */
  posts: ScoredPost[];
  lastBatch: BatchProcessed | null;
  /** Whether this socket may add and remove tracked queries. */
  canControl: boolean;
}

/** Pushes from the server. */
export interface ServerToClientEvents {
  'state:snapshot': (state: StateSnapshot) => void;
  /** At most a few per second per browser, whatever the batch interval. */
  'batch:processed': (batch: BatchProcessed) => void;
  /** Once per slide. */
  'window:updated': (window: WindowSnapshot) => void;
  /** A bounded sample of recently scored posts, newest first. */
  'posts:sampled': (posts: ScoredPost[]) => void;
  'source:status': (status: SourceStatus) => void;
  /** The whole tracked set, in the order the queries were added. */
  'tracked:changed': (tracked: string[]) => void;
}

/** Requests from the browser. */
export interface ClientToServerEvents {
  /** Answers with the tracked set after the change. */
  'track:add': (query: string, ack: (result: Ack<string[]>) => void) => void;
  'track:remove': (query: string, ack: (result: Ack<string[]>) => void) => void;
  /**
   * The words and posts that moved the window ending at `end` (epoch ms, as in `window:updated`).
   * Only recent windows can be explained: the server keeps the explained posts for about the span
   * of the live chart; an unknown or older window gets an error.
   */
  'window:explain': (end: number, ack: (result: Ack<WindowExplanation>) => void) => void;
}

/** Per-connection state kept by the server. */
export interface SocketData {
  /** False when a control token is configured and the handshake did not present it. */
  canControl: boolean;
  /** Epoch ms of this socket's recent requests, for the rate limit. */
  requestTimes: number[];
}
