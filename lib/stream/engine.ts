import type { Analyzer, Contribution } from '../nlp/analysis';
import { AnalysisBuffer, analyzeInPlace } from '../nlp/analysisBuffer';
import type { Interned } from '../nlp/vocabulary';
import type { Post } from '../post';
import { parseQuery, QuerySet, type Query } from '../query';
import { meanScore, toScoreUnits, zeroCounts, type Counts } from './counts';
import { serializePartial, type SerializedPartial } from './partial';
import { SlidingWindow } from './slidingWindow';
import type { BatchSummary, KeyStats, ScoredPost, WindowSnapshot } from './snapshot';
import { validateWindowSpec, type WindowSpec } from './windowSpec';

export interface EngineOptions extends WindowSpec {
  /** How far behind the newest event time a post may arrive and still count, ms (0 for an in-order replay). */
  latenessMs: number;
  /** Hashtags and terms listed per window. */
  topK: number;
  analyzer: Analyzer;
  /** Tracked keyword queries at start. */
  keywords?: string[];
  /** Scored posts kept (with explanations) per batch for the live feed (default 10). */
  sampleSize?: number;
  /**
   * Longest run of empty windows emitted for a quiet gap (default 10,000). A longer gap is
   * skipped and counted in `skippedWindows`, so one post dated far away cannot make the engine
   * walk millions of empty slides.
   */
  maxQuietWindows?: number;
}

/** What one call hands back: batches closed, windows completed, and a sample of scored posts. */
export interface EngineOutput {
  batches: BatchSummary[];
  windows: WindowSnapshot[];
  samples: ScoredPost[];
}

export interface EngineStats {
  /** Posts accepted into a batch. */
  posts: number;
  /** Posts that arrived after their batch had closed: counted and dropped. */
  late: number;
  /** Posts without a usable createdAt (not a time from 1970 to 9999), or that the analyzer failed on: counted and dropped. */
  invalid: number;
  batches: number;
  windows: number;
  /** Empty windows of quiet gaps longer than `maxQuietWindows`, not emitted. */
  skippedWindows: number;
}

/** Everything needed to resume exactly where a run stopped; plain JSON. */
export interface EngineState {
  version: 1;
  spec: WindowSpec;
  /** Start of the next batch to close, ms; null before the first batch closed. */
  next: number | null;
  maxEventTime: number | null;
  limit: number | null;
  /** Posts of batches not closed yet, by batch start. */
  open: [number, Post[]][];
  slide: SerializedPartial;
  ring: (SerializedPartial | null)[];
  keywords: string[];
  stats: EngineStats;
}

interface Tracked {
  text: string;
  query: Query;
}

export type KeywordResult = { ok: true } | { ok: false; error: string; position: number };

/**
 * The stream engine: cuts posts into micro-batches by event time, runs the NLP stage on each
 * closed batch, and keeps sliding-window aggregates of totals, hashtags, terms and tracked keywords.
 *
 * Batches are `[k * batchMs, (k + 1) * batchMs)` on the Unix epoch, so a replay at any speed makes
 * the same batches. A batch closes when the newest event time seen (or a time passed to
 * `advanceTo`) is `latenessMs` past its end; a post for a closed batch is late and dropped (counted).
 * At every slide boundary E the window `[E - windowMs, E)` is emitted.
 *
 * Pure and synchronous: no clock, no I/O. Time comes in through the posts and `advanceTo`.
 */
export class StreamEngine {
  private readonly spec: WindowSpec;
  private readonly latenessMs: number;
  private readonly k: number;
  private readonly sampleSize: number;
  private readonly maxQuietWindows: number;
  private readonly analyzer: Analyzer;
  private window: SlidingWindow;
  private readonly open = new Map<number, Post[]>();
  private next: number | null = null;
  private maxEventTime: number | null = null;
  /** Batches ending at or before this are closed (or due): newest event time or clock, less lateness. */
  private limit: number | null = null;
  private tracked: Tracked[] = [];
  private matcher = new QuerySet([]);
  /** Indices of the tracked queries the current post matches (reused from post to post). */
  private readonly matched: number[] = [];
  /** The current post's analysis (overwritten from post to post, so no lists per post). */
  private readonly analysis = new AnalysisBuffer();
  private readonly counters: EngineStats = { posts: 0, late: 0, invalid: 0, batches: 0, windows: 0, skippedWindows: 0 };

  constructor(options: EngineOptions) {
    this.spec = validateWindowSpec({ batchMs: options.batchMs, windowMs: options.windowMs, slideMs: options.slideMs });
    if (!Number.isInteger(options.latenessMs) || options.latenessMs < 0) {
      throw new Error(`--lateness must be zero or a positive whole number of milliseconds (got ${options.latenessMs})`);
    }
    if (!Number.isInteger(options.topK) || options.topK < 0) throw new Error(`--top must be a whole number >= 0 (got ${options.topK})`);
    this.latenessMs = options.latenessMs;
    this.k = options.topK;
    this.sampleSize = options.sampleSize ?? 10;
    this.maxQuietWindows = options.maxQuietWindows ?? 10_000;
    this.analyzer = options.analyzer;
    this.window = new SlidingWindow(this.spec.windowMs / this.spec.slideMs);
    for (const q of options.keywords ?? []) {
      const r = this.addKeyword(q);
      if (!r.ok) throw new Error(`--track "${q}": ${r.error}`);
    }
  }

  /**
   * Buffers posts into their batches, then closes the batches the newest event time has passed.
   * A post is late when its batch ends at or before the newest event time less the lateness, so
   * whether a post counts does not depend on how the source chunks the stream.
   */
  ingest(posts: readonly Post[]): EngineOutput {
    const { batchMs } = this.spec;
    // Posts come mostly in time order, so most go to the batch of the post before.
    let batchStart = Number.NaN;
    let batch: Post[] = [];
    for (const post of posts) {
      const t = post.createdAt;
      if (typeof t !== 'number' || !(t >= 0 && t <= MAX_TIME)) {
        this.counters.invalid++;
        continue;
      }
      const start = Math.floor(t / batchMs) * batchMs;
      if (this.limit !== null && start + batchMs <= this.limit) {
        this.counters.late++;
        continue;
      }
      if (start !== batchStart) {
        batchStart = start;
        const existing = this.open.get(start);
        if (existing === undefined) this.open.set(start, (batch = []));
        else batch = existing;
      }
      batch.push(post);
      this.counters.posts++;
      if (this.maxEventTime === null || t > this.maxEventTime) this.maxEventTime = t;
      this.raiseLimit(t - this.latenessMs);
    }
    return this.closeBatches();
  }

  /**
   * Closes the batches that end at or before `watermark - latenessMs` even when no post says time
   * has moved on: a live source calls this from its clock so quiet periods still produce windows.
   */
  advanceTo(watermark: number): EngineOutput {
    this.raiseLimit(watermark - this.latenessMs);
    return this.closeBatches();
  }

  /**
   * A finite source has ended: closes every batch up to the first slide boundary after the newest
   * post, so the last window that holds it is emitted.
   */
  flush(): EngineOutput {
    if (this.maxEventTime === null) return emptyOutput();
    const { slideMs } = this.spec;
    this.raiseLimit((Math.floor(this.maxEventTime / slideMs) + 1) * slideMs);
    return this.closeBatches();
  }

  /** Tracks a keyword query from the next batch on. */
  addKeyword(query: string): KeywordResult {
    const text = query.trim();
    if (this.tracked.some((t) => t.text === text)) return { ok: false, error: `"${text}" is already tracked`, position: 0 };
    const parsed = parseQuery(text);
    if (!parsed.ok) return parsed;
    this.tracked.push({ text, query: parsed.query });
    this.matcher = new QuerySet(this.tracked.map((t) => t.query));
    return { ok: true };
  }

  /** Stops tracking; its counts leave every window at once, so a later re-add starts from zero. */
  removeKeyword(query: string): boolean {
    const text = query.trim();
    const before = this.tracked.length;
    this.tracked = this.tracked.filter((t) => t.text !== text);
    if (this.tracked.length === before) return false;
    this.matcher = new QuerySet(this.tracked.map((t) => t.query));
    this.window.dropKey('keywords', text);
    return true;
  }

  keywords(): string[] {
    return this.tracked.map((t) => t.text);
  }

  stats(): EngineStats {
    return { ...this.counters };
  }

  exportState(): EngineState {
    return {
      version: 1,
      spec: { ...this.spec },
      next: this.next,
      maxEventTime: this.maxEventTime,
      limit: this.limit,
      open: [...this.open].map(([start, posts]): [number, Post[]] => [start, posts.slice()]),
      slide: serializePartial(this.window.openSlide()),
      ring: this.window.serialize(),
      keywords: this.keywords(),
      stats: this.stats(),
    };
  }

  /**
   * Resumes from `exportState()`. The batch, window and slide must be those of the run that made the
   * state (windows would not line up otherwise); keywords come from the state, not from options.
   */
  static restore(state: EngineState, options: EngineOptions): StreamEngine {
    if (state.version !== 1) throw new Error(`unknown engine state version ${String(state.version)}`);
    for (const key of ['batchMs', 'windowMs', 'slideMs'] as const) {
      if (state.spec[key] !== options[key]) {
        const flag = `--${key.replace('Ms', '')}`;
        throw new Error(`${flag} is ${options[key]} ms but the checkpoint was made with ${state.spec[key]} ms: use the same ${flag} or another data directory`);
      }
    }
    const engine = new StreamEngine({ ...options, keywords: [] });
    // A saved query the parser no longer accepts is left out rather than blocking the resume;
    // callers compare keywords() with what they saved and say so.
    for (const q of state.keywords) engine.addKeyword(q);
    engine.next = state.next;
    engine.maxEventTime = state.maxEventTime;
    engine.limit = state.limit;
    for (const [start, posts] of state.open) engine.open.set(start, posts.slice());
    engine.window = SlidingWindow.restore(options.windowMs / options.slideMs, state.ring, state.slide);
    for (const q of state.keywords) {
      if (engine.keywords().includes(q.trim())) continue;
      engine.window.dropKey('keywords', q);
    }
    Object.assign(engine.counters, state.stats);
    return engine;
  }

  private raiseLimit(limit: number): void {
    if (this.limit === null || limit > this.limit) this.limit = limit;
  }

  /** Closes every open batch with `end <= limit`, emitting a window at each slide boundary passed. */
  private closeBatches(): EngineOutput {
    const out = emptyOutput();
    const { batchMs, slideMs } = this.spec;
    const limit = this.limit;
    if (limit === null) return out;
    let next = this.next;
    if (next === null) {
      if (this.open.size === 0) return out;
      // The first batch closed starts a slide, so slide partials line up with window boundaries.
      let earliest = Infinity;
      for (const start of this.open.keys()) if (start < earliest) earliest = start;
      next = Math.floor(earliest / slideMs) * slideMs;
      if (next + batchMs > limit) return out;
    }
    while (next + batchMs <= limit) {
      if (next % slideMs === 0 && !this.open.has(next)) {
        next = this.skipQuietGap(next, limit);
        if (next + batchMs > limit) break;
      }
      const posts = this.open.get(next);
      if (posts) {
        this.open.delete(next);
        this.processBatch(next, posts, out);
      }
      this.counters.batches++;
      next += batchMs;
      if (next % slideMs === 0) {
        this.window.push();
        out.windows.push(this.snapshot(next));
        this.counters.windows++;
      }
    }
    this.next = next;
    return out;
  }

  /**
   * At a slide boundary with nothing in the window, nothing in the slide and no post before
   * `until`, a gap longer than `maxQuietWindows` slides jumps to the last boundary before the next
   * post (or the limit): those windows would all be empty. Returns where closing goes on.
   */
  private skipQuietGap(next: number, limit: number): number {
    if (!this.window.isEmpty()) return next;
    const { batchMs, slideMs, windowMs } = this.spec;
    let until = Math.floor(limit / batchMs) * batchMs;
    for (const start of this.open.keys()) if (start < until) until = start;
    const boundary = Math.floor(until / slideMs) * slideMs;
    const quiet = (boundary - next) / slideMs;
    if (quiet <= this.maxQuietWindows) return next;
    this.counters.skippedWindows += quiet;
    this.counters.batches += (boundary - next) / batchMs;
    // Every slide in the ring is empty, so an empty ring is the same window.
    this.window = new SlidingWindow(windowMs / slideMs);
    return boundary;
  }

  private processBatch(start: number, posts: Post[], out: EngineOutput): void {
    const window = this.window;
    const every = Math.max(1, Math.ceil(posts.length / Math.max(1, this.sampleSize)));
    const sampling = this.sampleSize > 0;
    for (let i = 0; i < posts.length; i++) {
      const post = posts[i] as Post;
      // A sampled post is explained: its contributions go to the live feed.
      const contributions: Contribution[] | null = sampling && i % every === 0 ? [] : null;
      const a = this.analysis;
      try {
        analyzeInPlace(this.analyzer, post, a, contributions);
      } catch {
        // One post the analyzer cannot take must not cost the batch: it is counted and dropped.
        this.counters.invalid++;
        this.counters.posts--;
        continue;
      }
      const label = a.label;
      const units = label === 'unscored' ? 0 : toScoreUnits(a.score);
      window.countPost(label, units);
      for (let k = 0; k < a.hashtagCount; k++) window.hashtags.count(a.hashtags[k] as string, label, units, a.hashtagEntries[k] as Interned | null);
      for (let k = 0; k < a.termCount; k++) window.terms.count(a.terms[k] as string, label, units, a.termEntries[k] as Interned | null);
      if (this.tracked.length > 0) {
        this.matcher.matchFeatures(a, post.lang ?? a.lang, this.matched);
        const matched = this.matched;
        for (let m = 0; m < matched.length; m++) window.keywords.count((this.tracked[matched[m] as number] as Tracked).text, label, units);
      }
      if (contributions !== null) {
        out.samples.push({
          id: post.id, text: post.text, createdAt: post.createdAt, author: post.author,
          lang: post.lang ?? a.lang, source: post.source, label, score: a.score,
          hashtags: a.hashtags.slice(0, a.hashtagCount), contributions,
        });
      }
    }
    out.batches.push({ start, end: start + this.spec.batchMs, posts: posts.length });
  }

  private snapshot(end: number): WindowSnapshot {
    const agg = this.window.current();
    return {
      start: end - this.spec.windowMs,
      end,
      total: keyStats('*', agg.total),
      keywords: this.tracked.map((t) => keyStats(t.text, agg.keywords.get(t.text) ?? ZERO)),
      hashtags: this.window.hashtags.top(this.k).map((r) => keyStats(r.key, r)),
      terms: this.window.terms.top(this.k).map((r) => keyStats(r.key, r)),
    };
  }
}

const ZERO: Counts = zeroCounts();

/** 9999-12-31T23:59:59.999Z: past it, dates are not dates and batch arithmetic loses precision. */
const MAX_TIME = 253_402_300_799_999;

function keyStats(key: string, c: Counts): KeyStats {
  return {
    key, posts: c.posts, positive: c.positive, neutral: c.neutral, negative: c.negative,
    unscored: c.unscored, meanScore: meanScore(c),
  };
}

function emptyOutput(): EngineOutput {
  return { batches: [], windows: [], samples: [] };
}
