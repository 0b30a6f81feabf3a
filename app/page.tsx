import { Dashboard } from '../components/Dashboard';
import { ThemeToggle } from '../components/ThemeToggle';

export default function Home() {
  return (
    <div className="mx-auto flex max-w-[96rem] flex-col gap-4 px-3 py-4 sm:px-6 sm:py-6">
      <header className="flex items-center justify-between gap-3">
        <div className="flex min-w-0 items-center gap-3">
          <svg viewBox="0 0 32 32" className="h-9 w-9 shrink-0" aria-hidden="true">
            <rect width="32" height="32" rx="9" className="fill-indigo-600" />
            <path d="M6 19c3 0 3.5-7 6.5-7s3.5 9 6.5 9 3.5-6 7-6" fill="none" stroke="white" strokeWidth="2.4" strokeLinecap="round" strokeLinejoin="round" />
          </svg>
          <div className="min-w-0">
            <h1 className="text-lg font-semibold tracking-tight text-slate-900 dark:text-white">moodstream</h1>
            <p className="truncate text-xs text-slate-500 dark:text-slate-400">Live social-media sentiment, window by window</p>
          </div>
        </div>
        <ThemeToggle />
      </header>
      <main>
        <Dashboard />
      </main>
    </div>
  );
}
