import { mkdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import Database from 'better-sqlite3';

/** Data directory used when `--data-dir` is not given, relative to the working directory. */
export const DEFAULT_DATA_DIR = 'data';

/** File name of the database inside a data directory. */
export const DATABASE_FILE = 'moodstream.db';

/**
 * Migrations, in order; `migrations[i]` brings the schema from version i to i + 1.
 * Append only: a database at version n runs `migrations.slice(n)`, each in its own transaction.
 */
const migrations: readonly string[] = [
  `
  CREATE TABLE checkpoints (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    saved_at INTEGER NOT NULL,
    engine TEXT NOT NULL,
    source TEXT NOT NULL,
    keywords TEXT NOT NULL,
    -- sha256 (hex) of checkpointDigestInput(saved_at, engine, source, keywords)
    checksum TEXT NOT NULL
  );

  -- One row per (window, kind, key), in the CSV snapshot layout.
  CREATE TABLE history (
    window_end INTEGER NOT NULL,
    -- 0 total, 1 keyword, 2 hashtag, 3 term: the CSV's kind order, so ORDER BY matches the export
    kind_rank INTEGER NOT NULL CHECK (kind_rank BETWEEN 0 AND 3),
    key TEXT NOT NULL,
    window_start INTEGER NOT NULL,
    kind TEXT NOT NULL CHECK (kind IN ('total', 'keyword', 'hashtag', 'term')),
    -- index in the snapshot's array (keywords in added order, top-K by posts) to rebuild it as emitted
    pos INTEGER NOT NULL,
    posts INTEGER NOT NULL,
    positive INTEGER NOT NULL,
    neutral INTEGER NOT NULL,
    negative INTEGER NOT NULL,
    unscored INTEGER NOT NULL,
    mean_score REAL,
    PRIMARY KEY (window_end, kind_rank, key)
  ) WITHOUT ROWID;
  `,
];

/** Schema version this code writes and reads. */
export const SCHEMA_VERSION = migrations.length;

export interface OpenDatabaseOptions {
  /** Fail instead of creating the directory and the database (readers such as the history command). */
  mustExist?: boolean;
  /** How long a statement waits for another connection's write lock, ms (default 5000). */
  busyTimeoutMs?: number;
}

/**
 * Opens (creating if needed) the SQLite database of a data directory, in WAL mode, migrated to
 * SCHEMA_VERSION. Throws with a message naming the directory when it cannot.
 *
 * `synchronous = NORMAL`: in WAL mode a commit is then written to the WAL without fsync, and the WAL
 * is fsynced at each WAL checkpoint. A process crash (SIGKILL, OOM kill, an exception) loses nothing
 * that was committed, because the data is already in the OS page cache; only a power loss or kernel
 * crash can lose the last commits, and then it loses a suffix of them (the WAL is replayed up to the
 * first torn frame), never corrupting the file. That is enough here: the worker writes history before
 * the checkpoint that covers it, so a lost suffix rolls back to an older checkpoint whose history is
 * present, and the replay from there rewrites the same windows idempotently. FULL would fsync every
 * checkpoint and every history put (one fsync per few batches) to protect only against power loss,
 * for data that is re-derived from the source anyway.
 */
export function openDatabase(dataDir: string, options: OpenDatabaseOptions = {}): Database.Database {
  const dir = resolve(dataDir);
  const file = join(dir, DATABASE_FILE);
  if (!options.mustExist) mkdirSync(dir, { recursive: true });
  let db: Database.Database;
  try {
    db = new Database(file, { fileMustExist: options.mustExist ?? false });
  } catch (err) {
    throw new Error(`cannot open the database in data directory ${dataDir}: ${(err as Error).message}`);
  }
  try {
    db.pragma(`busy_timeout = ${Math.max(0, Math.floor(options.busyTimeoutMs ?? 5000))}`);
    db.pragma('journal_mode = WAL');
    db.pragma('synchronous = NORMAL');
    migrate(db);
  } catch (err) {
    db.close();
    const code = (err as { code?: string }).code;
    // Checkpoints and history can be rebuilt by replaying the source; say how to start over.
    const hint =
      code === 'SQLITE_CORRUPT' || code === 'SQLITE_NOTADB'
        ? `; the file is damaged: move ${file} aside to start from an empty data directory`
        : '';
    throw new Error(`cannot prepare the database in data directory ${dataDir}: ${(err as Error).message}${hint}`);
  }
  return db;
}

/**
 * Brings the schema up to SCHEMA_VERSION (kept in `PRAGMA user_version`). Refuses a database written
 * by a newer version rather than guessing at its layout.
 */
export function migrate(db: Database.Database): void {
  // The common case, an up-to-date schema, needs no write lock (readers open while a worker writes).
  if ((db.pragma('user_version', { simple: true }) as number) === SCHEMA_VERSION) return;
  // IMMEDIATE takes the write lock before reading the version, so two processes opening a new
  // data directory at once cannot both run the same migration.
  const run = db.transaction(() => {
    const version = db.pragma('user_version', { simple: true }) as number;
    if (version > SCHEMA_VERSION) {
      throw new Error(`database schema version ${version} is newer than this moodstream (${SCHEMA_VERSION})`);
    }
    for (let v = version; v < SCHEMA_VERSION; v++) db.exec(migrations[v] ?? '');
    if (version !== SCHEMA_VERSION) db.pragma(`user_version = ${SCHEMA_VERSION}`);
  });
  run.immediate();
}
