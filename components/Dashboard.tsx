'use client';

import { useState } from 'react';
import { ExportButtons } from './ExportButtons';
import { formatDuration } from './format';
import { KeywordPicker, type PickerError } from './KeywordPicker';
import { KpiTiles } from './KpiTiles';
import { LiveFeed } from './LiveFeed';
import { Panel } from './Panel';
import { SentimentChart } from './SentimentChart';
import { requestTrack } from './socket';
import { StatusBar } from './StatusBar';
import { TopKeys } from './TopKeys';
import { TrackedPanel } from './TrackedPanel';
import { useStream } from './useStream';

/** The live dashboard: owns the stream state and hands each section what it shows. */
export function Dashboard() {
  const view = useStream();
  const [trackError, setTrackError] = useState<PickerError | null>(null);
  const [pendingRemoval, setPendingRemoval] = useState<ReadonlySet<string>>(new Set());

  const current = view.windows.at(-1);
  const previous = view.windows.at(-2);
  const settings = view.settings;
  const canTrack = view.connection === 'connected' && view.canControl;
  const span = settings
    ? `${formatDuration(settings.windowMs)} window, sliding every ${formatDuration(settings.slideMs)}`
    : 'Sliding window';

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
  return (
    <div className="flex flex-col gap-4">
      <StatusBar connection={view.connection} status={view.status} lastBatch={view.lastBatch} />
      <KpiTiles current={current} previous={previous} windowMs={settings?.windowMs} />

      <div className="grid gap-4 xl:grid-cols-3">
        <Panel
          title="Sentiment over time"
          subtitle={`Posts per ${span.toLowerCase()} · bars: volume by label · line: mean score (right axis)`}
          className="xl:col-span-2"
          actions={<ExportButtons visibleWindows={view.windows.length} />}
        >
          <SentimentChart windows={view.windows} />
        </Panel>

        {/* The feed fills the height of the two panels beside it without adding to it: its
            panel is positioned over a grid cell that has no content of its own. */}
        <div className="relative h-[36rem] xl:row-span-2 xl:h-auto">
          <Panel title="Live feed" subtitle="Coloured by sentiment · links open in a new tab" className="absolute inset-0 overflow-hidden">
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
            <TrackedPanel windows={view.windows} tracked={view.tracked} onRemove={canTrack ? remove : undefined} pending={pendingRemoval} />
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
