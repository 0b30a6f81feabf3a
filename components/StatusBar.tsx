import type { BatchProcessed, SourceStatus } from '../lib/contract';
import { formatCount, formatDuration } from './format';
import type { ConnectionState } from './useStream';

const SOURCE_STATE: Record<string, { label: string; dot: string }> = {
  starting: { label: 'Starting', dot: 'bg-sky-400' },
  live: { label: 'Live', dot: 'bg-emerald-500' },
  reconnecting: { label: 'Reconnecting', dot: 'bg-amber-500' },
  ended: { label: 'Ended', dot: 'bg-slate-400' },
  failed: { label: 'Failed', dot: 'bg-rose-500' },
  stopped: { label: 'Stopped', dot: 'bg-slate-400' },
};

const CONNECTION: Record<ConnectionState, { label: string; dot: string }> = {
  connecting: { label: 'Connecting…', dot: 'bg-sky-400' },
  connected: { label: 'Connected', dot: 'bg-emerald-500' },
  reconnecting: { label: 'Reconnecting…', dot: 'bg-amber-500' },
};

function Metric({ label, value, title }: { label: string; value: string; title?: string }) {
  return (
    <div className="flex min-w-0 flex-col" title={title}>
      <dt className="text-[11px] font-medium uppercase tracking-wide text-slate-500 dark:text-slate-400">{label}</dt>
      <dd className="truncate font-mono text-sm tabular-nums text-slate-900 dark:text-slate-100">{value}</dd>
    </div>
  );
}

function Dot({ className, pulse }: { className: string; pulse?: boolean }) {
  return (
    <span className="relative flex h-2.5 w-2.5 shrink-0" aria-hidden="true">
      {pulse ? <span className={`absolute inline-flex h-full w-full animate-ping rounded-full opacity-60 ${className}`} /> : null}
      <span className={`relative inline-flex h-2.5 w-2.5 rounded-full ${className}`} />
    </span>
  );
}

interface StatusBarProps {
  connection: ConnectionState;
  status: SourceStatus | null;
  lastBatch: BatchProcessed | null;
}

/** Source, connection and throughput at a glance. */
export function StatusBar({ connection, status, lastBatch }: StatusBarProps) {
  const state = SOURCE_STATE[status?.state ?? 'starting'] ?? { label: status?.state ?? '', dot: 'bg-slate-400' };
  const conn = CONNECTION[connection];
  const errors = status ? Object.entries(status.errors).filter(([, n]) => n > 0) : [];
  const errorTotal = errors.reduce((sum, [, n]) => sum + n, 0);
  return (
    <section
      aria-label="Stream status"
      className="rounded-2xl border border-slate-200 bg-white px-4 py-3 shadow-sm dark:border-slate-800 dark:bg-slate-900"
    >
      <dl className="grid grid-cols-2 gap-x-6 gap-y-3 sm:grid-cols-3 lg:grid-cols-6">
        <div className="flex min-w-0 flex-col">
          <dt className="text-[11px] font-medium uppercase tracking-wide text-slate-500 dark:text-slate-400">Source</dt>
          <dd className="flex min-w-0 items-center gap-2 text-sm text-slate-900 dark:text-slate-100">
            <Dot className={state.dot} pulse={status?.state === 'live'} />
            <span className="font-medium capitalize">{status?.kind ?? '—'}</span>
            <span className="truncate text-slate-500 dark:text-slate-400" data-testid="source-state" title={status?.detail ?? undefined}>
              {state.label}
              {status?.detail && status.state !== 'live' ? ` · ${status.detail}` : ''}
            </span>
          </dd>
        </div>
        <div className="flex min-w-0 flex-col">
          <dt className="text-[11px] font-medium uppercase tracking-wide text-slate-500 dark:text-slate-400">Dashboard</dt>
          <dd className="flex items-center gap-2 text-sm text-slate-900 dark:text-slate-100" data-testid="connection">
            <Dot className={conn.dot} />
            {conn.label}
          </dd>
        </div>
        <Metric label="Posts / s" value={status ? formatCount(Math.round(status.postsPerSecond)) : '—'} />
        <Metric
          label="Batch time"
          value={lastBatch ? formatDuration(lastBatch.processingMs) : '—'}
          title="Time the engine spent on the latest micro-batch"
        />
        <Metric
          label="End-to-end lag"
          value={lastBatch ? formatDuration(lastBatch.lagMs) : '—'}
          title="Wall clock at the end of processing minus the end of the latest batch"
        />
        <Metric
          label="Skipped"
          value={errorTotal > 0 ? formatCount(errorTotal) : 'none'}
          title={errors.length > 0 ? errors.map(([k, n]) => `${k}: ${n}`).join(', ') : 'No record skipped'}
        />
      </dl>
    </section>
  );
}
