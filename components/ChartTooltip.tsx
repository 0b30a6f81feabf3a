import type { TooltipContentProps } from 'recharts';
import { formatClock } from './format';

/**
 * Tooltip styled like the rest of the page (Recharts' default is white in dark mode too).
 * `format` turns each series' value into its display text.
 */
export function ChartTooltip({ active, payload, label, format }: Pick<TooltipContentProps, 'active' | 'payload' | 'label'> & {
  format: (value: number, name: string) => string;
}) {
  if (!active || !payload || payload.length === 0) return null;
  return (
    <div className="rounded-lg border border-slate-200 bg-white/95 px-3 py-2 text-xs shadow-lg backdrop-blur dark:border-slate-700 dark:bg-slate-800/95">
      <p className="mb-1 font-medium text-slate-900 dark:text-slate-100">Window ending {formatClock(Number(label))}</p>
      <ul className="space-y-0.5">
        {payload.map((entry) => (
          <li key={String(entry.dataKey ?? entry.name)} className="flex items-center gap-2 text-slate-600 dark:text-slate-300">
            <span aria-hidden="true" className="h-2 w-2 rounded-full" style={{ backgroundColor: entry.color }} />
            <span className="max-w-[14rem] truncate">{entry.name}</span>
            <span className="ml-auto pl-3 font-mono tabular-nums text-slate-900 dark:text-slate-100">
              {entry.value === null || entry.value === undefined ? '—' : format(Number(entry.value), String(entry.name))}
            </span>
          </li>
        ))}
      </ul>
    </div>
  );
}
