import type Database from 'better-sqlite3';
import type { KeyStats, WindowSnapshot } from '../../lib/stream/snapshot';

/** Row kinds in the CSV's order: every window's total, then keywords, hashtags, terms. */
export const HISTORY_KINDS = ['total', 'keyword', 'hashtag', 'term'] as const;
export type HistoryKind = (typeof HISTORY_KINDS)[number];

/** Default retention: 30 days, counted back from the newest stored window. */
export const DEFAULT_RETENTION_MS = 30 * 24 * 60 * 60 * 1000;

/** One stored row, in the CSV snapshot layout: a key's counts and the window it belongs to (epoch ms). */
export interface HistoryRow extends KeyStats {
  windowStart: number;
  windowEnd: number;
  kind: HistoryKind;
}

/**
 * Which windows to read. `from` and `to` bound the window END, both inclusive, in epoch ms (so
 * `to = midnight` includes the window that closes at midnight). `keyword` keeps only that tracked
 * keyword's rows (the query exactly as it was added) and each window's total row, which every
 * snapshot carries.
 */
export interface HistoryFilter {
  from?: number;
  to?: number;
  keyword?: string;
}

export interface HistoryStoreOptions {
  /**
   * Windows are kept while their end is within this many ms of the newest stored window's end, i.e.
   * in (newestEnd - retentionMs, newestEnd]; enforced on every put. Counting back from the data, not
   * the wall clock, keeps a replay of old posts. Default DEFAULT_RETENTION_MS; null keeps everything.
   */
  retentionMs?: number | null;
}

/** A row of the history table as read back (`ROW_COLUMNS`). */
interface SqlRow {
  window_start: number;
  window_end: number;
  kind: HistoryKind;
  key: string;
  posts: number;
  positive: number;
  neutral: number;
  negative: number;
  unscored: number;
  mean_score: number | null;
}

/** A row as written: with the columns that keep a window's rows in snapshot order. */
interface StoredRow extends SqlRow {
  kind_rank: number;
  pos: number;
}

const KEYWORD_RANK = HISTORY_KINDS.indexOf('keyword');
const ROW_COLUMNS =
  'window_start, window_end, kind, key, posts, positive, neutral, negative, unscored, mean_score';
// An absent bound is widened to these rather than building SQL per filter.
const MIN_TIME = Number.MIN_SAFE_INTEGER;
const MAX_TIME = Number.MAX_SAFE_INTEGER;

/**
 * Window snapshots in the data directory's SQLite database, one row per (window_end, kind, key).
 *
 * `put` is idempotent at the grain of a whole window: a window that is written again replaces its
 * earlier rows in the same transaction (delete by window_end, then insert). After a crash the worker
 * resumes from its last checkpoint and re-emits the windows it had already stored after it; for a
 * replay these are identical, and for a live source the re-emitted window is the one computed from
 * the state the worker continues with, so later overlapping windows agree with it. Row-level
 * `INSERT OR REPLACE` or `ON CONFLICT DO NOTHING` would be wrong whenever the two versions differ in
 * their top-K keys: the stored window would mix rows of both.
 */
export class SqliteHistoryStore {
  private readonly retentionMs: number | null;
  private readonly putTx: (snapshots: WindowSnapshot[]) => void;
  private readonly selectRows: Database.Statement;
  private readonly selectRowsEmitted: Database.Statement;
  private readonly selectPageEnd: Database.Statement;
  private readonly selectRecentStart: Database.Statement;
  private readonly selectBounds: Database.Statement;

  constructor(db: Database.Database, options: HistoryStoreOptions = {}) {
    const retention = options.retentionMs === undefined ? DEFAULT_RETENTION_MS : options.retentionMs;
    if (retention !== null && !(Number.isFinite(retention) && retention > 0)) {
      throw new Error(`history retention must be a positive number of ms, got ${retention}`);
    }
    this.retentionMs = retention;

    const deleteWindow = db.prepare('DELETE FROM history WHERE window_end = ?');
    const insert = db.prepare(
      `INSERT INTO history (window_end, kind_rank, key, window_start, kind, pos,
         posts, positive, neutral, negative, unscored, mean_score)
       VALUES (@window_end, @kind_rank, @key, @window_start, @kind, @pos,
         @posts, @positive, @neutral, @negative, @unscored, @mean_score)`,
    );
    const newest = db.prepare('SELECT max(window_end) FROM history').pluck();
    const expire = db.prepare('DELETE FROM history WHERE window_end <= ?');
    this.putTx = db.transaction((snapshots: WindowSnapshot[]) => {
      for (const s of snapshots) {
        deleteWindow.run(s.end);
        for (const row of storedRows(s)) insert.run(row);
      }
      if (this.retentionMs !== null) {
        const last = newest.get() as number | null;
        if (last !== null) expire.run(last - this.retentionMs);
      }
    });

    const where = `window_end BETWEEN @from AND @to
      AND (@keyword IS NULL OR kind_rank = 0 OR (kind_rank = ${KEYWORD_RANK} AND key = @keyword))`;
    this.selectRows = db.prepare(`SELECT ${ROW_COLUMNS} FROM history WHERE ${where} ORDER BY window_end, kind_rank, key`);
    this.selectRowsEmitted = db.prepare(
      `SELECT ${ROW_COLUMNS} FROM history WHERE ${where} ORDER BY window_end, kind_rank, pos`,
    );
    // The end of the page of at most @limit windows after @from (every window has one total row).
    this.selectPageEnd = db
      .prepare(
        `SELECT max(window_end) FROM (SELECT window_end FROM history
           WHERE kind_rank = 0 AND window_end BETWEEN @from AND @to ORDER BY window_end LIMIT @limit)`,
      )
      .pluck();
    this.selectRecentStart = db
      .prepare(
        `SELECT min(window_end) FROM (SELECT window_end FROM history WHERE kind_rank = 0
           ORDER BY window_end DESC LIMIT ?)`,
      )
      .pluck();
    this.selectBounds = db.prepare(
      'SELECT count(*) AS windows, min(window_end) AS firstEnd, max(window_end) AS lastEnd FROM history WHERE kind_rank = 0',
    );
  }

  /** Stores window snapshots; see the class comment for why a re-put window replaces the old one. */
  put(snapshots: WindowSnapshot[]): void {
    if (snapshots.length > 0) this.putTx(snapshots);
  }

  /** Rows ordered by window_end, kind (total, keyword, hashtag, term), key: the history CSV's order. */
  query(filter: HistoryFilter = {}): HistoryRow[] {
    return this.selectRows.all(bind(filter)).map(fromSql);
  }

  /**
   * The stored windows as WindowSnapshot[] ordered by end, with each array in the order the engine
   * emitted it (keywords as added, top-K by posts), e.g. to load a past range into the charts.
   */
  snapshots(filter: HistoryFilter = {}): WindowSnapshot[] {
    return snapshotsFromRows(this.selectRowsEmitted.all(bind(filter)).map(fromSql));
  }

  /** The newest `count` windows as snapshots, oldest first (e.g. the charts after a restart). */
  recent(count: number): WindowSnapshot[] {
    const n = Math.max(0, Math.floor(count));
    if (n === 0) return [];
    const from = this.selectRecentStart.get(n) as number | null;
    return from === null ? [] : this.snapshots({ from });
  }

  /**
   * Rows a page of at most `windowsPerPage` whole windows at a time, so a long range can be streamed
   * out without holding it in memory; `order` is `key` (the query order) or `emitted` (the order
   * `snapshots` uses). Each page is read on its own, so a put between two pages may show in the later one.
   */
  *pages(filter: HistoryFilter = {}, windowsPerPage = 500, order: 'key' | 'emitted' = 'key'): Generator<HistoryRow[]> {
    const limit = Math.max(1, Math.floor(windowsPerPage));
    const select = order === 'key' ? this.selectRows : this.selectRowsEmitted;
    const params = bind(filter);
    for (;;) {
      const pageEnd = this.selectPageEnd.get({ from: params.from, to: params.to, limit }) as number | null;
      if (pageEnd === null) return;
      yield select.all({ ...params, to: pageEnd }).map(fromSql);
      if (pageEnd >= params.to) return;
      params.from = pageEnd + 1;
    }
  }

  /** How many windows are stored and the ends of the oldest and newest (epoch ms), for range pickers. */
  bounds(): { windows: number; firstEnd: number | null; lastEnd: number | null } {
    return this.selectBounds.get() as { windows: number; firstEnd: number | null; lastEnd: number | null };
  }
}

/**
 * Groups rows (ordered by window_end, then kind) back into snapshots, keeping the row order inside
 * each kind. A window without a total row (not written by `put`) gets an all-zero total.
 */
export function snapshotsFromRows(rows: readonly HistoryRow[]): WindowSnapshot[] {
  const out: WindowSnapshot[] = [];
  let current: WindowSnapshot | null = null;
  for (const r of rows) {
    if (!current || current.end !== r.windowEnd) {
      current = { start: r.windowStart, end: r.windowEnd, total: zeroStats('*'), keywords: [], hashtags: [], terms: [] };
      out.push(current);
    }
    const stats: KeyStats = {
      key: r.key,
      posts: r.posts,
      positive: r.positive,
      neutral: r.neutral,
      negative: r.negative,
      unscored: r.unscored,
      meanScore: r.meanScore,
    };
    if (r.kind === 'total') current.total = stats;
    else if (r.kind === 'keyword') current.keywords.push(stats);
    else if (r.kind === 'hashtag') current.hashtags.push(stats);
    else current.terms.push(stats);
  }
  return out;
}

function zeroStats(key: string): KeyStats {
  return { key, posts: 0, positive: 0, neutral: 0, negative: 0, unscored: 0, meanScore: null };
}

function* storedRows(s: WindowSnapshot): Generator<StoredRow> {
  const groups: [HistoryKind, KeyStats[]][] = [
    ['total', [s.total]],
    ['keyword', s.keywords],
    ['hashtag', s.hashtags],
    ['term', s.terms],
  ];
  for (const [rank, [kind, list]] of groups.entries()) {
    for (const [pos, k] of list.entries()) {
      yield {
        window_end: s.end,
        kind_rank: rank,
        key: k.key,
        window_start: s.start,
        kind,
        pos,
        posts: k.posts,
        positive: k.positive,
        neutral: k.neutral,
        negative: k.negative,
        unscored: k.unscored,
        mean_score: k.meanScore,
      };
    }
  }
}

function bind(filter: HistoryFilter): { from: number; to: number; keyword: string | null } {
  return { from: filter.from ?? MIN_TIME, to: filter.to ?? MAX_TIME, keyword: filter.keyword ?? null };
}

function fromSql(raw: unknown): HistoryRow {
  const r = raw as SqlRow;
  return {
    windowStart: r.window_start,
    windowEnd: r.window_end,
    kind: r.kind,
    key: r.key,
    posts: r.posts,
    positive: r.positive,
    neutral: r.neutral,
    negative: r.negative,
    unscored: r.unscored,
    meanScore: r.mean_score,
  };
}
