import { describe, expect, it } from 'vitest';
import type { Label } from '../../lib/post';
import { windowMovers } from '../../lib/stream/movers';
import type { ScoredPost } from '../../lib/stream/snapshot';

function post(id: string, createdAt: number, score: number, contributions?: [string, number][], label?: Label): ScoredPost {
  return {
    id,
    text: `post ${id}`,
    createdAt,
    author: null,
    lang: 'en',
    source: 'test',
    label: label ?? (score > 0 ? 'positive' : score < 0 ? 'negative' : 'neutral'),
    score,
    hashtags: [],
    contributions: contributions?.map(([token, weight]) => ({ token, weight })),
  };
}

describe('windowMovers', () => {
  const samples = [
    post('a', 1000, 0.8, [['love', 3], ['great', 3]]),
    post('b', 2000, -0.6, [['delay', -2], ['not good', -1.5]]),
    post('c', 3000, 0.4, [['great', 3], ['delay', -2]]),
    post('d', 4000, -0.9, [['awful', -3], ['delay', -2], ['delay', -2]]),
    post('e', 5000, 0, []),
    post('f', 6000, 0, undefined, 'unscored'),
    // Outside [1000, 10000): before the start, and at the exclusive end.
    post('early', 999, 0.9, [['love', 3]]),
    post('late', 10_000, -0.9, [['awful', -3]]),
  ];

  it('sums each word over the window, counts its posts once, and splits the two sides', () => {
    const m = windowMovers(samples, 1000, 10_000, 5);
    expect(m).toMatchObject({ start: 1000, end: 10_000, sampled: 6 });
    expect(m.positive).toEqual([
      { token: 'great', weight: 6, posts: 2 },
      { token: 'love', weight: 3, posts: 1 },
    ]);
    expect(m.negative).toEqual([
      { token: 'delay', weight: -8, posts: 3 },
      { token: 'awful', weight: -3, posts: 1 },
      { token: 'not good', weight: -1.5, posts: 1 },
    ]);
  });

  it('ranks posts by score on each side, leaving neutral and unscored ones out', () => {
    const m = windowMovers(samples, 1000, 10_000, 5);
    expect(m.highest.map((p) => p.id)).toEqual(['a', 'c']);
    expect(m.lowest.map((p) => p.id)).toEqual(['d', 'b']);
  });

  it('keeps at most k of each list', () => {
    const m = windowMovers(samples, 1000, 10_000, 1);
    expect(m.positive.map((w) => w.token)).toEqual(['great']);
    expect(m.negative.map((w) => w.token)).toEqual(['delay']);
    expect(m.highest.map((p) => p.id)).toEqual(['a']);
    expect(m.lowest.map((p) => p.id)).toEqual(['d']);
  });

  it('drops a word whose contributions cancel out, without float dust', () => {
    const m = windowMovers(
      [post('x', 1, 0.1, [['fine', 0.1], ['ok', 0.2]]), post('y', 2, -0.1, [['fine', 0.2], ['fine', -0.3], ['ok', -0.2]])],
      0,
      10,
      5,
    );
    expect(m.positive).toEqual([]);
    expect(m.negative).toEqual([]);
  });

  it('breaks ties by token and by newer post, whatever the input order', () => {
    const tied = [post('p1', 1, 0.5, [['b', 2]]), post('p2', 2, 0.5, [['a', 2]])];
    const m1 = windowMovers(tied, 0, 10, 5);
    const m2 = windowMovers([...tied].reverse(), 0, 10, 5);
    expect(m1).toEqual(m2);
    expect(m1.positive.map((w) => w.token)).toEqual(['a', 'b']);
    expect(m1.highest.map((p) => p.id)).toEqual(['p2', 'p1']);
  });

  it('answers an empty window with empty lists', () => {
    expect(windowMovers(samples, 20_000, 30_000, 5)).toEqual({
      start: 20_000, end: 30_000, sampled: 0, positive: [], negative: [], highest: [], lowest: [],
    });
  });
});
