import WebSocket, { type RawData } from 'ws';
import type { Post } from '../../lib/post';
import { compareStatusIds, parseStreamingMessage, statusToPost } from '../../lib/sources/mastodon';
import type { Source, SourceHandlers, SourcePosition } from '../../lib/sources/source';
import { Reconnector, checkPositive, checkUrl, closeWebSocket, guardHandlers, type ReconnectOptions } from './backoff';
import { StallWatch } from './stallWatch';

export interface MastodonOptions extends ReconnectOptions {
  /** Instance base URL, `https://mastodon.social`. */
  instance: string;
  /** Access token (sent as `Authorization: Bearer`, never logged, never put in a URL). Most instances require one for streaming. */
  accessToken?: string;
  /** Follow this hashtag (without `#`); default: the public timeline. */
  hashtag?: string | null;
  /** Only statuses posted on the instance itself (`public:local`, `hashtag:local`). Default false. */
  local?: boolean;
  /**
   * Base URL of the streaming server when it is not the instance's (see the instance's
   * `/api/v2/instance` `configuration.urls.streaming`). Default: the instance URL with ws(s).
   */
  streamingUrl?: string;
  /** Statuses per REST page for the gap fill (Mastodon allows at most 40). Default 40. */
  pageSize?: number;
  /** Most REST pages one gap fill reads; beyond that the rest of the gap is reported as lost. Default 25. */
  maxGapPages?: number;
  /** Messages larger than this (bytes) are refused and the connection is reset. Default 1 MiB. */
  maxFrameBytes?: number;
  /** No message and no ping for this long (ms) means a dead connection. Default 120 s. */
  stallMs?: number;
  /** Timeout of one REST request (ms). Default 30 s. */
  requestTimeoutMs?: number;
}

/** Mastodon resume position: the newest status id emitted (what `min_id` resumes after). */
export interface MastodonPosition extends SourcePosition {
  lastId: string | null;
}

/** How many recent status ids are remembered to drop duplicates between the REST gap fill and the stream. */
const RECENT_IDS = 10_000;

/**
 * Mastodon's streaming API over a websocket (kind `mastodon`): the public timeline or a hashtag.
 *
 * After every reconnect (and on a start from a checkpoint) the gap is filled from the REST
 * timeline with `min_id = lastId`. Mastodon answers `min_id` with the page of statuses right after
 * it (newest first), so the fill walks forward page by page until an empty page. Stream messages
 * that arrive meanwhile are held and emitted after the gap, minus the ones the fill already gave.
 * Boosts are skipped: they repeat a post that is counted where it was written.
 */
export class MastodonSource implements Source {
  readonly kind = 'mastodon';
  private readonly instance: URL;
  /** The streaming URL; null until discovered from the instance (when no `streamingUrl` was given). */
  private streamUrl: string | null = null;
  private readonly streamParams: URLSearchParams;
  private readonly timelineUrl: URL;
  private readonly headers: Record<string, string>;
  private readonly pageSize: number;
  private readonly maxGapPages: number;
  private readonly maxFrameBytes: number;
  private readonly requestTimeoutMs: number;
  private readonly reconnector: Reconnector;
  private readonly abort = new AbortController();
  private handlers: SourceHandlers | null = null;
  private ws: WebSocket | null = null;
  private readonly stall: StallWatch;
  private lastId: string | null = null;
  private readonly recent = new Set<string>();
  /** Stream posts held while a gap fill runs; null when streaming straight through. */
  private held: Post[] | null = null;
  private lastError = '';
  /** Whether the source was live before: a later gap fill is a reconnect, not the start. */
  private everLive = false;

  constructor(options: MastodonOptions) {
    this.instance = checkUrl('mastodon', 'instance', options.instance, ['https:', 'http:']);
    if (options.streamingUrl !== undefined) checkUrl('mastodon', 'streamingUrl', options.streamingUrl, ['https:', 'http:', 'wss:', 'ws:']);
    const tag = options.hashtag?.replace(/^#/, '') ?? null;
    if (tag !== null && !/^[\p{L}\p{M}\p{N}_]+$/u.test(tag)) throw new Error(`mastodon hashtag must be letters, digits or _, got "${tag}"`);
    const local = options.local ?? false;
    this.streamParams = new URLSearchParams({ stream: `${tag === null ? 'public' : 'hashtag'}${local ? ':local' : ''}` });
    if (tag !== null) this.streamParams.set('tag', tag);
    if (options.streamingUrl !== undefined) this.streamUrl = this.streamingEndpoint(new URL(options.streamingUrl));
    this.timelineUrl = new URL(tag === null ? '/api/v1/timelines/public' : `/api/v1/timelines/tag/${encodeURIComponent(tag)}`, this.instance);
    if (local) this.timelineUrl.searchParams.set('local', 'true');
    this.headers = options.accessToken ? { Authorization: `Bearer ${options.accessToken}` } : {};
    this.pageSize = checkPositive('mastodon', 'pageSize', options.pageSize ?? 40);
    this.maxGapPages = checkPositive('mastodon', 'maxGapPages', options.maxGapPages ?? 25);
    this.maxFrameBytes = checkPositive('mastodon', 'maxFrameBytes', options.maxFrameBytes ?? 1024 * 1024);
    this.stall = new StallWatch(checkPositive('mastodon', 'stallMs', options.stallMs ?? 120_000));
    this.requestTimeoutMs = checkPositive('mastodon', 'requestTimeoutMs', options.requestTimeoutMs ?? 30_000);
    this.reconnector = new Reconnector(
      options,
      () => this.connect(),
      () => this.handlers,
    );
  }

  start(handlers: SourceHandlers, from?: SourcePosition | null): void {
    this.handlers = guardHandlers(handlers);
    if (from && typeof from.lastId === 'string' && from.lastId !== '') this.lastId = from.lastId;
    this.handlers.onState('starting');
    this.connect();
  }

  async stop(): Promise<void> {
    this.reconnector.stop();
    this.abort.abort();
    this.stall.clear();
    const ws = this.ws;
    this.ws = null;
    if (ws) await closeWebSocket(ws);
    this.handlers?.onState('stopped');
  }

  position(): MastodonPosition {
    return { lastId: this.lastId };
  }

  private streamingEndpoint(base: URL): string {
    const url = new URL(`/api/v1/streaming?${this.streamParams.toString()}`, base);
    url.protocol = url.protocol === 'https:' || url.protocol === 'wss:' ? 'wss:' : 'ws:';
    return url.toString();
  }

  /**
   * Asks the instance where its streaming server is (`/api/v2/instance`
   * `configuration.urls.streaming`; large instances serve it from another host). Only the
   * instance's own host or a subdomain of it is accepted, since the access token is sent there;
   * otherwise, or when the instance does not say, the instance URL itself is used.
   */
  private async discoverStreaming(): Promise<string> {
    try {
      const res = await fetch(new URL('/api/v2/instance', this.instance), {
        headers: { Accept: 'application/json' },
        signal: AbortSignal.any([this.abort.signal, AbortSignal.timeout(this.requestTimeoutMs)]),
      });
      if (res.ok) {
        const body = (await res.json()) as { configuration?: { urls?: { streaming?: unknown } } };
        const streaming = body.configuration?.urls?.streaming;
        if (typeof streaming === 'string' && streaming !== '') {
          const url = new URL(streaming);
          const host = this.instance.hostname;
          const trusted = url.hostname === host || url.hostname.endsWith(`.${host}`);
          if (trusted && ['wss:', 'ws:', 'https:', 'http:'].includes(url.protocol)) return this.streamingEndpoint(url);
          this.issue('config', `instance names streaming server ${url.hostname}, not under ${host}; not sending the token there (set streamingUrl to trust it)`);
        }
      } else {
        await res.body?.cancel();
      }
    } catch {
      // Older instances have no v2 endpoint; the instance URL is the usual streaming address.
    }
    return this.streamingEndpoint(this.instance);
  }

  private connect(): void {
    if (this.reconnector.isStopped) return;
    if (this.streamUrl === null) {
      void this.discoverStreaming().then((url) => {
        this.streamUrl = url;
        this.connect();
      });
      return;
    }
    this.lastError = '';
    const ws = new WebSocket(this.streamUrl, { headers: this.headers, maxPayload: this.maxFrameBytes, handshakeTimeout: this.requestTimeoutMs });
    this.ws = ws;
    ws.on('open', () => {
      this.reconnector.opened();
      this.armStall(ws);
      if (this.lastId === null) {
        this.everLive = true;
        this.handlers?.onState('live');
      } else {
        // Not live until the gap is filled: the posts of the gap are older than the stream's.
        this.handlers?.onState(this.everLive ? 'reconnecting' : 'starting', `connected; filling the gap after status ${this.lastId}`);
        void this.fillGap(ws);
      }
    });
    ws.on('ping', () => this.armStall(ws));
    ws.on('message', (data) => {
      // Messages still in flight after stop() or a stall cut belong to a connection already given up.
      if (this.ws !== ws) return;
      this.armStall(ws);
      this.onMessage(data);
    });
    ws.on('error', (err: Error & { code?: string }) => {
      this.lastError = err.message;
      if (err.code === 'WS_ERR_UNSUPPORTED_MESSAGE_LENGTH') {
        this.issue('oversized', `message over ${this.maxFrameBytes} bytes refused; reconnecting`);
      }
    });
    ws.on('close', (code) => {
      if (this.ws !== ws) return;
      this.ws = null;
      this.stall.clear();
      // Posts held during an unfinished gap fill are newer than lastId: the next fill reads them again.
      this.held = null;
      const status = /Unexpected server response: (\d+)/.exec(this.lastError)?.[1];
      if (status === '401' || status === '403' || status === '404') {
        // Credentials or the stream are wrong: retrying cannot help.
        this.reconnector.fail(`streaming API answered ${status}${status === '404' ? '' : ' (check the access token)'}`);
        return;
      }
      this.reconnector.dropped(`connection closed (${code}${this.lastError ? `: ${this.lastError}` : ''})`);
    });
  }

  private onMessage(data: RawData): void {
    const msg = parseStreamingMessage(Buffer.isBuffer(data) ? data.toString('utf8') : Buffer.concat(data as Buffer[]).toString('utf8'));
    if (msg.kind === 'malformed') this.issue('malformed', msg.message);
    else if (msg.kind === 'unknown') this.issue('unknown', `unknown streaming event ${JSON.stringify(msg.event.slice(0, 40))}`);
    else if (msg.kind === 'update') {
      const s = msg.status;
      if (s.kind === 'malformed') this.issue('malformed', s.message);
      else if (s.kind === 'post') {
        if (this.held) this.held.push(s.post);
        else this.emit([s.post]);
      }
    }
  }

  /** Reads `min_id` pages after `lastId` until an empty page; the stream is held meanwhile. */
  private async fillGap(ws: WebSocket): Promise<void> {
    this.held = [];
    let pages = 0;
    try {
      for (;;) {
        if (this.ws !== ws) return;
        if (pages >= this.maxGapPages) {
          this.issue('gap', `gap fill stopped after ${pages} pages of ${this.pageSize}; older statuses after ${this.lastId} were not read`);
          break;
        }
        const page = await this.timelinePage(this.lastId as string);
        pages++;
        if (this.ws !== ws || page.length === 0) break;
        this.emit(page);
      }
    } catch (err) {
      if (!this.reconnector.isStopped) this.issue('connection', `gap fill failed: ${err instanceof Error ? err.message : String(err)}`);
    } finally {
      if (this.ws === ws) {
        this.releaseHeld();
        this.everLive = true;
        this.handlers?.onState('live');
      }
    }
  }

  private async timelinePage(minId: string): Promise<Post[]> {
    const url = new URL(this.timelineUrl);
    url.searchParams.set('min_id', minId);
    url.searchParams.set('limit', String(this.pageSize));
    const res = await fetch(url, {
      headers: { ...this.headers, Accept: 'application/json' },
      signal: AbortSignal.any([this.abort.signal, AbortSignal.timeout(this.requestTimeoutMs)]),
    });
    if (!res.ok) {
      await res.body?.cancel();
      throw new Error(`GET ${url.pathname} answered ${res.status}`);
    }
    const body: unknown = await res.json();
    if (!Array.isArray(body)) throw new Error(`GET ${url.pathname} did not answer an array`);
    const posts: Post[] = [];
    for (const status of body) {
      const r = statusToPost(status);
      if (r.kind === 'post') posts.push(r.post);
      else if (r.kind === 'malformed') this.issue('malformed', r.message);
    }
    return posts.sort((a, b) => compareStatusIds(a.id, b.id));
  }

  private releaseHeld(): void {
    const held = this.held;
    this.held = null;
    if (held && held.length > 0) this.emit(held);
  }

  /** Emits the posts not seen before and advances `lastId`. */
  private emit(posts: Post[]): void {
    const fresh: Post[] = [];
    for (const post of posts) {
      if (this.recent.has(post.id)) continue;
      this.recent.add(post.id);
      if (this.recent.size > RECENT_IDS) this.recent.delete(this.recent.values().next().value as string);
      fresh.push(post);
      if (this.lastId === null || compareStatusIds(post.id, this.lastId) > 0) this.lastId = post.id;
    }
    if (fresh.length > 0) this.handlers?.onPosts(fresh, this.position());
  }

  private armStall(ws: WebSocket): void {
    this.stall.arm(() => {
      this.lastError = `no message or ping for ${this.stall.ms} ms`;
      ws.terminate();
    });
  }

  private issue(kind: string, message: string): void {
    this.handlers?.onIssue({ kind, message });
  }
}
