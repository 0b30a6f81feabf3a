import type { Label } from '../lib/post';

/** Chart colours per label; the Tailwind classes below use the same hues. */
export const LABEL_COLORS: Record<Label, string> = {
  positive: '#10b981',
  neutral: '#94a3b8',
  negative: '#f43f5e',
  unscored: '#a78bfa',
};

/** Mean-score line. */
export const MEAN_COLOR = '#6366f1';

/** One colour per tracked keyword, in the order they were added (cycled past eight). */
export const SERIES_COLORS = ['#6366f1', '#f59e0b', '#06b6d4', '#ec4899', '#84cc16', '#8b5cf6', '#14b8a6', '#f97316'];

export function seriesColor(index: number): string {
  return SERIES_COLORS[index % SERIES_COLORS.length] as string;
}

/** Tailwind classes for a label: a soft background and a readable text colour in both themes. */
export const LABEL_BADGE: Record<Label, string> = {
  positive: 'bg-emerald-100 text-emerald-800 dark:bg-emerald-500/15 dark:text-emerald-300',
  neutral: 'bg-slate-100 text-slate-700 dark:bg-slate-500/20 dark:text-slate-300',
  negative: 'bg-rose-100 text-rose-800 dark:bg-rose-500/15 dark:text-rose-300',
  unscored: 'bg-violet-100 text-violet-800 dark:bg-violet-500/15 dark:text-violet-300',
};

/** Accent bar on the left of a feed item. */
export const LABEL_ACCENT: Record<Label, string> = {
  positive: 'bg-emerald-500',
  neutral: 'bg-slate-300 dark:bg-slate-600',
  negative: 'bg-rose-500',
  unscored: 'bg-violet-400',
};

const integer = new Intl.NumberFormat('en-US');
const compact = new Intl.NumberFormat('en-US', { notation: 'compact', maximumFractionDigits: 1 });

export function formatCount(n: number): string {
  return n >= 100_000 ? compact.format(n) : integer.format(n);
}

/** A score in [-1, 1] with its sign (`+0.12`, `−0.40`), or an em dash when there is none. */
export function formatScore(score: number | null | undefined): string {
  if (score === null || score === undefined) return '—';
  const rounded = Math.round(score * 100) / 100;
  if (rounded === 0) return '0.00';
  return `${rounded > 0 ? '+' : '−'}${Math.abs(rounded).toFixed(2)}`;
}

/**
 * A weight in lexicon units with its sign and at most two decimals (`+3`, `−1.5`, `+2.25`):
 * the scorer's multipliers make fractions, but whole lexicon values stay whole.
 */
export function formatWeight(weight: number): string {
  const rounded = Math.round(weight * 100) / 100;
  if (rounded === 0) return '0';
  return `${rounded > 0 ? '+' : '−'}${Math.abs(rounded)}`;
}

/** Share as a percentage with one decimal; `—` when the whole is zero. */
export function formatShare(part: number, whole: number): string {
  return whole > 0 ? `${((part / whole) * 100).toFixed(1)}%` : '—';
}

/** Duration in ms, readable at a glance (`12 ms`, `1.4 s`, `3 min`, `2.5 h`, `40 d`). */
export function formatDuration(ms: number): string {
  if (ms < 1000) return `${Math.max(0, Math.round(ms))} ms`;
  if (ms < 60_000) return `${(ms / 1000).toFixed(ms < 10_000 ? 1 : 0)} s`;
  if (ms < 3_600_000) return `${Math.round(ms / 60_000)} min`;
  if (ms < 172_800_000) return `${(ms / 3_600_000).toFixed(1)} h`;
  // A replay of old posts lags by the posts' age: days, not thousands of hours.
  return `${Math.round(ms / 86_400_000)} d`;
}

/** Wall-clock time of an epoch-ms instant, `14:03:25`, in the viewer's time zone. */
export function formatClock(ms: number): string {
  return new Date(ms).toLocaleTimeString('en-GB', { hour: '2-digit', minute: '2-digit', second: '2-digit' });
}

/** The label a mean score falls under, for colouring a key by its sentiment. */
export function scoreTone(score: number | null): Label {
  if (score === null) return 'unscored';
  if (score > 0.05) return 'positive';
  if (score < -0.05) return 'negative';
  return 'neutral';
}
