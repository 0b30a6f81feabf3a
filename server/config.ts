import { ANALYZER_NAMES, DEFAULT_ANALYZER } from '../lib/sentiment/analyzers';
import { parseQuery } from '../lib/query';
import { parseDuration } from '../lib/stream/duration';
import { validateWindowSpec } from '../lib/stream/windowSpec';
import { MAX_QUERY_LENGTH } from '../lib/contract';
import { SOURCE_KINDS, parseSpeed, type SourceKind, type Speed } from './sources/createSource';

/**
 * The server's configuration, parsed and validated once at start-up from the environment and the
 * command line (flags win over environment variables). server/index.ts is the only caller; every
 * other module receives plain options.
 */

export interface ServerConfig {
  /** Next.js development mode with hot reload (`--dev`). */
  dev: boolean;
  /** TCP port; 0 picks a free one. Default 3000. */
  port: number;
  /** Interface to listen on; undefined listens on all of them. */
  host: string | undefined;
  source: SourceKind;
  /** Replay file (required with `source: 'replay'`). */
  file: string | null;
  /** bluesky: Jetstream websocket URL; undefined uses the public instance. */
  endpoint: string | undefined;
  /** mastodon: instance URL, and one hashtag to follow instead of the public timeline. */
  instance: string | undefined;
  hashtag: string | undefined;
  /** dir: the directory whose new files are each read once. */
  dir: string | undefined;
  /** tcp: where to read lines from. */
  tcpHost: string | undefined;
  tcpPort: number | undefined;
  /** Secrets, environment only: MASTODON_TOKEN and X_BEARER_TOKEN. */
  mastodonToken: string | undefined;
  xBearerToken: string | undefined;
  /** Replay format (`jsonl`, `csv`, `sentiment140`, `jetstream`); undefined detects it. */
  inputFormat: string | undefined;
  /** Replay pace: `max` or a factor of real time. Default 1 (real time by createdAt). */
  speed: Speed;
  /** Replay the file again when it ends. */
  loop: boolean;
  /** Micro-batch interval, ms. Default 1000. */
  batchMs: number;
  /** Window length, ms. Default 60000. */
  windowMs: number;
  /** Window slide, ms. Default 5000. */
  slideMs: number;
  /** How late a post may arrive and still be counted, ms. Default 0 for a replay, 1000 otherwise. */
  latenessMs: number;
  /** Queries added to the tracked set at start (`--track`, repeatable). */
  track: string[];
  /** Top hashtags and terms kept per window. Default 20. */
  topK: number;
  /** Demo generator seed; default 1. */
  seed: number;
  /** Demo posts per second; default 50. */
  rate: number;
  /** Analyzer name for createAnalyzer (one of ANALYZER_NAMES). Default DEFAULT_ANALYZER. */
  scorer: string;
  /** Most tracked queries at once. Default 50. */
  maxKeywords: number;
  /** When set, track:add / track:remove need it as `auth.token` in the socket handshake. */
  controlToken: string | null;
  /** Browser origins besides the server's own allowed to open a socket (`ALLOWED_ORIGINS`, comma-separated). */
  allowedOrigins: string[];
  /** History kept back from the newest stored window, ms; null keeps all. Default 30 days. */
  retentionMs: number | null;
  /** Where the tracked set (and later the store) lives. Default `./data`. */
  dataDir: string;
}

/** A configuration problem; its message names the option and says what is expected. */
export class ConfigError extends Error {
  override name = 'ConfigError';
}

interface OptionSpec {
  flag: string;
  env?: string;
  /** Whether the flag takes no value. */
  boolean?: boolean;
  repeatable?: boolean;
  help: string;
}

const OPTIONS: Record<string, OptionSpec> = {
  port: { flag: '--port', env: 'PORT', help: 'TCP port (default 3000; 0 picks a free one)' },
  host: { flag: '--host', env: 'HOST', help: 'interface to listen on (default: all)' },
  source: { flag: '--source', env: 'SOURCE', help: `${SOURCE_KINDS.join(' | ')} (default demo)` },
  file: { flag: '--file', env: 'FILE', help: 'replay: the file (JSONL, CSV, Sentiment140, Jetstream frames)' },
  endpoint: { flag: '--endpoint', env: 'JETSTREAM_ENDPOINT', help: 'bluesky: Jetstream websocket URL (default: the public instance)' },
  instance: { flag: '--instance', env: 'MASTODON_INSTANCE', help: 'mastodon: instance URL, e.g. https://mastodon.social' },
  hashtag: { flag: '--hashtag', env: 'MASTODON_HASHTAG', help: 'mastodon: follow one hashtag instead of the public timeline' },
  dir: { flag: '--dir', env: 'SOURCE_DIR', help: 'dir: directory whose new files are each read once' },
  tcpHost: { flag: '--tcp-host', env: 'TCP_HOST', help: 'tcp: host to read lines from (default 127.0.0.1)' },
  tcpPort: { flag: '--tcp-port', env: 'TCP_PORT', help: 'tcp: port to read lines from' },
  inputFormat: { flag: '--input-format', env: 'INPUT_FORMAT', help: 'replay, dir, tcp: jsonl | csv | sentiment140 | jetstream (default: detected)' },
  speed: { flag: '--speed', env: 'SPEED', help: 'replay pace: max or a factor of real time (default 1)' },
  loop: { flag: '--loop', env: 'LOOP', boolean: true, help: 'replay the file again when it ends' },
  batch: { flag: '--batch', env: 'BATCH', help: 'micro-batch interval (default 1s)' },
  window: { flag: '--window', env: 'WINDOW', help: 'window length (default 60s)' },
  slide: { flag: '--slide', env: 'SLIDE', help: 'window slide (default 5s)' },
  lateness: { flag: '--lateness', env: 'LATENESS', help: 'allowed lateness (default 0 for replay, 1s otherwise)' },
  track: { flag: '--track', repeatable: true, help: 'query to track from the start (repeatable)' },
  top: { flag: '--top', env: 'TOP', help: 'top hashtags and terms per window (default 20)' },
  seed: { flag: '--seed', env: 'SEED', help: 'demo generator seed (default 1)' },
  rate: { flag: '--rate', env: 'RATE', help: 'demo posts per second (default 50)' },
  scorer: { flag: '--scorer', env: 'SCORER', help: `sentiment scorer: ${ANALYZER_NAMES.join(' | ')} (default ${DEFAULT_ANALYZER})` },
  maxKeywords: { flag: '--max-keywords', env: 'MAX_KEYWORDS', help: 'most tracked queries at once (default 50)' },
  retention: { flag: '--retention', env: 'RETENTION', help: 'history kept back from the newest window: a duration or all (default 30d)' },
  allowedOrigins: { flag: '--allowed-origins', env: 'ALLOWED_ORIGINS', help: 'other browser origins allowed to connect, comma-separated' },
  dataDir: { flag: '--data-dir', env: 'DATA_DIR', help: 'data directory (default ./data)' },
  dev: { flag: '--dev', boolean: true, help: 'development mode with hot reload' },
};

/** `--help` text. CONTROL_TOKEN is environment-only so it does not show in process lists. */
export const USAGE = [
  'Usage: npm start -- [options]     (npm run dev -- [options] for hot reload)',
  '',
  'Options (each also read from the environment variable in brackets; flags win):',
  ...Object.values(OPTIONS).map((o) => `  ${(o.flag + (o.boolean ? '' : ' VALUE')).padEnd(22)} ${o.help}${o.env ? ` [${o.env}]` : ''}`),
  '',
  'Environment only:',
  '  CONTROL_TOKEN          when set, adding or removing tracked keywords needs this token',
  '  MASTODON_TOKEN         mastodon: access token (optional for public timelines)',
  '  X_BEARER_TOKEN         x: bearer token of the filtered stream (required with --source x)',
  '',
  'Durations: 500ms, 10s, 5m, 1h. Example: npm start -- --source replay --file posts.jsonl --speed 10',
].join('\n');

/** parseDuration with its error re-thrown as a ConfigError (same message, naming the option). */
function duration(value: string, option: string): number {
  try {
    return parseDuration(value, option);
  } catch (err) {
    throw new ConfigError((err as Error).message);
  }
}

function parseInteger(value: string, option: string, min: number, max: number): number {
  const n = Number(value);
  if (value.trim() === '' || !Number.isInteger(n) || n < min || n > max) {
    throw new ConfigError(`${option} must be an integer from ${min} to ${max} (got "${value}")`);
  }
  return n;
}

function parseBoolean(value: string, option: string): boolean {
  const v = value.trim().toLowerCase();
  if (['1', 'true', 'yes', 'on'].includes(v)) return true;
  if (['0', 'false', 'no', 'off', ''].includes(v)) return false;
  throw new ConfigError(`${option} must be true or false (got "${value}")`);
}

/** Thrown for `--help`; index.ts prints USAGE and exits 0. */
export class HelpRequested extends Error {
  override name = 'HelpRequested';
}

/**
 * Reads the configuration. Flags (`--batch 2s` or `--batch=2s`) win over environment variables;
 * anything not given takes the documented default. Throws ConfigError naming the bad option.
 */
export function parseConfig(argv: readonly string[], env: Readonly<Record<string, string | undefined>>): ServerConfig {
  const byFlag = new Map(Object.entries(OPTIONS).map(([key, spec]) => [spec.flag, key]));
  const flags = new Map<string, string>();
  const track: string[] = [];
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i] as string;
    if (arg === '--help' || arg === '-h') throw new HelpRequested(USAGE);
    const eq = arg.indexOf('=');
    const name = eq > 0 ? arg.slice(0, eq) : arg;
    const key = byFlag.get(name);
    if (!key) throw new ConfigError(`unknown option "${arg}" (see --help)`);
    const spec = OPTIONS[key] as OptionSpec;
    let value: string;
    if (spec.boolean) {
      value = eq > 0 ? arg.slice(eq + 1) : 'true';
    } else if (eq > 0) {
      value = arg.slice(eq + 1);
    } else {
      const next = argv[i + 1];
      if (next === undefined) throw new ConfigError(`${name} needs a value`);
      value = next;
      i += 1;
    }
    if (spec.repeatable) track.push(value);
    else flags.set(key, value);
  }

  /** The flag's value, else the environment's (empty counts as unset), else undefined. */
  const raw = (key: string): { value: string; option: string } | undefined => {
    const spec = OPTIONS[key] as OptionSpec;
    const flag = flags.get(key);
    if (flag !== undefined) return { value: flag, option: spec.flag };
    const fromEnv = spec.env ? env[spec.env] : undefined;
    if (fromEnv !== undefined && fromEnv !== '') return { value: fromEnv, option: spec.env as string };
    return undefined;
  };
  const durationOf = (key: string, fallback: number): number => {
    const r = raw(key);
    return r ? duration(r.value, r.option) : fallback;
  };
  const integer = (key: string, fallback: number, min: number, max: number): number => {
    const r = raw(key);
    return r ? parseInteger(r.value, r.option, min, max) : fallback;
  };
  const boolean = (key: string): boolean => {
    const r = raw(key);
    return r ? parseBoolean(r.value, r.option) : false;
  };

  const sourceRaw = raw('source');
  const source = (sourceRaw?.value ?? 'demo') as SourceKind;
  if (!SOURCE_KINDS.includes(source)) {
    throw new ConfigError(`${sourceRaw?.option} must be one of ${SOURCE_KINDS.join(', ')} (got "${source}")`);
  }
  const file = raw('file')?.value ?? null;
  // What each source cannot start without, reported before a build rather than after it.
  const required: Partial<Record<SourceKind, [string, string | undefined | null]>> = {
    replay: ['--file (or FILE) naming the file to replay', file],
    mastodon: ['--instance (or MASTODON_INSTANCE), e.g. https://mastodon.social', raw('instance')?.value],
    x: ['the X_BEARER_TOKEN environment variable', env.X_BEARER_TOKEN],
    dir: ['--dir (or SOURCE_DIR) naming the directory to watch', raw('dir')?.value],
    tcp: ['--tcp-port (or TCP_PORT)', raw('tcpPort')?.value],
  };
  const need = required[source];
  if (need && !need[1]) throw new ConfigError(`--source ${source} needs ${need[0]}`);

  const speedRaw = raw('speed');
  let speed: Speed = 1;
  if (speedRaw) {
    try {
      speed = parseSpeed(speedRaw.value, speedRaw.option);
    } catch (err) {
      throw new ConfigError((err as Error).message);
    }
  }

  const batchMs = durationOf('batch', 1000);
  const windowMs = durationOf('window', 60_000);
  const slideMs = durationOf('slide', 5000);
  // Checked here as well as in the engine, so a bad geometry is reported before a build starts.
  try {
    validateWindowSpec({ batchMs, windowMs, slideMs });
  } catch (err) {
    throw new ConfigError((err as Error).message);
  }
  for (const query of track) {
    const trimmed = query.trim();
    if (trimmed.length === 0 || trimmed.length > MAX_QUERY_LENGTH) {
      throw new ConfigError(`--track "${query}": a query has 1 to ${MAX_QUERY_LENGTH} characters`);
    }
    const parsed = parseQuery(trimmed);
    if (!parsed.ok) throw new ConfigError(`--track "${query}": ${parsed.error}`);
  }

  const rateRaw = raw('rate');
  const rate = rateRaw ? Number(rateRaw.value) : 50;
  if (!Number.isFinite(rate) || rate <= 0 || rate > 1_000_000) {
    throw new ConfigError(`${rateRaw?.option} must be a number of posts per second from 0 to 1000000 (got "${rateRaw?.value}")`);
  }

  const scorerRaw = raw('scorer');
  const scorer = scorerRaw?.value ?? DEFAULT_ANALYZER;
  if (!ANALYZER_NAMES.includes(scorer)) {
    throw new ConfigError(`${scorerRaw?.option} must be one of ${ANALYZER_NAMES.join(', ')} (got "${scorer}")`);
  }

  const controlToken = env.CONTROL_TOKEN ? env.CONTROL_TOKEN : null;

  return {
    dev: boolean('dev'),
    port: integer('port', 3000, 0, 65_535),
    host: raw('host')?.value,
    source,
    file,
    endpoint: raw('endpoint')?.value,
    instance: raw('instance')?.value,
    hashtag: raw('hashtag')?.value,
    dir: raw('dir')?.value,
    tcpHost: raw('tcpHost')?.value,
    tcpPort: raw('tcpPort') ? integer('tcpPort', 0, 1, 65_535) : undefined,
    mastodonToken: env.MASTODON_TOKEN || undefined,
    xBearerToken: env.X_BEARER_TOKEN || undefined,
    inputFormat: raw('inputFormat')?.value,
    speed,
    loop: boolean('loop'),
    batchMs,
    windowMs,
    slideMs,
    latenessMs: durationOf('lateness', source === 'replay' ? 0 : 1000),
    track: track.map((q) => q.trim()),
    topK: integer('top', 20, 1, 1000),
    seed: integer('seed', 1, -(2 ** 31), 2 ** 31 - 1),
    rate,
    scorer,
    maxKeywords: integer('maxKeywords', 50, 1, 1000),
    controlToken,
    allowedOrigins: (raw('allowedOrigins')?.value ?? '').split(',').map((o) => o.trim()).filter(Boolean),
    retentionMs: raw('retention')?.value === 'all' ? null : durationOf('retention', 30 * 86_400_000),
    dataDir: raw('dataDir')?.value ?? './data',
  };
}
