import { createWriteStream } from 'node:fs';
import { DEFAULT_ANALYZER, createAnalyzer } from '../../lib/sentiment/analyzers';
import { CSV_HEADER, rowsToCsv, snapshotRows } from '../../lib/csv';
import { parseDuration } from '../../lib/stream/duration';
import { StreamEngine } from '../../lib/stream/engine';
import type { WindowSnapshot } from '../../lib/stream/snapshot';
import type { Source } from '../../lib/sources/source';
import { failer, readOptions, type Fail } from './commandLine';
import { StreamWorker } from '../worker';
import { createSource, LIVE_KINDS, parseSpeed, SOURCE_KINDS, type SourceKind } from '../sources/createSource';
import { openDataStore, type DataStore } from '../store/dataStore';
import type { EngineState } from '../../lib/stream/engine';

const USAGE = `Usage: npm run --silent stream -- [options]

Runs a source through micro-batches and sliding windows and writes one window snapshot per slide.

Source
  --source KIND            demo | replay | bluesky | mastodon | x | dir | tcp (default demo)
  --file FILE              replay: file (JSON Lines, CSV with header, Sentiment140 CSV, Jetstream frames)
  --input-format F         replay, dir, tcp: jsonl | csv | sentiment140 | jetstream (default: detected)
  --endpoint URL           bluesky: Jetstream websocket URL (default the public us-east instance)
  --instance URL           mastodon: instance URL (token in MASTODON_TOKEN)
  --hashtag TAG            mastodon: follow one hashtag instead of the public timeline
  --dir DIR                dir: directory whose new files are each read once
  --host H, --port P       tcp: where to read lines from (default host 127.0.0.1)
                           x: the bearer token is read from X_BEARER_TOKEN
  --speed max|FACTOR       max = as fast as possible; 1 = real time by createdAt, 10 = ten times
                           (default: max for a replay, 1 for the demo; the demo at max needs --limit)
  --loop                   replay the file again and again (event time keeps moving forward)
  --seed N                 demo generator seed (default 1)
  --rate N                 demo posts per second (default 50)
  --limit N                demo: stop after N posts
Windows
  --batch D                micro-batch interval (default 1s)
  --window D               window length, a multiple of the slide (default 60s)
  --slide D                window slide, a multiple of the batch (default 5s)
  --lateness D             how late a post may arrive and still count (default 0)
  --track QUERY            keyword query to count per window (repeatable), e.g. --track 'tesla OR #launch';
                           a query starting with - goes as --track=-QUERY
  --top K                  hashtags and terms listed per window (default 20)
  --scorer NAME            sentiment scorer (default ${DEFAULT_ANALYZER})
Output
  --format jsonl|csv       one JSON object per window, or the CSV snapshot format (default jsonl)
  --out FILE               write there instead of stdout
  --data-dir DIR           checkpoint and history in DIR; a later run with the same DIR resumes
  --retention D|all        history kept back from the newest stored window (default 30d)
  --help                   this text

Durations: 500ms, 10s, 5m, 1h. A final stats line (JSON) goes to stderr.`;

const fail: Fail = failer('stream');

function main(): void {
  const values = readOptions(
    {
      source: { type: 'string', default: 'demo' },
      file: { type: 'string' },
      'input-format': { type: 'string' },
      endpoint: { type: 'string' },
      instance: { type: 'string' },
      hashtag: { type: 'string' },
      dir: { type: 'string' },
      host: { type: 'string' },
      port: { type: 'string' },
      speed: { type: 'string' },
      loop: { type: 'boolean', default: false },
      seed: { type: 'string', default: '1' },
      rate: { type: 'string', default: '50' },
      limit: { type: 'string' },
      batch: { type: 'string', default: '1s' },
      window: { type: 'string', default: '60s' },
      slide: { type: 'string', default: '5s' },
      lateness: { type: 'string', default: '0' },
      track: { type: 'string', multiple: true, default: [] },
      top: { type: 'string', default: '20' },
      scorer: { type: 'string', default: DEFAULT_ANALYZER },
      format: { type: 'string', default: 'jsonl' },
      out: { type: 'string' },
      'data-dir': { type: 'string' },
      retention: { type: 'string', default: '30d' },
      help: { type: 'boolean', default: false },
    },
    USAGE,
    fail,
  );
  if (values === null) return;
  if (values.format !== 'jsonl' && values.format !== 'csv') fail(`--format must be jsonl or csv (got "${values.format}")`);
  const integer = (name: string, text: string, min: number) => {
    const n = Number(text);
    if (!Number.isInteger(n) || n < min) fail(`--${name} must be a whole number >= ${min} (got "${text}")`);
    return n;
  };

  let engine: StreamEngine;
  let source: Source;
  let store: DataStore<EngineState> | null = null;
  try {
    if (!(SOURCE_KINDS as readonly string[]).includes(values.source)) {
      throw new Error(`--source must be one of ${SOURCE_KINDS.join(', ')} (got "${values.source}")`);
    }
    const kind = values.source as SourceKind;
    const options = {
      batchMs: parseDuration(values.batch, '--batch'),
      windowMs: parseDuration(values.window, '--window'),
      slideMs: parseDuration(values.slide, '--slide'),
      latenessMs: parseDuration(values.lateness, '--lateness'),
      topK: integer('top', values.top, 0),
      analyzer: createAnalyzer(values.scorer),
      keywords: values.track,
      // Explained sample posts feed the dashboard's live feed; this command writes windows only.
      sampleSize: 0,
    };
    const speed = parseSpeed(values.speed ?? (values.source === 'replay' ? 'max' : '1'), '--speed');
    store = values['data-dir']
      ? openDataStore<EngineState>(values['data-dir'], {
        retentionMs: values.retention === 'all' ? null : parseDuration(values.retention, '--retention'),
        onWarning: (m) => process.stderr.write(`checkpoint: ${m}\n`),
      })
      : null;
    const checkpoint = store?.checkpoints.load() ?? null;
    engine = checkpoint ? StreamEngine.restore(checkpoint.engine, options) : new StreamEngine(options);
    // A resumed run keeps its tracked queries and adds the ones this command line names.
    for (const q of checkpoint ? values.track : []) {
      if (engine.keywords().includes(q.trim())) continue;
      const r = engine.addKeyword(q);
      if (!r.ok) throw new Error(`--track "${q}": ${r.error}`);
    }
    source = createSource({
      kind,
      file: values.file ?? null,
      format: values['input-format'],
      speed,
      loop: values.loop,
      seed: integer('seed', values.seed, 0),
      rate: Number(values.rate),
      limit: values.limit === undefined ? undefined : integer('limit', values.limit, 1),
      endpoint: values.endpoint,
      instance: values.instance ?? process.env.MASTODON_INSTANCE,
      hashtag: values.hashtag,
      token: values.source === 'x' ? process.env.X_BEARER_TOKEN : process.env.MASTODON_TOKEN,
      dir: values.dir,
      host: values.host,
      port: values.port === undefined ? undefined : integer('port', values.port, 1),
    });
    if (checkpoint) process.stderr.write(`resuming from the checkpoint of ${new Date(checkpoint.savedAt).toISOString()}\n`);
    const clockAligned = LIVE_KINDS.has(kind) || (kind === 'demo' && speed === 1);
    run(source, clockAligned, engine, store, checkpoint?.source ?? null, values.format, values.out);
  } catch (err) {
    store?.close();
    fail((err as Error).message);
  }
}

function run(
  source: Source, clockAligned: boolean, engine: StreamEngine, store: DataStore<EngineState> | null,
  resumeFrom: Record<string, unknown> | null, format: 'jsonl' | 'csv', outFile: string | undefined,
): void {
  // A reader that goes away (`| head`) ends the run quietly instead of crashing it.
  process.stdout.on('error', () => void finish(0));
  const out: NodeJS.WritableStream = outFile ? createWriteStream(outFile, { flags: resumeFrom ? 'a' : 'w' }) : process.stdout;
  if (out !== process.stdout) {
    out.on('error', (err: Error) => {
      process.stderr.write(`moodstream stream: --out ${outFile}: ${err.message}\n`);
      void finish(2, false);
    });
  }
  if (format === 'csv' && !resumeFrom) out.write(CSV_HEADER + '\r\n');
  const write = (w: WindowSnapshot) => {
    if (format === 'jsonl') out.write(JSON.stringify(w) + '\n');
    else out.write(rowsToCsv(snapshotRows(w)));
  };
  const worker = new StreamWorker({
    source, engine, statusMs: 0,
    // Only a stream whose event time is the wall clock may be advanced by the clock.
    tickMs: clockAligned ? 200 : 0,
    checkpoint: store ? { store: store.checkpoints, everyBatches: 10 } : undefined,
    history: store?.history,
    resumeFrom,
  });
  const startedAt = performance.now();
  let reported = 0;
  worker.on('window', write);
  worker.on('issue', (issue) => {
    // The first hundred are spelled out; the count in the stats line covers the rest.
    if (++reported <= 100) process.stderr.write(`${issue.line !== undefined ? `line ${issue.line}: ` : ''}${issue.kind}: ${issue.message}\n`);
    if (reported === 100) process.stderr.write('(further issues are only counted)\n');
  });
  let finished = false;
  let failed = false;
  worker.on('status', (st) => {
    // A source that has given up (a refused token, an unreadable file) ends the run with an error.
    if (st.state === 'failed') failed = true;
    if (st.state === 'failed' && clockAligned) void finish(1);
  });
  const finish = async (code: number, flushOut = true) => {
    if (finished) return;
    finished = true;
    await worker.stop();
    store?.close();
    const s = worker.status();
    const e = engine.stats();
    const seconds = (performance.now() - startedAt) / 1000;
    const stats = {
      postsRead: s.posts,
      malformed: s.issues.malformed ?? 0,
      oversized: s.issues.oversized ?? 0,
      late: e.late,
      invalid: e.invalid,
      batches: e.batches,
      windows: e.windows,
      postsPerSec: Math.round(s.posts / Math.max(seconds, 1e-9)),
      seconds: Math.round(seconds * 1000) / 1000,
    };
    const done = () => {
      process.stderr.write(JSON.stringify(stats) + '\n');
      process.exitCode = code;
    };
    if (out === process.stdout || !flushOut) done();
    else out.end(done);
  };
  worker.on('end', () => void finish(failed ? 1 : 0));
  process.once('SIGINT', () => void finish(130));
  process.once('SIGTERM', () => void finish(143));
  worker.start();
}

main();
