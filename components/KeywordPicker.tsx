import { useId, useState, type FormEvent } from 'react';
import { MAX_QUERY_LENGTH } from '../lib/contract';
import { parseQuery } from '../lib/query';

export interface PickerError {
  message: string;
  /** Offset in the query where the problem is, when known. */
  position?: number;
}

interface KeywordPickerProps {
  /** Sends the query; resolves with an error to show, or null once it is tracked. */
  onAdd: (query: string) => Promise<PickerError | null>;
  disabled: boolean;
  /** Why the picker is disabled, shown in place of the hint. */
  disabledReason?: string;
  /** An error from elsewhere (a click on a hashtag that the server refused). */
  externalError?: PickerError | null;
  tracked: string[];
  maxKeywords: number;
}

/** The query as typed, with a caret under the error position. */
function ErrorMarker({ query, position }: { query: string; position: number }) {
  const at = Math.min(Math.max(position, 0), query.length);
  return (
    <span aria-hidden="true" className="mt-1 block overflow-x-auto whitespace-pre font-mono text-xs text-rose-700 dark:text-rose-300">
      {query}
      {'\n'}
      {' '.repeat(at)}^
    </span>
  );
}

/**
 * An input for a query in the engine's syntax. It checks the syntax as you type (the same parser
 * the server runs) and shows the server's answer when adding fails. Enter submits.
 */
export function KeywordPicker({ onAdd, disabled, disabledReason, externalError, tracked, maxKeywords }: KeywordPickerProps) {
  const [query, setQuery] = useState('');
  const [serverError, setServerError] = useState<PickerError | null>(null);
  const [busy, setBusy] = useState(false);
  const inputId = useId();
  const hintId = useId();
  const errorId = useId();

  const trimmed = query.trim();
  let localError: PickerError | null = null;
  if (trimmed.length > MAX_QUERY_LENGTH) {
    localError = { message: `Too long: at most ${MAX_QUERY_LENGTH} characters (this is ${trimmed.length}).` };
  } else if (trimmed.length > 0) {
    const parsed = parseQuery(trimmed);
    if (!parsed.ok) localError = { message: parsed.error, position: parsed.position };
    else if (tracked.includes(trimmed)) localError = { message: 'Already tracked.' };
  }
  const full = tracked.length >= maxKeywords;
  const error = serverError ?? localError ?? (query === '' ? externalError ?? null : null);

  async function submit(event: FormEvent) {
    event.preventDefault();
    if (busy || disabled || trimmed === '' || localError || full) return;
    setBusy(true);
    const result = await onAdd(trimmed);
    setBusy(false);
    if (result) setServerError(result);
    else setQuery('');
  }

  return (
    <form onSubmit={submit} noValidate className="flex flex-col gap-1.5">
      <label htmlFor={inputId} className="text-xs font-medium text-slate-600 dark:text-slate-300">
        Track a query
      </label>
      <div className="flex gap-2">
        <input
          id={inputId}
          name="query"
          type="text"
          autoComplete="off"
          spellCheck={false}
          value={query}
          disabled={disabled}
          placeholder='e.g. #launch OR "battery life" -lang:es'
          aria-invalid={error ? true : undefined}
          aria-describedby={error ? errorId : hintId}
          onChange={(e) => {
            setQuery(e.target.value);
            setServerError(null);
          }}
          className="min-w-0 flex-1 rounded-lg border border-slate-300 bg-white px-3 py-2 font-mono text-sm text-slate-900 placeholder:font-sans placeholder:text-slate-400 focus:border-indigo-500 focus:outline-none focus:ring-2 focus:ring-indigo-500/40 disabled:cursor-not-allowed disabled:opacity-60 aria-[invalid]:border-rose-400 dark:border-slate-700 dark:bg-slate-950 dark:text-slate-100 dark:placeholder:text-slate-500"
        />
        <button
          type="submit"
          disabled={disabled || busy || trimmed === '' || localError !== null || full}
          className="inline-flex items-center gap-1.5 rounded-lg bg-indigo-600 px-4 py-2 text-sm font-semibold text-white shadow-sm transition hover:bg-indigo-500 focus-visible:outline-none focus-visible:ring-2 focus-visible:ring-indigo-500 focus-visible:ring-offset-2 disabled:cursor-not-allowed disabled:bg-slate-300 disabled:text-slate-500 dark:ring-offset-slate-900 dark:disabled:bg-slate-800 dark:disabled:text-slate-500"
        >
          <svg viewBox="0 0 16 16" className="h-4 w-4" aria-hidden="true">
            <path d="M8 3v10M3 8h10" stroke="currentColor" strokeWidth="2" strokeLinecap="round" />
          </svg>
          {busy ? 'Adding…' : 'Track'}
        </button>
      </div>
      {error ? (
        <p id={errorId} role="alert" className="text-xs text-rose-700 dark:text-rose-300" data-testid="picker-error">
          {error.message}
          {error.position !== undefined && trimmed !== '' ? <ErrorMarker query={trimmed} position={error.position} /> : null}
        </p>
      ) : (
        <p id={hintId} className="text-xs text-slate-500 dark:text-slate-400">
          {disabled && disabledReason
            ? disabledReason
            : full
              ? `The limit of ${maxKeywords} tracked queries is reached; remove one first.`
              : <>Words, <code className="font-mono">#hashtags</code>, <code className="font-mono">@mentions</code>, <code className="font-mono">&quot;phrases&quot;</code>, <code className="font-mono">OR</code>, <code className="font-mono">-not</code>, <code className="font-mono">lang:pt</code> and parentheses. {tracked.length}/{maxKeywords} tracked.</>}
        </p>
      )}
    </form>
  );
}
