import type { Label } from '../post';

/**
 * Maps a summed valence (AFINN units, unbounded) into [-1, 1] with VADER's normalization
 * `s / sqrt(s^2 + 15)`: one "good" (+3) gives 0.61, a "good"/"bad" pair 0.
 */
export function normalizeScore(sum: number): number {
  if (sum === 0) return 0;
  const x = sum / Math.sqrt(sum * sum + 15);
  return x > 1 ? 1 : x < -1 ? -1 : x;
}

/** The neutral band on a normalized score: positive above `positive`, negative below `-negative`. */
export interface NeutralBand {
  positive: number;
  negative: number;
}

/** A band that labels by the sign alone: one lexicon hit (AFINN's weakest, 1, normalizes to 0.25) is outside it. */
export const SIGN_BAND: NeutralBand = { positive: 0.05, negative: 0.05 };

/** Label for a normalized score: positive above the band, negative below it, neutral within. */
export function labelFor(score: number, band: NeutralBand): Label {
  return score > band.positive ? 'positive' : score < -band.negative ? 'negative' : 'neutral';
}
