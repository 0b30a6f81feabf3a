import { Bar, CartesianGrid, ComposedChart, Legend, Line, ReferenceLine, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import type { WindowSnapshot } from '../lib/stream/snapshot';
import { ChartTooltip } from './ChartTooltip';
import { LABEL_COLORS, MEAN_COLOR, formatClock, formatCount, formatScore } from './format';
import { EmptyState } from './Panel';

interface Row {
  end: number;
  positive: number;
  neutral: number;
  negative: number;
  unscored: number;
  mean: number | null;
}

const AXIS_TICK = { fill: 'currentColor', fontSize: 11 };

/** Legend in reading order (Recharts sorts alphabetically by default). */
const LEGEND_ORDER = ['positive', 'neutral', 'negative', 'unscored', 'mean'];

interface SentimentChartProps {
  windows: WindowSnapshot[];
  /** End of the window whose movers are shown, marked on the chart; null when none. */
  selectedEnd?: number | null;
  /** A click on a bar picks its window (by its end, epoch ms). */
  onSelect?: (end: number) => void;
}

/**
 * One bar per slide: stacked positive / neutral / negative / unscored posts, and the mean score on
 * the right axis. Clicking a bar selects its window (the keyboard's way is the window picker under the chart).
 */
export function SentimentChart({ windows, selectedEnd = null, onSelect }: SentimentChartProps) {
  if (windows.length === 0) return <EmptyState>Waiting for the first window…</EmptyState>;
  const data: Row[] = windows.map((w) => ({
    end: w.end,
    positive: w.total.positive,
    neutral: w.total.neutral,
    negative: w.total.negative,
    unscored: w.total.unscored,
    mean: w.total.meanScore,
  }));
  const hasUnscored = data.some((d) => d.unscored > 0);
  return (
    <div className="h-72 text-slate-500 dark:text-slate-400" data-testid="sentiment-chart" data-points={data.length} data-selected={selectedEnd ?? undefined}>
      <ResponsiveContainer width="100%" height="100%">
        <ComposedChart
          data={data}
          margin={{ top: 8, right: 4, bottom: 0, left: -8 }}
          barCategoryGap={1}
          style={onSelect ? { cursor: 'pointer' } : undefined}
          onClick={(state) => {
            // The whole slot of a point is its target (a thin bar is hard to hit), as the tooltip's is.
            const row = data[Number(state.activeTooltipIndex)];
            if (row && onSelect) onSelect(row.end);
          }}
        >
          <CartesianGrid stroke="currentColor" strokeOpacity={0.15} vertical={false} />
          <XAxis dataKey="end" tickFormatter={formatClock} tick={AXIS_TICK} stroke="currentColor" strokeOpacity={0.3} minTickGap={40} />
          <YAxis yAxisId="posts" tick={AXIS_TICK} stroke="currentColor" strokeOpacity={0.3} tickFormatter={formatCount} width={48} />
          <YAxis
            yAxisId="mean"
            orientation="right"
            domain={[-1, 1]}
            ticks={[-1, -0.5, 0, 0.5, 1]}
            tick={AXIS_TICK}
            stroke="currentColor"
            strokeOpacity={0.3}
            width={40}
          />
          <Tooltip
            cursor={{ fill: 'currentColor', fillOpacity: 0.06 }}
            content={({ active, payload, label }) => (
              <ChartTooltip
                active={active}
                payload={payload}
                label={label}
                format={(v, name) => (name === 'Mean score' ? formatScore(v) : formatCount(v))}
              />
            )}
          />
          <Legend
            iconType="circle"
            iconSize={8}
            wrapperStyle={{ fontSize: 12 }}
            itemSorter={(item) => LEGEND_ORDER.indexOf(String(item.dataKey))}
          />
          <Bar yAxisId="posts" dataKey="positive" name="Positive" stackId="posts" fill={LABEL_COLORS.positive} isAnimationActive={false} />
          <Bar yAxisId="posts" dataKey="neutral" name="Neutral" stackId="posts" fill={LABEL_COLORS.neutral} isAnimationActive={false} />
          <Bar yAxisId="posts" dataKey="negative" name="Negative" stackId="posts" fill={LABEL_COLORS.negative} isAnimationActive={false} />
          {hasUnscored ? (
            <Bar yAxisId="posts" dataKey="unscored" name="Unscored" stackId="posts" fill={LABEL_COLORS.unscored} isAnimationActive={false} />
          ) : null}
          {selectedEnd !== null && data.some((d) => d.end === selectedEnd) ? (
            <ReferenceLine yAxisId="posts" x={selectedEnd} stroke={MEAN_COLOR} strokeWidth={2} strokeDasharray="4 3" />
          ) : null}
          <Line
            yAxisId="mean"
            type="monotone"
            dataKey="mean"
            name="Mean score"
            stroke={MEAN_COLOR}
            strokeWidth={2.5}
            dot={false}
            connectNulls
            isAnimationActive={false}
          />
        </ComposedChart>
      </ResponsiveContainer>
    </div>
  );
}
