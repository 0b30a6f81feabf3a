import type { ScoredPost } from '../lib/stream/snapshot';

/**
 * The explained posts of recent windows, kept so `window:explain` can say what moved one of them.
 * Bounded twice: by count (a fast replay explains thousands of posts a second) and by age in
 * stream time, the newest post's time minus `maxAgeMs` (a replay of old posts has a wall clock
 * that says nothing about them). Posts leave oldest-arrived first.
 *
 * It also knows which windows it can answer for completely: after a resume, none that start
 * before the first batch this process processed (earlier posts were explained by the previous
 * run); and none that held a post since evicted.
 */
export class ExplainedPosts {
  private posts: ScoredPost[] = [];
  /** Index of the oldest kept post; the array is compacted when half of it is gone. */
  private head = 0;
  private newest = -Infinity;
  /** Epoch ms from which every explained post is kept; null before the first batch. */
  private coveredFrom: number | null = null;

  /**
   * @param maxPosts most posts kept (at about 1 KB each with text and contributions, 10 000 is ~10 MB)
   * @param maxAgeMs how far behind the newest post's time a post is kept, ms
   * @param resumed whether the engine resumed from a checkpoint (then it has counted posts this never saw)
   */
  constructor(
    private readonly maxPosts: number,
    private readonly maxAgeMs: number,
    private readonly resumed: boolean,
  ) {
    if (!(maxPosts > 0) || !(maxAgeMs > 0)) throw new Error('ExplainedPosts: maxPosts and maxAgeMs must be positive');
  }

  /** Called for every processed batch, before its samples arrive. */
  batchProcessed(start: number): void {
    this.coveredFrom ??= this.resumed ? start : -Infinity;
  }

  add(posts: readonly ScoredPost[]): void {
    for (const p of posts) {
      this.posts.push(p);
      if (p.createdAt > this.newest) this.newest = p.createdAt;
    }
    while (this.head < this.posts.length) {
      const oldest = this.posts[this.head] as ScoredPost;
      if (this.posts.length - this.head <= this.maxPosts && oldest.createdAt >= this.newest - this.maxAgeMs) break;
      this.head++;
      // A window that held this post can no longer be answered for completely.
      this.coveredFrom = Math.max(this.coveredFrom ?? -Infinity, oldest.createdAt + 1);
    }
    if (this.head > this.posts.length / 2) {
      this.posts = this.posts.slice(this.head);
      this.head = 0;
    }
  }

  /** Whether every explained post created at or after `start` (epoch ms) is still here. */
  covers(start: number): boolean {
    return this.coveredFrom !== null && start >= this.coveredFrom;
  }

  /** The kept posts, oldest-arrived first. */
  all(): readonly ScoredPost[] {
    return this.head === 0 ? this.posts : this.posts.slice(this.head);
  }
}
