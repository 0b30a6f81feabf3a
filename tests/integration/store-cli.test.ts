import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CSV_HEADER, rowsToCsv, snapshotRows } from '../../lib/csv';
import type { KeyStats, WindowSnapshot } from '../../lib/stream/snapshot';
import { openDataStore } from '../../server/store/dataStore';

const run = promisify(execFile);
const MIN = 60_000;
const T0 = Date.UTC(2024, 4, 1, 12);

function stats(key: string, posts: number): KeyStats {
  return { key, posts, positive: 0, neutral: posts, negative: 0, unscored: 0, meanScore: posts ? -0.5 : null };
}

function snap(i: number): WindowSnapshot {
  return {
    start: T0 + (i - 1) * MIN,
    end: T0 + i * MIN,
    total: stats('*', 7 * i),
    keywords: [stats('-rain', i)],
    hashtags: [stats('#b', 3), stats('#a', 1)],
    terms: [],
  };
}

let root: string;
let dataDir: string;

/** Runs the history command as `npm run --silent history` does (tsx), from the repo root. */
async function history(...args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  try {
    const { stdout, stderr } = await run(process.execPath, ['--import', 'tsx', 'server/cli/history.ts', ...args]);
    return { code: 0, stdout, stderr };
  } catch (err) {
    const e = err as { code: number; stdout: string; stderr: string };
    return { code: e.code, stdout: e.stdout, stderr: e.stderr };
  }
}

beforeAll(() => {
  root = mkdtempSync(join(tmpdir(), 'moodstream-histcli-'));
  dataDir = join(root, 'data');
  const store = openDataStore(dataDir);
  store.history.put([3, 1, 2].map(snap));
  store.close();
});
afterAll(() => rmSync(root, { recursive: true, force: true }));

describe('npm run history', () => {
  it('prints the CSV snapshot format ordered by window_end, kind, key (default format)', async () => {
    const { code, stdout } = await history('--data-dir', dataDir);
    expect(code).toBe(0);
    const sorted = (s: WindowSnapshot) => ({ ...s, hashtags: [...s.hashtags].reverse() });
    expect(stdout).toBe(CSV_HEADER + '\r\n' + rowsToCsv([1, 2, 3].map(snap).map(sorted).flatMap(snapshotRows)));
  });

  it('prints JSON Lines snapshots for a range and keyword, while a worker holds the directory', async () => {
    const worker = openDataStore(dataDir);
    try {
      const { code, stdout } = await history(
        '--data-dir', dataDir, '--format', 'jsonl', '--from', new Date(T0 + 2 * MIN).toISOString(), '--to', String(T0 + 3 * MIN), '--keyword=-rain',
      );
      expect(code).toBe(0);
      expect(stdout.trimEnd().split('\n').map((l) => JSON.parse(l) as unknown)).toEqual(
        [2, 3].map((i) => ({ ...snap(i), hashtags: [] })),
      );
    } finally {
      worker.close();
    }
  });

  it.each([
    [['--keyword', '-rain'], /--keyword=-XYZ/],
    [['--format', 'xml'], /--format must be csv or jsonl/],
    [['--from', 'later'], /--from must be epoch milliseconds or ISO-8601/],
    [['--bogus'], /Unknown option '--bogus'/],
  ])('exits 2 with a message for %j', async (args, message) => {
    const { code, stdout, stderr } = await history('--data-dir', dataDir, ...args);
    expect(code).toBe(2);
    expect(stdout).toBe('');
    expect(stderr).toMatch(message);
  });

  it('exits 1 for a directory without history, and does not create it', async () => {
    const missing = join(root, 'nothing-here');
    const { code, stderr } = await history('--data-dir', missing);
    expect(code).toBe(1);
    expect(stderr).toContain(`no history in ${missing}`);
    const again = await history('--data-dir', missing);
    expect(again.code).toBe(1);
  });

  it('--help documents the options', async () => {
    const { code, stdout } = await history('--help');
    expect(code).toBe(0);
    for (const flag of ['--data-dir', '--from', '--to', '--keyword', '--format']) expect(stdout).toContain(flag);
  });
});
