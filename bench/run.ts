/**
 * `npm run bench`: throughput of the per-post hot path, side by side with its baselines, in one run
 * on one corpus. Each figure is the median of several rounds; costs are per post, relative to
 * `JSON.parse` of the same lines. A second process repeats the pipeline with `natural`'s whole index
 * loaded, to show the hot path does not pay for what that index drags in. A second, informational
 * table runs the same posts as raw Bluesky Jetstream frames (the live source's wire format, with
 * facets), where each line is about three times longer; the target is the first table's.
 */
import { spawnSync } from 'node:child_process';
import { createRequire } from 'node:module';
import { performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
import { createDemoGenerator } from '../lib/demo/generator';
import { createAnalyzer } from '../lib/sentiment/analyzers';
import { parseJetstreamLine, parseJsonLine } from '../lib/sources/formats';
import type { ParseResult } from '../lib/sources/formats';
import { StreamEngine } from '../lib/stream/engine';
import type { Post } from '../lib/post';

const POSTS = Number(process.env.BENCH_POSTS ?? 20_000);
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 7);
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

/** Median posts/s of `run` over ROUNDS rounds, after one warm-up round. */
function measure(run: () => void): { pps: number; min: number; max: number } {
  run();
  const rates: number[] = [];
  for (let r = 0; r < ROUNDS; r++) {
    const t0 = performance.now();
    run();
    rates.push(POSTS / ((performance.now() - t0) / 1000));
  }
  return { pps: median(rates), min: Math.min(...rates), max: Math.max(...rates) };
}

function pipeline(lines: string[], scorer: string, parse: (line: string, source: string) => ParseResult = parseJsonLine): () => void {
  const analyzer = createAnalyzer(scorer);
  return () => {
    const engine = new StreamEngine({
      batchMs: 1000, windowMs: 60_000, slideMs: 5000, latenessMs: 0, topK: 20, analyzer, keywords: KEYWORDS,
    });
    let chunk: Post[] = [];
    for (const line of lines) {
      const r = parse(line, 'replay');
      if (r.ok) chunk.push(r.post);
      if (chunk.length === 500) {
        engine.ingest(chunk);
        chunk = [];
      }
    }
    engine.ingest(chunk);
    engine.flush();
  };
}

let sink = 0;
const posts = demoPosts();
const lines = corpus(posts);

if (process.argv.includes('--child-natural')) {
  // Loading the index is what a plain `require('natural')` does; the pipeline must not slow down.
  createRequire(import.meta.url)('natural');
  const json = measure(() => { for (const l of lines) sink += (JSON.parse(l) as { id: string }).id.length; });
  const pipe = measure(pipeline(lines, 'moodstream'));
  process.stdout.write(JSON.stringify({ json: json.pps, pipeline: pipe.pps }) + '\n');
} else {
  const texts = lines.map((l) => (JSON.parse(l) as { text: string }).text);
  const Sentiment = createRequire(import.meta.url)('sentiment') as new () => { analyze(t: string): { score: number } };
  const sentiment = new Sentiment();
  const rows: [string, { pps: number; min: number; max: number }][] = [
    ['JSON.parse alone', measure(() => { for (const l of lines) sink += (JSON.parse(l) as { id: string }).id.length; })],
    ['sentiment.analyze alone', measure(() => { for (const t of texts) sink += sentiment.analyze(t).score; })],
    ['pipeline, moodstream scorer', measure(pipeline(lines, 'moodstream'))],
    ['pipeline, afinn scorer', measure(pipeline(lines, 'afinn'))],
    ['pipeline on sentiment.analyze (naive)', measure(pipeline(lines, 'sentiment'))],
  ];
  const base = rows[0]![1].pps;
  const fmt = (n: number) => Math.round(n).toLocaleString('en-US');
  console.log(`moodstream bench: ${fmt(POSTS)} demo posts (JSON Lines), median of ${ROUNDS} rounds, node ${process.version}\n`);
  console.log('| stage | posts/s (median) | range | cost vs JSON.parse |');
  console.log('|---|---:|---:|---:|');
  for (const [name, r] of rows) console.log(`| ${name} | ${fmt(r.pps)} | ${fmt(r.min)}-${fmt(r.max)} | ${(base / r.pps).toFixed(2)}x |`);
  const byName = Object.fromEntries(rows.map(([n, r]) => [n, r.pps]));
  const rulesVsPlain = byName['pipeline, afinn scorer']! / byName['pipeline, moodstream scorer']!;
  console.log(`\nmoodstream scorer pipeline costs ${rulesVsPlain.toFixed(2)}x the afinn pipeline (target <= 1.3x)`);

  const child = spawnSync(process.execPath, [...process.execArgv, fileURLToPath(import.meta.url), '--child-natural'], {
    encoding: 'utf8', env: process.env,
  });
  const loaded = child.status === 0 ? (JSON.parse(child.stdout.trim().split('\n').at(-1)!) as { json: number; pipeline: number }) : null;
  if (loaded) {
    console.log(`with require('natural') loaded in the process: pipeline ${(loaded.json / loaded.pipeline).toFixed(2)}x JSON.parse ` +
      `(here ${(base / byName['pipeline, moodstream scorer']!).toFixed(2)}x): the hot path imports natural's submodules only`);
  } else {
    console.log(`(the natural-index comparison did not run: ${child.stderr.trim().split('\n').at(-1)})`);
  }

  const frames = jetstreamCorpus(posts);
  const frameRows: [string, { pps: number; min: number; max: number }][] = [
    ['JSON.parse alone', measure(() => { for (const l of frames) sink += (JSON.parse(l) as { did: string }).did.length; })],
    ['pipeline, moodstream scorer', measure(pipeline(frames, 'moodstream', parseJetstreamLine))],
  ];
  const avg = (xs: string[]) => Math.round(xs.reduce((n, l) => n + l.length, 0) / xs.length);
  console.log(`\nInformational: the same posts as Bluesky Jetstream frames (${avg(frames)} characters a line on average, ` +
    `against ${avg(lines)} above)\n`);
  console.log('| stage | posts/s (median) | range | cost vs JSON.parse |');
  console.log('|---|---:|---:|---:|');
  const frameBase = frameRows[0]![1].pps;
  for (const [name, r] of frameRows) console.log(`| ${name} | ${fmt(r.pps)} | ${fmt(r.min)}-${fmt(r.max)} | ${(frameBase / r.pps).toFixed(2)}x |`);
  if (sink === 42) console.log('');
}
