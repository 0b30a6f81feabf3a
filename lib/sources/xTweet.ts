import { createPost, type Post } from '../post';
import { decodeEntities } from './mastodon';

/**
 * One line of the X API v2 filtered stream (`GET /2/tweets/search/stream`) to a post. Pure.
 *
 * A line is a JSON object `{ data: Tweet, includes?, matching_rules? }`, or `{ errors: [...] }`
 * when X reports a problem on the stream (an `operational-disconnect` before it closes it).
 * Keep-alives (`\r\n` alone) are the source's business: they never reach here.
 */

export type TweetLine =
  | { kind: 'post'; post: Post }
  | { kind: 'error'; message: string }
  | { kind: 'malformed'; message: string };

/** X's `lang` values that are not languages: undetermined, media-only, hashtags-only, and so on. */
const NOT_A_LANGUAGE = new Set(['und', 'qam', 'qct', 'qht', 'qme', 'qst', 'zxx', 'art']);

type Rec = Record<string, unknown>;
const isRecord = (v: unknown): v is Rec => typeof v === 'object' && v !== null && !Array.isArray(v);

function strings(list: unknown, field: string, prefix: string, accept: (s: string) => boolean = () => true): string[] {
  if (!Array.isArray(list)) return [];
  return list.flatMap((x) => {
    const v = isRecord(x) ? x[field] : undefined;
    return typeof v === 'string' && v !== '' && accept(v) ? [prefix + v] : [];
  });
}

/**
 * A v2 tweet object to a {@link Post} (source `x`). A long post's full text is in
 * `note_tweet.text` (with its own `entities`); `text` then holds only the first 280 characters.
 * X escapes `&`, `<` and `>` in text as entities; they are decoded once.
 * `author` is the username when `includes.users` has it, else `author_id`.
 */
export function tweetToPost(tweet: unknown, includes?: unknown): TweetLine {
  if (!isRecord(tweet)) return { kind: 'malformed', message: 'data is not an object' };
  const { id, created_at: createdAt } = tweet;
  if (typeof id !== 'string' || id === '') return { kind: 'malformed', message: 'tweet without an id' };
  const note = isRecord(tweet.note_tweet) && typeof tweet.note_tweet.text === 'string' ? tweet.note_tweet : null;
  const text = note?.text ?? tweet.text;
  if (typeof text !== 'string') return { kind: 'malformed', message: `tweet ${id}: text is not a string` };
  const time = typeof createdAt === 'string' ? Date.parse(createdAt) : Number.NaN;
  // created_at is requested in tweet.fields; without it there is no event time to batch by.
  if (!Number.isFinite(time)) return { kind: 'malformed', message: `tweet ${id}: missing or bad created_at` };
  const entities = isRecord(note?.entities) ? note.entities : isRecord(tweet.entities) ? tweet.entities : {};
  const authorId = typeof tweet.author_id === 'string' ? tweet.author_id : null;
  const users = isRecord(includes) && Array.isArray(includes.users) ? includes.users : [];
  const user = users.find((u): u is Rec => isRecord(u) && u.id === authorId);
  const lang = typeof tweet.lang === 'string' && tweet.lang !== '' && !NOT_A_LANGUAGE.has(tweet.lang) ? tweet.lang : null;
  const post = createPost(id, decodeEntities(text), time, typeof user?.username === 'string' ? user.username : authorId, lang, 'x');
  post.hashtags = strings(entities.hashtags, 'tag', '#');
  post.mentions = strings(entities.mentions, 'username', '@');
  post.links = strings(entities.urls, 'expanded_url', '', (u) => /^https?:\/\//i.test(u));
  return { kind: 'post', post };
}

/** Parses one non-empty line of the filtered stream. */
export function parseStreamLine(line: string): TweetLine {
  let v: unknown;
  try {
    v = JSON.parse(line);
  } catch {
    return { kind: 'malformed', message: 'line is not JSON' };
  }
  if (!isRecord(v)) return { kind: 'malformed', message: 'line is not a JSON object' };
  if (v.data !== undefined) return tweetToPost(v.data, v.includes);
  if (Array.isArray(v.errors)) {
    const first = v.errors.find(isRecord);
    const title = typeof first?.title === 'string' ? first.title : 'error';
    const detail = typeof first?.detail === 'string' ? `: ${first.detail}` : '';
    return { kind: 'error', message: `${title}${detail}`.slice(0, 300) };
  }
  return { kind: 'malformed', message: 'line has neither data nor errors' };
}
