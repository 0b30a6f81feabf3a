import type { Label } from '../lib/post';
import type { WindowSnapshot } from '../lib/stream/snapshot';
import { LABEL_COLORS, formatCount, formatDuration, formatScore, formatShare, scoreTone } from './format';

const TONE_TEXT: Record<Label, string> = {
  positive: 'text-emerald-600 dark:text-emerald-400',
  neutral: 'text-slate-700 dark:text-slate-200',
  negative: 'text-rose-600 dark:text-rose-400',
  unscored: 'text-slate-400 dark:text-slate-500',
};

function Tile({ label, value, hint, valueClass = '', accent, testId }: {
  label: string;
  value: string;
  hint?: string;
  valueClass?: string;
  accent?: string;
  testId?: string;
}) {
  return (
    <div className="relative overflow-hidden rounded-2xl border border-slate-200 bg-white p-4 shadow-sm dark:border-slate-800 dark:bg-slate-900">
      {accent ? <span aria-hidden="true" className="absolute inset-x-0 top-0 h-1" style={{ backgroundColor: accent }} /> : null}
      <p className="text-xs font-medium text-slate-500 dark:text-slate-400">{label}</p>
      <p className={`mt-1 font-mono text-2xl font-semibold tabular-nums tracking-tight ${valueClass || 'text-slate-900 dark:text-slate-50'}`} data-testid={testId}>
        {value}
      </p>
      {hint ? <p className="mt-0.5 truncate text-xs text-slate-500 dark:text-slate-400">{hint}</p> : null}
    </div>
  );
}

/** The current window in six numbers. */
export function KpiTiles({ current, previous, windowMs }: {
  current: WindowSnapshot | undefined;
  previous: WindowSnapshot | undefined;
  windowMs: number | undefined;
}) {
  const t = current?.total;
  const span = windowMs ? `last ${formatDuration(windowMs)}` : 'current window';
  const delta = t && previous ? t.posts - previous.total.posts : null;
  const meanDelta = t?.meanScore != null && previous?.total.meanScore != null ? t.meanScore - previous.total.meanScore : null;
  const tone = scoreTone(t?.meanScore ?? null);
  const share = (label: Exclude<Label, 'unscored'> | 'unscored') => (t ? formatShare(t[label], t.posts) : '—');
  const count = (label: Label) => (t ? `${formatCount(t[label])} posts` : undefined);
  return (
    <div className="grid grid-cols-2 gap-3 sm:grid-cols-3 xl:grid-cols-6">
      <Tile
        label={`Posts · ${span}`}
        value={t ? formatCount(t.posts) : '—'}
        hint={delta === null ? undefined : `${delta >= 0 ? '+' : '−'}${formatCount(Math.abs(delta))} vs previous slide`}
        testId="kpi-posts"
      />
      <Tile
        label="Mean sentiment"
        value={formatScore(t?.meanScore)}
        valueClass={TONE_TEXT[tone]}
        hint={meanDelta === null ? 'scale −1 to +1' : `${meanDelta >= 0 ? '▲' : '▼'} ${Math.abs(meanDelta).toFixed(3)} vs previous slide`}
        testId="kpi-mean"
      />
      <Tile label="Positive" value={share('positive')} hint={count('positive')} accent={LABEL_COLORS.positive} />
      <Tile label="Neutral" value={share('neutral')} hint={count('neutral')} accent={LABEL_COLORS.neutral} />
      <Tile label="Negative" value={share('negative')} hint={count('negative')} accent={LABEL_COLORS.negative} />
      <Tile label="Unscored" value={share('unscored')} hint={t ? `${formatCount(t.unscored)} · no lexicon` : undefined} accent={LABEL_COLORS.unscored} />
    </div>
  );
}
