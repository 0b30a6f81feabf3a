import { CartesianGrid, Line, LineChart, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import type { WindowSnapshot } from '../lib/stream/snapshot';
import { ChartTooltip } from './ChartTooltip';
import { formatClock, formatCount, formatScore, formatShare, seriesColor } from './format';

const AXIS_TICK = { fill: 'currentColor', fontSize: 11 };

/** The smallest 1, 2 or 5 times a power of ten at or above `max`, so the share axis gets round ticks. */
function niceCeil(max: number): number {
  if (!(max > 0)) return 1;
  const power = 10 ** Math.floor(Math.log10(max));
  const step = [1, 2, 5, 10].find((m) => m * power >= max) as number;
  return step * power;
}

function formatPercentTick(v: number): string {
  return `${Number(v.toFixed(2))}%`;
}

interface Row {
  end: number;
  /** Share of voice in percent per query (null before the query was tracked or when the window is empty). */
  share: Record<string, number | null>;
  mean: Record<string, number | null>;
}

function rows(windows: WindowSnapshot[], tracked: string[]): Row[] {
  return windows.map((w) => {
    const share: Record<string, number | null> = {};
    const mean: Record<string, number | null> = {};
    for (const q of tracked) {
      const k = w.keywords.find((x) => x.key === q);
      share[q] = k && w.total.posts > 0 ? (k.posts / w.total.posts) * 100 : null;
      mean[q] = k ? k.meanScore : null;
    }
    return { end: w.end, share, mean };
  });
}

function MiniChart({ data, tracked, metric, title, testId }: {
  data: Row[];
  tracked: string[];
  metric: 'share' | 'mean';
  title: string;
  testId: string;
}) {
  const isShare = metric === 'share';
  // Explicit ticks at a round maximum and its half: Recharts' own picks for [0, 10] are 0, 3, 6, 10.
  const top = niceCeil(Math.max(0, ...data.flatMap((row) => tracked.map((q) => row.share[q] ?? 0))));
  const ticks = isShare ? [0, top / 2, top] : [-1, -0.5, 0, 0.5, 1];
  return (
    <figure className="min-w-0">
      <figcaption className="mb-1 text-xs font-medium text-slate-600 dark:text-slate-300">{title}</figcaption>
      <div className="h-48 text-slate-500 dark:text-slate-400" data-testid={testId} data-series={tracked.length}>
        <ResponsiveContainer width="100%" height="100%">
          <LineChart data={data} margin={{ top: 6, right: 8, bottom: 0, left: 0 }}>
            <CartesianGrid stroke="currentColor" strokeOpacity={0.15} vertical={false} />
            <XAxis dataKey="end" tickFormatter={formatClock} tick={AXIS_TICK} stroke="currentColor" strokeOpacity={0.3} minTickGap={40} />
            <YAxis
              tick={AXIS_TICK}
              stroke="currentColor"
              strokeOpacity={0.3}
              width={48}
              domain={isShare ? [0, top] : [-1, 1]}
              ticks={ticks}
              tickFormatter={isShare ? formatPercentTick : undefined}
            />
            <Tooltip
              content={({ active, payload, label }) => (
                <ChartTooltip active={active} payload={payload} label={label} format={(v) => (isShare ? `${v.toFixed(1)}%` : formatScore(v))} />
              )}
            />
            {tracked.map((q, i) => (
              <Line
                key={q}
                type="monotone"
                name={q}
                dataKey={(row: Row) => row[metric][q] ?? null}
                stroke={seriesColor(i)}
                strokeWidth={2}
                dot={false}
                connectNulls={false}
                isAnimationActive={false}
              />
            ))}
          </LineChart>
        </ResponsiveContainer>
      </div>
    </figure>
  );
}

interface TrackedPanelProps {
  windows: WindowSnapshot[];
  tracked: string[];
  /** Undefined when this dashboard may not change the tracked set. */
  onRemove?: (query: string) => void;
  /** Queries with a removal in flight. */
  pending: ReadonlySet<string>;
}

/** The tracked queries side by side: a legend with current numbers and remove buttons, then share of voice and mean sentiment over time. */
export function TrackedPanel({ windows, tracked, onRemove, pending }: TrackedPanelProps) {
  const current = windows.at(-1);
  const data = rows(windows, tracked);
  return (
    <div className="flex flex-col gap-4">
      <ul className="flex flex-wrap gap-2" aria-label="Tracked queries" data-testid="tracked-list">
        {tracked.map((q, i) => {
          const k = current?.keywords.find((x) => x.key === q);
          return (
            <li
              key={q}
              className="flex max-w-full items-center gap-2 rounded-full border border-slate-200 bg-slate-50 py-1 pl-3 pr-1 text-sm dark:border-slate-700 dark:bg-slate-800/60"
            >
              <span aria-hidden="true" className="h-2.5 w-2.5 shrink-0 rounded-full" style={{ backgroundColor: seriesColor(i) }} />
              <span className="truncate font-medium text-slate-800 dark:text-slate-100" title={q}>
                {q}
              </span>
              <span className="shrink-0 font-mono text-xs tabular-nums text-slate-500 dark:text-slate-400">
                {k ? `${formatCount(k.posts)} · ${formatShare(k.posts, current?.total.posts ?? 0)} · ${formatScore(k.meanScore)}` : 'from next batch'}
              </span>
              {onRemove ? (
                <button
                  type="button"
                  onClick={() => onRemove(q)}
                  disabled={pending.has(q)}
                  aria-label={`Stop tracking ${q}`}
                  title={`Stop tracking ${q}`}
                  className="grid h-6 w-6 shrink-0 place-items-center rounded-full text-slate-400 transition hover:bg-slate-200 hover:text-slate-700 focus-visible:outline-none focus-visible:ring-2 focus-visible:ring-indigo-500 disabled:opacity-40 dark:hover:bg-slate-700 dark:hover:text-slate-100"
                >
                  <svg viewBox="0 0 16 16" className="h-3.5 w-3.5" aria-hidden="true">
                    <path d="M4 4l8 8M12 4l-8 8" stroke="currentColor" strokeWidth="1.8" strokeLinecap="round" />
                  </svg>
                </button>
              ) : null}
            </li>
          );
        })}
      </ul>
      {tracked.length === 0 ? (
        <p className="rounded-xl border border-dashed border-slate-200 px-4 py-8 text-center text-sm text-slate-500 dark:border-slate-700 dark:text-slate-400">
          Nothing tracked yet. Add a query above, or click a hashtag or term to compare it here.
        </p>
      ) : (
        <div className="grid gap-4 md:grid-cols-2">
          <MiniChart data={data} tracked={tracked} metric="share" title="Share of voice (% of posts in the window)" testId="tracked-share-chart" />
          <MiniChart data={data} tracked={tracked} metric="mean" title="Mean sentiment (−1 to +1)" testId="tracked-mean-chart" />
        </div>
      )}
    </div>
  );
}
