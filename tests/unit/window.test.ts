import { describe, expect, it } from 'vitest';
import type { Analyzer } from '../../lib/nlp/analysis';
import { AnalysisBuffer, analyzeInPlace } from '../../lib/nlp/analysisBuffer';
import type { Interned } from '../../lib/nlp/vocabulary';
import { QuerySet } from '../../lib/query';
import { createAnalyzer } from '../../lib/sentiment/analyzers';
import { KeyRow, KeyTable } from '../../lib/stream/keyTable';
import { StreamEngine, type EngineOptions } from '../../lib/stream/engine';
import { mulberry32 } from '../../lib/demo/prng';
import type { Counts } from '../../lib/stream/counts';
import { PARTIAL_FIELDS, serializePartial, type PartialField } from '../../lib/stream/partial';
import { SlidingWindow } from '../../lib/stream/slidingWindow';
import type { WindowSnapshot } from '../../lib/stream/snapshot';
import type { Label, Post } from '../../lib/post';
import { naiveWindows } from '../helpers/naiveWindows';
import { post, wordAnalyzer } from '../helpers/wordAnalyzer';

const base = { latenessMs: 0, topK: 10, analyzer: wordAnalyzer, keywords: [] as string[], sampleSize: 0 };

function runEngine(posts: Post[], options: Partial<EngineOptions> & Pick<EngineOptions, 'batchMs' | 'windowMs' | 'slideMs'>, chunk = posts.length) {
  const engine = new StreamEngine({ ...base, ...options });
  const windows: WindowSnapshot[] = [];
  for (let i = 0; i < posts.length; i += Math.max(1, chunk)) windows.push(...engine.ingest(posts.slice(i, i + Math.max(1, chunk))).windows);
  windows.push(...engine.flush().windows);
  return { windows, engine };
}

const byEnd = (windows: WindowSnapshot[], end: number) => {
  const w = windows.find((x) => x.end === end);
  if (!w) throw new Error(`no window ending at ${end}`);
  return w;
};

interface Case {
  name: string;
  spec: { batchMs: number; windowMs: number; slideMs: number };
  posts: [number, string][];
  /** window end -> expected total posts, and optional per-hashtag counts */
  expect: Record<number, { posts: number; hashtags?: Record<string, number>; positive?: number; negative?: number }>;
  ends: number[];
}

// Batches in, windows out, in the manner of Spark's WindowOperationsSuite.
const cases: Case[] = [
  {
    name: 'basic: 1s batches, 3s window sliding by 1s',
    spec: { batchMs: 1000, windowMs: 3000, slideMs: 1000 },
    posts: [[100, 'good #a'], [1100, 'bad #a #b'], [2500, 'meh'], [3200, 'good #b']],
    ends: [1000, 2000, 3000, 4000],
    expect: {
      1000: { posts: 1, positive: 1, hashtags: { '#a': 1 } },
      2000: { posts: 2, positive: 1, negative: 1, hashtags: { '#a': 2, '#b': 1 } },
      3000: { posts: 3, hashtags: { '#a': 2, '#b': 1 } },
      4000: { posts: 3, hashtags: { '#a': 1, '#b': 2 } },
    },
  },
  {
    name: 'tumbling: window equals slide',
    spec: { batchMs: 1000, windowMs: 2000, slideMs: 2000 },
    posts: [[500, 'a'], [1500, 'b'], [2500, 'c'], [5500, 'd']],
    ends: [2000, 4000, 6000],
    expect: { 2000: { posts: 2 }, 4000: { posts: 1 }, 6000: { posts: 1 } },
  },
  {
    name: 'window larger than slide',
    spec: { batchMs: 1000, windowMs: 6000, slideMs: 2000 },
    posts: [[0, '#x'], [2100, '#x'], [4200, '#y'], [6300, '#y'], [8100, 'z']],
    ends: [2000, 4000, 6000, 8000, 10000],
    expect: {
      2000: { posts: 1, hashtags: { '#x': 1 } },
      6000: { posts: 3, hashtags: { '#x': 2, '#y': 1 } },
      8000: { posts: 3, hashtags: { '#x': 1, '#y': 2 } },
      10000: { posts: 3, hashtags: { '#y': 2 } },
    },
  },
  {
    name: 'slide larger than batch',
    spec: { batchMs: 500, windowMs: 4000, slideMs: 2000 },
    posts: [[250, 'good'], [750, 'good'], [1999, 'bad'], [2000, 'bad'], [4100, 'good']],
    ends: [2000, 4000, 6000],
    expect: { 2000: { posts: 3, positive: 2, negative: 1 }, 4000: { posts: 4 }, 6000: { posts: 2 } },
  },
  {
    name: 'key leaving the window is dropped from state',
    spec: { batchMs: 1000, windowMs: 2000, slideMs: 1000 },
    posts: [[0, '#gone'], [2500, 'plain']],
    ends: [1000, 2000, 3000],
    expect: { 1000: { posts: 1, hashtags: { '#gone': 1 } }, 2000: { posts: 1, hashtags: { '#gone': 1 } }, 3000: { posts: 1, hashtags: {} } },
  },
  {
    name: 'empty batches in the middle',
    spec: { batchMs: 1000, windowMs: 3000, slideMs: 1000 },
    posts: [[0, 'a'], [5000, 'b']],
    ends: [1000, 2000, 3000, 4000, 5000, 6000],
    expect: { 3000: { posts: 1 }, 4000: { posts: 0 }, 5000: { posts: 0 }, 6000: { posts: 1 } },
  },
];

describe('sliding windows, table-driven', () => {
  for (const c of cases) {
    it(c.name, () => {
      const posts = c.posts.map(([t, text]) => post(t, text));
      const { windows } = runEngine(posts, c.spec);
      expect(windows.map((w) => w.end)).toEqual(c.ends);
      for (const [end, e] of Object.entries(c.expect)) {
        const w = byEnd(windows, Number(end));
        expect(w.start).toBe(Number(end) - c.spec.windowMs);
        expect(w.total.posts).toBe(e.posts);
        if (e.positive !== undefined) expect(w.total.positive).toBe(e.positive);
        if (e.negative !== undefined) expect(w.total.negative).toBe(e.negative);
        if (e.hashtags) expect(Object.fromEntries(w.hashtags.map((h) => [h.key, h.posts]))).toEqual(e.hashtags);
      }
      // The same table through the naive recomputation, and post by post through the engine.
      expect(windows).toEqual(naiveWindows(posts, { ...base, ...c.spec }).windows);
      expect(runEngine(posts, c.spec, 1).windows).toEqual(windows);
    });
  }

  it('a quiet hour emits an empty window per slide and nothing leaks across it', () => {
    const posts = [post(0, '#before good'), post(3_600_000, '#after bad')];
    const { windows } = runEngine(posts, { batchMs: 1000, windowMs: 30_000, slideMs: 10_000 });
    expect(windows).toHaveLength(361);
    expect(windows.slice(3, 360).every((w) => w.total.posts === 0 && w.total.meanScore === null && w.hashtags.length === 0)).toBe(true);
    expect(windows.at(-1)!.hashtags.map((h) => h.key)).toEqual(['#after']);
    expect(windows).toEqual(naiveWindows(posts, { ...base, batchMs: 1000, windowMs: 30_000, slideMs: 10_000 }).windows);
  });

  it('mean score is over scored posts only; unscored posts are counted apart', () => {
    const posts = [post(0, 'good good'), post(10, 'bad'), post(20, 'anything', 'xx')];
    const { windows } = runEngine(posts, { batchMs: 1000, windowMs: 1000, slideMs: 1000 });
    expect(windows[0]!.total).toEqual({ key: '*', posts: 3, positive: 1, neutral: 0, negative: 1, unscored: 1, meanScore: 0.25 });
  });

  it('top-K keeps the most frequent keys, ties by key', () => {
    const posts = [post(0, '#b #c'), post(1, '#a #b'), post(2, '#c #b'), post(3, '#d')];
    const { windows } = runEngine(posts, { batchMs: 1000, windowMs: 1000, slideMs: 1000, topK: 2 });
    expect(windows[0]!.hashtags.map((h) => [h.key, h.posts])).toEqual([['#b', 3], ['#c', 2]]);
  });
});

describe('window options', () => {
  const make = (batchMs: number, windowMs: number, slideMs: number) => () =>
    new StreamEngine({ ...base, batchMs, windowMs, slideMs });
  it('rejects a slide that is not a multiple of the batch, naming --slide', () => {
    expect(make(1000, 6000, 1500)).toThrow(/--slide .*multiple of --batch/);
  });
  it('rejects a window that is not a multiple of the slide, naming --window', () => {
    expect(make(1000, 5000, 2000)).toThrow(/--window .*multiple of --slide/);
  });
  it('rejects non-positive sizes and negative lateness', () => {
    expect(make(0, 1000, 1000)).toThrow(/--batch/);
    expect(() => new StreamEngine({ ...base, batchMs: 1000, windowMs: 1000, slideMs: 1000, latenessMs: -1 })).toThrow(/--lateness/);
  });
});

describe('late posts and lateness', () => {
  it('drops and counts a post whose batch has closed', () => {
    const engine = new StreamEngine({ ...base, batchMs: 1000, windowMs: 2000, slideMs: 1000 });
    engine.ingest([post(100, 'a'), post(2100, 'b')]);
    engine.ingest([post(500, 'too late')]);
    expect(engine.stats()).toMatchObject({ posts: 2, late: 1 });
  });
  it('accepts out-of-order posts within the allowed lateness', () => {
    const engine = new StreamEngine({ ...base, batchMs: 1000, windowMs: 2000, slideMs: 1000, latenessMs: 3000 });
    engine.ingest([post(100, 'a'), post(2100, 'b'), post(500, 'in time')]);
    const windows = engine.flush().windows;
    expect(engine.stats().late).toBe(0);
    expect(windows[0]!.total.posts).toBe(2);
  });
  it('counts posts without a usable time as invalid', () => {
    const engine = new StreamEngine({ ...base, batchMs: 1000, windowMs: 1000, slideMs: 1000 });
    engine.ingest([{ ...post(0, 'x'), createdAt: Number.NaN }]);
    expect(engine.stats()).toMatchObject({ posts: 0, invalid: 1 });
  });
  it('advanceTo closes batches in a quiet period', () => {
    const engine = new StreamEngine({ ...base, batchMs: 1000, windowMs: 2000, slideMs: 1000 });
    expect(engine.ingest([post(100, 'a')]).windows).toHaveLength(0);
    const out = engine.advanceTo(3000);
    expect(out.windows.map((w) => [w.end, w.total.posts])).toEqual([[1000, 1], [2000, 1], [3000, 0]]);
    expect(out.batches).toEqual([{ start: 0, end: 1000, posts: 1 }]);
  });
});

describe('tracked keywords', () => {
  it('counts a keyword from the next batch on and forgets it when removed', () => {
    const engine = new StreamEngine({ ...base, batchMs: 1000, windowMs: 3000, slideMs: 1000 });
    const windows: WindowSnapshot[] = [];
    windows.push(...engine.ingest([post(0, 'tesla good'), post(1000, 'tesla')]).windows);
    expect(engine.addKeyword('tesla')).toEqual({ ok: true });
    windows.push(...engine.ingest([post(2000, 'tesla bad'), post(3000, 'other')]).windows);
    // Batch [1000, 2000) closed after the keyword was added, so it counts; batch [0, 1000) did not.
    expect(byEnd(windows, 3000).keywords).toEqual([
      { key: 'tesla', posts: 2, positive: 0, neutral: 1, negative: 1, unscored: 0, meanScore: -0.25 },
    ]);
    expect(engine.addKeyword('tesla')).toMatchObject({ ok: false });
    expect(engine.addKeyword('(broken')).toMatchObject({ ok: false });
    expect(engine.removeKeyword('tesla')).toBe(true);
    expect(engine.removeKeyword('tesla')).toBe(false);
    expect(engine.addKeyword('tesla')).toEqual({ ok: true });
    const after = engine.flush().windows;
    expect(after.at(-1)!.keywords[0]!.posts).toBe(0);
  });
});


const VOCAB = ['good', 'bad', 'tesla', 'rain', 'match', '#launch', '#goal', '#rain', '@ana', 'the', 'win'];
const QUERIES = ['tesla', '#launch OR rain', 'match -bad', '@ana', 'good lang:en'];

function randomStream(rand: () => number) {
  const batchMs = [100, 250, 1000][Math.floor(rand() * 3)]!;
  const slideMs = batchMs * (1 + Math.floor(rand() * 3));
  const windowMs = slideMs * (1 + Math.floor(rand() * 4));
  const latenessMs = rand() < 0.5 ? 0 : Math.floor(rand() * 3) * batchMs;
  const n = Math.floor(rand() * 60);
  let t = Math.floor(rand() * 10_000);
  const posts: Post[] = [];
  for (let i = 0; i < n; i++) {
    t += Math.floor(rand() < 0.1 ? rand() * 5000 : rand() * 300);
    // Some posts arrive out of order, some of them later than the lateness allows.
    const jitter = rand() < 0.2 ? -Math.floor(rand() * 2000) : 0;
    const words = Array.from({ length: 1 + Math.floor(rand() * 5) }, () => VOCAB[Math.floor(rand() * VOCAB.length)]!);
    posts.push(post(Math.max(0, t + jitter), words.join(' '), rand() < 0.1 ? 'xx' : 'en'));
  }
  const keywords = QUERIES.filter(() => rand() < 0.5);
  return { spec: { batchMs, slideMs, windowMs, latenessMs, topK: 1 + Math.floor(rand() * 4), keywords }, posts };
}

describe('incremental windows equal a naive recomputation', () => {
  it('on 3000 random streams, in random chunks', () => {
    const rand = mulberry32(20261124);
    for (let i = 0; i < 3000; i++) {
      const { spec, posts } = randomStream(rand);
      const chunk = 1 + Math.floor(rand() * 10);
      const { windows, engine } = runEngine(posts, spec, chunk);
      const naive = naiveWindows(posts, { ...base, ...spec });
      expect(windows, `stream ${i}`).toEqual(naive.windows);
      expect(engine.stats().late, `stream ${i}`).toBe(naive.late);
    }
  });

  it('with a real analyzer shared by every engine, keys found through its vocabulary entries', () => {
    // The entries keep each engine's rows and keyword filings; rows of keys that left a window and
    // of engines before must not be counted into. Explained posts (the live feed's) come without
    // entries, between posts that have them.
    const analyzer = createAnalyzer('moodstream');
    const rand = mulberry32(42);
    for (let i = 0; i < 1000; i++) {
      const { spec, posts } = randomStream(rand);
      const chunk = 1 + Math.floor(rand() * 10);
      const { windows } = runEngine(posts, { ...spec, analyzer, sampleSize: Math.floor(rand() * 3) }, chunk);
      expect(windows, `stream ${i}`).toEqual(naiveWindows(posts, { ...base, ...spec, analyzer }).windows);
    }
  });

  it('two engines sharing one analyzer, fed in turns, each as if it ran alone', () => {
    const analyzer = createAnalyzer('moodstream');
    const rand = mulberry32(43);
    for (let i = 0; i < 300; i++) {
      const runs = [randomStream(rand), randomStream(rand)];
      const engines = runs.map(({ spec }) => new StreamEngine({ ...base, ...spec, analyzer }));
      const windows: WindowSnapshot[][] = [[], []];
      for (let at = 0; at < 60; at += 3) {
        runs.forEach(({ posts }, k) => windows[k]!.push(...engines[k]!.ingest(posts.slice(at, at + 3)).windows));
      }
      runs.forEach((run, k) => {
        windows[k]!.push(...engines[k]!.flush().windows);
        const alone = runEngine(run.posts, { ...run.spec, analyzer: createAnalyzer('moodstream') }, 3).windows;
        expect(windows[k], `stream ${i} engine ${k}`).toEqual(alone);
      });
    }
  });

  it('through a checkpoint: export, JSON round trip, restore, continue', () => {
    const rand = mulberry32(7);
    for (let i = 0; i < 500; i++) {
      const { spec, posts } = randomStream(rand);
      const cut = Math.floor(rand() * (posts.length + 1));
      const { windows: whole } = runEngine(posts, spec, 3);
      const first = new StreamEngine({ ...base, ...spec });
      const windows = [...first.ingest(posts.slice(0, cut)).windows];
      const state = JSON.parse(JSON.stringify(first.exportState()));
      const second = StreamEngine.restore(state, { ...base, ...spec, keywords: [] });
      windows.push(...second.ingest(posts.slice(cut)).windows, ...second.flush().windows);
      expect(windows, `stream ${i} cut ${cut}`).toEqual(whole);
    }
  });

  it('refuses to restore with other window options', () => {
    const engine = new StreamEngine({ ...base, batchMs: 1000, windowMs: 2000, slideMs: 1000 });
    expect(() => StreamEngine.restore(engine.exportState(), { ...base, batchMs: 1000, windowMs: 4000, slideMs: 1000 }))
      .toThrow(/--window/);
  });
});

describe('hostile times', () => {
  it('drops posts whose time is not a date from 1970 to 9999 as invalid', () => {
    const engine = new StreamEngine({ ...base, batchMs: 1000, windowMs: 2000, slideMs: 1000 });
    engine.ingest([post(1e300, 'far'), post(-5, 'before'), post(Number.POSITIVE_INFINITY, 'inf'), post(1000, 'ok')]);
    expect(engine.stats()).toMatchObject({ posts: 1, invalid: 3 });
    expect(engine.flush().windows.map((w) => w.total.posts)).toEqual([1]);
  });

  it('skips the empty windows of a gap longer than maxQuietWindows, counting them', () => {
    const year = 365 * 86_400_000;
    const engine = new StreamEngine({ ...base, batchMs: 1000, windowMs: 20_000, slideMs: 10_000, maxQuietWindows: 100 });
    const before = engine.ingest([post(0, '#a good'), post(year, '#b bad')]).windows;
    const after = engine.flush().windows;
    const windows = [...before, ...after];
    // The windows holding the first post and the quiet ones up to the cap's check, then the last post's.
    expect(windows.at(-1)!.total.posts).toBe(1);
    expect(windows.at(-1)!.hashtags.map((h) => h.key)).toEqual(['#b']);
    expect(windows.filter((w) => w.total.posts > 0).map((w) => w.end)).toEqual([10_000, 20_000, year + 10_000]);
    expect(engine.stats().skippedWindows + engine.stats().windows).toBe(year / 10_000 + 1);
    expect(windows.length).toBeLessThan(10);
  });

  it('counts a post the analyzer fails on as invalid and keeps the rest of its batch', () => {
    const fragile = { name: 'fragile', analyze: (p: Post, o?: { explain?: boolean }) => {
      if (p.text === 'boom') throw new Error('analyzer bug');
      return wordAnalyzer.analyze(p, o);
    } };
    const engine = new StreamEngine({ ...base, analyzer: fragile, batchMs: 1000, windowMs: 1000, slideMs: 1000 });
    engine.ingest([post(0, 'good'), post(1, 'boom'), post(2, 'bad')]);
    expect(engine.flush().windows[0]!.total.posts).toBe(2);
    expect(engine.stats()).toMatchObject({ posts: 2, invalid: 1 });
  });
});

describe('SlidingWindow equals the sum of its last slides', () => {
  type Tuple = [number, number, number, number, number, number];
  type Model = { total: Tuple; keys: Record<PartialField, Map<string, Tuple>> };
  const LABELS: Label[] = ['positive', 'neutral', 'negative', 'unscored'];
  const emptyModel = (): Model => ({ total: [0, 0, 0, 0, 0, 0], keys: { hashtags: new Map(), terms: new Map(), keywords: new Map() } });
  const addAt = (t: number[], i: number, v: number) => {
    t[i] = (t[i] as number) + v;
  };
  const bump = (t: Tuple, label: Label, units: number) => {
    addAt(t, 0, 1);
    addAt(t, 1 + LABELS.indexOf(label), 1);
    addAt(t, 5, units);
  };
  const tuple = (c: Counts): Tuple => [c.posts, c.positive, c.neutral, c.negative, c.unscored, c.scoreUnits];
  const sorted = (m: ReadonlyMap<string, Counts> | Map<string, Tuple>) =>
    [...m].map(([k, c]): [string, Tuple] => [k, Array.isArray(c) ? c : tuple(c)]).sort(([a], [b]) => (a < b ? -1 : 1));

  it('on random slides, through dropped keys and checkpoints', () => {
    const rand = mulberry32(424242);
    const pick = (xs: string[]) => xs[Math.floor(rand() * xs.length)] as string;
    const vocab: Record<PartialField, string[]> = { hashtags: ['#a', '#b', '#c'], terms: ['x', 'y', 'z', 'w'], keywords: ['k1', 'k2'] };
    for (let run = 0; run < 300; run++) {
      const slides = 1 + Math.floor(rand() * 4);
      let w = new SlidingWindow(slides);
      const closed: Model[] = [];
      let open = emptyModel();
      for (let step = 0; step < 30; step++) {
        const posts = rand() < 0.3 ? 0 : Math.floor(rand() * 6);
        for (let p = 0; p < posts; p++) {
          const label = LABELS[Math.floor(rand() * 4)] as Label;
          const units = label === 'unscored' ? 0 : Math.floor(rand() * 20_001) - 10_000;
          w.countPost(label, units);
          bump(open.total, label, units);
          for (const field of PARTIAL_FIELDS) {
            for (const key of new Set(Array.from({ length: Math.floor(rand() * 3) }, () => pick(vocab[field])))) {
              w[field].count(key, label, units);
              const t = open.keys[field].get(key) ?? [0, 0, 0, 0, 0, 0];
              open.keys[field].set(key, t);
              bump(t, label, units);
            }
          }
        }
        if (rand() < 0.1) {
          const key = pick(vocab.keywords);
          w.dropKey('keywords', key);
          for (const m of [...closed, open]) m.keys.keywords.delete(key);
        }
        if (rand() < 0.2) {
          const ring = JSON.parse(JSON.stringify(w.serialize()));
          w = SlidingWindow.restore(slides, ring, JSON.parse(JSON.stringify(serializePartial(w.openSlide()))));
        }
        w.push();
        closed.push(open);
        open = emptyModel();
        const inside = closed.slice(-slides);
        const want = emptyModel();
        for (const m of inside) {
          m.total.forEach((v, i) => addAt(want.total, i, v));
          for (const field of PARTIAL_FIELDS) {
            for (const [key, t] of m.keys[field]) {
              const sum = want.keys[field].get(key) ?? [0, 0, 0, 0, 0, 0];
              want.keys[field].set(key, sum);
              t.forEach((v, i) => addAt(sum, i, v));
            }
          }
        }
        const got = w.current();
        expect(tuple(got.total as Counts), `run ${run} step ${step}`).toEqual(want.total);
        // Keys at zero leave the window: a key is listed only while a slide in it holds the key.
        for (const field of PARTIAL_FIELDS) expect(sorted(got[field]), `run ${run} step ${step} ${field}`).toEqual(sorted(want.keys[field]));
        expect(w.isEmpty()).toBe(want.total[0] === 0);
      }
    }
  });
});

describe('key rows and keyword filings kept on vocabulary entries', () => {
  it("keeps rows and keyword filings on vocabulary entries without keeping an engine's tables or sets alive", () => {
    const analyzer = createAnalyzer('moodstream');
    const engine = new StreamEngine({ ...base, analyzer, keywords: ['tesla', '#launch'], batchMs: 1000, windowMs: 2000, slideMs: 1000 });
    engine.ingest([post(0, 'tesla is good #launch'), post(1500, 'tesla again #launch')]);
    engine.flush();
    expect(engine.removeKeyword('tesla')).toBe(true);
    const out = analyzeInPlace(analyzer, post(0, 'tesla is good #launch'), new AnalysisBuffer());
    const entries = [...out.termEntries.slice(0, out.termCount), ...out.hashtagEntries.slice(0, out.hashtagCount), ...out.wordEntries.slice(0, out.wordCount)];
    expect(entries.filter((e) => e?.keyRow != null).length).toBeGreaterThan(0);
    expect(entries.filter((e) => e?.queryFiling != null).length).toBeGreaterThan(0);
    // What an object reaches through fields, arrays and maps, not going past `stop`.
    const reach = (roots: unknown[], stop: (x: object) => boolean): Set<object> => {
      const seen = new Set<object>();
      const visit = (x: unknown): void => {
        if (typeof x !== 'object' || x === null || seen.has(x) || stop(x)) return;
        seen.add(x);
        for (const v of x instanceof Map ? [...x].flat() : Object.values(x)) visit(v);
      };
      roots.forEach(visit);
      return seen;
    };
    // The engine's own objects: everything it reaches short of the analyzer's entries and its buffer of them.
    const engineOwn = reach([engine], (x) => 'keyRow' in x || x instanceof AnalysisBuffer);
    const fromEntries = [...reach(entries, () => false)].filter((x) => engineOwn.has(x));
    // Rows (a live one is what an entry is for) and their counts, owner tokens and query lists: no table, map or set.
    expect(fromEntries.filter((x) => x instanceof Map || x instanceof Set || x instanceof KeyTable || x instanceof QuerySet || x instanceof SlidingWindow)).toEqual([]);
    expect(fromEntries.some((x) => x instanceof KeyRow)).toBe(true);
  });

  it('an outside analyzer whose entries hold anything in their slots still counts right', () => {
    const junk = (text: string): Interned => ({ text, keyRow: undefined, queryOwner: undefined, queryFiling: undefined });
    const analyzer: Analyzer = {
      name: 'junk',
      analyze: (p) => wordAnalyzer.analyze(p),
      analyzeInto(p, out) {
        out.read(wordAnalyzer.analyze(p));
        for (let i = 0; i < out.termCount; i++) out.termEntries[i] = junk(out.terms[i]!);
        for (let i = 0; i < out.wordCount; i++) out.wordEntries[i] = junk(out.words[i]!);
      },
    };
    const posts = [post(0, 'tesla good'), post(500, 'tesla rain'), post(1500, 'good rain')];
    const spec = { batchMs: 500, windowMs: 1000, slideMs: 500, keywords: ['tesla', 'rain'] };
    expect(runEngine(posts, { ...spec, analyzer }, 1).windows).toEqual(naiveWindows(posts, { ...base, ...spec }).windows);
  });
});
