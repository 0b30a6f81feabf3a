/**
 * One-pass tokenizer for social-media text.
 *
 * Keeps hashtags, mentions, URLs, ASCII emoticons and emoji as whole tokens, lowercases (URLs keep
 * their case: their paths are case-sensitive), applies NFKC (so fullwidth and "𝐛𝐨𝐥𝐝" letters become
 * plain ones) and keeps accents (`ótimo` stays `ótimo`). It walks UTF-16 code units with integer
 * tests only: no regex or allocation per character, and tokens are interned in a {@link Vocabulary}
 * (a token seen before costs no `slice`).
 *
 * @example
 * tokenize('Sooo GOOD :) #NotHappy @ana https://t.co/X 😂').text
 * // ['sooo', 'good', ':)', '#nothappy', '@ana', 'https://t.co/X', '😂']
 */

import { PACK_UNITS, packUnit, Vocabulary, type Interned } from './vocabulary';

export const TokenKind = {
  /** Letters (any script) and digits, with inner apostrophes and hyphens (`don't`, `covid-19`). */
  Word: 1,
  /** Digits only, with inner `.` or `,` (`3.5`, `1,000`). */
  Number: 2,
  /** `#tag`, lowercased, with its `#`. */
  Hashtag: 3,
  /** `@user` (Bluesky handles with dots included), lowercased, with its `@`. */
  Mention: 4,
  /** `http(s)://...` or `www....`, case kept, trailing punctuation left out. */
  Url: 5,
  /** ASCII emoticon, lowercased (`:D` -> `:d`, `&lt;3` -> `<3`). */
  Emoticon: 6,
  /** One pictograph (emoji or symbol); variation selectors and skin tones dropped; flags kept as pairs. */
  Emoji: 7,
  /** A run of `!`/`?`, a run of `.`, or one of `,` `;` `:`: clause and emphasis marks for scoring. */
  Punct: 8,
} as const;
export type TokenKind = (typeof TokenKind)[keyof typeof TokenKind];

/** Per-token flag bits in {@link Tokens.flags}. */
export const TokenFlag = {
  /** Written in capitals: at least two upper-case letters and no lower-case one (`GOOD`). */
  Caps: 1,
  /** A letter repeated three times or more in a row (`sooo`). */
  Elongated: 2,
  /** Capitalized: an upper-case first letter followed by lower-case ones only (`Miss`, `Good`). */
  Title: 4,
} as const;

/**
 * Tokens as parallel arrays. A caller that tokenizes a stream reuses one {@link TokenBuffer}, so
 * the arrays can be longer than the post: read the first `count`. The slot at `count` holds no
 * token (kind 0, text `''`), so looking one token ahead of the last finds none.
 */
export interface Tokens<W extends Interned = Interned> {
  count: number;
  /** Token strings in text order (see {@link TokenKind} for each kind's form). */
  text: string[];
  /** Each token's entry in the vocabulary it was interned in (its `text` is the token's); null for URLs, which are not interned. */
  entry: (W | null)[];
  /** {@link TokenKind} of each token. */
  kind: Uint8Array;
  /** {@link TokenFlag} bits. */
  flags: Uint8Array;
  /** UTF-16 offset of each token in `source`. */
  start: Int32Array;
  /** The NFKC-normalized text with its original case (lowercased instead in the rare case lowercasing changes its length). */
  source: string;
  /** Word tokens, and how many of them carry {@link TokenFlag.Caps} (so scorers need no second pass). */
  wordCount: number;
  capsCount: number;
  /** Whether any token is a URL. */
  hasUrl: boolean;
}

/** Reusable storage for the tokens of one post at a time: no allocation per post once it has grown to the longest. */
export class TokenBuffer<W extends Interned = Interned> implements Tokens<W> {
  count = 0;
  text: string[] = [];
  entry: (W | null)[] = [];
  kind = new Uint8Array(32);
  flags = new Uint8Array(32);
  start = new Int32Array(32);
  source = '';
  wordCount = 0;
  capsCount = 0;
  hasUrl = false;

  add(text: string, entry: W | null, kind: TokenKind, flags: number, start: number): void {
    const n = this.count;
    if (n + 1 >= this.kind.length) this.grow();
    this.text[n] = text;
    this.entry[n] = entry;
    this.kind[n] = kind;
    this.flags[n] = flags;
    this.start[n] = start;
    this.count = n + 1;
  }

  private grow(): void {
    const size = this.kind.length * 2;
    const kind = new Uint8Array(size);
    kind.set(this.kind);
    this.kind = kind;
    const flags = new Uint8Array(size);
    flags.set(this.flags);
    this.flags = flags;
    const start = new Int32Array(size);
    start.set(this.start);
    this.start = start;
  }
}

// Code-unit classes for ASCII: 1 = letter, 2 = digit.
const ASCII_CLASS = new Uint8Array(128);
for (let c = 97; c <= 122; c++) ASCII_CLASS[c] = 1;
for (let c = 65; c <= 90; c++) ASCII_CLASS[c] = 1;
for (let c = 48; c <= 57; c++) ASCII_CLASS[c] = 2;

/** True for a code unit that can be part of a word: letters of any script, digits, combining marks. */
function isWordUnit(c: number): boolean {
  if (c < 128) return ASCII_CLASS[c] !== 0;
  if (c < 0xc0) return c === 0xaa || c === 0xb5 || c === 0xba;
  if (c < 0x2000) return c !== 0xd7 && c !== 0xf7;
  if (c < 0x2c00) return false; // punctuation, symbols, arrows, dingbats
  if (c < 0x2e00) return true;
  if (c < 0x3040) return false; // CJK punctuation
  if (c < 0xd800) return true; // kana, CJK, Hangul, ...
  if (c < 0xdc00) return c < 0xd83c || c > 0xd83e; // high surrogate: letters beyond the BMP, not emoji planes
  if (c < 0xe000) return true; // low surrogate following a letter's high surrogate
  if (c >= 0xf900 && c < 0xfe00) return true;
  return c >= 0xfe70 && c < 0xff00;
}

/** BMP code units rendered as pictographs: ©, ®, ¦ and the symbol blocks from letterlike symbols to misc. arrows. */
function isBmpSymbol(c: number): boolean {
  return (c >= 0x2100 && c < 0x2c00) || c === 0xa9 || c === 0xae || c === 0xa6 || c === 0x3030 || c === 0x303d || c === 0x3297 || c === 0x3299;
}

/** Emoticons recognised, lowercased; matched longest first (4, 3, 2 units). */
export const EMOTICONS: ReadonlySet<string> = new Set([
  ':)', ':-)', ':]', '=)', ':d', ':-d', '=d', ';)', ';-)', ';d', ':p', ':-p', ';p', '(:', '^_^', '^^', ':*', ':-*',
  ":')", '<3', 'xd', 'xp', ':(', ':-(', ':[', '=(', ":'(", ":'-(", '</3', ':/', ':-/', ':\\', ':|', ':-|', '-_-',
  't_t', ';(', '>:(', ':@', ':s', ':o', ':-o', 'o_o',
]);
/**
 * First code units of the emoticons that start with punctuation (letter-led ones are checked in
 * words), as a table: every space and punctuation mark is tested, and an indexed load beats a Set.
 */
const EMOTICON_START = new Uint8Array(128);
for (const s of [':', ';', '=', '(', '^', '<', '>', '-']) EMOTICON_START[s.charCodeAt(0)] = 1;

/** True when `c` may not directly follow a token that ends in a letter (so `:pizza` is no emoticon). */
function endsCleanly(lower: string, end: number, lastUnit: number): boolean {
  if (end >= lower.length) return true;
  const next = lower.charCodeAt(end);
  if (ASCII_CLASS[lastUnit] === 1 || ASCII_CLASS[lastUnit] === 2) return !isWordUnit(next);
  // `:/` must not be the start of `://`, `:(` of a smiley run is fine.
  return !(lastUnit === 47 && next === 47);
}

function matchEmoticon(lower: string, i: number): number {
  for (let len = 4; len >= 2; len--) {
    if (i + len > lower.length) continue;
    const cand = lower.slice(i, i + len);
    if (EMOTICONS.has(cand) && endsCleanly(lower, i + len, lower.charCodeAt(i + len - 1))) return len;
  }
  return 0;
}

const NON_ASCII = /[\u0080-\uffff]/;

/**
 * Whether NFKC may change `text`. Plain ASCII, precomposed Latin letters (except the few with
 * compatibility forms, like `ĳ` and `ǆ`), curly quotes and dashes, ZWJ and VS16, arrows, dingbats
 * and emoji outside the enclosed-alphanumeric blocks are left as they are by NFKC (checked against
 * ICU code point by code point), so most posts skip the call.
 */
function mayChangeUnderNfkc(text: string): boolean {
  // The regex engine skips the ASCII prefix (most of a post) faster than a charCodeAt loop.
  const first = text.search(NON_ASCII);
  if (first < 0) return false;
  for (let i = first; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c < 0x80) continue;
    if (c >= 0xc0 && c <= 0x24f) {
      if (c === 0x132 || c === 0x133 || c === 0x13f || c === 0x140 || c === 0x149 || c === 0x17f) return true;
      if ((c >= 0x1c4 && c <= 0x1cc) || (c >= 0x1f1 && c <= 0x1f3)) return true;
      continue;
    }
    if (c === 0x2013 || c === 0x2014 || c === 0x2018 || c === 0x2019 || c === 0x201c || c === 0x201d || c === 0x200d || c === 0xfe0f) continue;
    if ((c >= 0x2190 && c <= 0x21ff) || (c >= 0x2600 && c <= 0x27bf) || (c >= 0x2b00 && c <= 0x2bff)) continue;
    if (c >= 0xd83c && c <= 0xd83e) {
      const lo = text.charCodeAt(i + 1);
      // U+1F100..U+1F1E5 and U+1F200..U+1F2FF (enclosed alphanumerics and ideographs) have compatibility forms.
      if (c === 0xd83c && ((lo >= 0xdd00 && lo <= 0xdde5) || (lo >= 0xde00 && lo <= 0xdeff))) return true;
      i++;
      continue;
    }
    return true;
  }
  return false;
}

const HTML_ENTITIES = ['&amp;', '&quot;', '&lt;', '&gt;', '&#39;', '&apos;'];

/**
 * Splits `text` into tokens in one pass.
 * @param text any post text; `\n`, tabs and other whitespace separate tokens.
 * @param vocab where tokens are interned; a caller that tokenizes a stream passes the same one
 *   every time, so equal tokens are one string and entry (a fresh one is used otherwise)
 * @param out where the tokens go (overwritten): a stream's caller reuses one
 */
export function tokenize(text: string): Tokens;
export function tokenize<W extends Interned>(text: string, vocab: Vocabulary<W>, out?: TokenBuffer<W>): Tokens<W>;
export function tokenize(
  text: string,
  vocab: Vocabulary<Interned> = new Vocabulary((t) => ({ text: t })),
  buffer?: TokenBuffer<Interned>,
): Tokens {
  const out = buffer ?? new TokenBuffer();
  let source = mayChangeUnderNfkc(text) ? text.normalize('NFKC') : text;
  const lower = source.toLowerCase();
  if (lower.length !== source.length) source = lower;
  out.count = 0;
  out.source = source;
  out.wordCount = 0;
  out.capsCount = 0;
  out.hasUrl = false;
  const n = lower.length;
  let prevWordish = false; // whether the previous code unit belongs to a word (for `a#b`, `me@x`)
  let i = 0;
  while (i < n) {
    const c = lower.charCodeAt(i);
    // Spaces are the most common separator: settle them before the punctuation tests.
    if (c === 32) {
      i++;
      prevWordish = false;
      continue;
    }

    if (c < 128 && ASCII_CLASS[c] === 0) {
      // URLs, hashtags, mentions, emoticons, punctuation, entities: all start on an ASCII non-alphanumeric.
      if (c === 35 /* # */ || c === 64 /* @ */) {
        if (!prevWordish) {
          const end = scanTag(lower, i + 1, c === 64);
          if (end > i + 1 && (c === 64 || hasNonDigit(lower, i + 1, end))) {
            push(out, vocab.lookup(lower, i, end), c === 35 ? TokenKind.Hashtag : TokenKind.Mention, 0, i);
            i = end;
            prevWordish = true;
            continue;
          }
        }
        i++;
        prevWordish = false;
        continue;
      }
      if (c === 38 /* & */) {
        if (lower.startsWith('&lt;3', i)) {
          push(out, vocab.intern('<3'), TokenKind.Emoticon, 0, i);
          i += 5;
          prevWordish = false;
          continue;
        }
        const ent = HTML_ENTITIES.find((e) => lower.startsWith(e, i));
        i += ent === undefined ? 1 : ent.length;
        prevWordish = false;
        continue;
      }
      if (EMOTICON_START[c] === 1) {
        const len = matchEmoticon(lower, i);
        if (len > 0) {
          push(out, vocab.lookup(lower, i, i + len), TokenKind.Emoticon, 0, i);
          i += len;
          prevWordish = false;
          continue;
        }
      }
      if (c === 33 /* ! */ || c === 63 /* ? */) {
        let j = i + 1;
        while (j < n && (lower.charCodeAt(j) === 33 || lower.charCodeAt(j) === 63)) j++;
        push(out, vocab.lookup(lower, i, j), TokenKind.Punct, 0, i);
        i = j;
      } else if (c === 46 /* . */) {
        let j = i + 1;
        while (j < n && lower.charCodeAt(j) === 46) j++;
        push(out, vocab.lookup(lower, i, j), TokenKind.Punct, 0, i);
        i = j;
      } else {
        if (c === 44 || c === 59 || c === 58) push(out, vocab.lookup(lower, i, i + 1), TokenKind.Punct, 0, i);
        i++;
      }
      prevWordish = false;
      continue;
    }

    if (isWordUnit(c)) {
      if (!prevWordish && (c === 104 /* h */ || c === 119 /* w */)) {
        const end = scanUrl(lower, i);
        if (end > i) {
          out.add(source.slice(i, end), null, TokenKind.Url, 0, i);
          out.hasUrl = true;
          i = end;
          prevWordish = true;
          continue;
        }
      }
      // `xD`, `T_T`, `o_o`: checked on the second unit first so ordinary words pay one comparison.
      const second = lower.charCodeAt(i + 1);
      if (!prevWordish && ((c === 120 && (second === 100 || second === 112)) || ((c === 116 || c === 111) && second === 95))) {
        const len = matchEmoticon(lower, i);
        if (len > 0) {
          push(out, vocab.lookup(lower, i, i + len), TokenKind.Emoticon, 0, i);
          i += len;
          continue;
        }
      }
      i = scanWord(out, vocab, source, lower, i);
      prevWordish = true;
      continue;
    }

    // Pictographs: surrogate pairs in the emoji planes, or BMP symbols.
    if (c >= 0xd83c && c <= 0xd83e && i + 1 < n) {
      const lo = lower.charCodeAt(i + 1);
      // Skin-tone modifiers (U+1F3FB..U+1F3FF) belong to the previous pictograph.
      if (c === 0xd83c && lo >= 0xdffb && lo <= 0xdfff) {
        i += 2;
        continue;
      }
      let end = i + 2;
      // Regional indicators (U+1F1E6..U+1F1FF) come in pairs: one flag.
      if (c === 0xd83c && lo >= 0xdde6 && lo <= 0xddff && lower.charCodeAt(i + 2) === 0xd83c) {
        const lo2 = lower.charCodeAt(i + 3);
        if (lo2 >= 0xdde6 && lo2 <= 0xddff) end = i + 4;
      }
      push(out, vocab.lookup(lower, i, end), TokenKind.Emoji, 0, i);
      i = end;
      prevWordish = false;
      continue;
    }
    if (isBmpSymbol(c)) {
      push(out, vocab.lookup(lower, i, i + 1), TokenKind.Emoji, 0, i);
    }
    // Anything else (whitespace, VS16, ZWJ, keycaps, other symbols) separates tokens.
    i++;
    prevWordish = false;
  }
  if (buffer === undefined) return trimmed(out);
  // The empty slot after the last token (see Tokens).
  out.add('', null, 0 as TokenKind, 0, n);
  out.count--;
  return out;
}

/** A one-off result sized to its tokens, for callers that read the arrays whole. */
function trimmed(out: TokenBuffer): Tokens {
  const n = out.count;
  out.text.length = n;
  out.entry.length = n;
  return { ...out, kind: out.kind.slice(0, n), flags: out.flags.slice(0, n), start: out.start.slice(0, n) };
}

function push(out: TokenBuffer, entry: Interned, kind: TokenKind, flags: number, start: number): void {
  out.add(entry.text, entry, kind, flags, start);
}

function hasNonDigit(s: string, from: number, to: number): boolean {
  for (let k = from; k < to; k++) if (ASCII_CLASS[s.charCodeAt(k)] !== 2) return true;
  return false;
}

/** End of a hashtag or mention body starting at `i` (letters, digits, `_`; mentions also inner `.` and `-`). */
function scanTag(s: string, i: number, mention: boolean): number {
  const n = s.length;
  let j = i;
  while (j < n) {
    const c = s.charCodeAt(j);
    if (c === 95 || (isWordUnit(c) && !(c >= 0xd83c && c <= 0xd83e))) {
      j++;
    } else if (mention && (c === 46 || c === 45) && j > i && j + 1 < n && isWordUnit(s.charCodeAt(j + 1))) {
      j++;
    } else {
      break;
    }
  }
  return j;
}

/** End of a URL starting at `i`, or `i` when none starts there. */
function scanUrl(s: string, i: number): number {
  let j: number;
  if (s.startsWith('https://', i)) j = i + 8;
  else if (s.startsWith('http://', i)) j = i + 7;
  else if (s.startsWith('www.', i)) j = i + 4;
  else return i;
  const n = s.length;
  while (j < n) {
    const c = s.charCodeAt(j);
    if (c <= 32 || c === 34 || c === 60 || c === 62 || c >= 0x2000) break;
    j++;
  }
  // Sentence punctuation and closing brackets after a link are not part of it.
  while (j > i) {
    const c = s.charCodeAt(j - 1);
    if (c === 46 || c === 44 || c === 59 || c === 58 || c === 33 || c === 63 || c === 41 || c === 93 || c === 125 || c === 39) j--;
    else break;
  }
  return j;
}

/** Scans a word or number at `i`, pushes it, and returns its end. */
function scanWord(out: TokenBuffer, vocab: Vocabulary<Interned>, source: string, lower: string, i: number): number {
  const n = lower.length;
  let j = i;
  let upper = 0;
  let lowerCount = 0;
  let digitsOnly = true;
  let curly = false;
  let run = 0;
  let prev = -1;
  let flags = 0;
  // The token packed for the vocabulary as it is scanned (see packUnit); `wide` once a unit is not ASCII.
  let lo = 0;
  let hi = 0;
  let wide = false;
  // Source and lowercase differ only where the text has capitals: most words need one string.
  const cased = source !== lower;
  while (j < n) {
    const c = lower.charCodeAt(j);
    // Lowercase ASCII letters, most of any text, first: no class lookups, and the pack is certain.
    if (c >= 97 && c <= 122) {
      digitsOnly = false;
      if (cased && source.charCodeAt(j) !== c) upper++;
      else lowerCount++;
      run = c === prev ? run + 1 : 1;
      if (run === 3) flags |= TokenFlag.Elongated;
      prev = c;
      const k = j - i;
      if (k < 4) lo |= packUnit(c, k);
      else hi |= packUnit(c, k - 4);
      j++;
      continue;
    }
    if (isWordUnit(c)) {
      if (c >= 0xd83c && c <= 0xd83e) break;
      const cls = c < 128 ? ASCII_CLASS[c] : 1;
      if (cls === 2) {
        // digits
      } else {
        digitsOnly = false;
        if (cased && source.charCodeAt(j) !== c) upper++;
        else lowerCount++;
      }
      run = c === prev ? run + 1 : 1;
      if (run === 3 && cls === 1) flags |= TokenFlag.Elongated;
      prev = c;
    } else {
      // Inner apostrophes and hyphens join letters; inner `.`/`,` join digits.
      if (j + 1 >= n || j === i) break;
      const next = lower.charCodeAt(j + 1);
      if ((c === 39 || c === 0x2019 || c === 45) && isWordUnit(next) && !(next >= 0xd83c && next <= 0xd83e)) {
        if (c === 0x2019) curly = true;
        digitsOnly = false;
        prev = c;
        run = 0;
      } else if (!((c === 46 || c === 44) && digitsOnly && ASCII_CLASS[next] === 2)) {
        break;
      }
    }
    const k = j - i;
    if (c >= 128) wide = true;
    else if (k < 4) lo |= packUnit(c, k);
    else hi |= packUnit(c, k - 4);
    j++;
  }
  if (upper >= 2 && lowerCount === 0) flags |= TokenFlag.Caps;
  else if (upper === 1 && lowerCount > 0 && source.charCodeAt(i) !== lower.charCodeAt(i)) flags |= TokenFlag.Title;
  // A curly apostrophe is stored as a straight one, so the token is no range of `lower`.
  const entry = curly
    ? vocab.intern(lower.slice(i, j).replaceAll('\u2019', "'"))
    : !wide && j - i <= PACK_UNITS
      ? vocab.lookupPacked(lo, hi, lower, i, j)
      : vocab.lookup(lower, i, j);
  push(out, entry, digitsOnly ? TokenKind.Number : TokenKind.Word, flags, i);
  if (!digitsOnly) {
    out.wordCount++;
    if (flags & TokenFlag.Caps) out.capsCount++;
  }
  return j;
}
