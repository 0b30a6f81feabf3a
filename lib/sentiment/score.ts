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

/** Label for a normalized score: positive above `band`, negative below `-band`, neutral between. */
export function labelFor(score: number, band: number): Label {
  return score > band ? 'positive' : score < -band ? 'negative' : 'neutral';
}
