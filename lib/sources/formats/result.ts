import type { Post } from '../../post';
import { isBlank } from './fields';

/**
 * What a format parser makes of one record (a line, or for CSV the lines of one record).
 *
 * - `{ ok: true, post }`: a usable post.
 * - `{ ok: false, skip: true, reason }`: a well-formed record that is not a post (a blank line,
 *   the CSV header, a Jetstream identity/account/delete event or another collection). Not an error:
 *   sources do not count it as malformed.
 * - `{ ok: false, error }`: a malformed record; sources count and report it, then go on.
 *
 * Narrow with `r.ok`, then `'skip' in r`.
 */
export type ParseResult =
  | { ok: true; post: Post }
  | { ok: false; error: string }
  | { ok: false; skip: true; reason: string };

export function malformed(error: string): ParseResult {
  return { ok: false, error };
}

export function skipped(reason: string): ParseResult {
  return { ok: false, skip: true, reason };
}

/** True when the result is a skip (not a post, not an error). */
export function isSkip(r: ParseResult): r is { ok: false; skip: true; reason: string } {
  return !r.ok && 'skip' in r;
}

/**
 * The JSON value of one line, or the result that stands for the line when there is none: a blank
 * line is skipped, bad JSON is malformed.
 */
export function readJsonLine(line: string): { value: unknown } | { result: ParseResult } {
  if (isBlank(line)) return { result: skipped('blank line') };
  try {
    return { value: JSON.parse(line) };
  } catch (e) {
    return { result: malformed(`bad JSON: ${(e as Error).message}`) };
  }
}
