import { execFile } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { CSV_HEADER, parseCsv } from '../../lib/csv';
import type { WindowSnapshot } from '../../lib/stream/snapshot';

const run = promisify(execFile);
const FIXTURE = 'tests/fixtures/stream-small.jsonl';
const T0 = Date.UTC(2026, 0, 1);

/** The headless command as a user runs it (tsx from node_modules, no npm wrapper). */
async function stream(...args: string[]) {
  return run(process.execPath, ['node_modules/tsx/dist/cli.mjs', 'server/cli/stream.ts', ...args], { encoding: 'utf8' });
}

// Expected counts come from the fixture itself, not from the engine.
const fixturePosts = readFileSync(FIXTURE, 'utf8').split('\n').flatMap((line) => {
  try {
    const o = JSON.parse(line) as { created_at: number; text: string; lang: string };
    return [o];
  } catch {
    return [];
  }
});
const inWindow = (end: number) => fixturePosts.filter((p) => p.created_at >= end - 10_000 && p.created_at < end);

describe('headless stream command', () => {
  it('writes one JSON window per slide with the fixture counts, and a stats line', async () => {
    const { stdout, stderr } = await stream('--source', 'replay', '--file', FIXTURE, '--batch', '1s', '--window', '10s',
      '--slide', '5s', '--track', '#final', '--track', 'phone OR #novaphone', '--top', '5');
    const windows = stdout.trim().split('\n').map((l) => JSON.parse(l) as WindowSnapshot);
    // From the first slide boundary after the first post to the first after the last one.
    expect(windows.map((w) => w.end - T0)).toEqual([5000, 10000, 15000]);
    for (const w of windows) {
      const expected = inWindow(w.end);
      expect(w.start).toBe(w.end - 10_000);
      expect(w.total.posts).toBe(expected.length);
      expect(w.total.unscored).toBe(expected.filter((p) => p.lang === 'de').length);
      expect(w.keywords.map((k) => k.key)).toEqual(['#final', 'phone OR #novaphone']);
      expect(w.keywords[0]!.posts).toBe(expected.filter((p) => /#final/i.test(p.text)).length);
      expect(w.hashtags.length).toBeLessThanOrEqual(5);
    }
    expect(stderr).toMatch(/line 6: malformed/);
    const stats = JSON.parse(stderr.trim().split('\n').at(-1)!);
    expect(stats).toMatchObject({ postsRead: 12, malformed: 1, late: 0, windows: 3 });
    expect(stats.postsPerSec).toBeGreaterThan(0);
  });

  it('writes the CSV snapshot format with --format csv --out', async () => {
    const out = join(tmpdir(), `moodstream-cli-${process.pid}.csv`);
    await stream('--source', 'replay', '--file', FIXTURE, '--window', '10s', '--slide', '5s', '--format', 'csv', '--out', out,
      '--track', '#final');
    const rows = parseCsv(readFileSync(out, 'utf8'));
    expect(rows[0]!.join(',')).toBe(CSV_HEADER);
    const totals = rows.filter((r) => r[2] === 'total');
    expect(totals.map((r) => [r[1], Number(r[4])])).toEqual([
      [new Date(T0 + 5000).toISOString(), inWindow(T0 + 5000).length],
      [new Date(T0 + 10000).toISOString(), inWindow(T0 + 10000).length],
      [new Date(T0 + 15000).toISOString(), inWindow(T0 + 15000).length],
    ]);
    expect(rows.filter((r) => r[2] === 'keyword').every((r) => r[3] === '#final')).toBe(true);
  });

  it('rejects bad window options with a message naming the option', async () => {
    await expect(stream('--source', 'replay', '--file', FIXTURE, '--window', '7s', '--slide', '5s'))
      .rejects.toMatchObject({ code: 2, stderr: expect.stringMatching(/--window \(7s\) must be a positive multiple of --slide \(5s\)/) });
    await expect(stream('--nope')).rejects.toMatchObject({ code: 2, stderr: expect.stringMatching(/--nope/) });
    await expect(stream('--track', '(unclosed')).rejects.toMatchObject({ code: 2, stderr: expect.stringMatching(/--track/) });
  });

  it('documents every option in --help', async () => {
    const { stdout } = await stream('--help');
    for (const flag of ['--source', '--file', '--speed', '--loop', '--batch', '--window', '--slide', '--lateness', '--track', '--top', '--seed', '--format', '--out']) {
      expect(stdout).toContain(flag);
    }
  });
});
