import type Database from 'better-sqlite3';
import { SqliteCheckpointStore } from './checkpointStore';
import { DEFAULT_DATA_DIR, openDatabase } from './database';
import { SqliteHistoryStore } from './historyStore';
import { acquireDataDirLock, type DataDirLock } from './lock';

export interface DataStoreOptions {
  /** History retention, ms back from the newest stored window; null keeps all (default 30 days). */
  retentionMs?: number | null;
  /** Checkpoints kept (default 3). */
  keepCheckpoints?: number;
  /** Receives checkpoint fallback warnings from `checkpoints.load()`; the caller logs them. */
  onWarning?: (message: string) => void;
}

/** A worker's view of its data directory: the lock it holds, the database and both stores. */
export interface DataStore<E = unknown> {
  readonly dataDir: string;
  readonly db: Database.Database;
  readonly checkpoints: SqliteCheckpointStore<E>;
  readonly history: SqliteHistoryStore;
  /** Closes the database and releases the lock; idempotent. */
  close(): void;
}

/**
 * Opens a data directory for a worker (the headless command or the dashboard server): takes its
 * exclusive lock first, so a second worker fails (DataDirLockedError) before touching anything,
 * then opens or creates the database. `E` is the engine's state type (EngineState).
 *
 * @example
 *   const store = openDataStore<EngineState>(flags.dataDir, { onWarning: (m) => log.warn(m) });
 *   const cp = store.checkpoints.load();
 *   // ... new StreamWorker({ ..., checkpoint: { store: store.checkpoints, everyBatches: 5 }, history: store.history })
 *   process.on('exit', () => store.close());
 */
export function openDataStore<E = unknown>(dataDir: string = DEFAULT_DATA_DIR, options: DataStoreOptions = {}): DataStore<E> {
  const lock: DataDirLock = acquireDataDirLock(dataDir);
  let db: Database.Database | undefined;
  try {
    db = openDatabase(dataDir);
    const checkpoints = new SqliteCheckpointStore<E>(db, { keep: options.keepCheckpoints, onWarning: options.onWarning });
    const history = new SqliteHistoryStore(db, { retentionMs: options.retentionMs });
    const opened = db;
    let open = true;
    return {
      dataDir,
      db: opened,
      checkpoints,
      history,
      close() {
        if (!open) return;
        open = false;
        opened.close();
        lock.release();
      },
    };
  } catch (err) {
    db?.close();
    lock.release();
    throw err;
  }
}
