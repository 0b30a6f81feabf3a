import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type Database from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { SqliteCheckpointStore, type Checkpoint } from '../../server/store/checkpointStore';
import { DATABASE_FILE, SCHEMA_VERSION, openDatabase } from '../../server/store/database';

interface FakeState {
  n: number;
  open: [number, { id: string; text: string }[]][];
}

function cp(n: number): Checkpoint<FakeState> {
  return {
    engine: { n, open: [[n * 1000, [{ id: `p${n}`, text: `héllo "world" ${n} 🎉\nline` }]]] },
    source: { offset: n * 100, line: n * 10 },
    keywords: ['#launch', '"exact phrase"', `k${n}`],
    savedAt: 1_700_000_000_000 + n,
  };
}

let dir: string;
let db: Database.Database;

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'moodstream-cp-'));
  db = openDatabase(join(dir, 'data'));
});
afterEach(() => {
  db.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('openDatabase', () => {
  it('creates the directory, uses WAL with synchronous NORMAL and records the schema version', () => {
    expect(db.pragma('journal_mode', { simple: true })).toBe('wal');
    // 1 = NORMAL
    expect(db.pragma('synchronous', { simple: true })).toBe(1);
    expect(db.pragma('user_version', { simple: true })).toBe(SCHEMA_VERSION);
  });

  it('reopens an existing database without migrating it again', () => {
    new SqliteCheckpointStore<FakeState>(db).save(cp(1));
    db.close();
    db = openDatabase(join(dir, 'data'));
    expect(new SqliteCheckpointStore<FakeState>(db).load()).toEqual(cp(1));
  });

  it('refuses a database from a newer schema', () => {
    db.pragma(`user_version = ${SCHEMA_VERSION + 1}`);
    db.close();
    expect(() => openDatabase(join(dir, 'data'))).toThrow(/schema version .* is newer/);
    db = openDatabase(join(dir, 'other'));
  });

  it('names a damaged database file and how to start over', () => {
    const damaged = join(dir, 'damaged');
    mkdirSync(damaged);
    writeFileSync(join(damaged, DATABASE_FILE), 'this is not an SQLite database, just text that is long enough '.repeat(100));
    expect(() => openDatabase(damaged)).toThrow(/data directory .*damaged: .*move .*moodstream\.db aside/);
  });

  it('with mustExist, fails on a missing directory instead of creating it', () => {
    expect(() => openDatabase(join(dir, 'missing'), { mustExist: true })).toThrow(/data directory .*missing/);
  });
});

describe('SqliteCheckpointStore', () => {
  it('returns null when nothing was saved', () => {
    const store = new SqliteCheckpointStore<FakeState>(db);
    expect(store.load()).toBeNull();
    expect(store.loadVerified()).toEqual({ checkpoint: null, warnings: [] });
  });

  it('round-trips engine state, source position and keywords exactly', () => {
    const store = new SqliteCheckpointStore<FakeState>(db);
    store.save(cp(1));
    store.save(cp(2));
    expect(store.load()).toEqual(cp(2));
  });

  it('keeps only the newest `keep` checkpoints', () => {
    const store = new SqliteCheckpointStore<FakeState>(db, { keep: 3 });
    for (let n = 1; n <= 7; n++) store.save(cp(n));
    expect(store.count()).toBe(3);
    expect(store.load()).toEqual(cp(7));
  });

  it('stores a null source position as null', () => {
    const store = new SqliteCheckpointStore<FakeState>(db);
    store.save({ ...cp(1), source: null });
    expect(store.load()?.source).toBeNull();
  });

  it('falls back to the previous good checkpoint when the newest is damaged, and says so', () => {
    const warnings: string[] = [];
    const store = new SqliteCheckpointStore<FakeState>(db, { onWarning: (m) => warnings.push(m) });
    store.save(cp(1));
    store.save(cp(2));
    store.save(cp(3));
    // Flip one character of the newest engine state: still valid JSON, wrong checksum.
    db.prepare("UPDATE checkpoints SET engine = replace(engine, '\"n\":3', '\"n\":4') WHERE id = (SELECT max(id) FROM checkpoints)").run();
    expect(store.load()).toEqual(cp(2));
    expect(warnings).toHaveLength(1);
    expect(warnings[0]).toMatch(/checkpoint \d+ is damaged \(checksum mismatch\); falling back to the previous one/);
  });

  it('detects damage to any stored column, including keywords, source and time', () => {
    const store = new SqliteCheckpointStore<FakeState>(db);
    for (const [column, value] of [
      ['keywords', '["other"]'],
      ['source', '{"offset":1,"line":1}'],
      ['saved_at', 5],
      ['engine', '{"n":'],
    ] as const) {
      store.save(cp(1));
      store.save(cp(2));
      db.prepare(`UPDATE checkpoints SET ${column} = ? WHERE id = (SELECT max(id) FROM checkpoints)`).run(value);
      const loaded = store.loadVerified();
      expect(loaded.checkpoint, column).toEqual(cp(1));
      expect(loaded.warnings, column).toHaveLength(1);
    }
  });

  it('walks back over several damaged checkpoints and reports each, then none left', () => {
    const store = new SqliteCheckpointStore<FakeState>(db, { keep: 3 });
    store.save(cp(1));
    store.save(cp(2));
    store.save(cp(3));
    db.prepare("UPDATE checkpoints SET checksum = 'bad' WHERE id IN (SELECT id FROM checkpoints ORDER BY id DESC LIMIT 2)").run();
    const partial = store.loadVerified();
    expect(partial.checkpoint).toEqual(cp(1));
    expect(partial.warnings).toHaveLength(2);

    db.prepare("UPDATE checkpoints SET checksum = 'bad'").run();
    const none = store.loadVerified();
    expect(none.checkpoint).toBeNull();
    expect(none.warnings).toHaveLength(4);
    expect(none.warnings[3]).toMatch(/no usable checkpoint left; starting from the beginning/);
  });

  it('lets the caller reject a verified checkpoint (e.g. a state the engine cannot restore)', () => {
    const store = new SqliteCheckpointStore<FakeState>(db);
    store.save(cp(1));
    store.save(cp(2));
    const loaded = store.loadVerified((c) => (c.engine.n === 2 ? '--window differs' : null));
    expect(loaded.checkpoint).toEqual(cp(1));
    expect(loaded.warnings[0]).toMatch(/--window differs/);
  });

  it('a good checkpoint saved after a damaged one is used again', () => {
    const store = new SqliteCheckpointStore<FakeState>(db);
    store.save(cp(1));
    db.prepare("UPDATE checkpoints SET checksum = 'bad'").run();
    store.save(cp(2));
    expect(store.loadVerified()).toEqual({ checkpoint: cp(2), warnings: [] });
  });

  it('rejects a bad keep option', () => {
    expect(() => new SqliteCheckpointStore(db, { keep: 0 })).toThrow(/keep must be an integer >= 1/);
  });
});
