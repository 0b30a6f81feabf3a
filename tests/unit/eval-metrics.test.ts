import { describe, expect, it } from 'vitest';
import { computeMetrics, pearson, type EvalItem } from '../../lib/sentiment/metrics';
import { parseLabeledLine } from '../../lib/sentiment/labeled';

describe('computeMetrics', () => {
  const items: EvalItem[] = [
    { gold: 'pos', predicted: 'positive', score: 0.8 },
    { gold: 'pos', predicted: 'neutral', score: 0.1 },
    { gold: 'neg', predicted: 'negative', score: -0.5 },
    { gold: 'neg', predicted: 'positive', score: 0.4 },
    { gold: 'neu', predicted: 'neutral', score: 0 },
    { gold: 'neu', predicted: 'unscored', score: 0 },
  ];
  const m = computeMetrics(items);

  it('counts accuracy over three classes, unscored as neutral', () => {
    expect(m.n).toBe(6);
    expect(m.unscored).toBe(1);
    expect(m.accuracy).toBeCloseTo(4 / 6, 12);
  });

  it('computes per-class precision, recall and macro-F1', () => {
    // pos: predicted {pos, neg-gold} -> P 1/2, R 1/2; neu: predicted 3 (pos, neu, neu) -> P 2/3, R 1; neg: P 1, R 1/2
    expect(m.perClass.pos).toMatchObject({ precision: 0.5, recall: 0.5, support: 2 });
    expect(m.perClass.neu.precision).toBeCloseTo(2 / 3, 12);
    expect(m.perClass.neu.recall).toBe(1);
    expect(m.perClass.neg).toMatchObject({ precision: 1, recall: 0.5 });
    const f1 = (p: number, r: number) => (2 * p * r) / (p + r);
    expect(m.macroF1).toBeCloseTo((f1(0.5, 0.5) + f1(2 / 3, 1) + f1(1, 0.5)) / 3, 12);
    expect(m.confusion.neg.pos).toBe(1);
  });

  it('binary accuracy is over pos/neg gold items by the sign of the score', () => {
    // pos 0.8 ok, pos 0.1 ok (sign), neg -0.5 ok, neg 0.4 wrong
    expect(m.binaryN).toBe(4);
    expect(m.binaryAccuracy).toBe(0.75);
  });

  it('handles an empty set without NaN', () => {
    const e = computeMetrics([]);
    expect(e).toMatchObject({ n: 0, accuracy: 0, macroF1: 0, binaryAccuracy: 0, pearson: null });
  });

  it('correlates scores with gold scores where given', () => {
    const withScores = computeMetrics([
      { gold: 'pos', predicted: 'positive', score: 0.5, goldScore: 2 },
      { gold: 'neg', predicted: 'negative', score: -0.5, goldScore: -2 },
      { gold: 'neu', predicted: 'neutral', score: 0, goldScore: 0 },
      { gold: 'neu', predicted: 'neutral', score: 0 },
    ]);
    expect(withScores.pearsonN).toBe(3);
    expect(withScores.pearson).toBeCloseTo(1, 12);
  });
});

describe('pearson', () => {
  it('is 1, -1, or null for constant series', () => {
    expect(pearson([1, 2, 3], [2, 4, 6])).toBeCloseTo(1, 12);
    expect(pearson([1, 2, 3], [3, 2, 1])).toBeCloseTo(-1, 12);
    expect(pearson([1, 1, 1], [1, 2, 3])).toBeNull();
    expect(pearson([1], [1])).toBeNull();
  });
});

describe('parseLabeledLine', () => {
  it('accepts pos/neu/neg and long forms, with optional lang and score', () => {
    expect(parseLabeledLine('{"text":"hi","label":"positive","lang":"pt-BR","score":1.5}')).toEqual({
      ok: true,
      item: { text: 'hi', gold: 'pos', lang: 'pt-BR', score: 1.5 },
    });
    expect(parseLabeledLine('{"text":"hi","label":"neu"}')).toEqual({ ok: true, item: { text: 'hi', gold: 'neu', lang: null } });
  });

  it.each([
    ['not json', /JSON/],
    ['[1,2]', /object/],
    ['{"label":"pos"}', /text/],
    ['{"text":"x","label":"great"}', /label/],
  ])('rejects %s', (line, error) => {
    const r = parseLabeledLine(line);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.error).toMatch(error);
  });
});
