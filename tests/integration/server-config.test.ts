import { mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { ConfigError, HelpRequested, USAGE, parseConfig } from '../../server/config';
import { TRACKING_FILE, TrackingStore } from '../../server/tracking';

const dirs: string[] = [];
afterEach(() => {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});
function tempDir(): string {
  const d = mkdtempSync(join(tmpdir(), 'moodstream-config-'));
  dirs.push(d);
  return d;
}

describe('server configuration', () => {
  it('has the documented defaults', () => {
    expect(parseConfig([], {})).toMatchObject({
      dev: false,
      port: 3000,
      host: undefined,
      source: 'demo',
      speed: 1,
      loop: false,
      batchMs: 1000,
      windowMs: 60_000,
      slideMs: 5000,
      latenessMs: 1000,
      topK: 20,
      rate: 50,
      maxKeywords: 50,
      controlToken: null,
      dataDir: './data',
      track: [],
    });
  });

  it('reads the environment, and flags win over it', () => {
    const env = { PORT: '8080', WINDOW: '2m', SLIDE: '10s', SOURCE: 'replay', FILE: 'a.jsonl', SPEED: 'max', LOOP: 'true', MAX_KEYWORDS: '5', CONTROL_TOKEN: 't' };
    const c = parseConfig(['--port', '0', '--slide=30s', '--track', 'a OR b', '--track', '#c', '--dev'], env);
    expect(c).toMatchObject({
      port: 0,
      windowMs: 120_000,
      slideMs: 30_000,
      source: 'replay',
      file: 'a.jsonl',
      speed: 'max',
      loop: true,
      latenessMs: 0,
      maxKeywords: 5,
      controlToken: 't',
      track: ['a OR b', '#c'],
      dev: true,
    });
  });

  it.each([
    [['--port', '70000'], {}, /--port must be an integer from 0 to 65535/],
    [[], { PORT: 'http' }, /PORT must be an integer/],
    [['--window', 'soon'], {}, /--window/],
    [['--slide', '7s'], {}, /--window \(1m\) must be a positive multiple of --slide \(7s\)/],
    [['--batch', '2s', '--slide', '5s'], {}, /--slide \(5s\) must be a positive multiple of --batch/],
    [['--track', 'tesla OR'], {}, /--track "tesla OR"/],
    [['--track', 'x'.repeat(129)], {}, /1 to 128 characters/],
    [[], { SLIDE: '5 parsecs' }, /SLIDE/],
    [['--source', 'kafka'], {}, /--source must be one of demo, replay, bluesky/],
    [['--source', 'mastodon'], {}, /--source mastodon needs --instance/],
    [['--source', 'x'], {}, /--source x needs the X_BEARER_TOKEN/],
    [['--source', 'tcp'], {}, /--source tcp needs --tcp-port/],
    [['--source', 'tcp', '--tcp-port', '99999'], {}, /--tcp-port must be an integer from 1 to 65535/],
    [['--source', 'replay'], {}, /--source replay needs --file/],
    [['--speed', '-2'], {}, /--speed/],
    [['--rate', 'fast'], {}, /--rate must be a number/],
    [['--scorer', 'vader'], {}, /--scorer must be one of/],
    [['--top', '0'], {}, /--top/],
    [['--max-keywords', '1.5'], {}, /--max-keywords/],
    [['--batch'], {}, /--batch needs a value/],
    [['--colour', 'red'], {}, /unknown option "--colour"/],
  ])('refuses %j %j naming the option', (argv, env, message) => {
    expect(() => parseConfig(argv, env)).toThrow(ConfigError);
    expect(() => parseConfig(argv, env)).toThrow(message);
  });

  it('takes the options of the live sources, with secrets from the environment only', () => {
    const c = parseConfig(['--source', 'mastodon', '--instance', 'https://example.social', '--hashtag', 'rust'], { MASTODON_TOKEN: 'tok' });
    expect(c).toMatchObject({ source: 'mastodon', instance: 'https://example.social', hashtag: 'rust', mastodonToken: 'tok', latenessMs: 1000 });
    expect(parseConfig([], { SOURCE: 'x', X_BEARER_TOKEN: 'b' })).toMatchObject({ source: 'x', xBearerToken: 'b' });
    expect(parseConfig(['--source', 'tcp', '--tcp-port', '9000'], {})).toMatchObject({ tcpPort: 9000, tcpHost: undefined });
    expect(() => parseConfig(['--x-bearer-token', 'b'], {})).toThrow(/unknown option/);
  });

  it('answers --help with the usage text naming every option', () => {
    expect(() => parseConfig(['--help'], {})).toThrow(HelpRequested);
    for (const option of ['--source', '--file', '--speed', '--loop', '--batch', '--window', '--slide', '--lateness', '--track', '--top', '--seed', 'CONTROL_TOKEN', 'DATA_DIR']) {
      expect(USAGE).toContain(option);
    }
  });
});

describe('tracked set file', () => {
  it('starts empty, saves atomically and reads back', () => {
    const dir = tempDir();
    const store = new TrackingStore(join(dir, 'nested'), 50);
    expect(store.load()).toEqual([]);
    store.save(['tesla OR #launch', '"battery life"']);
    expect(new TrackingStore(join(dir, 'nested'), 50).load()).toEqual(['tesla OR #launch', '"battery life"']);
    // No temporary file is left behind.
    expect(readdirSync(join(dir, 'nested'))).toEqual([TRACKING_FILE]);
  });

  it('keeps what fits the limits from a hand-edited file', () => {
    const dir = tempDir();
    writeFileSync(join(dir, TRACKING_FILE), JSON.stringify({ version: 1, tracked: ['a', ' a ', '', 'x'.repeat(200), 'b', 'c'] }));
    expect(new TrackingStore(dir, 2).load()).toEqual(['a', 'b']);
  });

  it('refuses a damaged file with its path instead of overwriting it', () => {
    const dir = tempDir();
    writeFileSync(join(dir, TRACKING_FILE), '{"tracked": ["a",');
    expect(() => new TrackingStore(dir, 50).load()).toThrow(/tracked\.json is not valid JSON/);
    writeFileSync(join(dir, TRACKING_FILE), '{"tracked": "a"}');
    expect(() => new TrackingStore(dir, 50).load()).toThrow(/no "tracked" list/);
    expect(readFileSync(join(dir, TRACKING_FILE), 'utf8')).toBe('{"tracked": "a"}');
  });
});
