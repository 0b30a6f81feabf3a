import type { Source } from '../../lib/sources/source';
import { isFormatName } from '../../lib/sources/formats';
import { DemoSource } from './demo';
import { ReplaySource } from './replay';

/** Source kinds the headless command and the server can build from options. */
export const SOURCE_KINDS = ['demo', 'replay'] as const;
export type SourceKind = (typeof SOURCE_KINDS)[number];

/** `max` (as fast as the worker takes posts) or a factor of real time. */
export type Speed = 'max' | number;

export interface SourceOptions {
  kind: SourceKind;
  file: string | null;
  /** Replay format; undefined or `auto` detects it from the content. */
  format?: string;
  speed: Speed;
  loop: boolean;
  seed: number;
  /** Demo posts per second. */
  rate: number;
  /** Demo: stop after this many posts. */
  limit?: number;
}

/** Parses `max` or a positive factor; throws naming `option`. */
export function parseSpeed(text: string, option = '--speed'): Speed {
  if (text === 'max') return 'max';
  const n = Number(text);
  if (!Number.isFinite(n) || n <= 0) throw new Error(`${option} must be max or a positive factor of real time (got "${text}")`);
  return n;
}

/** Builds the source the options name; throws an Error naming the option that is wrong. */
export function createSource(o: SourceOptions): Source {
  switch (o.kind) {
    case 'demo':
      if (!Number.isFinite(o.rate) || o.rate <= 0) throw new Error(`--rate must be a positive number of posts per second (got ${o.rate})`);
      return new DemoSource({ seed: o.seed, rate: o.rate, speed: o.speed, limit: o.limit });
    case 'replay': {
      if (!o.file) throw new Error('--source replay needs --file naming the file to replay');
      const format = o.format ?? 'auto';
      if (format !== 'auto' && !isFormatName(format)) {
        throw new Error(`--input-format must be auto, jsonl, csv, sentiment140 or jetstream (got "${format}")`);
      }
      return new ReplaySource({ file: o.file, format, speed: o.speed, loop: o.loop });
    }
  }
}
