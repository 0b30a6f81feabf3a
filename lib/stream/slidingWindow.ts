import type { Label } from '../post';
import { addCounts, countPost, resetCounts, subtractCounts, zeroCounts, type Counts } from './counts';
import { KeyTable, type KeyRow } from './keyTable';
import {
  COUNT_FIELDS, deserializePartial, PARTIAL_FIELDS, serializePartial,
  type Partial, type PartialField, type SerializedPartial,
} from './partial';

/** The window's aggregate: totals and counts by key (read-only views). */
export interface WindowCounts {
  total: Readonly<Counts>;
  hashtags: ReadonlyMap<string, Counts>;
  terms: ReadonlyMap<string, Counts>;
  keywords: ReadonlyMap<string, Counts>;
}

/** A closed slide in the ring: its partial, and the table rows of its keys in the same order. */
interface Slide {
  partial: Partial;
  rows: Record<PartialField, KeyRow[]>;
}

/**
 * A sliding window kept as a ring of per-slide partial aggregates, updated incrementally with an
 * inverse reduce, as Spark's ReducedWindowedDStream does for `reduceByKeyAndWindow(f, invF, ...)`:
 *
 * ```
 *  slides:   ... | s-3 | s-2 | s-1 |  s  |
 *  previous window:    [ s-3   s-2   s-1 ]
 *  next window:              [ s-2   s-1   s ]
 *  next = previous - reduce(s-3) + reduce(s)
 * ```
 *
 * The law that makes this exact is `inv(reduce(x, y), x) = y`; counts are integers, so it holds to
 * the last digit. Posts are counted into the open slide `s` as they come (`countPost`, and
 * `hashtags.count`, `terms.count`, `keywords.count` for their keys); `push` closes it. Each key
 * has one row holding both its window and its open-slide counts, so a post costs at most one lookup
 * per key and a slide costs in proportion to the keys of the two slides touched, with no lookup.
 */
export class SlidingWindow {
  /** Closed slides, oldest first; at most `slides` long. Empty slides are kept as null. */
  private readonly ring: (Slide | null)[] = [];
  private readonly total: Counts = zeroCounts();
  private readonly openTotal: Counts = zeroCounts();
  readonly hashtags = new KeyTable();
  readonly terms = new KeyTable();
  readonly keywords = new KeyTable();

  /** @param slides window length divided by slide length (a positive integer). */
  constructor(private readonly slides: number) {
    if (!Number.isInteger(slides) || slides < 1) throw new Error(`a window spans a whole number of slides (got ${slides})`);
  }

  /** Counts one post into the open slide's totals; its keys are counted through the key tables. */
  countPost(label: Label, scoreUnits: number): void {
    countPost(this.openTotal, label, scoreUnits);
  }

  /** Moves the window one slide: the open slide comes in, the oldest slide leaves when the ring is full. */
  push(): void {
    this.ring.push(this.closeSlide());
    if (this.ring.length > this.slides) {
      const leaving = this.ring.shift();
      if (leaving) {
        subtractCounts(this.total, leaving.partial.total);
        for (const field of PARTIAL_FIELDS) this[field].subtract(leaving.rows[field], leaving.partial[field].counts);
      }
    }
  }

  /** The window as of the last `push`. */
  current(): WindowCounts {
    return { total: this.total, hashtags: this.hashtags.window, terms: this.terms.window, keywords: this.keywords.window };
  }

  /** The open slide's aggregate so far (a copy). */
  openSlide(): Partial {
    return {
      total: { ...this.openTotal },
      hashtags: this.hashtags.openCounts(),
      terms: this.terms.openCounts(),
      keywords: this.keywords.openCounts(),
    };
  }

  /** True when no post is in any slide of the ring nor in the open slide. */
  isEmpty(): boolean {
    return this.total.posts === 0 && this.openTotal.posts === 0;
  }

  /** Forgets one key (an untracked keyword) in every slide, so a later re-add starts from zero. */
  dropKey(field: PartialField, key: string): void {
    this[field].drop(key);
    for (const slide of this.ring) {
      if (slide === null) continue;
      const { keys, counts } = slide.partial[field];
      const i = keys.indexOf(key);
      if (i < 0) continue;
      keys.splice(i, 1);
      counts.splice(i * COUNT_FIELDS, COUNT_FIELDS);
      slide.rows[field].splice(i, 1);
    }
  }

  serialize(): (SerializedPartial | null)[] {
    return this.ring.map((s) => (s ? serializePartial(s.partial) : null));
  }

  /** Rebuilds a window from its ring and open slide; the aggregate is re-added from the slides, which is exact. */
  static restore(slides: number, ring: (SerializedPartial | null)[], open: SerializedPartial): SlidingWindow {
    if (ring.length > slides) throw new Error(`checkpoint ring has ${ring.length} slides, the window holds ${slides}`);
    const w = new SlidingWindow(slides);
    for (const s of ring) {
      if (s === null) {
        w.ring.push(null);
        continue;
      }
      const partial = deserializePartial(s);
      addCounts(w.total, partial.total);
      w.ring.push({
        partial,
        rows: { hashtags: w.hashtags.add(partial.hashtags), terms: w.terms.add(partial.terms), keywords: w.keywords.add(partial.keywords) },
      });
    }
    const partial = deserializePartial(open);
    addCounts(w.openTotal, partial.total);
    for (const field of PARTIAL_FIELDS) w[field].reopen(partial[field]);
    return w;
  }

  /** Closes the open slide into the window; null when it holds no post. */
  private closeSlide(): Slide | null {
    if (this.openTotal.posts === 0) return null;
    const total = { ...this.openTotal };
    addCounts(this.total, total);
    resetCounts(this.openTotal);
    const hashtags = this.hashtags.close();
    const terms = this.terms.close();
    const keywords = this.keywords.close();
    return {
      partial: { total, hashtags: hashtags.counts, terms: terms.counts, keywords: keywords.counts },
      rows: { hashtags: hashtags.rows, terms: terms.rows, keywords: keywords.rows },
    };
  }
}
