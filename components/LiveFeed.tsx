import { useState } from 'react';
import type { ScoredPost } from '../lib/stream/snapshot';
import { LABEL_BADGE, LABEL_ACCENT, formatClock, formatScore } from './format';
import { PostText } from './PostText';

/** Posts rendered at once; the server's sample is already bounded, this bounds the DOM. */
const SHOWN = 40;

/** The words that moved the score, for the badge's tooltip (`love +3 · not good −1.5`). */
function explain(post: ScoredPost): string | undefined {
  if (post.label === 'unscored') return 'No sentiment lexicon for this language';
  const parts = (post.contributions ?? [])
    .filter((c) => c.weight !== 0)
    .map((c) => `${c.token} ${c.weight > 0 ? '+' : '−'}${Math.abs(c.weight)}`);
  return parts.length > 0 ? `Scored by: ${parts.join(' · ')}` : 'No word in the lexicon';
}

function FeedItem({ post }: { post: ScoredPost }) {
  return (
    <li className="relative py-2.5 pl-4 pr-1">
      <span aria-hidden="true" className={`absolute bottom-2.5 left-0 top-2.5 w-1 rounded-full ${LABEL_ACCENT[post.label]}`} />
      <div className="flex items-center gap-2 text-xs text-slate-500 dark:text-slate-400">
        <span className="truncate font-medium text-slate-700 dark:text-slate-200">{post.author ? `@${post.author.replace(/^@/, '')}` : 'anonymous'}</span>
        <time dateTime={new Date(post.createdAt).toISOString()} className="shrink-0 tabular-nums">
          {formatClock(post.createdAt)}
        </time>
        {post.lang ? <span className="shrink-0 uppercase">{post.lang}</span> : null}
        <span
          className={`ml-auto shrink-0 rounded-full px-2 py-0.5 font-mono text-[11px] font-medium tabular-nums ${LABEL_BADGE[post.label]}`}
          title={explain(post)}
        >
          {post.label === 'unscored' ? 'unscored' : formatScore(post.score)}
        </span>
      </div>
      <p className="mt-1 whitespace-pre-line break-words text-sm leading-snug text-slate-800 dark:text-slate-200">
        <PostText text={post.text} />
      </p>
    </li>
  );
}

/** Recent scored posts, newest first, coloured by sentiment; pausing freezes the list so it can be read. */
export function LiveFeed({ posts }: { posts: ScoredPost[] }) {
  const [frozen, setFrozen] = useState<ScoredPost[] | null>(null);
  const shown = (frozen ?? posts).slice(0, SHOWN);
  const waiting = frozen ? posts.findIndex((p) => p.id === frozen[0]?.id) : 0;
  const newCount = frozen ? (waiting < 0 ? posts.length : waiting) : 0;
  return (
    <div className="flex min-h-0 flex-1 flex-col">
      <div className="mb-2 flex items-center justify-between gap-2">
        <p className="text-xs text-slate-500 dark:text-slate-400" aria-live="polite">
          {frozen ? `Paused · ${newCount}${newCount >= posts.length && newCount > 0 ? '+' : ''} new` : 'Live sample of scored posts'}
        </p>
        <button
          type="button"
          aria-pressed={frozen !== null}
          onClick={() => setFrozen(frozen ? null : posts)}
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
      {shown.length === 0 ? (
        <p className="py-10 text-center text-sm text-slate-500 dark:text-slate-400">No posts yet.</p>
      ) : (
        <ol className="min-h-0 flex-1 divide-y divide-slate-100 overflow-y-auto pr-1 dark:divide-slate-800" data-testid="live-feed" aria-label="Recent posts">
          {shown.map((p, i) => (
            // A looping replay can repeat ids; the position keeps keys unique.
            <FeedItem key={`${p.id}-${i}`} post={p} />
          ))}
        </ol>
      )}
    </div>
  );
}
