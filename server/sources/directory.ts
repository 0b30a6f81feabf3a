import { readdir, stat } from 'node:fs/promises';
import { join } from 'node:path';
import type { FormatName } from '../../lib/sources/formats';
import type { Source, SourceHandlers, SourcePosition } from '../../lib/sources/source';
import { checkPositive, guardHandlers } from './backoff';
import { ReplaySource, realTimers, type SourceTimers } from './replay';

export interface DirectoryOptions {
  /** The directory to watch. */
  dir: string;
  /** File format; `auto` (default) detects each file's format from its first lines. */
  format?: 'auto' | FormatName;
  /** How often the directory is listed (ms). Default 1000. */
  pollMs?: number;
  /** A file is taken once its size and mtime have not changed for this long (ms). Default 2000. */
  settleMs?: number;
  /** Longest line kept (bytes); longer lines are counted as `oversized` and skipped. Default 1 MiB. */
  maxLineBytes?: number;
  /** Epoch ms (default `Date.now`). */
  now?: () => number;
  timers?: SourceTimers;
}

/**
 * Directory resume position: the files done, and the file being read with the replay position
 * (`offset` in bytes, `line`) just after its last record emitted.
 */
export interface DirectoryPosition extends SourcePosition {
  done: string[];
  file?: string;
  offset?: number;
  line?: number;
}

/** Names a writer uses while a file is incomplete: dotfiles and temporary suffixes are never read. */
const IGNORED = /^\.|\.(tmp|part|partial|swp|crdownload)$|~$/i;

/**
 * Watches a directory and reads every file that appears in it once, like Spark's
 * `textFileStream` (kind `dir`). Each file is read as a replay at full speed in any of the
 * replay formats, stamped `source: 'dir'`.
 *
 * Writers should write a file elsewhere (or under a dot- or `.tmp` name in the directory) and then
 * rename it in: a rename is atomic, so the file is complete when it appears. A file written in
 * place is taken once it has stopped changing for `settleMs`; a writer pausing longer than that
 * would have its file read half-written. The directory is listed every `pollMs` rather than
 * watched with `fs.watch`, which misses events on network file systems and in some containers.
 *
 * Files are taken oldest mtime first. Names done are kept in the position until the file leaves
 * the directory, so a later file of the same name is read again.
 */
export class DirectorySource implements Source {
  readonly kind = 'dir';
  private readonly dir: string;
  private readonly format: 'auto' | FormatName;
  private readonly pollMs: number;
  private readonly settleMs: number;
  private readonly maxLineBytes: number | undefined;
  private readonly now: () => number;
  private readonly timers: SourceTimers;
  private readonly abort = new AbortController();
  private running: Promise<void> | null = null;
  private current: ReplaySource | null = null;
  private handlers: SourceHandlers | null = null;
  private readonly done = new Set<string>();
  private resume: { file: string; offset: number; line: number } | null = null;
  /** Size and mtime of files not yet taken, and when they last changed. */
  private readonly seen = new Map<string, { size: number; mtimeMs: number; since: number }>();

  constructor(options: DirectoryOptions) {
    if (!options.dir) throw new Error('dir source needs a directory (--dir)');
    this.dir = options.dir;
    this.format = options.format ?? 'auto';
    this.pollMs = checkPositive('dir', 'pollMs', options.pollMs ?? 1_000);
    this.settleMs = checkPositive('dir', 'settleMs', options.settleMs ?? 2_000, true);
    this.maxLineBytes = options.maxLineBytes;
    this.now = options.now ?? Date.now;
    this.timers = options.timers ?? realTimers;
  }

  start(handlers: SourceHandlers, from?: SourcePosition | null): void {
    if (this.running) throw new Error('DirectorySource already started');
    const h = guardHandlers(handlers);
    this.handlers = h;
    if (from) this.restore(from, h);
    h.onState('starting');
    this.running = this.run(h).catch((err: unknown) => {
      h.onState('failed', `watching ${this.dir} failed: ${err instanceof Error ? err.message : String(err)}`);
    });
  }

  async stop(): Promise<void> {
    this.abort.abort();
    await this.current?.stop();
    await this.running;
    this.handlers?.onState('stopped');
  }

  position(): DirectoryPosition {
    return { done: [...this.done] };
  }

  private restore(from: SourcePosition, h: SourceHandlers): void {
    const { done, file, offset, line } = from as Partial<DirectoryPosition>;
    if (!Array.isArray(done) || !done.every((d) => typeof d === 'string')) {
      h.onIssue({ kind: 'position', message: 'ignoring a directory position without a done list; reading every file' });
      return;
    }
    for (const d of done) this.done.add(d);
    const count = (v: unknown): v is number => Number.isSafeInteger(v) && (v as number) >= 0;
    if (typeof file === 'string' && count(offset) && count(line)) this.resume = { file, offset, line };
  }

  private async run(h: SourceHandlers): Promise<void> {
    let listed: boolean | null = null;
    while (!this.abort.signal.aborted) {
      let names: string[];
      try {
        const entries = await readdir(this.dir, { withFileTypes: true });
        names = entries.filter((e) => e.isFile() && !IGNORED.test(e.name)).map((e) => e.name);
        if (listed !== true) h.onState('live', `watching ${this.dir}`);
        listed = true;
      } catch (err) {
        // Reported once per outage; the directory may be created or mounted later.
        if (listed !== false) {
          const message = `cannot list ${this.dir}: ${err instanceof Error ? err.message : String(err)}`;
          h.onIssue({ kind: 'io', message });
          h.onState('reconnecting', message);
        }
        listed = false;
        await this.timers.sleep(this.pollMs, this.abort.signal);
        continue;
      }
      for (const file of await this.ready(names)) {
        if (this.abort.signal.aborted) break;
        await this.read(file, h);
      }
      await this.timers.sleep(this.pollMs, this.abort.signal);
    }
  }

  /** Files that have settled, oldest first; a file being resumed goes first. */
  private async ready(names: string[]): Promise<string[]> {
    const present = new Set(names);
    for (const d of this.done) if (!present.has(d)) this.done.delete(d);
    for (const s of this.seen.keys()) if (!present.has(s)) this.seen.delete(s);
    const now = this.now();
    const settled: { name: string; mtimeMs: number }[] = [];
    for (const name of names) {
      if (this.done.has(name)) continue;
      if (this.resume?.file === name) {
        settled.push({ name, mtimeMs: -Infinity });
        continue;
      }
      let st;
      try {
        st = await stat(join(this.dir, name));
      } catch {
        continue; // renamed away between the listing and now
      }
      const prev = this.seen.get(name);
      if (prev === undefined || prev.size !== st.size || prev.mtimeMs !== st.mtimeMs) {
        this.seen.set(name, { size: st.size, mtimeMs: st.mtimeMs, since: now });
      } else if (now - prev.since >= this.settleMs) {
        settled.push({ name, mtimeMs: st.mtimeMs });
      }
    }
    return settled.sort((a, b) => a.mtimeMs - b.mtimeMs || (a.name < b.name ? -1 : a.name > b.name ? 1 : 0)).map((s) => s.name);
  }

  /** Reads one file to its end as a full-speed replay, forwarding posts with the directory position. */
  private async read(name: string, h: SourceHandlers): Promise<void> {
    const resume = this.resume?.file === name ? this.resume : null;
    this.resume = null;
    const replay = new ReplaySource({
      file: join(this.dir, name),
      format: this.format,
      speed: 'max',
      loop: false,
      postSource: 'dir',
      maxLineBytes: this.maxLineBytes,
      timers: this.timers,
    });
    this.current = replay;
    await new Promise<void>((resolve) => {
      replay.start(
        {
          onPosts: (posts, pos) => h.onPosts(posts, { done: [...this.done], file: name, offset: pos.offset, line: pos.line }),
          onIssue: (issue) => h.onIssue({ ...issue, message: `${name}: ${issue.message}` }),
          // The replay's own states (live, ended) are not the directory's; a failure comes with an io issue and onEnd.
          onState: (state) => {
            if (state === 'stopped') resolve();
          },
          onEnd: () => resolve(),
        },
        resume && { offset: resume.offset, line: resume.line },
      );
    });
    this.current = null;
    if (this.abort.signal.aborted) {
      // Interrupted mid-file: resume it where the last position sent says.
      return;
    }
    // Done also when it could not be read (reported as an io issue): retrying it every poll would only repeat the report.
    this.done.add(name);
    this.seen.delete(name);
  }
}
