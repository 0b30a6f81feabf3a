import { useEffect, useRef, useState, type KeyboardEvent } from 'react';
import type { Ack, WindowExplanation } from '../lib/contract';
import type { WordMover } from '../lib/stream/movers';
import type { ScoredPost, WindowSnapshot } from '../lib/stream/snapshot';
import { LABEL_BADGE, formatClock, formatCount, formatScore, formatWeight } from './format';
import { PostExplanation } from './PostExplanation';
import { PostText } from './PostText';
import { requestWindowExplanation } from './socket';

interface WindowMoversProps {
  /** The windows the chart shows, oldest first. */
  windows: WindowSnapshot[];
  /** End of the selected window, epoch ms; null when none is. */
  selectedEnd: number | null;
  onSelect: (end: number | null) => void;
}

function WordList({ title, words, max, tone }: { title: string; words: WordMover[]; max: number; tone: 'up' | 'down' }) {
  const text = tone === 'up' ? 'text-emerald-700 dark:text-emerald-400' : 'text-rose-700 dark:text-rose-400';
  return (
    <div>
      <h4 className="mb-1 text-xs font-semibold text-slate-700 dark:text-slate-200">{title}</h4>
      {words.length === 0 ? (
        <p className="text-xs text-slate-500 dark:text-slate-400">No word on this side.</p>
      ) : (
        <ol className="flex flex-col gap-1" data-testid={`movers-words-${tone}`}>
          {words.map((w) => (
            <li key={w.token} className="grid grid-cols-[minmax(0,7rem)_minmax(0,1fr)_3.25rem_4.25rem] items-center gap-2 text-xs">
              <span className="truncate font-mono text-slate-800 dark:text-slate-100" title={w.token}>{w.token}</span>
              <span className="h-1.5 overflow-hidden rounded-full bg-slate-100 dark:bg-slate-800" aria-hidden="true">
                <span
                  className={`block h-full rounded-full ${tone === 'up' ? 'bg-emerald-500' : 'bg-rose-500'}`}
                  style={{ width: `${Math.max(4, (Math.abs(w.weight) / max) * 100)}%` }}
                />
              </span>
              <span className={`text-right font-mono tabular-nums ${text}`}>{formatWeight(w.weight)}</span>
              <span className="text-right tabular-nums text-slate-500 dark:text-slate-400">
                {w.posts} {w.posts === 1 ? 'post' : 'posts'}
              </span>
            </li>
          ))}
        </ol>
      )}
    </div>
  );
}

function PostList({ title, posts, tone }: { title: string; posts: ScoredPost[]; tone: 'up' | 'down' }) {
  const [open, setOpen] = useState<string | null>(null);
  return (
    <div>
      <h4 className="mb-1 text-xs font-semibold text-slate-700 dark:text-slate-200">{title}</h4>
      {posts.length === 0 ? (
        <p className="text-xs text-slate-500 dark:text-slate-400">No post on this side.</p>
      ) : (
        <ol className="flex flex-col gap-2" data-testid={`movers-posts-${tone}`}>
          {posts.map((p) => {
            const id = `mover-${tone}-${p.id}`;
            return (
              <li key={p.id} className="text-xs">
                <div className="flex items-start gap-2">
                  <button
                    type="button"
                    onClick={() => setOpen(open === p.id ? null : p.id)}
                    aria-expanded={open === p.id}
                    aria-controls={open === p.id ? id : undefined}
                    aria-label={`Score ${formatScore(p.score)}, ${p.label}: ${open === p.id ? 'hide' : 'show'} why`}
                    className={`mt-0.5 shrink-0 rounded-full px-2 py-0.5 font-mono text-[11px] font-medium tabular-nums hover:ring-2 hover:ring-indigo-300 focus-visible:outline-none focus-visible:ring-2 focus-visible:ring-indigo-500 dark:hover:ring-indigo-500/50 ${LABEL_BADGE[p.label]}`}
                  >
                    {formatScore(p.score)}
                    <span aria-hidden="true" className="ml-1 opacity-60">?</span>
                  </button>
                  <p className="line-clamp-2 min-w-0 break-words text-slate-700 dark:text-slate-200">
                    <span className="text-slate-500 dark:text-slate-400">{p.author ? `@${p.author.replace(/^@/, '')}` : 'anonymous'}: </span>
                    <PostText text={p.text} />
                  </p>
                </div>
                {open === p.id ? (
                  <div className="mt-1.5">
                    <PostExplanation post={p} id={id} onClose={() => setOpen(null)} quote={false} />
                  </div>
                ) : null}
              </li>
            );
          })}
        </ol>
      )}
    </div>
  );
}

/** How much of the window the answer stands for, said plainly. */
function sampleNote(m: WindowExplanation): string {
  const span = `${formatClock(m.start)}–${formatClock(m.end)}`;
  if (m.sampled === 0) return `None of the ${formatCount(m.posts)} posts of ${span} was among the explained sample, so nothing can be said about it.`;
  if (m.sampled >= m.posts) return `From all ${formatCount(m.posts)} posts of ${span}: every one was explained.`;
  return `From a sample of ${formatCount(m.sampled)} of the window's ${formatCount(m.posts)} posts (${span}): the engine explains about 10 posts per batch.`;
}

/**
 * "What moved this window": for the window picked on the chart (a click on a bar, or this
 * panel's select), the words whose summed weights pushed its sentiment up and down most, and its
 * most positive and most negative posts, as the server computes them from the posts it explained.
 */
export function WindowMovers({ windows, selectedEnd, onSelect }: WindowMoversProps) {
  const [loaded, setLoaded] = useState<{ end: number; result: Ack<WindowExplanation> } | null>(null);
  const picker = useRef<HTMLSelectElement>(null);

  useEffect(() => {
    if (selectedEnd === null) return;
    // A later pick wins even if an earlier answer arrives after it.
    let current = true;
    void requestWindowExplanation(selectedEnd).then((result) => {
      if (current) setLoaded({ end: selectedEnd, result });
    });
    return () => {
      current = false;
    };
  }, [selectedEnd]);

  const newestFirst = [...windows].reverse();
  const listed = selectedEnd === null || newestFirst.some((w) => w.end === selectedEnd);
  const result = loaded && loaded.end === selectedEnd ? loaded.result : null;

  const onKeyDown = (e: KeyboardEvent<HTMLDivElement>) => {
    if (e.key === 'Escape' && selectedEnd !== null) {
      e.preventDefault();
      // Handled here, where the focus can be put back on the picker.
      e.stopPropagation();
      onSelect(null);
      picker.current?.focus();
    }
  };

  let body;
  if (selectedEnd === null) {
    body = (
      <p className="text-xs text-slate-500 dark:text-slate-400">
        Click a bar of the chart, or pick a window here, to see the words and posts that moved its sentiment most.
      </p>
    );
  } else if (!result) {
    body = <p className="text-xs text-slate-500 dark:text-slate-400" role="status">Loading what moved this window…</p>;
  } else if ('error' in result) {
    body = <p className="text-xs text-rose-700 dark:text-rose-400" role="alert">{result.error}</p>;
  } else {
    const m = result.data;
    const max = Math.max(1, ...[...m.positive, ...m.negative].map((w) => Math.abs(w.weight)));
    body = (
      <div className="flex flex-col gap-4" data-testid="movers-result">
        <p className="rounded-lg bg-amber-50 px-3 py-1.5 text-xs text-amber-900 dark:bg-amber-500/10 dark:text-amber-200" data-testid="movers-sample">
          {sampleNote(m)}
        </p>
        <div className="grid gap-4 md:grid-cols-2">
          <WordList title="Words that pushed it up" words={m.positive} max={max} tone="up" />
          <WordList title="Words that pulled it down" words={m.negative} max={max} tone="down" />
        </div>
        <div className="grid gap-4 md:grid-cols-2">
          <PostList title="Most positive posts" posts={m.highest} tone="up" />
          <PostList title="Most negative posts" posts={m.lowest} tone="down" />
        </div>
        <p className="text-[11px] text-slate-500 dark:text-slate-400">
          A word&apos;s weight is the sum of what it added to the explained posts&apos; scores, in lexicon units after negation and emphasis.
        </p>
      </div>
    );
  }

  return (
    <div className="mt-4 border-t border-slate-100 pt-4 dark:border-slate-800" data-testid="window-movers" onKeyDown={onKeyDown}>
      <div className="mb-2 flex flex-wrap items-center justify-between gap-2">
        <h3 className="text-sm font-semibold text-slate-900 dark:text-slate-100">What moved this window</h3>
        <div className="flex min-w-0 max-w-full items-center gap-2">
          <label className="flex min-w-0 items-center gap-1.5 text-xs text-slate-500 dark:text-slate-400">
            <span className="shrink-0">Window ending</span>
            <select
              ref={picker}
              value={selectedEnd ?? ''}
              onChange={(e) => onSelect(e.target.value === '' ? null : Number(e.target.value))}
              data-testid="movers-picker"
              className="min-w-0 max-w-full rounded-lg border border-slate-300 bg-white py-1 pl-2 pr-7 text-xs text-slate-700 focus:border-indigo-500 focus:outline-none focus:ring-2 focus:ring-indigo-500 dark:border-slate-700 dark:bg-slate-900 dark:text-slate-200"
            >
              <option value="">Pick a window…</option>
              {listed ? null : <option value={selectedEnd ?? ''}>{formatClock(selectedEnd ?? 0)}</option>}
              {newestFirst.map((w, i) => (
                <option key={w.end} value={w.end}>
                  {formatClock(w.end)} · {formatCount(w.total.posts)} posts{i === 0 ? ' (latest)' : ''}
                </option>
              ))}
            </select>
          </label>
          {selectedEnd !== null ? (
            <button
              type="button"
              onClick={() => onSelect(null)}
              className="shrink-0 rounded-lg px-2 py-1 text-xs font-medium text-slate-600 hover:bg-slate-100 focus-visible:outline-none focus-visible:ring-2 focus-visible:ring-indigo-500 dark:text-slate-300 dark:hover:bg-slate-800"
            >
              Clear
            </button>
          ) : null}
        </div>
      </div>
      {body}
    </div>
  );
}
