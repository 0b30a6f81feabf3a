import type { Label } from '../post';

/** Gold classes of a labeled set. */
export type GoldLabel = 'pos' | 'neu' | 'neg';
export const GOLD_LABELS: readonly GoldLabel[] = ['pos', 'neu', 'neg'];

/** One scored item of a labeled set. */
export interface EvalItem {
  gold: GoldLabel;
  /** The scorer's label; `unscored` counts as a `neu` prediction (and is counted apart). */
  predicted: Label;
  /** The scorer's normalized score in [-1, 1]. */
  score: number;
  /** A gold numeric rating when the set has one (any scale), for Pearson's r. */
  goldScore?: number;
}

export interface ClassMetrics {
  precision: number;
  recall: number;
  f1: number;
  /** Gold items of this class. */
  support: number;
}

export interface Metrics {
  n: number;
  /** Items the scorer left unscored (counted as `neu` predictions). */
  unscored: number;
  /** Share of items whose 3-class prediction equals the gold class. */
  accuracy: number;
  /** Unweighted mean of the three per-class F1 (a class never predicted nor present adds 0). */
  macroF1: number;
  perClass: Record<GoldLabel, ClassMetrics>;
  /** Over gold pos/neg items only: share whose score has the gold sign (a score of 0 counts as wrong). */
  binaryAccuracy: number;
  binaryN: number;
  /** Pearson's r between score and goldScore over the items that have one; null when fewer than 2 or no variance. */
  pearson: number | null;
  pearsonN: number;
  /** confusion[gold][predicted] counts. */
  confusion: Record<GoldLabel, Record<GoldLabel, number>>;
}

function toGold(label: Label): GoldLabel {
  return label === 'positive' ? 'pos' : label === 'negative' ? 'neg' : 'neu';
}

/** Pearson's correlation of two equal-length series; null when undefined (n < 2 or a constant series). */
export function pearson(xs: readonly number[], ys: readonly number[]): number | null {
  const n = xs.length;
  if (n < 2 || ys.length !== n) return null;
  let mx = 0;
  let my = 0;
  for (let i = 0; i < n; i++) {
    mx += xs[i] as number;
    my += ys[i] as number;
  }
  mx /= n;
  my /= n;
  let sxy = 0;
  let sxx = 0;
  let syy = 0;
  for (let i = 0; i < n; i++) {
    const dx = (xs[i] as number) - mx;
    const dy = (ys[i] as number) - my;
    sxy += dx * dy;
    sxx += dx * dx;
    syy += dy * dy;
  }
  if (sxx === 0 || syy === 0) return null;
  return sxy / Math.sqrt(sxx * syy);
}

/** Accuracy, macro-F1, per-class precision/recall, binary accuracy and Pearson's r of scored items. */
export function computeMetrics(items: readonly EvalItem[]): Metrics {
  const confusion = { pos: { pos: 0, neu: 0, neg: 0 }, neu: { pos: 0, neu: 0, neg: 0 }, neg: { pos: 0, neu: 0, neg: 0 } };
  let correct = 0;
  let unscored = 0;
  let binaryN = 0;
  let binaryCorrect = 0;
  const xs: number[] = [];
  const ys: number[] = [];
  for (const it of items) {
    const p = toGold(it.predicted);
    if (it.predicted === 'unscored') unscored++;
    confusion[it.gold][p]++;
    if (p === it.gold) correct++;
    if (it.gold !== 'neu') {
      binaryN++;
      if ((it.gold === 'pos' && it.score > 0) || (it.gold === 'neg' && it.score < 0)) binaryCorrect++;
    }
    if (it.goldScore !== undefined && Number.isFinite(it.goldScore)) {
      xs.push(it.score);
      ys.push(it.goldScore);
    }
  }
  const perClass = {} as Record<GoldLabel, ClassMetrics>;
  let f1Sum = 0;
  for (const c of GOLD_LABELS) {
    const tp = confusion[c][c];
    const predicted = confusion.pos[c] + confusion.neu[c] + confusion.neg[c];
    const support = confusion[c].pos + confusion[c].neu + confusion[c].neg;
    const precision = predicted === 0 ? 0 : tp / predicted;
    const recall = support === 0 ? 0 : tp / support;
    const f1 = precision + recall === 0 ? 0 : (2 * precision * recall) / (precision + recall);
    perClass[c] = { precision, recall, f1, support };
    f1Sum += f1;
  }
  const n = items.length;
  return {
    n,
    unscored,
    accuracy: n === 0 ? 0 : correct / n,
    macroF1: f1Sum / GOLD_LABELS.length,
    perClass,
    binaryAccuracy: binaryN === 0 ? 0 : binaryCorrect / binaryN,
    binaryN,
    pearson: pearson(xs, ys),
    pearsonN: xs.length,
    confusion,
  };
}
