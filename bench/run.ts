/**
 * `npm run bench`: throughput of the per-post hot path, side by side with its baselines, in one run
 * on one corpus. Every stage is measured in a fresh process of its own, the stages taking turns
 * round after round, so no stage inherits another's heap or inline caches and machine noise falls
 * on all of them alike; each figure is the median over rounds, and costs are per post, relative to
 * `JSON.parse` of the same lines. The pipeline is the headless command's (parse, tokenize,
 * stopwords, score, hashtags / terms / keywords, window update); one stage adds what the dashboard's
 * server does on top (explaining a sample of posts for its live feed), and one repeats the pipeline
 * with `natural`'s whole index loaded, to show the hot path does not pay for what that index drags
 * in. A second, informational
 * table runs the same posts as raw Bluesky Jetstream frames (the live source's wire format, with
 * facets), where each line is about three times longer; the target is the first table's.
 * `--breakdown` adds a third table: the pipeline cut after parsing, after the analysis and before
 * the tracked keywords, between the first table's `JSON.parse` and pipeline, so each step's share of
 * the cost can be read as a difference of rows.
 */
import { spawnSync } from 'node:child_process';
import { createRequire } from 'node:module';
import { performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
import { createDemoGenerator } from '../lib/demo/generator';
import type { Analyzer } from '../lib/nlp/analysis';
import { AnalysisBuffer, analyzeInPlace } from '../lib/nlp/analysisBuffer';
import { createAnalyzer } from '../lib/sentiment/analyzers';
import { parseJetstreamLine, parseJsonLine } from '../lib/sources/formats';
import type { ParseResult } from '../lib/sources/formats';
import { StreamEngine } from '../lib/stream/engine';
import type { Post } from '../lib/post';

const POSTS = Number(process.env.BENCH_POSTS ?? 20_000);
/**
 * Processes per stage. Seven, not five: on this kind of shared machine one process in five or so
 * runs 10-30% slow for reasons outside it, and with five rounds the JSON.parse median alone moved
 * 1.65-1.74M posts/s from one bench run to the next.
 */
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 7);
/**
 * Untimed runs first in each process: a stream runs for hours, so what counts is its speed once
 * the JIT has settled. Measured over 8 processes against their 7th-12th runs, the pipeline's
 * third run was still 9% slower (median) and its fourth 5%; JSON.parse's third 3%.
 */
const WARMUP_RUNS = 5;
/**
 * Timed runs inside one process; the process reports their median. A JSON.parse run lasts about
 * 12 ms, so with only a few runs one hiccup of the machine could move a process's figure.
 */
const RUNS = 7;
const KEYWORDS = ['launch OR #nova', '"late goal"', 'rain -umbrella'];

function demoPosts(): Post[] {
  const gen = createDemoGenerator({ seed: 42, rate: 50 });
  const start = Date.UTC(2026, 0, 1);
  const posts: Post[] = [];
  for (let t = start; posts.length < POSTS; t += 60_000) posts.push(...gen.postsBetween(t, t + 60_000));
  return posts.slice(0, POSTS);
}

function corpus(posts: Post[]): string[] {
  return posts.map((p) => JSON.stringify({ id: p.id, text: p.text, created_at: p.createdAt, author: p.author, lang: p.lang }));
}

const utf8 = new TextEncoder();

/** The posts as Jetstream commit frames: record text and langs, `#tag` and mention facets at their UTF-8 byte offsets. */
function jetstreamCorpus(posts: Post[]): string[] {
  return posts.map((p, i) => {
    const facets = [...p.text.matchAll(/[#@][\p{L}\p{N}_]+(?:\.[\p{L}\p{N}_]+)*/gu)].map((m) => {
      const byteStart = utf8.encode(p.text.slice(0, m.index)).length;
      const byteEnd = byteStart + utf8.encode(m[0]).length;
      const feature = m[0].startsWith('#')
        ? { $type: 'app.bsky.richtext.facet#tag', tag: m[0].slice(1) }
        : { $type: 'app.bsky.richtext.facet#mention', did: `did:plc:${m[0].slice(1)}` };
      return { index: { byteStart, byteEnd }, features: [feature] };
    });
    const record = {
      $type: 'app.bsky.feed.post', createdAt: new Date(p.createdAt).toISOString(), text: p.text,
      ...(p.lang ? { langs: [p.lang] } : {}), ...(facets.length > 0 ? { facets } : {}),
    };
    const rkey = `3l${i.toString(36).padStart(11, '0')}`;
    return JSON.stringify({
      did: `did:plc:${p.author ?? 'anon'}`, time_us: p.createdAt * 1000, kind: 'commit',
      commit: { rev: `${rkey}r`, operation: 'create', collection: 'app.bsky.feed.post', rkey, record, cid: `bafyrei${rkey}` },
    });
  });
}

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? (s[m] as number) : ((s[m - 1] as number) + (s[m] as number)) / 2;
}

/** Posts/s of `run`: the median of RUNS timed runs after WARMUP_RUNS untimed ones. */
function measure(run: () => void): number {
  for (let r = 0; r < WARMUP_RUNS; r++) run();
  const rates: number[] = [];
  for (let r = 0; r < RUNS; r++) {
    const t0 = performance.now();
    run();
    rates.push(POSTS / ((performance.now() - t0) / 1000));
  }
  return median(rates);
}

/**
 * The headless command's pipeline: parse, analyze, count in windows, with 3 tracked keywords.
 * @param sampleSize explained sample posts a batch: 0 as the headless command (it writes windows
 *   only); the dashboard's server keeps 10 for its live feed
 */
function pipeline(
  lines: string[],
  scorer: string,
  { parse = parseJsonLine, sampleSize = 0, keywords = KEYWORDS }: { parse?: (line: string, source: string) => ParseResult; sampleSize?: number; keywords?: string[] } = {},
): () => void {
  const analyzer = createAnalyzer(scorer);
  return () => {
    const engine = new StreamEngine({
      batchMs: 1000, windowMs: 60_000, slideMs: 5000, latenessMs: 0, topK: 20, analyzer, keywords, sampleSize,
    });
    feed(engine, lines, parse);
    engine.flush();
  };
}

/**
 * Parses `lines` and hands the posts to `engine` in chunks of 500. The last chunk goes through the
 * same call as the others: a call after the loop would have no type feedback in code compiled
 * while the loop runs, and deoptimize it at the end of every run.
 */
function feed(engine: StreamEngine, lines: string[], parse: (line: string, source: string) => ParseResult): void {
  let chunk: Post[] = [];
  for (let i = 0; i < lines.length; i++) {
    const r = parse(lines[i] as string, 'replay');
    if (r.ok) chunk.push(r.post);
    if (chunk.length === 500 || i === lines.length - 1) {
      engine.ingest(chunk);
      chunk = [];
    }
  }
}

let sink = 0;
const parseAll = (lines: string[]) => () => { for (const l of lines) sink += (JSON.parse(l) as object) ? 1 : 0; };

/**
 * The pipeline's first steps alone: each line parsed into a post, then (with `analyzer`) analyzed
 * into one reused buffer, as the engine reads it.
 */
function parseAndAnalyze(lines: string[], analyzer?: Analyzer): () => void {
  const out = new AnalysisBuffer();
  return () => {
    for (const line of lines) {
      const r = parseJsonLine(line, 'replay');
      if (r.ok) sink += analyzer ? analyzeInPlace(analyzer, r.post, out).termCount : 1;
    }
  };
}

/** Each stage builds its own input, so a child process holds nothing but what it measures. */
const STAGES: Record<string, { label: string; table: 'lines' | 'frames' | 'breakdown'; run: () => () => void }> = {
  json: { label: 'JSON.parse alone', table: 'lines', run: () => parseAll(corpus(demoPosts())) },
  analyze: {
    label: 'sentiment.analyze alone',
    table: 'lines',
    run: () => {
      const Sentiment = createRequire(import.meta.url)('sentiment') as new () => { analyze(t: string): { score: number } };
      const sentiment = new Sentiment();
      const texts = corpus(demoPosts()).map((l) => (JSON.parse(l) as { text: string }).text);
      return () => { for (const t of texts) sink += sentiment.analyze(t).score; };
    },
  },
  moodstream: { label: 'pipeline, moodstream scorer', table: 'lines', run: () => pipeline(corpus(demoPosts()), 'moodstream') },
  feed: {
    label: "pipeline, moodstream scorer, with the dashboard's live feed (10 explained posts a batch)",
    table: 'lines',
    run: () => pipeline(corpus(demoPosts()), 'moodstream', { sampleSize: 10 }),
  },
  afinn: { label: 'pipeline, afinn scorer', table: 'lines', run: () => pipeline(corpus(demoPosts()), 'afinn') },
  naive: { label: 'pipeline on sentiment.analyze (naive)', table: 'lines', run: () => pipeline(corpus(demoPosts()), 'sentiment') },
  natural: {
    label: "pipeline, moodstream scorer, require('natural') loaded",
    table: 'lines',
    run: () => {
      // What a plain `require('natural')` would do to the process; moodstream imports submodules only.
      createRequire(import.meta.url)('natural');
      return pipeline(corpus(demoPosts()), 'moodstream');
    },
  },
  framesJson: { label: 'JSON.parse alone', table: 'frames', run: () => parseAll(jetstreamCorpus(demoPosts())) },
  framesPipeline: {
    label: 'pipeline, moodstream scorer',
    table: 'frames',
    run: () => pipeline(jetstreamCorpus(demoPosts()), 'moodstream', { parse: parseJetstreamLine }),
  },
  parse: { label: 'parse into posts', table: 'breakdown', run: () => parseAndAnalyze(corpus(demoPosts())) },
  analysis: { label: '+ analysis (tokenize, stopwords, score, features)', table: 'breakdown', run: () => parseAndAnalyze(corpus(demoPosts()), createAnalyzer('moodstream')) },
  windows: { label: '+ batches and windows (no tracked keywords)', table: 'breakdown', run: () => pipeline(corpus(demoPosts()), 'moodstream', { keywords: [] }) },
};
const breakdown = process.argv.includes('--breakdown');
/** The breakdown's rows: its own stages between the first table's `JSON.parse` and pipeline, whose runs it reuses. */
const BREAKDOWN: [string, string][] = [
  ['json', 'JSON.parse alone'],
  ...Object.keys(STAGES).filter((n) => STAGES[n]!.table === 'breakdown').map((n): [string, string] => [n, STAGES[n]!.label]),
  ['moodstream', '+ 3 tracked keywords: the pipeline'],
];

const stageArg = process.argv.indexOf('--stage');
if (stageArg >= 0) {
  const stage = STAGES[process.argv[stageArg + 1] ?? ''];
  if (!stage) throw new Error(`unknown stage ${process.argv[stageArg + 1]}`);
  process.stdout.write(`${measure(stage.run())}\n`);
  if (sink === 42) process.stderr.write('\n');
} else {
  const names = Object.keys(STAGES).filter((n) => breakdown || STAGES[n]!.table !== 'breakdown');
  const rates: Record<string, number[]> = Object.fromEntries(names.map((n) => [n, []]));
  for (let round = 0; round < ROUNDS; round++) {
    for (const name of names) {
      const child = spawnSync(process.execPath, [...process.execArgv, fileURLToPath(import.meta.url), '--stage', name], {
        encoding: 'utf8', env: process.env,
      });
      if (child.status !== 0) throw new Error(`stage ${name} failed: ${child.stderr.trim().split('\n').at(-1)}`);
      rates[name]!.push(Number(child.stdout.trim().split('\n').at(-1)));
    }
  }
  const fmt = (n: number) => Math.round(n).toLocaleString('en-US');
  /** A table of [stage, label] rows, costs relative to the first row. */
  const table = (rows: [string, string][]) => {
    const base = median(rates[rows[0]![0]]!);
    console.log('| stage | posts/s (median) | range | cost vs JSON.parse |');
    console.log('|---|---:|---:|---:|');
    for (const [n, label] of rows) {
      const r = rates[n]!;
      console.log(`| ${label} | ${fmt(median(r))} | ${fmt(Math.min(...r))}-${fmt(Math.max(...r))} | ${(base / median(r)).toFixed(2)}x |`);
    }
  };
  const tableOf = (kind: 'lines' | 'frames') =>
    table(names.filter((n) => STAGES[n]!.table === kind).map((n): [string, string] => [n, STAGES[n]!.label]));
  const avg = (xs: string[]) => Math.round(xs.reduce((n, l) => n + l.length, 0) / xs.length);
  const posts = demoPosts();
  console.log(`moodstream bench: ${fmt(POSTS)} demo posts (JSON Lines, ${avg(corpus(posts))} characters a line on average), ` +
    `each stage in its own process, median of ${ROUNDS} rounds (each the median of ${RUNS} runs after ${WARMUP_RUNS} warm-up runs), node ${process.version}\n`);
  tableOf('lines');
  const m = (n: string) => median(rates[n]!);
  console.log(`\nmoodstream scorer pipeline costs ${(m('afinn') / m('moodstream')).toFixed(2)}x the afinn pipeline (target <= 1.3x); ` +
    `with natural's index loaded it would cost ${(m('moodstream') / m('natural')).toFixed(2)}x what it does`);
  console.log(`\nInformational: the same posts as Bluesky Jetstream frames (${avg(jetstreamCorpus(posts))} characters a line on average)\n`);
  tableOf('frames');
  if (breakdown) {
    console.log('\nWhere the pipeline\'s cost goes (same corpus; each row adds one step to the row above)\n');
    table(BREAKDOWN);
  }
}
