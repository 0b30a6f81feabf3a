import type { ScoredPost } from '../lib/stream/snapshot';
import { LABEL_BADGE, formatClock, formatScore, formatWeight } from './format';
import { PostText } from './PostText';

/** Largest |weight| a bar is drawn against, so one strong word does not flatten the rest to nothing. */
const BAR_FLOOR = 1;

/** What the panel says instead of a list, when there is none. */
function emptyReason(post: ScoredPost): string | null {
  if (post.label === 'unscored') {
    return `Not scored: there is no sentiment lexicon for ${post.lang ? `this language (${post.lang})` : 'its language'}.`;
  }
  if (post.contributions === undefined) return 'The server did not explain this post.';
  if (post.contributions.length === 0) return 'No word of the lexicon moved this score.';
  return null;
}

/**
 * Why one post scored what it did: the tokens that moved its score, strongest first, with their
 * weights after negation, intensifiers, contrast and emphasis (in lexicon units; their sum is
 * normalized to the score in [-1, 1]). The post's text is rendered as text.
 */
export function PostExplanation({ post, id, onClose, quote = true }: {
  post: ScoredPost;
  /** For the opener's `aria-controls`. */
  id: string;
  onClose: () => void;
  /** Whether to repeat the post's text (the feed's panel does; an inline one sits under the text). */
  quote?: boolean;
}) {
  const tokens = [...(post.contributions ?? [])].sort((a, b) => Math.abs(b.weight) - Math.abs(a.weight));
  const max = Math.max(BAR_FLOOR, ...tokens.map((c) => Math.abs(c.weight)));
  const sum = tokens.reduce((s, c) => s + c.weight, 0);
  const reason = emptyReason(post);
  return (
    <section
      id={id}
      aria-label={`Why this post scored ${post.label === 'unscored' ? 'nothing' : formatScore(post.score)}`}
      data-testid="post-explanation"
      className="rounded-xl border border-indigo-200 bg-indigo-50/60 p-3 text-sm dark:border-indigo-500/30 dark:bg-indigo-500/10"
    >
      <div className="flex items-start justify-between gap-2">
        <h3 className="text-xs font-semibold text-slate-900 dark:text-slate-100">
          Why{' '}
          <span className={`rounded-full px-1.5 py-0.5 font-mono tabular-nums ${LABEL_BADGE[post.label]}`}>
            {post.label === 'unscored' ? 'unscored' : `${formatScore(post.score)} ${post.label}`}
          </span>
        </h3>
        <button
          type="button"
          onClick={onClose}
          aria-label="Close the explanation (Escape)"
          className="-m-1 rounded p-1 text-slate-500 hover:bg-white hover:text-slate-800 focus-visible:outline-none focus-visible:ring-2 focus-visible:ring-indigo-500 dark:text-slate-400 dark:hover:bg-slate-800 dark:hover:text-slate-100"
        >
          <svg viewBox="0 0 16 16" className="h-3.5 w-3.5" aria-hidden="true"><path d="M4 4l8 8M12 4l-8 8" stroke="currentColor" strokeWidth="1.75" strokeLinecap="round" /></svg>
        </button>
      </div>
      {quote ? (
        <p className="mt-1.5 line-clamp-3 break-words text-xs text-slate-600 dark:text-slate-300">
          <span className="font-medium text-slate-700 dark:text-slate-200">
            {post.author ? `@${post.author.replace(/^@/, '')}` : 'anonymous'} · {formatClock(post.createdAt)}:
          </span>{' '}
          <PostText text={post.text} />
        </p>
      ) : null}
      {reason ? (
        <p className="mt-2 text-xs text-slate-600 dark:text-slate-300">{reason}</p>
      ) : (
        <>
          <ol className="mt-2 flex flex-col gap-1" aria-label="Tokens that moved the score, strongest first">
            {tokens.map((c, i) => (
              <li key={`${c.token}-${i}`} className="grid grid-cols-[minmax(0,7rem)_minmax(0,1fr)_3.5rem] items-center gap-2 text-xs">
                <span className="truncate font-mono text-slate-800 dark:text-slate-100" title={c.token}>{c.token}</span>
                <span className="h-1.5 overflow-hidden rounded-full bg-slate-200/70 dark:bg-slate-700/60" aria-hidden="true">
                  <span
                    className={`block h-full rounded-full ${c.weight > 0 ? 'bg-emerald-500' : 'bg-rose-500'}`}
                    style={{ width: `${Math.max(4, (Math.abs(c.weight) / max) * 100)}%` }}
                  />
                </span>
                <span
                  className={`text-right font-mono tabular-nums ${c.weight > 0 ? 'text-emerald-700 dark:text-emerald-400' : 'text-rose-700 dark:text-rose-400'}`}
                >
                  {formatWeight(c.weight)}
                </span>
              </li>
            ))}
          </ol>
          <p className="mt-2 text-[11px] leading-snug text-slate-500 dark:text-slate-400">
            Sum {formatWeight(sum)} → score {formatScore(post.score)}, {post.label}. Weights in lexicon units, after negation,
            intensifiers, contrast and emphasis.
          </p>
        </>
      )}
    </section>
  );
}
