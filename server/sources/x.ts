import { Backoff, DEFAULT_BACKOFF } from '../../lib/sources/backoff';
import type { Post } from '../../lib/post';
import { compareStatusIds } from '../../lib/sources/mastodon';
import { planRules, type RuleOptions, type XRule } from '../../lib/sources/rules';
import type { Source, SourceHandlers, SourcePosition } from '../../lib/sources/source';
import { parseStreamLine } from '../../lib/sources/xTweet';
import { Reconnector, checkPositive, checkUrl, guardHandlers, type ReconnectOptions } from './backoff';
import { LineSplitter } from './lineReader';
import { StallWatch } from './stallWatch';

export const DEFAULT_X_BASE_URL = 'https://api.x.com';
/** Fields asked for on every tweet: event time, language, author, entities, and the full text of long posts. */
export const X_TWEET_FIELDS = 'created_at,lang,author_id,entities,note_tweet';

export interface XOptions extends ReconnectOptions {
  /** App bearer token (server/index.ts reads it from `X_BEARER_TOKEN`); sent only as a header, never logged. */
  bearerToken: string;
  /** API origin (default {@link DEFAULT_X_BASE_URL}); tests point it at a local server. */
  baseUrl?: string;
  /** No data and no keep-alive for this long (ms) means a dead stream (X sends a keep-alive every 20 s). Default 20 s. */
  stallMs?: number;
  /** Longest stream line kept, in bytes (default 1 MiB); longer ones are counted as `oversized` and skipped. */
  maxLineBytes?: number;
  /** Rule length limit of the account's tier, and whether to keep retweets. */
  rules?: RuleOptions;
  /**
   * Minutes of missed posts X re-sends after a reconnect (`backfill_minutes`, 1-5; Pro and
   * Enterprise tiers only). Default 0. Re-sent posts already seen are dropped by id.
   */
  backfillMinutes?: number;
  /** Timeout of one rules request (ms). Default 30 s. */
  requestTimeoutMs?: number;
}

/** X has no cursor on the filtered stream; the position records the newest tweet id for the dashboard. */
export interface XPosition extends SourcePosition {
  lastId: string | null;
}

const RECENT_IDS = 10_000;
/** Longest wait a rate limit's reset header can impose (ms): X's windows are 15 minutes. */
const MAX_RATE_LIMIT_WAIT = 15 * 60_000;

/**
 * X API v2 filtered stream (kind `x`): `GET /2/tweets/search/stream`, newline-delimited JSON
 * with `\r\n` keep-alives. The tracked keywords are the stream's rules: {@link setKeywords}
 * translates them (see `lib/sources/rules.ts`) and adds and deletes rules to match, one sync at a
 * time, always toward the latest set. A stream silent for `stallMs` is dropped and reconnected.
 */
export class XSource implements Source {
  readonly kind = 'x';
  private readonly base: URL;
  private readonly auth: Record<string, string>;
  private readonly maxLineBytes: number;
  private readonly ruleOptions: RuleOptions;
  private readonly backfillMinutes: number;
  private readonly requestTimeoutMs: number;
  private readonly reconnector: Reconnector;
  private readonly rulesBackoff: Backoff;
  private readonly now: () => number;
  private readonly abort = new AbortController();
  private handlers: SourceHandlers | null = null;
  private readonly stall: StallWatch;
  private connections = 0;
  /** The running stream connection, awaited by stop() so its socket is closed when stop resolves. */
  private streaming: Promise<void> | null = null;
  private lastId: string | null = null;
  private readonly recent = new Set<string>();
  private wanted: string[] | null = null;
  private syncing: Promise<void> | null = null;
  private syncAgain = false;
  private rulesTimer: NodeJS.Timeout | null = null;
  private readonly reportedRejects = new Set<string>();
  private stopped = false;

  constructor(options: XOptions) {
    if (!options.bearerToken) throw new Error('x source needs a bearer token (X_BEARER_TOKEN)');
    this.base = checkUrl('x', 'baseUrl', options.baseUrl ?? DEFAULT_X_BASE_URL, ['https:', 'http:']);
    this.auth = { Authorization: `Bearer ${options.bearerToken}` };
    this.stall = new StallWatch(checkPositive('x', 'stallMs', options.stallMs ?? 20_000));
    this.maxLineBytes = checkPositive('x', 'maxLineBytes', options.maxLineBytes ?? 1024 * 1024);
    this.ruleOptions = options.rules ?? {};
    const backfill = options.backfillMinutes ?? 0;
    if (!Number.isInteger(backfill) || backfill < 0 || backfill > 5) throw new Error(`x option backfillMinutes must be an integer 0-5, got ${backfill}`);
    this.backfillMinutes = backfill;
    this.requestTimeoutMs = checkPositive('x', 'requestTimeoutMs', options.requestTimeoutMs ?? 30_000);
    this.now = options.now ?? Date.now;
    this.reconnector = new Reconnector(
      options,
      () => this.runStream(),
      () => this.handlers,
    );
    this.rulesBackoff = new Backoff({ ...DEFAULT_BACKOFF, ...options.backoff }, options.random ?? Math.random);
  }

  start(handlers: SourceHandlers, _from?: SourcePosition | null): void {
    // A position cannot be resumed: the filtered stream has no cursor (backfill covers short gaps).
    this.handlers = guardHandlers(handlers);
    this.handlers.onState('starting');
    if (this.wanted !== null) this.requestSync();
    this.runStream();
  }

  async stop(): Promise<void> {
    this.stopped = true;
    this.reconnector.stop();
    this.abort.abort();
    this.stall.clear();
    if (this.rulesTimer) clearTimeout(this.rulesTimer);
    this.rulesTimer = null;
    await Promise.all([this.syncing, this.streaming]);
    this.handlers?.onState('stopped');
  }

  /** Makes the stream's rules match `queries` (moodstream keyword queries). */
  setKeywords(queries: string[]): void {
    this.wanted = [...queries];
    if (this.handlers) this.requestSync();
  }

  position(): XPosition {
    return { lastId: this.lastId };
  }

  // ---- the stream ----

  private runStream(): void {
    const run = this.connect().finally(() => {
      if (this.streaming === run) this.streaming = null;
    });
    this.streaming = run;
  }

  private async connect(): Promise<void> {
    if (this.reconnector.isStopped) return;
    const url = new URL('/2/tweets/search/stream', this.base);
    url.searchParams.set('tweet.fields', X_TWEET_FIELDS);
    if (this.backfillMinutes > 0 && this.connections > 0) url.searchParams.set('backfill_minutes', String(this.backfillMinutes));
    this.connections++;
    const ctrl = new AbortController();
    let stalled = false;
    const arm = () =>
      this.stall.arm(() => {
        stalled = true;
        ctrl.abort();
      });
    let reason: string;
    let minDelay = 0;
    try {
      arm();
      const res = await fetch(url, { headers: this.auth, signal: AbortSignal.any([ctrl.signal, this.abort.signal]) });
      if (res.status === 401 || res.status === 403) {
        await res.body?.cancel();
        this.stall.clear();
        // 401: bad token; 403: the app has no access to the filtered stream on its tier. Retrying cannot help.
        this.reconnector.fail(`stream answered ${res.status}${res.status === 401 ? ' (check X_BEARER_TOKEN)' : ' (no filtered-stream access on this tier?)'}`);
        return;
      }
      if (!res.ok || res.body === null) {
        await res.body?.cancel();
        if (res.status === 429) minDelay = this.rateLimitWait(res.headers.get('x-rate-limit-reset'));
        reason = `stream answered ${res.status}`;
      } else {
        this.reconnector.opened();
        this.handlers?.onState('live');
        const splitter = new LineSplitter({ maxLineBytes: this.maxLineBytes });
        const reader = res.body.getReader();
        for (let r = await reader.read(); !r.done; r = await reader.read()) {
          arm();
          this.onLines(splitter.push(Buffer.from(r.value.buffer, r.value.byteOffset, r.value.byteLength)));
        }
        this.onLines(splitter.end());
        reason = 'stream ended';
      }
    } catch (err) {
      // fetch reports network errors as "fetch failed" with the useful part (ECONNREFUSED ...) in `cause`.
      const cause = err instanceof Error && err.cause instanceof Error ? err.cause.message : null;
      reason = stalled ? `no data or keep-alive for ${this.stall.ms} ms` : `stream failed: ${cause ?? (err instanceof Error ? err.message : String(err))}`;
    }
    this.stall.clear();
    this.reconnector.dropped(reason, minDelay);
  }

  private onLines(events: ReturnType<LineSplitter['push']>): void {
    const posts: Post[] = [];
    for (const ev of events) {
      if (ev.kind === 'oversized') {
        this.issue('oversized', `stream line of ${ev.bytes} bytes over ${this.maxLineBytes}; skipped`);
        continue;
      }
      if (ev.text.trim() === '') continue; // keep-alive
      const r = parseStreamLine(ev.text);
      if (r.kind === 'malformed') this.issue('malformed', r.message);
      else if (r.kind === 'error') this.issue('stream-error', r.message);
      else if (!this.recent.has(r.post.id)) {
        this.recent.add(r.post.id);
        if (this.recent.size > RECENT_IDS) this.recent.delete(this.recent.values().next().value as string);
        if (this.lastId === null || compareStatusIds(r.post.id, this.lastId) > 0) this.lastId = r.post.id;
        posts.push(r.post);
      }
    }
    if (posts.length > 0) this.handlers?.onPosts(posts, this.position());
  }

  private rateLimitWait(reset: string | null): number {
    const at = Number(reset) * 1000;
    return Number.isFinite(at) && at > 0 ? Math.min(Math.max(0, at - this.now()), MAX_RATE_LIMIT_WAIT) : 0;
  }

  // ---- rules ----

  private requestSync(): void {
    if (this.stopped) return;
    if (this.syncing) {
      this.syncAgain = true;
      return;
    }
    if (this.rulesTimer) {
      clearTimeout(this.rulesTimer);
      this.rulesTimer = null;
    }
    this.syncing = this.syncLoop().finally(() => {
      this.syncing = null;
    });
  }

  private async syncLoop(): Promise<void> {
    do {
      this.syncAgain = false;
      try {
        await this.syncOnce(this.wanted ?? []);
        this.rulesBackoff.reset();
      } catch (err) {
        if (this.stopped) return;
        const delay = this.rulesBackoff.next(this.now()) ?? DEFAULT_BACKOFF.capMs;
        this.issue('rules', `syncing stream rules failed: ${err instanceof Error ? err.message : String(err)}; retry in ${delay} ms`);
        if (!this.syncAgain) {
          this.rulesTimer = setTimeout(() => {
            this.rulesTimer = null;
            this.requestSync();
          }, delay);
        }
      }
    } while (this.syncAgain && !this.stopped);
  }

  private async syncOnce(queries: string[]): Promise<void> {
    const current = await this.rulesRequest('GET');
    const existing = Array.isArray(current.data) ? (current.data as XRule[]) : [];
    const plan = planRules(queries, existing, this.ruleOptions);
    for (const r of plan.rejected) {
      if (this.reportedRejects.has(r.query)) continue;
      this.reportedRejects.add(r.query);
      this.issue('rule', `keyword "${r.query}" has no X rule: ${r.error}`);
    }
    // Deletes first: a tier's rule count is capped, and freed slots make room for the adds.
    if (plan.delete.length > 0) this.ruleErrors(await this.rulesRequest('POST', { delete: { ids: plan.delete } }));
    if (plan.add.length > 0) this.ruleErrors(await this.rulesRequest('POST', { add: plan.add }));
  }

  private ruleErrors(body: Record<string, unknown>): void {
    if (!Array.isArray(body.errors)) return;
    for (const e of body.errors as Record<string, unknown>[]) {
      if (e.title === 'DuplicateRule') continue; // already there: the goal is met
      const what = typeof e.value === 'string' ? ` "${e.value}"` : '';
      this.issue('rule', `X refused rule${what}: ${String(e.title ?? 'error')}${typeof e.details === 'object' ? ` ${JSON.stringify(e.details).slice(0, 200)}` : ''}`);
    }
  }

  private async rulesRequest(method: 'GET' | 'POST', body?: object): Promise<Record<string, unknown>> {
    const url = new URL('/2/tweets/search/stream/rules', this.base);
    const res = await fetch(url, {
      method,
      headers: body ? { ...this.auth, 'Content-Type': 'application/json' } : this.auth,
      body: body ? JSON.stringify(body) : undefined,
      signal: AbortSignal.any([this.abort.signal, AbortSignal.timeout(this.requestTimeoutMs)]),
    });
    if (!res.ok) {
      await res.body?.cancel();
      throw new Error(`${method} ${url.pathname} answered ${res.status}`);
    }
    const parsed: unknown = await res.json();
    if (typeof parsed !== 'object' || parsed === null) throw new Error(`${method} ${url.pathname} did not answer an object`);
    return parsed as Record<string, unknown>;
  }

  private issue(kind: string, message: string): void {
    this.handlers?.onIssue({ kind, message });
  }
}
