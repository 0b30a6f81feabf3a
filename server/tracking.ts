import { mkdirSync, readFileSync, renameSync, writeFileSync, openSync, fsyncSync, closeSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { MAX_QUERY_LENGTH } from '../lib/contract';

/** Name of the tracked-set file inside the data directory. */
export const TRACKING_FILE = 'tracked.json';

interface TrackingFileContent {
  version: 1;
  tracked: string[];
}

/**
 * The tracked keyword set shared by every dashboard, kept in `<dataDir>/tracked.json` so a
 * restart brings it back. Writes go to a temporary file that is fsynced and renamed over the old
 * one, so a crash mid-write leaves either the old or the new set, never half a file.
 */
export class TrackingStore {
  readonly path: string;

  constructor(dataDir: string, private readonly maxKeywords: number) {
    this.path = join(dataDir, TRACKING_FILE);
  }

  /**
   * The saved set, or [] when there is none yet. Throws with the file's path when it is damaged,
   * rather than silently starting empty and overwriting what the users tracked.
   */
  load(): string[] {
    let text: string;
    try {
      text = readFileSync(this.path, 'utf8');
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code === 'ENOENT') return [];
      throw err;
    }
    let parsed: unknown;
    try {
      parsed = JSON.parse(text);
    } catch {
      throw new Error(`${this.path} is not valid JSON; fix or delete it to start with no tracked keywords`);
    }
    const tracked = (parsed as Partial<TrackingFileContent> | null)?.tracked;
    if (!Array.isArray(tracked) || !tracked.every((q) => typeof q === 'string')) {
      throw new Error(`${this.path} has no "tracked" list of strings; fix or delete it`);
    }
    // A hand-edited file may break the limits the requests enforce; keep what fits.
    const seen = new Set<string>();
    for (const q of tracked) {
      const query = q.trim();
      if (query.length > 0 && query.length <= MAX_QUERY_LENGTH) seen.add(query);
    }
    return [...seen].slice(0, this.maxKeywords);
  }

  /** Replaces the saved set atomically (write, fsync, rename). */
  save(tracked: string[]): void {
    mkdirSync(dirname(this.path), { recursive: true });
    const content: TrackingFileContent = { version: 1, tracked };
    const tmp = `${this.path}.${process.pid}.tmp`;
    writeFileSync(tmp, `${JSON.stringify(content, null, 2)}\n`);
    const fd = openSync(tmp, 'r');
    try {
      fsyncSync(fd);
    } finally {
      closeSync(fd);
    }
    renameSync(tmp, this.path);
  }
}
