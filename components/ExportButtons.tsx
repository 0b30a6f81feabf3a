/** Links styled as buttons: a download is navigation, so an anchor with `download` is the right element. */
const LINK =
  'inline-flex items-center gap-1.5 rounded-lg border border-slate-300 bg-white px-3 py-1.5 text-xs font-medium text-slate-700 shadow-sm transition hover:bg-slate-50 focus-visible:outline-none focus-visible:ring-2 focus-visible:ring-indigo-500 dark:border-slate-700 dark:bg-slate-900 dark:text-slate-200 dark:hover:bg-slate-800';

function DownloadIcon() {
  return (
    <svg viewBox="0 0 16 16" className="h-3.5 w-3.5" aria-hidden="true">
      <path d="M8 2.5v8m0 0L4.8 7.3M8 10.5l3.2-3.2M3 13.5h10" stroke="currentColor" strokeWidth="1.6" fill="none" strokeLinecap="round" strokeLinejoin="round" />
    </svg>
  );
}

/**
 * CSV downloads of the current window and of the windows the charts show: the live ones, or with
 * `historyHref` a stored range.
 */
export function ExportButtons({ visibleWindows, historyHref }: { visibleWindows: number; historyHref?: string }) {
  return (
    <div className="flex flex-wrap items-center gap-2" role="group" aria-label="Export CSV">
      <a href="/api/export?last=1" download className={LINK} data-testid="export-current">
        <DownloadIcon />
        Current window
      </a>
      <a
        href={historyHref ?? `/api/export?last=${Math.max(1, visibleWindows)}`}
        download
        className={LINK}
        data-testid="export-history"
        aria-disabled={visibleWindows === 0 ? true : undefined}
      >
        <DownloadIcon />
        {historyHref ? 'Stored range' : `Visible history${visibleWindows > 0 ? ` (${visibleWindows})` : ''}`}
      </a>
    </div>
  );
}
