import { EventEmitter } from 'node:events';
import { performance } from 'node:perf_hooks';
import type { Post } from '../lib/post';
import type { Source, SourceIssue, SourcePosition, SourceState } from '../lib/sources/source';
import type { EngineOutput, EngineState, KeywordResult, StreamEngine } from '../lib/stream/engine';
import type { BatchSummary, ScoredPost, WindowSnapshot } from '../lib/stream/snapshot';
import type { Logger } from './logger';

/** What a checkpoint holds: engine and source position taken at the same instant, so a resume neither loses nor repeats a post. */
export interface Checkpoint {
  engine: EngineState;
  source: SourcePosition | null;
  keywords: string[];
  /** Epoch ms. */
  savedAt: number;
}

export interface CheckpointStore {
  load(): Checkpoint | null;
  save(cp: Checkpoint): void;
}

export interface HistoryStore {
  put(snapshots: WindowSnapshot[]): void;
}

/** A processed batch as the dashboard shows it. */
export interface BatchReport extends BatchSummary {
  /** Wall time spent on the call that closed this batch, ms. */
  processingMs: number;
  /** How far the batch end is behind the wall clock, ms (end-to-end lag). */
  lagMs: number;
}

/** The source as the status bar shows it. */
export interface SourceStatusInfo {
  kind: string;
  state: SourceState;
  detail: string | null;
  /** Posts received per second over the last status period. */
  postsPerSec: number;
  /** Posts received in all. */
  posts: number;
  /** Bad records by kind (`malformed`, `oversized`, `unknown`, ...). */
  issues: Record<string, number>;
  /** Posts dropped by the engine: late, or without a usable time. */
  late: number;
  invalid: number;
  /** Wall clock minus the newest batch end, ms; null before the first batch. */
  lagMs: number | null;
}

export interface WorkerEvents {
  batch: [BatchReport];
  window: [WindowSnapshot];
  samples: [ScoredPost[]];
  status: [SourceStatusInfo];
  issue: [SourceIssue];
  tracked: [string[]];
  end: [];
}

export interface WorkerOptions {
  source: Source;
  engine: StreamEngine;
  /** Wall clock, epoch ms. */
  clock?: () => number;
  /**
   * For live sources: every `tickMs` the engine is advanced to `clock() - idleGraceMs`, so quiet
   * periods still close batches. 0 (a replay) leaves time to the posts alone.
   */
  tickMs?: number;
  /** How long after a batch ends the clock may close it, ms (covers network delay). Default 2000. */
  idleGraceMs?: number;
  /**
   * With a clock-driven (live) source: a post dated more than this ahead of the clock is dropped
   * and counted as `future`, since one skewed post would otherwise make every real post late.
   * Default 5 minutes.
   */
  maxFutureMs?: number;
  /** How often `status` is emitted, ms. Default 1000. */
  statusMs?: number;
  checkpoint?: { store: CheckpointStore; everyBatches: number };
  history?: HistoryStore;
  /** Where the source resumes (from a checkpoint). */
  resumeFrom?: SourcePosition | null;
  logger?: Logger;
}

/**
 * Wires one source to one engine: posts in, batches and windows out as events, history and
 * checkpoints written in the order that makes a crash harmless (history first, idempotently; then
 * the checkpoint that covers it). The headless command and the server both run one.
 */
export class StreamWorker extends EventEmitter<WorkerEvents> {
  private readonly source: Source;
  private readonly engine: StreamEngine;
  private readonly clock: () => number;
  private readonly options: WorkerOptions;
  private position: SourcePosition | null;
  private state: SourceState = 'starting';
  private detail: string | null = null;
  private readonly issues: Record<string, number> = {};
  private received = 0;
  private receivedAtLastStatus = 0;
  private lastStatusAt = 0;
  private lastBatchEnd: number | null = null;
  /** Engine batch count when the last checkpoint was saved (empty batches count: they move time). */
  private batchesAtCheckpoint = 0;
  private timers: NodeJS.Timeout[] = [];
  private ended = false;

  constructor(options: WorkerOptions) {
    super();
    this.options = options;
    this.source = options.source;
    this.engine = options.engine;
    this.clock = options.clock ?? Date.now;
    this.position = options.resumeFrom ?? null;
  }

  start(): void {
    this.lastStatusAt = this.clock();
    this.source.setKeywords?.(this.engine.keywords());
    this.source.start(
      {
        onPosts: (posts, position) => this.onPosts(posts, position),
        onIssue: (issue) => this.reportIssue(issue),
        onState: (state, detail) => {
          this.state = state;
          this.detail = detail ?? null;
          this.emit('status', this.status());
        },
        onEnd: () => this.onEnd(),
      },
      this.position,
    );
    const { tickMs = 0, statusMs = 1000 } = this.options;
    if (tickMs > 0) {
      const grace = this.options.idleGraceMs ?? 2000;
      // Only while live: a reconnecting source is about to deliver the gap, which must not be late.
      this.timers.push(setInterval(() => {
        if (this.state !== 'live') return;
        // A timer has no caller to catch for it: a store that fails (disk full) is reported, not fatal.
        try {
          this.handle(this.engine.advanceTo(this.clock() - grace), performance.now());
        } catch (err) {
          this.options.logger?.error('closing batches by the clock failed', { error: (err as Error).message });
          this.reportIssue({ kind: 'store', message: (err as Error).message });
        }
      }, tickMs));
    }
    if (statusMs > 0) this.timers.push(setInterval(() => this.emit('status', this.status()), statusMs));
  }

  /** Stops the source and the timers and saves a last checkpoint. */
  async stop(): Promise<void> {
    for (const t of this.timers) clearInterval(t);
    this.timers = [];
    await this.source.stop();
    if (!this.ended) this.saveCheckpoint();
  }

  addKeyword(query: string): KeywordResult {
    const result = this.engine.addKeyword(query);
    if (result.ok) this.trackedChanged();
    return result;
  }

  removeKeyword(query: string): boolean {
    const removed = this.engine.removeKeyword(query);
    if (removed) this.trackedChanged();
    return removed;
  }

  keywords(): string[] {
    return this.engine.keywords();
  }

  /** The source's status now; also emitted every `statusMs`. */
  status(): SourceStatusInfo {
    const now = this.clock();
    const elapsed = Math.max(1, now - this.lastStatusAt);
    const postsPerSec = ((this.received - this.receivedAtLastStatus) * 1000) / elapsed;
    if (now - this.lastStatusAt >= 1000) {
      this.lastStatusAt = now;
      this.receivedAtLastStatus = this.received;
    }
    const stats = this.engine.stats();
    return {
      kind: this.source.kind,
      state: this.state,
      detail: this.detail,
      postsPerSec: Math.round(postsPerSec * 10) / 10,
      posts: this.received,
      issues: { ...this.issues },
      late: stats.late,
      invalid: stats.invalid,
      lagMs: this.lastBatchEnd === null ? null : Math.max(0, now - this.lastBatchEnd),
    };
  }

  engineStats() {
    return this.engine.stats();
  }

  private reportIssue(issue: SourceIssue): void {
    this.issues[issue.kind] = (this.issues[issue.kind] ?? 0) + 1;
    this.emit('issue', issue);
  }

  /** Posts dated too far ahead of the clock, for clock-driven sources only (replays keep their time). */
  private withoutFuture(posts: Post[]): Post[] {
    if (!(this.options.tickMs ?? 0)) return posts;
    const maxFutureMs = this.options.maxFutureMs ?? 300_000;
    const horizon = this.clock() + maxFutureMs;
    if (posts.every((p) => !(p.createdAt > horizon))) return posts;
    const kept = posts.filter((p) => !(p.createdAt > horizon));
    this.reportIssue({ kind: 'future', message: `${posts.length - kept.length} post(s) dated more than ${maxFutureMs / 1000} s ahead of the clock dropped` });
    return kept;
  }

  private onPosts(posts: Post[], position: SourcePosition): void {
    const started = performance.now();
    this.received += posts.length;
    const out = this.engine.ingest(this.withoutFuture(posts));
    this.position = position;
    this.handle(out, started);
  }

  private onEnd(): void {
    this.handle(this.engine.flush(), performance.now());
    this.saveCheckpoint();
    this.ended = true;
    this.emit('status', this.status());
    this.emit('end');
  }

  private handle(out: EngineOutput, started: number): void {
    if (out.windows.length > 0) this.options.history?.put(out.windows);
    const processingMs = Math.round((performance.now() - started) * 100) / 100;
    const now = this.clock();
    for (const b of out.batches) {
      this.lastBatchEnd = b.end;
      this.emit('batch', { ...b, processingMs, lagMs: Math.max(0, now - b.end) });
    }
    for (const w of out.windows) this.emit('window', w);
    if (out.samples.length > 0) this.emit('samples', out.samples);
    const cp = this.options.checkpoint;
    if (cp && this.engine.stats().batches - this.batchesAtCheckpoint >= cp.everyBatches) this.saveCheckpoint();
  }

  private saveCheckpoint(): void {
    const cp = this.options.checkpoint;
    if (!cp) return;
    this.batchesAtCheckpoint = this.engine.stats().batches;
    cp.store.save({ engine: this.engine.exportState(), source: this.position, keywords: this.engine.keywords(), savedAt: this.clock() });
  }

  private trackedChanged(): void {
    const keywords = this.engine.keywords();
    this.source.setKeywords?.(keywords);
    this.emit('tracked', keywords);
  }
}
