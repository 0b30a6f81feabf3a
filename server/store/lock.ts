import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { hostname } from 'node:os';
import { join, resolve } from 'node:path';
import Database from 'better-sqlite3';

/** Lock file inside a data directory (an SQLite file used only for its OS lock). */
export const LOCK_FILE = 'worker.lock';
/** Who holds the lock, for the refusal message only; correctness never depends on it. */
export const LOCK_INFO_FILE = 'worker.lock.json';

/** Held for the life of a worker; `release()` is idempotent. */
export interface DataDirLock {
  readonly dataDir: string;
  release(): void;
}

/** Another live worker holds the data directory. */
export class DataDirLockedError extends Error {
  constructor(
    readonly dataDir: string,
    /** The holder's pid as it recorded it, or null when unknown. */
    readonly holderPid: number | null,
  ) {
    super(
      `data directory ${dataDir} is in use by another moodstream worker` +
        (holderPid !== null ? ` (pid ${holderPid})` : '') +
        '; stop that worker or pass a different --data-dir',
    );
    this.name = 'DataDirLockedError';
  }
}

/**
 * Takes the exclusive worker lock of a data directory, creating the directory if needed, or throws
 * DataDirLockedError when another worker (in this or another process) holds it.
 *
 * The lock is an OS file lock that SQLite takes on `worker.lock` in `locking_mode = EXCLUSIVE` and
 * keeps until the connection closes. The kernel drops it when the holder dies, however it dies
 * (SIGKILL included), so there is no stale lock to detect and no pid-reuse race, unlike a pid file.
 * It is a separate file from the database so that readers (the history command, a dashboard) keep
 * reading the database in WAL mode while a worker writes.
 */
export function acquireDataDirLock(dataDir: string): DataDirLock {
  const dir = resolve(dataDir);
  mkdirSync(dir, { recursive: true });
  const db = new Database(join(dir, LOCK_FILE), { timeout: 0 });
  try {
    db.pragma('locking_mode = EXCLUSIVE');
    // A write in exclusive locking mode takes the EXCLUSIVE lock and keeps it after COMMIT.
    db.exec('BEGIN EXCLUSIVE');
    db.exec('CREATE TABLE IF NOT EXISTS holder (pid INTEGER NOT NULL)');
    db.exec('COMMIT');
  } catch (err) {
    db.close();
    if ((err as { code?: string }).code === 'SQLITE_BUSY') throw new DataDirLockedError(dataDir, readHolderPid(dir));
    throw new Error(`cannot lock data directory ${dataDir}: ${(err as Error).message}`);
  }
  try {
    writeFileSync(
      join(dir, LOCK_INFO_FILE),
      JSON.stringify({ pid: process.pid, host: hostname(), since: new Date().toISOString() }) + '\n',
    );
  } catch {
    // Only the refusal message of a second worker uses it.
  }
  let held = true;
  return {
    dataDir,
    release() {
      if (!held) return;
      held = false;
      // Removed while still holding the lock, so it cannot be another worker's file.
      if (readHolderPid(dir) === process.pid) rmSync(join(dir, LOCK_INFO_FILE), { force: true });
      db.close();
    },
  };
}

function readHolderPid(dir: string): number | null {
  try {
    const info = JSON.parse(readFileSync(join(dir, LOCK_INFO_FILE), 'utf8')) as { pid?: unknown };
    return typeof info.pid === 'number' ? info.pid : null;
  } catch {
    return null;
  }
}
