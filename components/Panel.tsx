import type { ReactNode } from 'react';

interface PanelProps {
  title: string;
  /** Short line under the title: what the panel shows and over which span. */
  subtitle?: ReactNode;
  /** Controls at the right of the header. */
  actions?: ReactNode;
  className?: string;
  children: ReactNode;
  /** `aria-labelledby` target; defaults to a slug of the title. */
  id?: string;
}

/** The card every dashboard section sits in. */
export function Panel({ title, subtitle, actions, className = '', children, id }: PanelProps) {
  const headingId = `${id ?? title.toLowerCase().replace(/[^a-z0-9]+/g, '-')}-title`;
  return (
    <section
      aria-labelledby={headingId}
      className={`flex min-w-0 flex-col rounded-2xl border border-slate-200 bg-white p-4 shadow-sm sm:p-5 dark:border-slate-800 dark:bg-slate-900 ${className}`}
    >
      <header className="mb-3 flex flex-wrap items-start justify-between gap-2">
        <div className="min-w-0">
          <h2 id={headingId} className="text-sm font-semibold text-slate-900 dark:text-slate-100">
            {title}
          </h2>
          {subtitle ? <p className="mt-0.5 text-xs text-slate-500 dark:text-slate-400">{subtitle}</p> : null}
        </div>
        {actions ? <div className="flex shrink-0 items-center gap-2">{actions}</div> : null}
      </header>
      {children}
    </section>
  );
}

/** Placeholder shown in a panel before the first window arrives. */
export function EmptyState({ children }: { children: ReactNode }) {
  return (
    <div className="flex flex-1 items-center justify-center rounded-xl border border-dashed border-slate-200 px-4 py-10 text-center text-sm text-slate-500 dark:border-slate-700 dark:text-slate-400">
      {children}
    </div>
  );
}
