import { createPost } from '../../post';
import { normalizeHashtags, optionalString, parseCreatedAt, readId } from './fields';
import { malformed, readJsonLine, type ParseResult } from './result';

/**
 * Parses one JSON Lines record: an object with `id` (string, or a safe integer), `text` (string),
 * `created_at` (ISO-8601 string, UTC when it has no zone, or epoch-ms number) and optionally
 * `author`, `lang` (strings) and `hashtags` (array of strings, `#` added when missing).
 * Other fields are ignored. A blank line is skipped.
 *
 * @param source the `Post.source` to stamp (`replay`, `dir`, `tcp` ...)
 */
export function parseJsonLine(line: string, source: string): ParseResult {
  const read = readJsonLine(line);
  if ('result' in read) return read.result;
  const v = read.value;
  if (typeof v !== 'object' || v === null || Array.isArray(v)) return malformed('not a JSON object');
  return postFromFields(v as Record<string, unknown>, source, false);
}

/**
 * Builds a post from the columns shared by JSON Lines and CSV.
 * @param fromCsv CSV cells are all text: there `"1700000000000"` is epoch ms and `hashtags` is one
 *   cell of tags separated by spaces or commas
 */
export function postFromFields(o: Record<string, unknown>, source: string, fromCsv: boolean): ParseResult {
  if (o.id === undefined || o.id === null || o.id === '') return malformed('missing id');
  const id = readId(o.id);
  if (id === null) return malformed('id must be a string or a safe integer');
  if (typeof o.text !== 'string') return malformed(o.text === undefined ? 'missing text' : 'text is not a string');
  if (o.created_at === undefined || o.created_at === null || o.created_at === '') return malformed('missing created_at');
  const createdAt = parseCreatedAt(o.created_at, fromCsv);
  if (createdAt === null) return malformed(`bad created_at: ${JSON.stringify(o.created_at).slice(0, 60)}`);
  const post = createPost(id, o.text, createdAt, optionalString(o.author), optionalString(o.lang), source);
  if (o.hashtags !== undefined && o.hashtags !== null && o.hashtags !== '') {
    const tags = readHashtags(o.hashtags, fromCsv);
    if (tags === null) return malformed('hashtags must be an array of strings');
    if (tags.length > 0) post.hashtags = tags;
  }
  return { ok: true, post };
}

function readHashtags(v: unknown, fromCsv: boolean): string[] | null {
  if (fromCsv && typeof v === 'string') return normalizeHashtags(v.split(/[\s,]+/));
  if (!Array.isArray(v) || !v.every((t) => typeof t === 'string')) return null;
  return normalizeHashtags(v as string[]);
}
