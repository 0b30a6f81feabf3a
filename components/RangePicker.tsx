import { HISTORY_RANGES, type HistoryRangeKey } from './history';

export type RangeChoice = 'live' | HistoryRangeKey;

const BUTTON =
  'px-2.5 py-1 text-xs font-medium transition focus-visible:relative focus-visible:z-10 focus-visible:outline-none focus-visible:ring-2 focus-visible:ring-indigo-500';
const ON = 'bg-indigo-600 text-white';
const OFF = 'bg-white text-slate-600 hover:bg-slate-50 dark:bg-slate-900 dark:text-slate-300 dark:hover:bg-slate-800';

/** Live stream or a stored past range for the time charts. */
export function RangePicker({ value, onChange }: { value: RangeChoice; onChange: (v: RangeChoice) => void }) {
  const options: { key: RangeChoice; label: string }[] = [{ key: 'live', label: 'Live' }, ...HISTORY_RANGES];
  return (
    <div role="group" aria-label="Time range of the charts" className="inline-flex overflow-hidden rounded-lg border border-slate-300 shadow-sm dark:border-slate-700">
      {options.map((o, i) => (
        <button
          key={o.key}
          type="button"
          aria-pressed={value === o.key}
          onClick={() => onChange(o.key)}
          data-testid={`range-${o.key}`}
          className={`${BUTTON} ${value === o.key ? ON : OFF} ${i > 0 ? 'border-l border-slate-300 dark:border-slate-700' : ''}`}
        >
          {o.label}
        </button>
      ))}
    </div>
  );
}
