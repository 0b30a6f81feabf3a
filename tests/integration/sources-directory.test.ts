import { appendFile, mkdir, mkdtemp, rename, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { DirectorySource } from '../../server/sources/directory';
import { record, waitFor } from '../fixtures/live-helpers';

const jsonl = (prefix: string, n: number, start = 0) =>
  Array.from({ length: n }, (_, k) =>
    JSON.stringify({ id: `${prefix}${k + start}`, text: `invented ${prefix} post ${k + start} is lovely`, created_at: 1_764_000_000_000 + (k + start) * 1000, lang: 'en' }),
  ).join('\n') + '\n';

const cleanup: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const fn of cleanup.splice(0).reverse()) await fn();
});

async function tempDir(): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'moodstream-dir-'));
  cleanup.push(() => rm(dir, { recursive: true, force: true }));
  return dir;
}

/** Writes under a temporary name in the directory, then renames it in: the documented way to drop a file. */
async function drop(dir: string, name: string, content: string): Promise<void> {
  await writeFile(join(dir, `${name}.tmp`), content);
  await rename(join(dir, `${name}.tmp`), join(dir, name));
}

function start(dir: string, from?: Record<string, unknown>, extra: object = {}) {
  const rec = record();
  const source = new DirectorySource({ dir, pollMs: 20, settleMs: 150, ...extra });
  source.start(rec.handlers, from);
  cleanup.push(() => source.stop());
  return { rec, source };
}

const ids = (prefix: string, n: number, start = 0) => Array.from({ length: n }, (_, k) => `${prefix}${k + start}`);

describe('DirectorySource', () => {
  it('reads each file that appears once, in any replay format, and ignores temporary names', async () => {
    const dir = await tempDir();
    await drop(dir, 'a.jsonl', jsonl('a', 3) + '{"id": broken\n');
    const { rec } = start(dir);
    await waitFor(() => rec.posts.length >= 3, 'file a');

    await writeFile(join(dir, '.hidden.jsonl'), jsonl('hidden', 2));
    await writeFile(join(dir, 'b.jsonl.part'), jsonl('part', 2));
    await drop(dir, 'b.csv', 'id,text,created_at\nb0,"invented csv post, with a comma",2026-11-24T06:00:00Z\nb1,another one,2026-11-24T06:00:01Z\n');
    await waitFor(() => rec.posts.length >= 5, 'file b');
    const frame = {
      did: 'did:plc:abc',
      time_us: 1_764_000_000_000_000,
      kind: 'commit',
      commit: { rev: 'r', operation: 'create', collection: 'app.bsky.feed.post', rkey: 'k1', record: { $type: 'app.bsky.feed.post', text: 'invented skeet', langs: ['en'], createdAt: '2026-11-24T06:00:00Z' }, cid: 'c' },
    };
    await drop(dir, 'c.jsonl', `${JSON.stringify(frame)}\n`);
    await waitFor(() => rec.posts.length >= 6, 'file c');
    // Several polls later, nothing was read twice.
    await new Promise((resolve) => setTimeout(resolve, 300));

    expect(rec.ids()).toEqual([...ids('a', 3), 'b0', 'b1', 'did:plc:abc/k1']);
    expect(rec.posts.every((p) => p.source === 'dir')).toBe(true);
    expect(rec.issues).toEqual([{ kind: 'malformed', line: 4, message: expect.stringMatching(/^a\.jsonl: /) }]);
    expect(rec.positions.at(-1)).toEqual({ done: ['a.jsonl', 'b.csv'], file: 'c.jsonl', offset: expect.any(Number), line: 1 });
    expect(rec.stateNames()).toEqual(['starting', 'live']);
  });

  it('waits until a file written in place stops growing', async () => {
    const dir = await tempDir();
    const { rec } = start(dir);
    const file = join(dir, 'growing.jsonl');
    for (let k = 0; k < 10; k++) {
      await appendFile(file, jsonl('g', 1, k));
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
    await waitFor(() => rec.posts.length >= 10, 'the grown file');
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(rec.ids()).toEqual(ids('g', 10));
    // Read in one go, after it settled: one position per read chunk, not one per append.
    expect(rec.positions).toHaveLength(1);
  });

  it('resumes from a checkpointed position: files done are skipped, a file in progress continues at its offset', async () => {
    const dir = await tempDir();
    await drop(dir, 'a.jsonl', jsonl('a', 4));
    const first = start(dir);
    await waitFor(() => first.rec.posts.length >= 4, 'first run');
    await first.source.stop();
    expect(first.rec.stateNames().at(-1)).toBe('stopped');

    const line2End = Buffer.byteLength(jsonl('p', 2));
    await drop(dir, 'p.jsonl', jsonl('p', 5));
    await drop(dir, 'n.jsonl', jsonl('n', 2));
    const checkpoint = { done: ['a.jsonl'], file: 'p.jsonl', offset: line2End, line: 2 };
    const second = start(dir, checkpoint);
    await waitFor(() => second.rec.posts.length >= 5, 'second run');
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(second.rec.ids()).toEqual([...ids('p', 3, 2), ...ids('n', 2)]);
  });

  it('reports a missing directory once and starts reading when it appears', async () => {
    const parent = await tempDir();
    const dir = join(parent, 'later');
    const { rec } = start(dir);
    await waitFor(() => rec.stateNames().includes('reconnecting'), 'reconnecting');
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(rec.issueKinds()).toEqual(['io']);
    await mkdir(dir);
    await drop(dir, 'x.jsonl', jsonl('x', 2));
    await waitFor(() => rec.posts.length >= 2, 'posts after the directory appeared');
    expect(rec.stateNames()).toEqual(['starting', 'reconnecting', 'live']);
  });

  it('a file taken away and dropped again under the same name is read again', async () => {
    const dir = await tempDir();
    await drop(dir, 'r.jsonl', jsonl('r', 2));
    const { rec } = start(dir);
    await waitFor(() => rec.posts.length >= 2, 'first copy');
    await rm(join(dir, 'r.jsonl'));
    await new Promise((resolve) => setTimeout(resolve, 100)); // a few polls see it gone
    await drop(dir, 'r.jsonl', jsonl('r', 2, 2));
    await waitFor(() => rec.posts.length >= 4, 'second copy');
    expect(rec.ids()).toEqual(ids('r', 4));
  });
});
