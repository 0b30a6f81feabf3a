import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Post } from '../../lib/post';
import type { SourceIssue, SourcePosition, SourceState } from '../../lib/sources/source';
import { ReplaySource, type ReplayOptions, type SourceTimers } from '../../server/sources/replay';

const fixture = (name: string): string => join('tests', 'fixtures', name);

interface Run {
  posts: Post[];
  chunks: Array<{ posts: Post[]; position: SourcePosition; at: number }>;
  issues: SourceIssue[];
  states: SourceState[];
  ended: boolean;
}

/** Runs a replay to its end, or until `until` says stop (checked after every chunk). */
async function replay(
  options: Partial<ReplayOptions> & { file: string },
  from?: SourcePosition | null,
  until?: (run: Run) => boolean,
): Promise<Run> {
  const run: Run = { posts: [], chunks: [], issues: [], states: [], ended: false };
  const clock = options.clock ?? (() => 0);
  const source = new ReplaySource({ speed: 'max', loop: false, ...options });
  await new Promise<void>((resolve) => {
    source.start(
      {
        onPosts(posts, position) {
          run.posts.push(...posts);
          run.chunks.push({ posts, position, at: clock() });
          if (until?.(run)) void source.stop().then(resolve);
        },
        onIssue: (issue) => run.issues.push(issue),
        onState: (state) => run.states.push(state),
        onEnd() {
          run.ended = true;
          resolve();
        },
      },
      from,
    );
  });
  await source.stop();
  return run;
}

/** Virtual time: a sleep advances the clock by exactly its length and returns at once. */
function virtualTime(start: number): { clock: () => number; timers: SourceTimers; sleeps: number[] } {
  let now = start;
  const sleeps: number[] = [];
  return {
    clock: () => now,
    sleeps,
    timers: {
      sleep: async (ms) => {
        sleeps.push(ms);
        now += ms;
      },
      yield: async () => {},
    },
  };
}

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'moodstream-replay-'));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('ReplaySource formats (speed max)', () => {
  it('JSON Lines: posts, malformed lines with their numbers, blank line skipped', async () => {
    const run = await replay({ file: fixture('replay-posts.jsonl') });
    expect(run.posts.map((p) => p.id)).toEqual(['j1', 'j2', 'j3', 'j5', 'j7', 'j9']);
    expect(run.posts.every((p) => p.source === 'replay')).toBe(true);
    expect(run.issues.map((i) => [i.kind, i.line])).toEqual([['malformed', 4], ['malformed', 7], ['malformed', 9]]);
    expect(run.issues[1]?.message).toMatch(/missing text/);
    expect(run.states).toEqual(['starting', 'live', 'ended']);
    expect(run.ended).toBe(true);
    expect(run.chunks.at(-1)?.position).toEqual({ offset: expect.any(Number), line: 10 });
  });

  it('CSV with a header: a quoted field over three lines is one record', async () => {
    const run = await replay({ file: fixture('replay-posts.csv') });
    expect(run.posts.map((p) => p.id)).toEqual(['c1', 'c2', 'c3', 'c5', 'c7']);
    expect(run.posts[2]?.text).toBe('Setlist:\n1. Opening song\n2. "The Ballad"');
    expect(run.posts[0]?.hashtags).toEqual(['#LiveMusic', '#Gig']);
    expect(run.issues.map((i) => [i.kind, i.line])).toEqual([['malformed', 7], ['malformed', 9]]);
  });

  it('Sentiment140', async () => {
    const run = await replay({ file: fixture('replay-sentiment140.csv') });
    expect(run.posts.map((p) => [p.id, p.author, p.lang])).toEqual([
      ['1000001', 'sunny_sue', null], ['1000002', 'rainy_ray', null], ['1000003', 'happy_hal', null], ['1000005', 'meh_mel', null],
    ]);
    expect(run.posts[2]?.createdAt).toBe(Date.UTC(2009, 5, 6, 21, 0, 5));
    expect(run.issues.map((i) => [i.kind, i.line])).toEqual([['malformed', 4]]);
  });

  it('Sentiment140 as distributed, in Latin-1: lines read as Windows-1252, reported once', async () => {
    const file = join(dir, 'latin1.csv');
    const row = (id: string, text: string): string => `"4","${id}","Mon Apr 06 22:19:45 PDT 2009","NO_QUERY","ana","${text}"\n`;
    await writeFile(file, Buffer.concat([
      Buffer.from(row('1', 'plain ascii')),
      // Windows' curly quotes are bytes 0x93 and 0x94 (control codes in strict Latin-1).
      Buffer.from(row('2', 'caf\u00e9 \u0093bom\u0094'), 'latin1'),
      Buffer.from(row('3', 'ma\u00f1ana \u00e9 UTF-8'), 'utf8'),
      Buffer.from(row('4', 'na\u00efve'), 'latin1'),
    ]));
    const run = await replay({ file });
    expect(run.posts.map((p) => p.text)).toEqual(['plain ascii', 'café “bom”', 'mañana é UTF-8', 'naïve']);
    expect(run.issues.map((i) => [i.kind, i.line])).toEqual([['encoding', 2]]);
  });

  it('Jetstream frames: posts kept, other events skipped silently, a broken frame reported', async () => {
    const run = await replay({ file: fixture('replay-jetstream.jsonl'), postSource: 'bluesky' });
    expect(run.posts.map((p) => p.id)).toEqual([
      'did:plc:fixtureuser1/3kaaa1', 'did:plc:fixtureuser2/3kaaa2', 'did:plc:fixtureuser3/3kaaa3', 'did:plc:fixtureuser4/3kaaa4',
    ]);
    expect(run.posts.map((p) => p.source)).toEqual(['bluesky', 'bluesky', 'bluesky', 'bluesky']);
    expect(run.posts[1]).toMatchObject({ lang: 'pt', hashtags: ['#tech'], createdAt: 1748779201250 });
    expect(run.posts[2]?.mentions).toEqual(['@friend.bsky.social']);
    expect(run.posts[3]?.links).toEqual(['https://example.com/post']);
    expect(run.issues.map((i) => [i.kind, i.line])).toEqual([['malformed', 7]]);
  });

  it('an explicit format overrides detection', async () => {
    const run = await replay({ file: fixture('replay-posts.csv'), format: 'sentiment140' });
    expect(run.posts).toEqual([]);
    // Eight CSV records (the header and c1..c7, c3 over three lines), none with six columns.
    expect(run.issues.length).toBe(8);
  });

  it('rejects a 10 MB line without stopping', async () => {
    const file = join(dir, 'big.jsonl');
    const line = (id: string, text: string): string => JSON.stringify({ id, text, created_at: '2025-01-01T00:00:00Z' });
    await writeFile(file, [line('a', 'before'), line('big', 'z'.repeat(10 * 1024 * 1024)), line('b', 'after')].join('\n'));
    const run = await replay({ file });
    expect(run.posts.map((p) => p.id)).toEqual(['a', 'b']);
    expect(run.issues).toEqual([{ kind: 'oversized', line: 2, message: expect.stringMatching(/over the 1048576-byte limit/) }]);
  });

  it('a missing file fails and ends', async () => {
    const run = await replay({ file: join(dir, 'nope.jsonl') });
    expect(run.states).toEqual(['starting', 'failed']);
    expect(run.issues[0]?.kind).toBe('io');
    expect(run.ended).toBe(true);
  });

  it('refuses a bad speed, naming the option', () => {
    expect(() => new ReplaySource({ file: 'x', speed: 0, loop: false })).toThrow(/speed/);
  });
});

describe('ReplaySource resume', () => {
  it('from any chunk position, yields exactly the remaining posts', async () => {
    const file = join(dir, 'many.jsonl');
    const lines = Array.from({ length: 2000 }, (_, i) =>
      i % 97 === 5 ? '{"broken": ' : JSON.stringify({ id: `p${i}`, text: `post ${i} ✓`, created_at: 1_700_000_000_000 + i * 10 }),
    );
    await writeFile(file, lines.join('\n') + '\n');
    const whole = await replay({ file, chunkPosts: 128 });
    expect(whole.posts.length).toBe(2000 - 21);
    expect(whole.chunks.length).toBeGreaterThan(10);
    for (const k of [0, 3, whole.chunks.length - 2]) {
      const chunk = whole.chunks[k]!;
      const before = whole.chunks.slice(0, k + 1).reduce((n, c) => n + c.posts.length, 0);
      const rest = await replay({ file, chunkPosts: 128 }, chunk.position);
      expect(rest.posts).toEqual(whole.posts.slice(before));
      // Issues after the resume point keep their original line numbers.
      expect(rest.issues.map((i) => i.line)).toEqual(
        whole.issues.map((i) => i.line).filter((l) => l! > (chunk.position.line as number)),
      );
    }
  });

  it('CSV: resuming after a multi-line record re-reads the header and keeps line numbers', async () => {
    const file = fixture('replay-posts.csv');
    const whole = await replay({ file, chunkPosts: 1 });
    const afterC3 = whole.chunks.find((c) => c.posts[0]?.id === 'c3');
    // A chunk's position is just before the next post: past c3's three lines and the bad line 7.
    expect(afterC3?.position).toMatchObject({ line: 7 });
    const rest = await replay({ file, chunkPosts: 1 }, afterC3!.position);
    expect(rest.posts.map((p) => p.id)).toEqual(['c5', 'c7']);
    expect(rest.issues.map((i) => i.line)).toEqual([9]);
    const midRecord = await replay({ file, chunkPosts: 1 }, whole.chunks.find((c) => c.posts[0]?.id === 'c2')!.position);
    expect(midRecord.posts.map((p) => p.id)).toEqual(['c3', 'c5', 'c7']);
  });

  it('CSV with CRLF and a blank line before the header resumes mid-file', async () => {
    const file = join(dir, 'crlf.csv');
    const rows = Array.from({ length: 50 }, (_, i) => `r${i},"text ${i}, with comma",${1_700_000_000_000 + i}`);
    await writeFile(file, ['', 'id,text,created_at', ...rows, ''].join('\r\n'));
    const whole = await replay({ file, chunkPosts: 7 });
    expect(whole.posts.length).toBe(50);
    expect(whole.issues).toEqual([]);
    const rest = await replay({ file, chunkPosts: 7 }, whole.chunks[2]!.position);
    expect(rest.posts).toEqual(whole.posts.slice(21));
  });

  it('ignores an invalid position with an issue', async () => {
    const run = await replay({ file: fixture('replay-posts.jsonl') }, { offset: -3, line: 'x' });
    expect(run.issues[0]?.kind).toBe('position');
    expect(run.posts.length).toBe(6);
  });
});

describe('ReplaySource loop', () => {
  it('shifts each pass by whole loop spans, ids stay unique, issues reported once', async () => {
    const run = await replay({ file: fixture('replay-posts.jsonl'), loop: true }, null, (r) => r.posts.length >= 18);
    expect(run.ended).toBe(false);
    expect(run.states.at(-1)).toBe('stopped');
    const pass0 = run.posts.slice(0, 6);
    // createdAt spans 10:00:00 .. 10:00:09, so a pass is 9 s + 1 s = 10 s.
    for (const k of [1, 2]) {
      expect(run.posts.slice(6 * k, 6 * k + 6)).toEqual(
        pass0.map((p) => ({ ...p, id: `${p.id}~${k}`, createdAt: p.createdAt + k * 10_000 })),
      );
    }
    expect(new Set(run.posts.map((p) => p.id)).size).toBe(18);
    expect(run.issues.length).toBe(3);
    expect(run.chunks.at(-1)?.position).toMatchObject({ pass: 2, minT: pass0[0]!.createdAt, maxT: pass0[5]!.createdAt });
  });

  it('resumes inside a later pass with the same shift', async () => {
    const file = fixture('replay-posts.jsonl');
    const first = await replay({ file, loop: true, chunkPosts: 1 }, null, (r) => r.posts.length >= 8);
    const rest = await replay({ file, loop: true, chunkPosts: 1 }, first.chunks.at(-1)!.position, (r) => r.posts.length >= 4);
    expect(first.posts.at(-1)?.id).toBe('j2~1');
    expect(rest.posts.map((p) => p.id)).toEqual(['j3~1', 'j5~1', 'j7~1', 'j9~1']);
    expect(rest.posts[0]?.createdAt).toBe(Date.UTC(2025, 5, 1, 10, 0, 13));
  });

  it('ends when a looped file has no posts at all', async () => {
    const file = join(dir, 'empty.jsonl');
    await writeFile(file, '\n\n');
    const run = await replay({ file, loop: true });
    expect(run.issues.map((i) => i.kind)).toEqual(['empty']);
    expect(run.ended).toBe(true);
  });
});

describe('ReplaySource pacing', () => {
  it('emits the post with createdAt t at wallStart + (t - firstT) / speed', async () => {
    const vt = virtualTime(5_000_000);
    const run = await replay({ file: fixture('replay-posts.jsonl'), speed: 2, clock: vt.clock, timers: vt.timers });
    const firstT = run.posts[0]!.createdAt;
    for (const chunk of run.chunks) {
      for (const p of chunk.posts) expect(chunk.at).toBe(5_000_000 + (p.createdAt - firstT) / 2);
    }
    expect(run.posts.length).toBe(6);
    // 10:00:00 -> 10:00:09 at 2x: the sleeps add up to 4.5 s.
    expect(vt.sleeps.reduce((a, b) => a + b, 0)).toBe(4500);
  });

  it('keeps pacing across loop passes (a 1 s pause between passes at 1x)', async () => {
    const vt = virtualTime(0);
    const run = await replay({ file: fixture('replay-posts.jsonl'), speed: 1, loop: true, clock: vt.clock, timers: vt.timers }, null, (r) => r.posts.length >= 7);
    const last = run.chunks.at(-1)!;
    expect(last.posts[0]?.id).toBe('j1~1');
    expect(last.at).toBe(10_000);
  });

  it('stop() cuts a long pacing sleep short', async () => {
    const source = new ReplaySource({ file: fixture('replay-posts.jsonl'), speed: 0.0001, loop: false });
    const states: SourceState[] = [];
    let got = 0;
    await new Promise<void>((resolve) => {
      source.start({
        onPosts: (posts) => {
          got += posts.length;
        },
        onIssue: () => {},
        onState: (s) => {
          states.push(s);
          if (s === 'live') setTimeout(resolve, 50);
        },
        onEnd: () => {},
      });
    });
    await source.stop();
    expect(states).toEqual(['starting', 'live', 'stopped']);
    // j1 is due at once but is only sent together with what is due before the next sleep.
    expect(got).toBeLessThanOrEqual(1);
  });
});
