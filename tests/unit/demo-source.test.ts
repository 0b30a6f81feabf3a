import { describe, expect, it } from 'vitest';
import { createDemoGenerator } from '../../lib/demo/generator';
import type { Post } from '../../lib/post';
import type { SourceIssue, SourcePosition, SourceState } from '../../lib/sources/source';
import { DEMO_EPOCH, DemoSource, type DemoOptions } from '../../server/sources/demo';
import type { SourceTimers } from '../../server/sources/replay';

interface Run {
  chunks: Array<{ posts: Post[]; position: SourcePosition; at: number }>;
  posts: Post[];
  issues: SourceIssue[];
  states: SourceState[];
  ended: boolean;
}

/** Virtual wall time: a sleep advances the clock by exactly its length. */
function virtualTime(start: number): { clock: () => number; timers: SourceTimers } {
  let now = start;
  return {
    clock: () => now,
    timers: {
      sleep: async (ms) => {
        now += ms;
      },
      yield: async () => {},
    },
  };
}

async function run(options: DemoOptions, from?: SourcePosition | null, until?: (r: Run) => boolean): Promise<Run> {
  const r: Run = { chunks: [], posts: [], issues: [], states: [], ended: false };
  const clock = options.clock ?? (() => 0);
  const source = new DemoSource(options);
  await new Promise<void>((resolve) => {
    source.start(
      {
        onPosts(posts, position) {
          r.chunks.push({ posts, position, at: clock() });
          r.posts.push(...posts);
          if (until?.(r)) void source.stop().then(resolve);
        },
        onIssue: (i) => r.issues.push(i),
        onState: (s) => r.states.push(s),
        onEnd() {
          r.ended = true;
          resolve();
        },
      },
      from,
    );
  });
  await source.stop();
  return r;
}

describe('DemoSource at max speed', () => {
  it('emits exactly `limit` posts of the generator stream from the fixed epoch, then ends', async () => {
    const r = await run({ seed: 5, rate: 50, speed: 'max', limit: 2000 });
    expect(r.posts.length).toBe(2000);
    expect(r.ended).toBe(true);
    expect(r.states).toEqual(['starting', 'live', 'ended']);
    const expected = createDemoGenerator({ seed: 5, rate: 50 }).postsBetween(DEMO_EPOCH, r.posts.at(-1)!.createdAt + 1);
    expect(r.posts).toEqual(expected.slice(0, 2000));
    expect(r.chunks.every((c) => c.posts.length <= 510)).toBe(true);
    expect(r.chunks.at(-1)?.position).toEqual({ t: r.posts.at(-1)!.createdAt + 1, n: 2000 });
  });

  it('resumes from any chunk position with exactly the remaining posts', async () => {
    const options: DemoOptions = { seed: 9, rate: 80, speed: 'max', limit: 3000, chunkPosts: 200, start: Date.UTC(2026, 4, 1) };
    const whole = await run(options);
    for (const k of [0, 4, whole.chunks.length - 2]) {
      const { position } = whole.chunks[k]!;
      const rest = await run(options, position);
      expect(rest.posts).toEqual(whole.posts.slice(position.n as number));
    }
  });

  it('needs a limit, and refuses a bad speed', () => {
    expect(() => new DemoSource({ seed: 1, speed: 'max' })).toThrow(/limit/);
    expect(() => new DemoSource({ seed: 1, speed: -1 })).toThrow(/speed/);
  });
});

describe('DemoSource paced by the clock', () => {
  it('at 1x emits the posts of each elapsed interval, createdAt being clock time', async () => {
    const t0 = Date.UTC(2026, 2, 3, 12);
    const vt = virtualTime(t0);
    const r = await run({ seed: 3, rate: 40, speed: 1, clock: vt.clock, timers: vt.timers }, null, () => vt.clock() >= t0 + 5000);
    for (const c of r.chunks) {
      expect(c.posts.every((p) => p.createdAt < c.at)).toBe(true);
      // Nothing older than one tick: posts are live.
      expect(c.posts.every((p) => p.createdAt >= c.at - 150)).toBe(true);
    }
    const last = r.chunks.at(-1)!;
    expect(r.posts).toEqual(createDemoGenerator({ seed: 3, rate: 40 }).postsBetween(t0, last.position.t as number));
    expect(r.states.at(-1)).toBe('stopped');
  });

  it('at 10x event time runs ten times faster than the clock', async () => {
    const vt = virtualTime(0);
    const start = Date.UTC(2026, 0, 2);
    const r = await run({ seed: 3, rate: 40, speed: 10, start, clock: vt.clock, timers: vt.timers }, null, () => vt.clock() >= 3000);
    const last = r.chunks.at(-1)!;
    expect(last.position.t).toBe(start + last.at * 10);
    expect(r.posts.at(-1)!.createdAt).toBeGreaterThan(start + 25_000);
  });

  it('stops at the limit', async () => {
    const vt = virtualTime(1_000_000);
    const r = await run({ seed: 3, rate: 40, speed: 1, limit: 100, clock: vt.clock, timers: vt.timers });
    expect(r.posts.length).toBe(100);
    expect(r.ended).toBe(true);
  });

  it('resuming after a long stop catches up at most maxCatchUpMs and reports the gap', async () => {
    const t0 = Date.UTC(2026, 2, 3, 12);
    const vt = virtualTime(t0);
    const from = { t: t0 - 3_600_000, n: 1234 };
    const r = await run({ seed: 3, rate: 40, speed: 1, clock: vt.clock, timers: vt.timers, maxCatchUpMs: 30_000 }, from, (x) => x.posts.length > 0);
    expect(r.issues.map((i) => i.kind)).toEqual(['gap']);
    expect(r.posts[0]!.createdAt).toBeGreaterThanOrEqual(t0 - 30_000);
    expect(r.posts[0]!.createdAt).toBeLessThan(t0 - 29_000);
    expect(r.chunks[0]!.position.n).toBe(1234 + r.chunks[0]!.posts.length);
  });

  it('stop() ends a real-timer run promptly', async () => {
    const source = new DemoSource({ seed: 1, speed: 1, tickMs: 10_000 });
    const states: SourceState[] = [];
    source.start({ onPosts: () => {}, onIssue: () => {}, onState: (s) => states.push(s), onEnd: () => {} });
    await new Promise((r) => setTimeout(r, 20));
    await source.stop();
    expect(states).toEqual(['starting', 'live', 'stopped']);
  });
});
