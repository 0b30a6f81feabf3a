import { useRef, useState, type KeyboardEvent, type MouseEvent } from 'react';
import { flushSync } from 'react-dom';
import type { ScoredPost } from '../lib/stream/snapshot';
import { LABEL_BADGE, LABEL_ACCENT, formatClock, formatScore } from './format';
import { PostExplanation } from './PostExplanation';
import { PostText } from './PostText';

/** Posts rendered at once; the server's sample is already bounded, this bounds the DOM. */
const SHOWN = 40;
const EXPLANATION_ID = 'feed-post-explanation';

function FeedItem({ post, selected, onSelect }: { post: ScoredPost; selected: boolean; onSelect: () => void }) {
  // A click anywhere on the post selects it, except on its links, which keep doing what links do.
  const onClick = (e: MouseEvent<HTMLLIElement>) => {
    if (!(e.target as HTMLElement).closest('a, button')) onSelect();
  };
  return (
    <li
      onClick={onClick}
      className={`relative cursor-pointer rounded-lg py-2.5 pl-4 pr-1 transition ${selected ? 'bg-indigo-50 dark:bg-indigo-500/10' : 'hover:bg-slate-50 dark:hover:bg-slate-800/50'}`}
    >
      <span aria-hidden="true" className={`absolute bottom-2.5 left-0 top-2.5 w-1 rounded-full ${LABEL_ACCENT[post.label]}`} />
      <div className="flex items-center gap-2 text-xs text-slate-500 dark:text-slate-400">
        <span className="truncate font-medium text-slate-700 dark:text-slate-200">{post.author ? `@${post.author.replace(/^@/, '')}` : 'anonymous'}</span>
        <time dateTime={new Date(post.createdAt).toISOString()} className="shrink-0 tabular-nums">
          {formatClock(post.createdAt)}
        </time>
        {post.lang ? <span className="shrink-0 uppercase">{post.lang}</span> : null}
        {/* The badge is the keyboard's way in (Enter or Space), and says what it opens. */}
        <button
          type="button"
          onClick={onSelect}
          aria-expanded={selected}
          aria-controls={selected ? EXPLANATION_ID : undefined}
          aria-label={`${post.label === 'unscored' ? 'Unscored' : `Score ${formatScore(post.score)}, ${post.label}`}: ${selected ? 'hide' : 'show'} why`}
          data-explain-id={post.id}
          className={`ml-auto shrink-0 rounded-full px-2 py-0.5 font-mono text-[11px] font-medium tabular-nums transition hover:ring-2 hover:ring-indigo-300 focus-visible:outline-none focus-visible:ring-2 focus-visible:ring-indigo-500 dark:hover:ring-indigo-500/50 ${LABEL_BADGE[post.label]} ${selected ? 'ring-2 ring-indigo-500' : ''}`}
        >
          {post.label === 'unscored' ? 'unscored' : formatScore(post.score)}
          <span aria-hidden="true" className="ml-1 opacity-60">?</span>
        </button>
      </div>
      <p className="mt-1 whitespace-pre-line break-words text-sm leading-snug text-slate-800 dark:text-slate-200">
        <PostText text={post.text} />
      </p>
    </li>
  );
}

/**
 * React keys that stay with their post when newer ones are prepended (so a focused score keeps
 * its focus); a looping replay can repeat an id, and a repeat gets its occurrence number.
 */
function stableKeys(posts: ScoredPost[]): string[] {
  const seen = new Map<string, number>();
  return posts.map((p) => {
    const n = seen.get(p.id) ?? 0;
    seen.set(p.id, n + 1);
    return n === 0 ? p.id : `${p.id}~${n}`;
  });
}

/**
 * Recent scored posts, newest first, coloured by sentiment; pausing freezes the list so it can be
 * read. Selecting a post (a click, or Enter / Space on its score) shows why it scored what it did
 * above the list and holds the list still until it is closed (Escape, or the close button).
 */
export function LiveFeed({ posts }: { posts: ScoredPost[] }) {
  const [frozen, setFrozen] = useState<ScoredPost[] | null>(null);
  const [selected, setSelected] = useState<ScoredPost | null>(null);
  /** Whether the list was paused by selecting a post (and resumes when it is closed), not by the user. */
  const [pausedForSelection, setPausedForSelection] = useState(false);
  const root = useRef<HTMLDivElement>(null);
  const list = useRef<HTMLOListElement>(null);
  const shown = (frozen ?? posts).slice(0, SHOWN);
  const keys = stableKeys(shown);
  const waiting = frozen ? posts.findIndex((p) => p.id === frozen[0]?.id) : 0;
  const newCount = frozen ? (waiting < 0 ? posts.length : waiting) : 0;

  function select(post: ScoredPost) {
    if (selected?.id === post.id) return close();
    // A live list would scroll the post being read away, and its focused score with it.
    if (!frozen) {
      setFrozen(posts);
      setPausedForSelection(true);
    }
    setSelected(post);
  }

  /** Closes the explanation, resumes a list paused for it, and gives focus back to the post's score (or the list). */
  function close() {
    const id = selected?.id;
    // Rendered at once, so the focus goes to what is on the screen after resuming.
    flushSync(() => {
      setSelected(null);
      if (pausedForSelection) {
        setFrozen(null);
        setPausedForSelection(false);
      }
    });
    const opener = [...(root.current?.querySelectorAll<HTMLButtonElement>('[data-explain-id]') ?? [])].find((b) => b.dataset.explainId === id);
    (opener ?? list.current)?.focus();
  }

  const onKeyDown = (e: KeyboardEvent<HTMLDivElement>) => {
    if (e.key === 'Escape' && selected) {
      e.preventDefault();
      close();
    }
  };

  return (
    // Escape is caught anywhere in the feed, where the focus is while a post is selected.
    <div ref={root} className="flex min-h-0 flex-1 flex-col" onKeyDown={onKeyDown}>
      <div className="mb-2 flex items-center justify-between gap-2">
        <p className="text-xs text-slate-500 dark:text-slate-400" aria-live="polite">
          {frozen ? `Paused${pausedForSelection ? ' while a post is explained' : ''} · ${newCount}${newCount >= posts.length && newCount > 0 ? '+' : ''} new` : 'Live sample of scored posts'}
        </p>
        <button
          type="button"
          aria-pressed={frozen !== null}
          onClick={() => {
            setFrozen(frozen ? null : posts);
            setPausedForSelection(false);
          }}
          className="inline-flex items-center gap-1.5 rounded-lg border border-slate-300 px-2.5 py-1 text-xs font-medium text-slate-700 transition hover:bg-slate-100 focus-visible:outline-none focus-visible:ring-2 focus-visible:ring-indigo-500 dark:border-slate-700 dark:text-slate-200 dark:hover:bg-slate-800"
        >
          {frozen ? (
            <svg viewBox="0 0 16 16" className="h-3.5 w-3.5" aria-hidden="true"><path d="M5 3.5v9l7-4.5z" fill="currentColor" /></svg>
          ) : (
            <svg viewBox="0 0 16 16" className="h-3.5 w-3.5" aria-hidden="true"><path d="M5 3.5h2v9H5zM9 3.5h2v9H9z" fill="currentColor" /></svg>
          )}
          {frozen ? 'Resume' : 'Pause'}
        </button>
      </div>
      {selected ? (
        <div className="mb-2 max-h-[55%] shrink-0 overflow-y-auto">
          <PostExplanation post={selected} id={EXPLANATION_ID} onClose={close} />
        </div>
      ) : null}
      {shown.length === 0 ? (
        <p className="py-10 text-center text-sm text-slate-500 dark:text-slate-400">No posts yet.</p>
      ) : (
        <ol
          ref={list}
          tabIndex={-1}
          className="min-h-0 flex-1 divide-y divide-slate-100 overflow-y-auto pr-1 focus:outline-none dark:divide-slate-800"
          data-testid="live-feed"
          aria-label="Recent posts"
        >
          {shown.map((p, i) => (
            <FeedItem key={keys[i]} post={p} selected={selected?.id === p.id} onSelect={() => select(p)} />
          ))}
        </ol>
      )}
    </div>
  );
}
