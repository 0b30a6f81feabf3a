import {
  addPartial, deserializePartial, emptyPartial, isEmptyPartial, serializePartial, subtractPartial,
  type Partial, type PartialField, type SerializedPartial,
} from './partial';

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
 * the last digit. A slide costs in proportion to the two partials touched, not to the window length.
 */
export class SlidingWindow {
  /** Slide partials, oldest first; at most `slides` long. Empty slides are kept as null. */
  private readonly ring: (Partial | null)[] = [];
  private readonly aggregate: Partial = emptyPartial();

  /** @param slides window length divided by slide length (a positive integer). */
  constructor(private readonly slides: number) {
    if (!Number.isInteger(slides) || slides < 1) throw new Error(`a window spans a whole number of slides (got ${slides})`);
  }

  /** Moves the window one slide: `entering` comes in, the oldest slide leaves when the ring is full. */
  push(entering: Partial): void {
    const slide = isEmptyPartial(entering) ? null : entering;
    if (slide) addPartial(this.aggregate, slide);
    this.ring.push(slide);
    if (this.ring.length > this.slides) {
      const leaving = this.ring.shift();
      if (leaving) subtractPartial(this.aggregate, leaving);
    }
  }

  /** The current window's aggregate (read-only view; do not mutate). */
  current(): Readonly<Partial> {
    return this.aggregate;
  }

  /** True when no post is in any slide of the ring. */
  isEmpty(): boolean {
    return this.aggregate.total.posts === 0;
  }

  /** Forgets one key (an untracked keyword) in every slide, so a later re-add starts from zero. */
  dropKey(field: PartialField, key: string): void {
    this.aggregate[field].delete(key);
    for (const slide of this.ring) slide?.[field].delete(key);
  }

  serialize(): (SerializedPartial | null)[] {
    return this.ring.map((p) => (p ? serializePartial(p) : null));
  }

  /** Rebuilds a window from its ring; the aggregate is re-added from the slides, which is exact. */
  static restore(slides: number, ring: (SerializedPartial | null)[]): SlidingWindow {
    if (ring.length > slides) throw new Error(`checkpoint ring has ${ring.length} slides, the window holds ${slides}`);
    const w = new SlidingWindow(slides);
    for (const s of ring) {
      const p = s ? deserializePartial(s) : null;
      if (p) addPartial(w.aggregate, p);
      w.ring.push(p);
    }
    return w;
  }
}
