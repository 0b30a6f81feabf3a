import type { KeyStats } from '../lib/stream/snapshot';
import { LABEL_COLORS, formatCount, formatScore, scoreTone } from './format';
import { EmptyState } from './Panel';

const TONE_TEXT = {
  positive: 'text-emerald-600 dark:text-emerald-400',
  neutral: 'text-slate-500 dark:text-slate-400',
  negative: 'text-rose-600 dark:text-rose-400',
  unscored: 'text-slate-400 dark:text-slate-500',
} as const;

interface TopKeysProps {
  keys: KeyStats[];
  tracked: string[];
  /** Tracks the key; undefined when this dashboard may not change the tracked set. */
  onTrack?: (key: string) => void;
  /** What is listed, for the accessible names (`hashtag`, `term`). */
  noun: string;
  /** How many rows to show. */
  limit?: number;
}

/**
 * A ranked list of keys with their volume and sentiment split. Each row is a button that tracks
 * the key; a tracked key is marked and disabled.
 */
export function TopKeys({ keys, tracked, onTrack, noun, limit = 12 }: TopKeysProps) {
  if (keys.length === 0) return <EmptyState>No {noun}s in this window yet.</EmptyState>;
  const shown = keys.slice(0, limit);
  const max = Math.max(...shown.map((k) => k.posts), 1);
  const trackedSet = new Set(tracked);
  return (
    <ol className="flex flex-col gap-1" data-testid={`top-${noun}s`}>
      {shown.map((k, i) => {
        const isTracked = trackedSet.has(k.key);
        const scored = k.positive + k.neutral + k.negative;
        const pct = (n: number) => (scored > 0 ? (n / scored) * 100 : 0);
        return (
          <li key={k.key}>
            <button
              type="button"
              disabled={isTracked || !onTrack}
              onClick={() => onTrack?.(k.key)}
              title={isTracked ? `${k.key} is tracked` : onTrack ? `Track ${k.key}` : undefined}
              aria-label={`${isTracked ? 'Tracked' : 'Track'} ${noun} ${k.key}: ${k.posts} posts, mean sentiment ${formatScore(k.meanScore)}`}
              className="group grid w-full grid-cols-[1.25rem_minmax(0,1fr)_auto_3.25rem] items-center gap-x-2 rounded-lg px-2 py-1.5 text-left text-sm transition hover:bg-slate-100 focus-visible:outline-none focus-visible:ring-2 focus-visible:ring-indigo-500 disabled:cursor-default disabled:hover:bg-transparent dark:hover:bg-slate-800 dark:disabled:hover:bg-transparent"
            >
              <span className="text-right text-xs tabular-nums text-slate-400">{i + 1}</span>
              <span className="min-w-0">
                <span className="flex items-center gap-1.5">
                  <span className="truncate font-medium text-slate-800 dark:text-slate-100">{k.key}</span>
                  {isTracked ? (
                    <span className="rounded bg-indigo-100 px-1 text-[10px] font-semibold uppercase text-indigo-700 dark:bg-indigo-500/20 dark:text-indigo-300">
                      tracked
                    </span>
                  ) : onTrack ? (
                    <span aria-hidden="true" className="text-xs text-indigo-600 opacity-0 transition group-hover:opacity-100 group-focus-visible:opacity-100 dark:text-indigo-400">
                      + track
                    </span>
                  ) : null}
                </span>
                <span className="mt-1 flex h-1.5 overflow-hidden rounded-full bg-slate-100 dark:bg-slate-800" style={{ width: `${Math.max(8, (k.posts / max) * 100)}%` }} aria-hidden="true">
                  <span style={{ width: `${pct(k.positive)}%`, backgroundColor: LABEL_COLORS.positive }} />
                  <span style={{ width: `${pct(k.neutral)}%`, backgroundColor: LABEL_COLORS.neutral }} />
                  <span style={{ width: `${pct(k.negative)}%`, backgroundColor: LABEL_COLORS.negative }} />
                </span>
              </span>
              <span className="font-mono text-xs tabular-nums text-slate-600 dark:text-slate-300">{formatCount(k.posts)}</span>
              <span className={`text-right font-mono text-xs tabular-nums ${TONE_TEXT[scoreTone(k.meanScore)]}`}>{formatScore(k.meanScore)}</span>
            </button>
          </li>
        );
      })}
    </ol>
  );
}
