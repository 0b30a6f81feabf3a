import type { Source } from '../../lib/sources/source';
import { isFormatName, type FormatName } from '../../lib/sources/formats';
import { DemoSource } from './demo';
import { DirectorySource } from './directory';
import { JetstreamSource } from './jetstream';
import { MastodonSource } from './mastodon';
import { ReplaySource } from './replay';
import { TcpSource } from './tcp';
import { XSource } from './x';

/** Source kinds the headless command and the server can build from options. */
export const SOURCE_KINDS = ['demo', 'replay', 'bluesky', 'mastodon', 'x', 'dir', 'tcp'] as const;
export type SourceKind = (typeof SOURCE_KINDS)[number];

/** Kinds whose event time is the wall clock: the worker may close their batches by the clock. */
export const LIVE_KINDS: ReadonlySet<SourceKind> = new Set(['bluesky', 'mastodon', 'x', 'tcp']);

/** `max` (as fast as the worker takes posts) or a factor of real time. */
export type Speed = 'max' | number;

export interface SourceOptions {
  kind: SourceKind;
  /** replay: the file. */
  file?: string | null;
  /** replay, dir, tcp: line format; undefined or `auto` detects it from the content. */
  format?: string;
  /** replay, demo. */
  speed?: Speed;
  /** replay. */
  loop?: boolean;
  /** demo: generator seed. */
  seed?: number;
  /** demo: posts per second. */
  rate?: number;
  /** demo: stop after this many posts. */
  limit?: number;
  /** bluesky: Jetstream websocket URL. */
  endpoint?: string;
  /** mastodon: instance URL. */
  instance?: string;
  /** mastodon: access token; x: bearer token. Secrets: passed through, never logged. */
  token?: string;
  /** mastodon: follow one hashtag instead of the public timeline. */
  hashtag?: string;
  /** x: API base URL (tests point it at a local server). */
  baseUrl?: string;
  /** dir: the directory to watch. */
  dir?: string;
  /** tcp: where to connect. */
  host?: string;
  port?: number;
}

/** Parses `max` or a positive factor; throws naming `option`. */
export function parseSpeed(text: string, option = '--speed'): Speed {
  if (text === 'max') return 'max';
  const n = Number(text);
  if (!Number.isFinite(n) || n <= 0) throw new Error(`${option} must be max or a positive factor of real time (got "${text}")`);
  return n;
}

function lineFormat(format: string | undefined): 'auto' | FormatName {
  const f = format ?? 'auto';
  if (f !== 'auto' && !isFormatName(f)) throw new Error(`--input-format must be auto, jsonl, csv, sentiment140 or jetstream (got "${f}")`);
  return f;
}

function need<T>(value: T | undefined | null, message: string): T {
  if (value === undefined || value === null || value === '') throw new Error(message);
  return value;
}

/** Builds the source the options name; throws an Error naming the option that is wrong or missing. */
export function createSource(o: SourceOptions): Source {
  switch (o.kind) {
    case 'demo': {
      const rate = o.rate ?? 50;
      if (!Number.isFinite(rate) || rate <= 0) throw new Error(`--rate must be a positive number of posts per second (got ${rate})`);
      return new DemoSource({ seed: o.seed ?? 1, rate, speed: o.speed ?? 1, limit: o.limit });
    }
    case 'replay':
      return new ReplaySource({
        file: need(o.file, '--source replay needs --file naming the file to replay'),
        format: lineFormat(o.format), speed: o.speed ?? 'max', loop: o.loop ?? false,
      });
    case 'bluesky':
      return new JetstreamSource({ endpoint: o.endpoint });
    case 'mastodon':
      return new MastodonSource({
        instance: need(o.instance, '--source mastodon needs --instance (or MASTODON_INSTANCE), e.g. https://mastodon.social'),
        accessToken: o.token, hashtag: o.hashtag ?? null,
      });
    case 'x':
      return new XSource({ bearerToken: need(o.token, '--source x needs the X_BEARER_TOKEN environment variable'), baseUrl: o.baseUrl });
    case 'dir':
      return new DirectorySource({ dir: need(o.dir, '--source dir needs --dir naming the directory to watch'), format: lineFormat(o.format) });
    case 'tcp': {
      const port = need(o.port, '--source tcp needs --port');
      if (!Number.isInteger(port) || port < 1 || port > 65_535) throw new Error(`--port must be from 1 to 65535 (got ${port})`);
      return new TcpSource({ host: o.host ?? '127.0.0.1', port, format: lineFormat(o.format) });
    }
  }
}
