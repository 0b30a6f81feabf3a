import { createHash } from 'node:crypto';
import type Database from 'better-sqlite3';
import type { SourcePosition } from '../../lib/sources/source';

/**
 * What a worker saves every few batches and resumes from: the engine state, the source position
 * just after the last post the engine has ingested, and the tracked keywords. `E` is the engine's
 * exported state (plain JSON).
 */
export interface Checkpoint<E = unknown> {
  engine: E;
  source: SourcePosition | null;
  keywords: string[];
  /** Epoch ms, from the worker's clock. */
  savedAt: number;
}

/** A load result with what was skipped to get it; the caller logs `warnings`. */
export interface LoadedCheckpoint<E> {
  checkpoint: Checkpoint<E> | null;
  /** One message per damaged or rejected checkpoint passed over, newest first. */
  warnings: string[];
}

export interface CheckpointStoreOptions {
  /** Checkpoints kept, newest first (default 3, at least 1); older ones are deleted on save. */
  keep?: number;
  /** Receives the warnings of `load()` (which returns only the checkpoint). */
  onWarning?: (message: string) => void;
}

interface CheckpointRow {
  id: number;
  saved_at: number;
  engine: string;
  source: string;
  keywords: string;
  checksum: string;
}

/**
 * Checkpoints in the data directory's SQLite database. Each save is one transaction (the engine
 * state, source position and keywords land together or not at all) with a sha256 over all of them;
 * loading skips a checkpoint whose checksum does not verify and falls back to the previous one.
 */
export class SqliteCheckpointStore<E = unknown> {
  private readonly keep: number;
  private readonly onWarning: (message: string) => void;
  private readonly insert: Database.Statement;
  private readonly prune: Database.Statement;
  private readonly ids: Database.Statement;
  private readonly byId: Database.Statement;
  private readonly saveTx: (row: Omit<CheckpointRow, 'id'>) => void;

  constructor(
    private readonly db: Database.Database,
    options: CheckpointStoreOptions = {},
  ) {
    const keep = options.keep ?? 3;
    if (!Number.isInteger(keep) || keep < 1) throw new Error(`checkpoint keep must be an integer >= 1, got ${keep}`);
    this.keep = keep;
    this.onWarning = options.onWarning ?? (() => {});
    this.insert = db.prepare(
      'INSERT INTO checkpoints (saved_at, engine, source, keywords, checksum) VALUES (@saved_at, @engine, @source, @keywords, @checksum)',
    );
    this.prune = db.prepare(
      'DELETE FROM checkpoints WHERE id NOT IN (SELECT id FROM checkpoints ORDER BY id DESC LIMIT ?)',
    );
    this.ids = db.prepare('SELECT id FROM checkpoints ORDER BY id DESC').pluck();
    this.byId = db.prepare('SELECT * FROM checkpoints WHERE id = ?');
    this.saveTx = db.transaction((row: Omit<CheckpointRow, 'id'>) => {
      this.insert.run(row);
      this.prune.run(this.keep);
    });
  }

  /** Saves atomically and keeps only the newest `keep` checkpoints. */
  save(cp: Checkpoint<E>): void {
    const engine = JSON.stringify(cp.engine);
    if (engine === undefined) throw new Error('checkpoint engine state is not JSON');
    const source = JSON.stringify(cp.source ?? null);
    const keywords = JSON.stringify(cp.keywords);
    const checksum = checkpointChecksum(cp.savedAt, engine, source, keywords);
    this.saveTx({ saved_at: cp.savedAt, engine, source, keywords, checksum });
  }

  /** The newest checkpoint that verifies, or null; passes the warnings to `onWarning`. */
  load(): Checkpoint<E> | null {
    const { checkpoint, warnings } = this.loadVerified();
    for (const w of warnings) this.onWarning(w);
    return checkpoint;
  }

  /**
   * The newest checkpoint whose checksum verifies and that `accept` (if given) does not reject,
   * with a warning for each newer one passed over. `accept` returns null to take the checkpoint
   * or a reason to skip it (e.g. the engine cannot restore that state).
   */
  loadVerified(accept?: (cp: Checkpoint<E>) => string | null): LoadedCheckpoint<E> {
    const warnings: string[] = [];
    const ids = this.ids.all() as number[];
    for (const id of ids) {
      let problem: string | null;
      let cp: Checkpoint<E> | null = null;
      try {
        const row = this.byId.get(id) as CheckpointRow | undefined;
        if (!row) continue;
        cp = decode<E>(row);
        problem = cp ? (accept ? accept(cp) : null) : 'checksum mismatch';
      } catch (err) {
        problem = (err as Error).message;
      }
      if (problem === null && cp) return { checkpoint: cp, warnings };
      warnings.push(`checkpoint ${id} is damaged (${problem}); falling back to the previous one`);
    }
    if (warnings.length > 0) warnings.push('no usable checkpoint left; starting from the beginning');
    return { checkpoint: null, warnings };
  }

  /** Number of stored checkpoints (good or not). */
  count(): number {
    return this.db.prepare('SELECT count(*) FROM checkpoints').pluck().get() as number;
  }
}

/** sha256 (hex) over the stored columns; JSON never contains a raw newline, so the join is unambiguous. */
export function checkpointChecksum(savedAt: number, engine: string, source: string, keywords: string): string {
  return createHash('sha256').update(`${savedAt}\n${engine}\n${source}\n${keywords}`).digest('hex');
}

function decode<E>(row: CheckpointRow): Checkpoint<E> | null {
  if (checkpointChecksum(row.saved_at, row.engine, row.source, row.keywords) !== row.checksum) return null;
  const keywords = JSON.parse(row.keywords) as unknown;
  if (!Array.isArray(keywords) || !keywords.every((k) => typeof k === 'string')) {
    throw new Error('keywords are not a list of strings');
  }
  const source = JSON.parse(row.source) as unknown;
  if (source !== null && (typeof source !== 'object' || Array.isArray(source))) {
    throw new Error('source position is not an object');
  }
  return {
    engine: JSON.parse(row.engine) as E,
    source: source as SourcePosition | null,
    keywords: keywords as string[],
    savedAt: row.saved_at,
  };
}
