'use client';

import { useRef, useState } from 'react';
import type { WindowSnapshot } from '../lib/stream/snapshot';
import { ExportButtons } from './ExportButtons';
import { formatClock, formatDuration } from './format';
import { HISTORY_RANGES, historyCsvUrl, loadHistory } from './history';
import { KeywordPicker, type PickerError } from './KeywordPicker';
import { KpiTiles } from './KpiTiles';
import { LiveFeed } from './LiveFeed';
import { Panel } from './Panel';
import { RangePicker, type RangeChoice } from './RangePicker';
import { SentimentChart } from './SentimentChart';
import { requestTrack } from './socket';
import { StatusBar } from './StatusBar';
import { TopKeys } from './TopKeys';
import { TrackedPanel } from './TrackedPanel';
import { useStream } from './useStream';
import { WindowMovers } from './WindowMovers';

/** A stored range shown in the time charts instead of the live windows. */
interface PastRange {
  /** Window ends, epoch ms, inclusive. */
  from: number;
  to: number;
  windows: WindowSnapshot[];
  loading: boolean;
  error: string | null;
}

/** The live dashboard: owns the stream state and hands each section what it shows. */
export function Dashboard() {
  const view = useStream();
  const [trackError, setTrackError] = useState<PickerError | null>(null);
  const [pendingRemoval, setPendingRemoval] = useState<ReadonlySet<string>>(new Set());
  const [range, setRange] = useState<RangeChoice>('live');
  const [past, setPast] = useState<PastRange | null>(null);
  /** End of the window whose movers are shown (picked on the sentiment chart). */
  const [explainedEnd, setExplainedEnd] = useState<number | null>(null);
  const loading = useRef<AbortController | null>(null);

  const current = view.windows.at(-1);
  const previous = view.windows.at(-2);
  const settings = view.settings;
  const canTrack = view.connection === 'connected' && view.canControl;
  const span = settings
    ? `${formatDuration(settings.windowMs)} window, sliding every ${formatDuration(settings.slideMs)}`
    : 'Sliding window';

  /** Switches the time charts to a stored range (counted back from the newest window) or back to live. */
  async function chooseRange(choice: RangeChoice) {
    setRange(choice);
    loading.current?.abort();
    const spec = HISTORY_RANGES.find((r) => r.key === choice);
    if (!spec) {
      setPast(null);
      return;
    }
    const to = current?.end ?? Date.now();
    const from = to - spec.ms;
    const controller = new AbortController();
    loading.current = controller;
    setPast({ from, to, windows: [], loading: true, error: null });
    try {
      const windows = await loadHistory(from, to, view.tracked, controller.signal);
      if (!controller.signal.aborted) setPast({ from, to, windows, loading: false, error: null });
    } catch (err) {
      if (!controller.signal.aborted) setPast({ from, to, windows: [], loading: false, error: (err as Error).message });
    }
  }

  async function add(query: string): Promise<PickerError | null> {
    const result = await requestTrack('track:add', query);
    if ('error' in result) return { message: result.error, position: result.position };
    setTrackError(null);
    return null;
  }

  async function trackKey(key: string) {
    setTrackError(await add(key));
  }

  async function remove(query: string) {
    setPendingRemoval((s) => new Set(s).add(query));
    const result = await requestTrack('track:remove', query);
    setPendingRemoval((s) => {
      const next = new Set(s);
      next.delete(query);
      return next;
    });
    setTrackError('error' in result ? { message: result.error } : null);
  }

  const readOnly = settings?.controlRequired && !view.canControl;
  const chartWindows = past ? past.windows : view.windows;
  const rangeNote = past ? (
    <div className="mb-3 flex flex-wrap items-center justify-between gap-2 rounded-lg bg-indigo-50 px-3 py-2 text-xs text-indigo-900 dark:bg-indigo-500/10 dark:text-indigo-200" role="status">
      <span>
        {past.loading
          ? 'Loading stored windows…'
          : past.error
            ? `Could not load the history: ${past.error}`
            : `Stored history ${formatClock(past.from)} – ${formatClock(past.to)} · ${past.windows.length} windows shown`}
      </span>
      <button
        type="button"
        onClick={() => void chooseRange('live')}
        className="rounded font-semibold underline underline-offset-2 focus-visible:outline-none focus-visible:ring-2 focus-visible:ring-indigo-500"
      >
        Back to live
      </button>
    </div>
  ) : null;
  return (
    <div className="flex flex-col gap-4">
      <StatusBar connection={view.connection} status={view.status} lastBatch={view.lastBatch} />
      <KpiTiles current={current} previous={previous} windowMs={settings?.windowMs} />

      <div className="grid gap-4 xl:grid-cols-3">
        <Panel
          title="Sentiment over time"
          subtitle={`Posts per ${span.toLowerCase()} · bars: volume by label · line: mean score (right axis) · click a bar to see what moved it`}
          className="xl:col-span-2"
          actions={
            <>
              <RangePicker value={range} onChange={(v) => void chooseRange(v)} />
              <ExportButtons
                visibleWindows={view.windows.length}
                historyHref={past ? historyCsvUrl(past.from, past.to) : undefined}
              />
            </>
          }
        >
          {rangeNote}
          {/* A click on a bar leaves the focus in the chart, so Escape is heard there too. */}
          <div
            onKeyDown={(e) => {
              if (e.key === 'Escape' && explainedEnd !== null) {
                e.preventDefault();
                setExplainedEnd(null);
              }
            }}
          >
            <SentimentChart windows={chartWindows} selectedEnd={explainedEnd} onSelect={setExplainedEnd} />
            <WindowMovers windows={chartWindows} selectedEnd={explainedEnd} onSelect={setExplainedEnd} />
          </div>
        </Panel>

        {/* The feed fills the height of the two panels beside it without adding to it: its
            panel is positioned over a grid cell that has no content of its own. */}
        <div className="relative h-[36rem] xl:row-span-2 xl:h-auto">
          <Panel title="Live feed" subtitle="Coloured by sentiment · select a post's score to see why · links open in a new tab" className="absolute inset-0 overflow-hidden">
            <LiveFeed posts={view.posts} />
          </Panel>
        </div>

        <Panel
          title="Tracked queries"
          subtitle="Share of voice and mean sentiment per query, one point per slide"
          className="xl:col-span-2"
        >
          <div className="flex flex-col gap-4">
            <KeywordPicker
              onAdd={add}
              disabled={!canTrack}
              disabledReason={
                readOnly
                  ? 'Read-only: open the dashboard with ?token=… to change the tracked queries.'
                  : view.connection !== 'connected'
                    ? 'Waiting for the server…'
                    : undefined
              }
              externalError={trackError}
              tracked={view.tracked}
              maxKeywords={settings?.maxKeywords ?? 50}
            />
            <TrackedPanel windows={chartWindows} tracked={view.tracked} onRemove={canTrack ? remove : undefined} pending={pendingRemoval} />
          </div>
        </Panel>
      </div>

      <div className="grid gap-4 md:grid-cols-2">
        <Panel title="Top hashtags" subtitle="In the current window · click one to track it">
          <TopKeys keys={current?.hashtags ?? []} tracked={view.tracked} onTrack={canTrack ? trackKey : undefined} noun="hashtag" />
        </Panel>
        <Panel title="Top terms" subtitle="Words after stopwords · click one to track it">
          <TopKeys keys={current?.terms ?? []} tracked={view.tracked} onTrack={canTrack ? trackKey : undefined} noun="term" />
        </Panel>
      </div>
    </div>
  );
}
