/**
 * Crash test: a replay killed with SIGKILL at random points and restarted from its data directory
 * each time must leave exactly the history of an uninterrupted run, row for row.
 *
 *   npx tsx scripts/crash-test.ts [--posts 120000] [--kills 5] [--seed 7] [--speed 400] [--damage] [--keep]
 *
 * It copies lib/ and server/ into a temporary directory (so every run executes the same code even if
 * the working tree is edited meanwhile), writes a deterministic JSON Lines fixture of invented posts
 * there, runs the real headless command (`server/cli/stream.ts`) once to the end as the reference,
 * then again on a fresh data directory, killing the process group with SIGKILL whenever its output reaches one of
 * `kills` window ends drawn at random, restarting it, and finally letting it finish. The two stored
 * histories are compared row by row (full-precision means) and as the history command's CSV.
 * tests/integration/crash.test.ts runs a smaller version of the same thing.
 */
import { spawn, execFile } from 'node:child_process';
import { appendFileSync, cpSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { promisify, parseArgs, isDeepStrictEqual } from 'node:util';
import { chance, mulberry32, pick, type Rng } from '../lib/demo/prng';
import { SqliteCheckpointStore } from '../server/store/checkpointStore';
import { openDatabase } from '../server/store/database';
import { SqliteHistoryStore, type HistoryRow } from '../server/store/historyStore';

const REPO = fileURLToPath(new URL('..', import.meta.url));

export interface CrashTestOptions {
  /** Posts in the fixture. */
  posts: number;
  /** SIGKILLs to deliver. */
  kills: number;
  /** Seeds the fixture and the kill points. */
  seed: number;
  /** `--speed` of the runs that get killed (`max` or a factor); the reference runs at max. */
  speed: string;
  /** Mean event-time gap between posts, ms. */
  gapMs?: number;
  /** Extra options for the stream command (window settings, keywords). */
  streamArgs?: string[];
  /** Longest a single run may take before the test gives up, ms (default 10 min). */
  runTimeoutMs?: number;
  /**
   * After each kill, damage the newest checkpoint (when an older one exists), so each restart must
   * fall back to the previous checkpoint, say so, and still end with the same history.
   */
  damage?: boolean;
  /** Keep the temporary directory (fixture and both data directories) for inspection. */
  keep?: boolean;
  log?: (message: string) => void;
}

export interface KillRecord {
  /** Window end (epoch ms) whose output triggered the kill. */
  target: number;
  /** Source position and time of the newest checkpoint left behind, or null if none was saved yet. */
  checkpoint: { line: unknown; offset: unknown; savedAt: number } | null;
  /** First window end the restarted process wrote, or null if it wrote none. */
  resumedAt: number | null;
  /** The newest checkpoint was damaged on purpose after this kill. */
  damaged: boolean;
  /** The restarted process warned that it fell back from a damaged checkpoint. */
  fellBack: boolean;
}

export interface CrashTestResult {
  posts: number;
  kills: KillRecord[];
  /** Windows and rows in the reference history, and its first window end (epoch ms). */
  windows: number;
  firstWindowEnd: number | null;
  rows: number;
  /** Rows (full precision) and the history command's CSV output both equal. */
  equal: boolean;
  csvEqual: boolean;
  /** The first differing row, when not equal. */
  firstDifference: string | null;
  seconds: number;
  workDir: string | null;
}

export const DEFAULT_STREAM_ARGS = [
  '--batch', '1s', '--window', '60s', '--slide', '5s', '--top', '10',
  '--track', 'happy OR love', '--track', '#launch', '--track', '"late goal"', '--track', 'lang:pt',
];

const TOPICS = [
  { tags: ['#launch', '#phonex'], words: ['phone', 'battery', 'screen', 'camera', 'preorder', 'keynote'] },
  { tags: ['#matchday', '#derby'], words: ['goal', 'keeper', 'referee', 'stadium', 'penalty', 'late goal'] },
  { tags: ['#coffee', '#monday'], words: ['coffee', 'espresso', 'queue', 'barista', 'morning'] },
  { tags: ['#storm', '#weather'], words: ['rain', 'wind', 'flood', 'umbrella', 'forecast'] },
];
const POSITIVE = ['love', 'great', 'amazing', 'happy', 'awesome', 'brilliant', 'nice'];
const NEGATIVE = ['hate', 'awful', 'terrible', 'sad', 'broken', 'worst', 'angry'];
const FILLER = ['the', 'this', 'today', 'really', 'so', 'just', 'again', 'with', 'my'];
const PT = ['que jogo lindo', 'adorei o gol', 'péssimo atendimento', 'muito feliz hoje', 'chuva de novo'];
const ES = ['qué partido tan bueno', 'odio la lluvia', 'me encanta el café', 'terrible servicio'];
const EMOJI = ['🎉', '😡', '😂', '⚽', '☕', '😢'];

/** One invented post as a JSON line; deterministic in `rng`. */
function fixturePost(rng: Rng, i: number, createdAt: number): string {
  const topic = pick(rng, TOPICS);
  const lang = pick(rng, ['en', 'en', 'en', 'en', 'en', 'en', 'en', 'en', 'pt', 'es', 'ja', null] as const);
  let text: string;
  if (lang === 'pt') text = `${pick(rng, PT)} ${pick(rng, topic.tags)}`;
  else if (lang === 'es') text = `${pick(rng, ES)} ${pick(rng, topic.tags)}`;
  else if (lang === 'ja') text = `今日は ${pick(rng, topic.tags)}`;
  else {
    const mood = chance(rng, 0.5) ? POSITIVE : NEGATIVE;
    const words = [pick(rng, FILLER), pick(rng, topic.words), pick(rng, mood), pick(rng, topic.words), pick(rng, FILLER)];
    if (chance(rng, 0.3)) words.push(pick(rng, mood));
    if (chance(rng, 0.2)) words.unshift(`@user${Math.floor(rng() * 50)}`);
    if (chance(rng, 0.6)) words.push(pick(rng, topic.tags));
    if (chance(rng, 0.15)) words.push(pick(rng, EMOJI));
    if (chance(rng, 0.05)) words.push(`https://example.com/p/${i}`);
    text = words.join(' ');
  }
  const post = {
    id: `c${i}`,
    text,
    // Both accepted time forms, so resuming is checked across them.
    created_at: i % 2 === 0 ? new Date(createdAt).toISOString() : createdAt,
    author: `user${Math.floor(rng() * 500)}`,
    ...(lang ? { lang } : {}),
  };
  return JSON.stringify(post);
}

/**
 * Writes `posts` invented posts, in event-time order, as JSON Lines, with a malformed line every
 * 4999 lines (counted and skipped by the replay, so positions must step over them).
 */
export function writeFixture(file: string, posts: number, seed: number, gapMs = 100): void {
  const rng = mulberry32(seed);
  let t = Date.UTC(2025, 0, 6, 9);
  writeFileSync(file, '');
  let chunk: string[] = [];
  for (let i = 0; i < posts; i++) {
    t += Math.floor(rng() * 2 * gapMs);
    chunk.push(fixturePost(rng, i, t));
    if (i % 4999 === 4998) chunk.push('{"id": "broken');
    if (chunk.length >= 10_000) {
      appendFileSync(file, chunk.join('\n') + '\n');
      chunk = [];
    }
  }
  if (chunk.length > 0) appendFileSync(file, chunk.join('\n') + '\n');
}

interface RunOutcome {
  /** `killed` when the target was reached and the process was killed. */
  how: 'finished' | 'killed';
  firstEnd: number | null;
  stderr: string;
}

/**
 * Runs the headless command on `dataDir`. With `killAt`, kills its process group with SIGKILL as
 * soon as it writes a window ending at or after `killAt` (plus up to `jitterMs` more, so kills
 * land at different phases of a batch: ingest, history put, checkpoint save).
 */
function runStream(
  code: string,
  args: string[],
  options: { killAt?: number; jitterMs?: number; rng?: Rng; timeoutMs: number },
): Promise<RunOutcome> {
  return new Promise((resolve, reject) => {
    // node --import tsx runs the command in one process (no npx/tsx wrapper left running after a kill);
    // its own process group so the kill reaches everything it might start.
    const child = spawn(process.execPath, ['--import', 'tsx', 'server/cli/stream.ts', ...args], {
      cwd: code,
      detached: true,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let firstEnd: number | null = null;
    let stderr = '';
    let pending = '';
    let killing = false;
    const kill = () => {
      try {
        process.kill(-child.pid!, 'SIGKILL');
      } catch {
        // Already gone.
      }
    };
    const timer = setTimeout(() => {
      kill();
      reject(new Error(`stream run exceeded ${options.timeoutMs} ms; stderr: ${stderr.slice(-2000)}`));
    }, options.timeoutMs);
    child.stderr.setEncoding('utf8').on('data', (d: string) => (stderr += d));
    child.stdout.setEncoding('utf8').on('data', (d: string) => {
      pending += d;
      const lines = pending.split('\n');
      pending = lines.pop() ?? '';
      for (const line of lines) {
        const m = /"end":(\d+)/.exec(line);
        if (!m) continue;
        const end = Number(m[1]);
        if (firstEnd === null) firstEnd = end;
        if (options.killAt !== undefined && !killing && end >= options.killAt) {
          killing = true;
          const delay = Math.floor((options.rng ?? Math.random)() * (options.jitterMs ?? 0));
          if (delay === 0) kill();
          else setTimeout(kill, delay);
        }
      }
    });
    child.on('error', reject);
    // 'close' rather than 'exit': all output has been read by then.
    child.on('close', (code, signal) => {
      clearTimeout(timer);
      if (signal === 'SIGKILL' && killing) resolve({ how: 'killed', firstEnd, stderr });
      else if (code === 0) resolve({ how: 'finished', firstEnd, stderr });
      else reject(new Error(`stream exited with ${signal ?? code}: ${stderr.slice(-2000)}`));
    });
  });
}

function readRows(dataDir: string): HistoryRow[] {
  const db = openDatabase(dataDir, { mustExist: true });
  try {
    return new SqliteHistoryStore(db, { retentionMs: null }).query();
  } finally {
    db.close();
  }
}

/** Breaks the newest checkpoint's checksum (still valid JSON) if an older one exists; true if it did. */
function damageNewestCheckpoint(dataDir: string): boolean {
  const db = openDatabase(dataDir, { mustExist: true });
  try {
    if ((db.prepare('SELECT count(*) FROM checkpoints').pluck().get() as number) < 2) return false;
    db.prepare("UPDATE checkpoints SET engine = engine || ' ' WHERE id = (SELECT max(id) FROM checkpoints)").run();
    return true;
  } finally {
    db.close();
  }
}

function newestCheckpoint(dataDir: string): KillRecord['checkpoint'] {
  const db = openDatabase(dataDir, { mustExist: true });
  try {
    const cp = new SqliteCheckpointStore(db).loadVerified().checkpoint;
    return cp ? { line: cp.source?.line, offset: cp.source?.offset, savedAt: cp.savedAt } : null;
  } finally {
    db.close();
  }
}

const execFileP = promisify(execFile);

/** The history command's CSV output for a data directory. */
async function historyCsv(code: string, dataDir: string): Promise<string> {
  const { stdout } = await execFileP(process.execPath, ['--import', 'tsx', 'server/cli/history.ts', '--data-dir', dataDir], {
    cwd: code,
    maxBuffer: 1 << 30,
  });
  return stdout;
}

/**
 * Copies the code the commands run (lib/, server/ and the package files) into `into`, with a link
 * to node_modules. The reference and the restarted runs are a while apart; running them all from
 * one copy means they run the same code even if the working tree is edited meanwhile.
 */
function snapshotCode(into: string): string {
  for (const dir of ['lib', 'server']) cpSync(join(REPO, dir), join(into, dir), { recursive: true });
  for (const file of ['package.json', 'tsconfig.json']) cpSync(join(REPO, file), join(into, file));
  symlinkSync(join(REPO, 'node_modules'), join(into, 'node_modules'), 'dir');
  return into;
}

function resumed(kill: KillRecord, restart: RunOutcome): void {
  kill.resumedAt = restart.firstEnd;
  kill.fellBack = /damaged.*falling back/.test(restart.stderr);
}

function describeRow(r: HistoryRow | undefined): string {
  return r ? JSON.stringify(r) : '(none)';
}

/** Runs the crash test; see the file comment. */
export async function runCrashTest(o: CrashTestOptions): Promise<CrashTestResult> {
  const started = Date.now();
  const log = o.log ?? (() => {});
  const work = mkdtempSync(join(tmpdir(), 'moodstream-crash-'));
  const timeoutMs = o.runTimeoutMs ?? 600_000;
  try {
    const code = snapshotCode(join(work, 'code'));
    const file = join(work, 'posts.jsonl');
    writeFixture(file, o.posts, o.seed, o.gapMs);
    const base = ['--source', 'replay', '--file', file, ...(o.streamArgs ?? DEFAULT_STREAM_ARGS)];

    const refDir = join(work, 'reference');
    log(`reference run: ${o.posts} posts at max speed`);
    await runStream(code, [...base, '--speed', 'max', '--data-dir', refDir], { timeoutMs });
    const reference = readRows(refDir);
    const ends = [...new Set(reference.map((r) => r.windowEnd))];
    log(`reference: ${ends.length} windows, ${reference.length} rows`);

    // Kill targets: distinct window ends drawn from the middle 90% of the run, in order.
    const rng = mulberry32(o.seed ^ 0x5eed);
    const candidates = ends.slice(Math.floor(ends.length * 0.05), Math.ceil(ends.length * 0.95));
    const targets = new Set<number>();
    while (targets.size < Math.min(o.kills, candidates.length)) targets.add(pick(rng, candidates));
    const crashDir = join(work, 'crashed');
    const crashArgs = [...base, '--speed', o.speed, '--data-dir', crashDir];
    const kills: KillRecord[] = [];
    let previous: KillRecord | null = null;
    for (const target of [...targets].sort((a, b) => a - b)) {
      const outcome = await runStream(code, crashArgs, { killAt: target, jitterMs: 40, rng, timeoutMs });
      if (previous) resumed(previous, outcome);
      if (outcome.how === 'finished') {
        log(`run finished before reaching ${new Date(target).toISOString()}; no more kills`);
        previous = null;
        break;
      }
      const checkpoint = newestCheckpoint(crashDir);
      const damaged = o.damage === true && damageNewestCheckpoint(crashDir);
      previous = { target, checkpoint, resumedAt: null, damaged, fellBack: false };
      kills.push(previous);
      log(`killed at window ${new Date(target).toISOString()}; newest checkpoint at line ${String(previous.checkpoint?.line ?? 'none')}`);
    }
    if (previous) {
      resumed(previous, await runStream(code, crashArgs, { timeoutMs }));
    }

    const crashed = readRows(crashDir);
    let firstDifference: string | null = null;
    for (let i = 0; i < Math.max(reference.length, crashed.length); i++) {
      if (!isDeepStrictEqual(reference[i], crashed[i])) {
        firstDifference = `row ${i}: reference ${describeRow(reference[i])} vs restarted ${describeRow(crashed[i])}`;
        break;
      }
    }
    const csvEqual = (await historyCsv(code, refDir)) === (await historyCsv(code, crashDir));
    return {
      posts: o.posts,
      kills,
      windows: ends.length,
      firstWindowEnd: ends[0] ?? null,
      rows: reference.length,
      equal: firstDifference === null && csvEqual,
      csvEqual,
      firstDifference,
      seconds: Math.round((Date.now() - started) / 100) / 10,
      workDir: o.keep ? work : null,
    };
  } finally {
    if (!o.keep) rmSync(work, { recursive: true, force: true });
  }
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      posts: { type: 'string', default: '120000' },
      kills: { type: 'string', default: '5' },
      seed: { type: 'string', default: '7' },
      speed: { type: 'string', default: '400' },
      gap: { type: 'string', default: '100' },
      keep: { type: 'boolean', default: false },
      damage: { type: 'boolean', default: false },
    },
    strict: true,
  });
  const result = await runCrashTest({
    posts: Number(values.posts),
    kills: Number(values.kills),
    seed: Number(values.seed),
    speed: values.speed,
    gapMs: Number(values.gap),
    keep: values.keep,
    damage: values.damage,
    log: (m) => process.stderr.write(`crash-test: ${m}\n`),
  });
  process.stdout.write(JSON.stringify(result, null, 2) + '\n');
  process.stdout.write(
    `${result.equal ? 'EQUAL' : 'DIFFERENT'}: ${result.posts} posts, ${result.kills.length} SIGKILLs, ` +
      `${result.windows} windows / ${result.rows} rows compared, ${result.seconds} s\n`,
  );
  process.exitCode = result.equal && result.kills.length > 0 ? 0 : 1;
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  main().catch((err: unknown) => {
    process.stderr.write(`crash-test: ${(err as Error).stack ?? String(err)}\n`);
    process.exitCode = 1;
  });
}
