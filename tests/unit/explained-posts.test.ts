import { describe, expect, it } from 'vitest';
import type { ScoredPost } from '../../lib/stream/snapshot';
import { ExplainedPosts } from '../../server/explainedPosts';

function post(id: string, createdAt: number): ScoredPost {
  return { id, text: id, createdAt, author: null, lang: 'en', source: 'test', label: 'neutral', score: 0, hashtags: [], contributions: [] };
}

describe('ExplainedPosts', () => {
  it('covers nothing before the first batch, then everything for a fresh engine', () => {
    const ring = new ExplainedPosts(10, 1000, false);
    expect(ring.covers(0)).toBe(false);
    ring.batchProcessed(5000);
    expect(ring.covers(0)).toBe(true);
  });

  it('after a resume, covers only windows that start at or after the first batch', () => {
    const ring = new ExplainedPosts(10, 1000, true);
    ring.batchProcessed(5000);
    ring.batchProcessed(6000);
    expect(ring.covers(4999)).toBe(false);
    expect(ring.covers(5000)).toBe(true);
  });

  it('evicts by count and by age in stream time, and stops covering what it evicted', () => {
    const ring = new ExplainedPosts(3, 1000, false);
    ring.batchProcessed(0);
    ring.add([post('a', 100), post('b', 200), post('c', 300), post('d', 400)]);
    expect(ring.all().map((p) => p.id)).toEqual(['b', 'c', 'd']);
    expect(ring.covers(100)).toBe(false);
    expect(ring.covers(101)).toBe(true);
    // 1350 - 1000 = 350: b and c are too old, d stays.
    ring.add([post('e', 1350)]);
    expect(ring.all().map((p) => p.id)).toEqual(['d', 'e']);
    expect(ring.covers(301)).toBe(true);
    expect(ring.covers(300)).toBe(false);
  });
});
