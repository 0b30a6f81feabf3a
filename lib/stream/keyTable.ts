import type { Interned } from '../nlp/vocabulary';
import type { Label } from '../post';
import { addCounts, countPost, resetCounts, subtractCounts, Tally, type Counts } from './counts';
import { COUNT_FIELDS, countsAt, putCountsAt, type KeyedCounts } from './partial';
import { topK } from './topK';

/** One key: its counts in the window (its {@link Counts} fields) and in the open slide (`open`). */
export class KeyRow extends Tally {
  readonly open: OpenCounts;
  /** Where the row is in its table's `list`. */
  index = -1;

  constructor(readonly key: string, owner: object) {
    super();
    this.open = new OpenCounts(this, owner);
  }
}

/**
 * A key's counts in the open slide, and what a vocabulary entry keeps of the key: counting a post
 * then reads and writes this object alone, not the row too (one memory load fewer per key).
 */
export class OpenCounts extends Tally {
  constructor(
    readonly row: KeyRow,
    /** The `identity` of the table the row is in; null once it has left it (a vocabulary entry may still point here). */
    public owner: object | null,
  ) {
    super();
  }
}

/**
 * The keys of one field (hashtags, terms or keywords) in a sliding window and in its open slide,
 * one row per key. A post's key is looked up in this table (at most once per table when it comes
 * with a vocabulary entry, which then keeps the row) and counted into its row's open slide;
 * closing the slide moves the counts into the window row by row, with no lookup, and a slide
 * leaving the window is taken out through the rows it kept. A key leaves the table when its
 * window count falls to zero.
 */
export class KeyTable {
  private readonly rows = new Map<string, KeyRow>();
  /** The same rows in an array, for ranking them (see `top`); in no particular order. */
  private readonly list: KeyRow[] = [];
  /**
   * What this table's rows name as their owner. Not the table itself: vocabulary entries outlive
   * engines, and a row an entry still points to must not keep a whole table alive.
   */
  private readonly identity = {};
  /**
   * The open counts of the rows counted in the open slide, in the order first counted (the order
   * a checkpoint lists): the first `openCount` items. Items past them are left over from earlier
   * slides: a closing slide resets the count, not the array, since setting an array's length to
   * zero drops its storage, and the next slide would grow it again push by push.
   */
  private readonly open: OpenCounts[] = [];
  private openCount = 0;

  /**
   * The window's counts by key, as of the last closed slide (read-only). Keys first counted in
   * the open slide show zero posts until it closes.
   */
  get window(): ReadonlyMap<string, Counts> {
    return this.rows;
  }

  /**
   * Counts one post under `key` in the open slide.
   * @param entry the key's vocabulary entry when the analyzer gave one: the row's open counts are
   *   kept there, so the key is looked up once rather than once per post
   */
  count(key: string, label: Label, scoreUnits: number, entry: Interned | null = null): void {
    const kept = entry === null ? null : (entry.keyRow as OpenCounts | null | undefined);
    // Only this table's rows name its private identity, so the owner alone tells counts of ours
    // from anything else an entry may hold (an instanceof test costs a prototype walk per key).
    const open = kept !== null && kept !== undefined && kept.owner === this.identity ? kept : this.rowOf(key).open;
    if (entry !== null && open !== kept) entry.keyRow = open;
    if (open.posts === 0) this.open[this.openCount++] = open;
    countPost(open, label, scoreUnits);
  }

  /**
   * The k keys with the most posts in the window, as of the last closed slide (see {@link topK}).
   * The rows themselves: read them before the table changes.
   */
  top(k: number): readonly KeyRow[] {
    return topK(this.list, k);
  }

  /** The open slide's counts (a copy; the slide stays open). */
  openCounts(): KeyedCounts {
    const open = this.open;
    const n = this.openCount;
    // Sized once: a slide holds hundreds of keys, and growing by push copies the columns over and over.
    const keys = new Array<string>(n);
    const counts = new Array<number>(n * COUNT_FIELDS);
    for (let i = 0; i < n; i++) {
      const o = open[i] as OpenCounts;
      keys[i] = o.row.key;
      putCountsAt(counts, i, o);
    }
    return { keys, counts };
  }

  /**
   * Closes the open slide: its counts enter the window. Returns them, and the rows they belong
   * to, for `subtract` when the slide leaves.
   */
  close(): { counts: KeyedCounts; rows: KeyRow[] } {
    const counts = this.openCounts();
    const open = this.open;
    const n = this.openCount;
    const rows = new Array<KeyRow>(n);
    for (let i = 0; i < n; i++) {
      const o = open[i] as OpenCounts;
      rows[i] = o.row;
      addCounts(o.row, o);
      resetCounts(o);
    }
    this.openCount = 0;
    return { counts, rows };
  }

  /** Adds counts to the window (a slide restored from a checkpoint); returns their rows. */
  add({ keys, counts }: KeyedCounts): KeyRow[] {
    return keys.map((key, i) => {
      const row = this.rowOf(key);
      addCounts(row, countsAt(counts, i));
      return row;
    });
  }

  /** Counts the open slide of a checkpoint back in, as if its posts had just been counted. */
  reopen({ keys, counts }: KeyedCounts): void {
    keys.forEach((key, i) => {
      const row = this.rowOf(key);
      addCounts(row.open, countsAt(counts, i));
      this.open[this.openCount++] = row.open;
    });
  }

  /**
   * Takes a closed slide's counts out of the window: the inverse of `close` (or `add`) for the
   * same rows and counts. Keys whose window count reaches zero leave the table; the open slide
   * is empty when a slide leaves, so no row still counting is dropped.
   */
  subtract(rows: readonly KeyRow[], counts: readonly number[]): void {
    for (let i = 0; i < rows.length; i++) {
      const r = rows[i] as KeyRow;
      subtractCounts(r, countsAt(counts, i));
      if (r.posts === 0) this.remove(r);
    }
  }

  private rowOf(key: string): KeyRow {
    let row = this.rows.get(key);
    if (row === undefined) {
      row = new KeyRow(key, this.identity);
      this.rows.set(key, row);
      row.index = this.list.length;
      this.list.push(row);
    }
    return row;
  }

  /** Forgets `key` in the window and the open slide (the caller takes it out of the slides). */
  drop(key: string): void {
    const row = this.rows.get(key);
    if (row === undefined) return;
    this.remove(row);
    // Counted in the open slide: among the first `openCount` items, before any left over.
    if (row.open.posts > 0) {
      this.open.splice(this.open.indexOf(row.open), 1);
      this.openCount--;
    }
  }

  private remove(row: KeyRow): void {
    if (this.rows.get(row.key) !== row) return;
    this.rows.delete(row.key);
    // The last row takes its place.
    const last = this.list.pop() as KeyRow;
    if (last !== row) {
      this.list[row.index] = last;
      last.index = row.index;
    }
    row.open.owner = null;
  }
}
