/**
 * Hashtag and mention normalization, and CamelCase splitting for scoring.
 */

// Tags in plain ASCII letters, digits and `_`/`.`/`-` (with their sigil or not) need no NFKC or trim.
const PLAIN_TAG = /^[#@]?[A-Za-z0-9_.-]+$/;

/** NFKC, lowercase, with its `#` (added when missing): `＃NotHappy` -> `#nothappy`. */
export function normalizeHashtag(tag: string): string {
  const t = PLAIN_TAG.test(tag) ? tag.toLowerCase() : tag.normalize('NFKC').toLowerCase().trim();
  return t.charCodeAt(0) === 35 ? t : `#${t}`;
}

/** NFKC, lowercase, with its `@` (added when missing): `Alice.bsky.social` -> `@alice.bsky.social`. */
export function normalizeMention(handle: string): string {
  const t = PLAIN_TAG.test(handle) ? handle.toLowerCase() : handle.normalize('NFKC').toLowerCase().trim();
  return t.charCodeAt(0) === 64 ? t : `@${t}`;
}

function isUpper(c: number, s: string, i: number): boolean {
  if (c >= 65 && c <= 90) return true;
  if (c < 128) return false;
  const ch = s[i] as string;
  return ch !== ch.toLowerCase();
}

function isLower(c: number, s: string, i: number): boolean {
  if (c >= 97 && c <= 122) return true;
  if (c < 128) return false;
  const ch = s[i] as string;
  return ch !== ch.toUpperCase();
}

function isDigit(c: number): boolean {
  return c >= 48 && c <= 57;
}

/**
 * Splits a hashtag as written (original case, with or without `#`) into lowercased words at
 * case changes, letter/digit changes and underscores: `#NotHappy` -> `['not', 'happy']`,
 * `#iPhone15Pro` -> `['i', 'phone', '15', 'pro']`, `#NASAFail` -> `['nasa', 'fail']`,
 * `#not_happy` -> `['not', 'happy']`. A tag in one case comes back whole (`#nothappy` -> `['nothappy']`).
 */
export function splitHashtag(tag: string): string[] {
  const s = tag.charCodeAt(0) === 35 ? tag.slice(1) : tag;
  const n = s.length;
  const words: string[] = [];
  let start = 0;
  for (let i = 0; i < n; i++) {
    const c = s.charCodeAt(i);
    if (c === 95) {
      if (i > start) words.push(s.slice(start, i).toLowerCase());
      start = i + 1;
      continue;
    }
    if (i === start) continue;
    const p = s.charCodeAt(i - 1);
    const boundary =
      isDigit(c) !== isDigit(p) ||
      (isUpper(c, s, i) && isLower(p, s, i - 1)) ||
      // End of an acronym: the last capital of `NASAFail` starts the next word.
      (isUpper(p, s, i - 1) && isUpper(c, s, i) && i + 1 < n && isLower(s.charCodeAt(i + 1), s, i + 1));
    if (boundary) {
      words.push(s.slice(start, i).toLowerCase());
      start = i;
    }
  }
  if (n > start) words.push(s.slice(start).toLowerCase());
  return words;
}
