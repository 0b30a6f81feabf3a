/**
 * One-pass tokenizer for social-media text.
 *
 * Keeps hashtags, mentions, URLs, ASCII emoticons and emoji as whole tokens, lowercases (URLs keep
 * their case: their paths are case-sensitive), applies NFKC (so fullwidth and "𝐛𝐨𝐥𝐝" letters become
 * plain ones) and keeps accents (`ótimo` stays `ótimo`). It walks UTF-16 code units with integer
 * tests only: no regex or allocation per character. It reads the text as written and lowercases
 * unit by unit as it goes (a table for the BMP), so the post is never copied in lower case, and
 * tokens are interned in a {@link Vocabulary}: a token seen before costs no `slice`.
 *
 * @example
 * tokenize('Sooo GOOD :) #NotHappy @ana https://t.co/X 😂').text
 * // ['sooo', 'good', ':)', '#nothappy', '@ana', 'https://t.co/X', '😂']
 */

import { LATIN, LATIN_PACK_UNITS, PACK_UNITS, packLatinUnit, packUnit, packWideUnit, Vocabulary, WIDE, WIDE_PACK_UNITS, type Interned } from './vocabulary';

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
  /** Capitalized: an upper-case first letter followed by lower-case ones only (`Miss`, `Good`). */
  Title: 2,
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
  /**
   * For a hashtag or mention, which units of its body (after the sigil) are written in capitals:
   * bit k for unit k, so that a reader of the tag as written (`#NotHappy` splits where `#nothappy`
   * does not) tells one token's spellings apart without comparing strings. -1 where that cannot
   * tell them apart: a body over 31 units with a capital, or with a letter beyond the BMP.
   * Meaningless for tokens of other kinds.
   */
  capitals: Int32Array;
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
  capitals = new Int32Array(32);
  source = '';
  wordCount = 0;
  capsCount = 0;
  hasUrl = false;
  /** Set while scanning a text that holds a unit NFKC may change (see UNSTABLE): it is then normalized and scanned again. */
  unstable = false;

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
    const capitals = new Int32Array(size);
    capitals.set(this.capitals);
    this.capitals = capitals;
  }
}

// Code-unit classes for ASCII: 1 = letter, 2 = digit.
const ASCII_CLASS = new Uint8Array(128);
for (let c = 97; c <= 122; c++) ASCII_CLASS[c] = 1;
for (let c = 65; c <= 90; c++) ASCII_CLASS[c] = 1;
for (let c = 48; c <= 57; c++) ASCII_CLASS[c] = 2;

/**
 * Per BMP code unit: its lowercase (see {@link lowerUnitTable}) and whether NFKC may change it
 * (see {@link unstableTable}), both built from one set of blocks.
 */
const { LOWER_UNIT, UNSTABLE } = (() => {
  const blocks = bmpBlocks();
  return { LOWER_UNIT: lowerUnitTable(blocks), UNSTABLE: unstableTable(blocks) };
})();

/**
 * The BMP as 256 strings of 256 units (block `b` holds units `256b` to `256b + 255`; '' for the
 * surrogate blocks, which stand for no character). The unit tables are built from it a block at a
 * time, one string call per block rather than per unit: a few ms less at every start.
 */
function bmpBlocks(): string[] {
  const blocks: string[] = [];
  const units: number[] = [];
  for (let base = 0; base < 0x10000; base += 256) {
    for (let k = 0; k < 256; k++) units[k] = base + k;
    blocks.push(base >= 0xd800 && base < 0xe000 ? '' : String.fromCharCode(...units));
  }
  return blocks;
}

/**
 * Each BMP code unit lowercased on its own: what `toLowerCase` makes of it when that is one unit
 * (all but `İ`, whose texts are lowercased whole first), else the unit itself. Within a word this
 * is what lowercasing the whole text gives, final sigma aside, and token texts that are not plain
 * ASCII are lowercased as strings, so they get the final sigma too.
 */
function lowerUnitTable(blocks: readonly string[]): Uint16Array {
  const table = new Uint16Array(0x10000);
  // A block that lowercases to its own length maps unit to unit: its only context-dependent
  // letter, Σ, sits between capitals there and gets σ as it does alone.
  blocks.forEach((block, b) => {
    const base = b * 256;
    for (let k = 0; k < 256; k++) table[base + k] = base + k;
    const lower = block.toLowerCase();
    if (lower === block) return;
    for (let k = 0; k < 256; k++) {
      const l = lower.length === block.length ? lower[k] as string : String.fromCharCode(base + k).toLowerCase();
      if (l.length === 1) table[base + k] = l.charCodeAt(0);
    }
  });
  return table;
}

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
function endsCleanly(s: string, end: number, lastUnit: number): boolean {
  if (end >= s.length) return true;
  const next = s.charCodeAt(end);
  if (ASCII_CLASS[lastUnit] === 1 || ASCII_CLASS[lastUnit] === 2) return !isWordUnit(next);
  // `:/` must not be the start of `://`, `:(` of a smiley run is fine.
  return !(lastUnit === 47 && next === 47);
}

/** Whether `second` can follow `first` in a letter-led emoticon (`xd`, `xp`, `t_`, `o_`). */
function isEmoticonSecond(first: number, second: number): boolean {
  return first === 120 ? second === 100 || second === 112 : second === 95;
}

/** The emoticons packed as lowercase units (see packUnit): matching one needs no slice. */
const EMOTICON_PACKS: ReadonlySet<number> = new Set([...EMOTICONS].map((e) => packLower(e, 0, e.length)));

/** The first two units (lowercased) of the emoticons, as `first << 7 | second`: most candidates fail on these. */
const EMOTICON_STARTS: ReadonlySet<number> = new Set([...EMOTICONS].map((e) => (e.charCodeAt(0) << 7) | e.charCodeAt(1)));

/** Length of the emoticon at `i` (4, 3 or 2 units, the longest that ends cleanly), or 0. */
function matchEmoticon(s: string, i: number): number {
  if (i + 1 >= s.length) return 0;
  const second = s.charCodeAt(i + 1);
  if (second >= 128 || !EMOTICON_STARTS.has(((LOWER_UNIT[s.charCodeAt(i)] as number) << 7) | (LOWER_UNIT[second] as number))) return 0;
  for (let len = 4; len >= 2; len--) {
    if (i + len > s.length) continue;
    const pack = packLower(s, i, i + len);
    if (pack >= 0 && EMOTICON_PACKS.has(pack) && endsCleanly(s, i + len, s.charCodeAt(i + len - 1))) return len;
  }
  return 0;
}

/** `s[start, end)` (at most 4 units) lowercased and packed into one integer, or -1 when a unit is not ASCII. */
function packLower(s: string, start: number, end: number): number {
  let pack = 0;
  for (let k = start; k < end; k++) {
    const c = s.charCodeAt(k);
    if (c === 0 || c >= 128) return -1;
    pack |= packUnit(LOWER_UNIT[c] as number, k - start);
  }
  return pack;
}

/** Whether `s` continues at `i` with `prefix` (lowercase ASCII), in any case. */
function startsWithLower(s: string, i: number, prefix: string): boolean {
  if (i + prefix.length > s.length) return false;
  for (let k = 0; k < prefix.length; k++) if (LOWER_UNIT[s.charCodeAt(i + k)] !== prefix.charCodeAt(k)) return false;
  return true;
}

/** The interned lowercase form of `s[start, end)`: packed when it is short, else through a lowercased slice. */
function lookupLower<W extends Interned>(vocab: Vocabulary<W>, s: string, start: number, end: number): W {
  const len = end - start;
  let a = 0;
  let b = 0;
  let c = 0;
  let d = 0;
  let k = 0;
  if (len <= PACK_UNITS) {
    for (; k < len; k++) {
      const u = s.charCodeAt(start + k);
      if (u === 0 || u >= 128) break;
      const bits = packUnit(LOWER_UNIT[u] as number, k & 3);
      if (k < 4) a |= bits;
      else if (k < 8) b |= bits;
      else if (k < 12) c |= bits;
      else d |= bits;
    }
    if (k === len) return vocab.findPacked(a, b, c, d) ?? vocab.addPacked(a, b, c, d, s.slice(start, end).toLowerCase());
  }
  // Lowercased unit by unit, as the text is: no unit that lowercases by context (Σ) is Latin-1.
  const latin = vocab.lookupLatin(s, start, end, LOWER_UNIT);
  if (latin !== undefined) return latin;
  if (len <= WIDE_PACK_UNITS) {
    a = b = c = 0;
    // A packed key must stand for one text whatever surrounds it: unit by unit lowercasing is
    // that, except for `Σ` and surrogates other than emoji pairs (see lowerSlice), which go by text.
    let emojiHigh = false;
    for (k = 0; k < len; k++) {
      const u = s.charCodeAt(start + k);
      if (u === 0 || u === 0x3a3) break;
      if (u >= 0xd800 && u <= 0xdfff) {
        const high = u <= 0xdbff;
        if (high ? u < 0xd83c || u > 0xd83e : !emojiHigh) break;
        emojiHigh = high;
      } else {
        emojiHigh = false;
      }
      const bits = packWideUnit(LOWER_UNIT[u] as number, k & 1);
      if (k < 2) a |= bits;
      else if (k < 4) b |= bits;
      else c |= bits;
    }
    if (k === len) return vocab.findPacked(a, b, c, WIDE) ?? vocab.addPacked(a, b, c, WIDE, s.slice(start, end).toLowerCase());
  }
  return vocab.intern(lowerSlice(s, start, end));
}

/**
 * `s.slice(start, end)` as lowercasing the whole of `s` would give it. Two cases need the whole
 * text's view: `Σ`, the one letter whose lowercase depends on what surrounds it (final `ς` or
 * `σ`), and a slice that cuts a surrogate pair (broken text), whose halves lowercase together.
 */
function lowerSlice(s: string, start: number, end: number): string {
  const t = s.slice(start, end);
  const first = t.charCodeAt(0);
  const last = t.charCodeAt(t.length - 1);
  if (!t.includes('\u03a3') && !(first >= 0xdc00 && first <= 0xdfff) && !(last >= 0xd800 && last <= 0xdbff)) return t.toLowerCase();
  const lower = s.toLowerCase();
  // With `İ` the whole text lowercases longer and offsets do not line up; such a text is only
  // being looked over before it is normalized and read again (see prepareSource).
  return lower.length === s.length ? lower.slice(start, end) : t.toLowerCase();
}

/**
 * Code units that NFKC may change or combine with a neighbour, or that make a text be lowercased
 * whole (`İ`, whose lowercase is two units). A unit is left alone when NFKC keeps it whatever
 * surrounds it: it is not one NFKC replaces (no normalized text holds it) and not one that may
 * compose with the character before it (combining marks, conjoining Hangul vowels and final
 * consonants; the variation selectors and keycap mark of emoji never do). So `°`, `¿`, `⏳`, kana
 * and hanzi are read once, as plain letters are. Surrogates other than the emoji planes' high
 * ones are 1: letters beyond the BMP (`𝐛`) may change. High surrogates of the emoji planes are 0:
 * their pairs are judged whole, see {@link unstablePair}.
 * The tokenizer looks every unit up as it scans, so most posts are read once, and a post that
 * holds such a unit is normalized and read again.
 */
function unstableTable(blocks: readonly string[]): Uint8Array {
  const table = new Uint8Array(0x10000);
  const marks = /\p{M}/gu;
  // A block that NFKC leaves as it is holds no unit NFKC replaces, since no normalized text holds one.
  blocks.forEach((block, b) => {
    const base = b * 256;
    if (block === '') {
      for (let c = base; c < base + 256; c++) table[c] = c >= 0xd83c && c <= 0xd83e ? 0 : 1;
      return;
    }
    if (block.normalize('NFKC') !== block) {
      // Each unit normalized on its own, all in one call: a control or private-use character
      // between units (one the block does not hold) composes with nothing, so no unit's result
      // reaches into another's.
      const separator = base === 0 ? '\ue000' : '\u0001';
      const alone = block.split('').join(separator).normalize('NFKC').split(separator);
      for (let k = 0; k < 256; k++) if (alone[k] !== block[k]) table[base + k] = 1;
    }
    // Marks are taken as composing, except the emoji ones that never do (variation selectors, the keycap).
    for (const m of block.matchAll(marks)) {
      const c = m[0].charCodeAt(0);
      if (!((c >= 0xfe00 && c <= 0xfe0f) || c === 0x20e3)) table[c] = 1;
    }
  });
  for (let c = 0x1161; c <= 0x1175; c++) table[c] = 1;
  for (let c = 0x11a8; c <= 0x11c2; c++) table[c] = 1;
  table[0x130] = 1;
  return table;
}

/** Whether the pair of a high surrogate of the emoji planes and the unit after it may change: U+1F100..U+1F1E5 and U+1F200..U+1F2FF (enclosed alphanumerics and ideographs) have compatibility forms. */
function unstablePair(c: number, lo: number): boolean {
  return c === 0xd83c && ((lo >= 0xdd00 && lo <= 0xdde5) || (lo >= 0xde00 && lo <= 0xdeff));
}

/**
 * The text the tokenizer reads when it holds an unstable unit: NFKC-normalized when that may change
 * it, and lowercased whole when it holds `İ`, whose lowercase is two units (its offsets would not
 * line up with the text's).
 */
function prepareSource(text: string): string {
  const s = text.normalize('NFKC');
  return s.includes('\u0130') ? s.toLowerCase() : s;
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
  vocab: Vocabulary<Interned> = new Vocabulary((t) => ({ text: t, keyRow: null, queryOwner: null, queryFiling: null })),
  buffer?: TokenBuffer<Interned>,
): Tokens {
  const out = buffer ?? new TokenBuffer();
  scan(out, vocab, text);
  if (out.unstable) {
    const source = prepareSource(text);
    if (source !== text) scan(out, vocab, source);
  }
  if (buffer === undefined) return trimmed(out);
  // The empty slot after the last token (see Tokens).
  out.add('', null, 0 as TokenKind, 0, out.source.length);
  out.count--;
  return out;
}

/** Tokenizes `source` into `out`, noting in `out.unstable` whether NFKC may change it. */
function scan(out: TokenBuffer, vocab: Vocabulary<Interned>, source: string): void {
  out.count = 0;
  out.source = source;
  out.wordCount = 0;
  out.capsCount = 0;
  out.hasUrl = false;
  out.unstable = false;
  const n = source.length;
  let prevWordish = false; // whether the previous code unit belongs to a word (for `a#b`, `me@x`)
  let i = 0;
  while (i < n) {
    const c = source.charCodeAt(i);
    // Spaces are the most common separator: settle them before the punctuation tests.
    if (c === 32) {
      i++;
      prevWordish = false;
      continue;
    }

    // ASCII units are never unstable: only the others are looked up.
    const ascii = c < 128;
    if (!ascii && UNSTABLE[c] === 1) out.unstable = true;

    if (ascii && ASCII_CLASS[c] === 0) {
      // URLs, hashtags, mentions, emoticons, punctuation, entities: all start on an ASCII non-alphanumeric.
      if (c === 35 /* # */ || c === 64 /* @ */) {
        if (!prevWordish) {
          const end = readTag(out, vocab, source, i, c === 64);
          if (end > i) {
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
        if (startsWithLower(source, i, '&lt;3')) {
          push(out, vocab.intern('<3'), TokenKind.Emoticon, 0, i);
          i += 5;
          prevWordish = false;
          continue;
        }
        const ent = HTML_ENTITIES.find((e) => startsWithLower(source, i, e));
        i += ent === undefined ? 1 : ent.length;
        prevWordish = false;
        continue;
      }
      if (EMOTICON_START[c] === 1) {
        const len = matchEmoticon(source, i);
        if (len > 0) {
          push(out, lookupLower(vocab, source, i, i + len), TokenKind.Emoticon, 0, i);
          i += len;
          prevWordish = false;
          continue;
        }
      }
      if (c === 33 /* ! */ || c === 63 /* ? */) {
        let j = i + 1;
        while (j < n && (source.charCodeAt(j) === 33 || source.charCodeAt(j) === 63)) j++;
        push(out, vocab.lookup(source, i, j), TokenKind.Punct, 0, i);
        i = j;
      } else if (c === 46 /* . */) {
        let j = i + 1;
        while (j < n && source.charCodeAt(j) === 46) j++;
        push(out, vocab.lookup(source, i, j), TokenKind.Punct, 0, i);
        i = j;
      } else {
        if (c === 44 || c === 59 || c === 58) push(out, vocab.lookup(source, i, i + 1), TokenKind.Punct, 0, i);
        i++;
      }
      prevWordish = false;
      continue;
    }

    // Pictographs: surrogate pairs in the emoji planes (here, before the word test they fail), or BMP symbols (below).
    if (!ascii && c >= 0xd83c && c <= 0xd83e && i + 1 < n) {
      const lo = source.charCodeAt(i + 1);
      // A lone high surrogate takes the next unit along (below), which is then looked over here.
      if (lo >= 0xdc00 && lo <= 0xdfff ? unstablePair(c, lo) : UNSTABLE[lo] === 1) out.unstable = true;
      // Skin-tone modifiers (U+1F3FB..U+1F3FF) belong to the previous pictograph.
      if (c === 0xd83c && lo >= 0xdffb && lo <= 0xdfff) {
        i += 2;
        continue;
      }
      let end = i + 2;
      // Regional indicators (U+1F1E6..U+1F1FF) come in pairs: one flag.
      if (c === 0xd83c && lo >= 0xdde6 && lo <= 0xddff && source.charCodeAt(i + 2) === 0xd83c) {
        const lo2 = source.charCodeAt(i + 3);
        if (lo2 >= 0xdde6 && lo2 <= 0xddff) end = i + 4;
      }
      // A pair (or a flag's two) is packed as it stands, pictographs having no case; a lone high
      // surrogate is taken with the unit after it and lowercased like the rest.
      const pair = lo >= 0xdc00 && lo <= 0xdfff;
      const b = end === i + 4 ? packWideUnit(0xd83c, 0) | packWideUnit(source.charCodeAt(i + 3), 1) : 0;
      const a = packWideUnit(c, 0) | packWideUnit(lo, 1);
      push(out, pair ? (vocab.findPacked(a, b, 0, WIDE) ?? vocab.addPacked(a, b, 0, WIDE, source.slice(i, end))) : lookupLower(vocab, source, i, end), TokenKind.Emoji, 0, i);
      i = end;
      prevWordish = false;
      continue;
    }
    if (ascii || isWordUnit(c)) {
      const lc = LOWER_UNIT[c] as number;
      // A link starts `http` or `www`: the second unit settles most words starting with h or w.
      if (!prevWordish && i + 1 < n && ((lc === 104 /* h */ && LOWER_UNIT[source.charCodeAt(i + 1)] === 116) || (lc === 119 /* w */ && LOWER_UNIT[source.charCodeAt(i + 1)] === 119))) {
        const end = scanUrl(out, source, i);
        if (end > i) {
          out.add(source.slice(i, end), null, TokenKind.Url, 0, i);
          out.hasUrl = true;
          i = end;
          prevWordish = true;
          continue;
        }
      }
      // `xD`, `T_T`, `o_o`. The second unit is read only after the first matched: past the end of
      // the text it is NaN, and a table read at NaN is a slow path.
      if (!prevWordish && (lc === 120 || lc === 116 || lc === 111) && i + 1 < n && isEmoticonSecond(lc, LOWER_UNIT[source.charCodeAt(i + 1)] as number)) {
        const len = matchEmoticon(source, i);
        if (len > 0) {
          push(out, lookupLower(vocab, source, i, i + len), TokenKind.Emoticon, 0, i);
          i += len;
          continue;
        }
      }
      // Most words are ASCII letters ended by a space or punctuation: they are read here, in one
      // tight loop (a call to scanWord costs more than the loop). A word this loop cannot finish
      // (digits, inner `'` or `-`, letters beyond ASCII, over PACK_UNITS) scanWord reads whole.
      if (ascii && ASCII_CLASS[c] === 1) {
        let j = i;
        let upper = 0;
        let p0 = 0;
        let p1 = 0;
        let p2 = 0;
        let p3 = 0;
        let d = 0;
        for (; j < n; j++) {
          d = source.charCodeAt(j);
          let l = d;
          if (d < 97 || d > 122) {
            if (d < 65 || d > 90) break;
            l = d + 32;
            upper++;
          }
          const k = j - i;
          const bits = packUnit(l, k & 3);
          if (k < 4) p0 |= bits;
          else if (k < 8) p1 |= bits;
          else if (k < 12) p2 |= bits;
          else p3 |= bits;
        }
        const len = j - i;
        if (len <= PACK_UNITS && (j === n || (d < 128 && ASCII_CLASS[d] === 0 && d !== 39 && d !== 45))) {
          // Letters only: capitals throughout are Caps, one leading capital is Title.
          const flags = upper === 0 ? 0 : upper === len ? (len >= 2 ? TokenFlag.Caps : 0) : upper === 1 && c <= 90 ? TokenFlag.Title : 0;
          const entry = vocab.findPacked(p0, p1, p2, p3) ?? vocab.addPacked(p0, p1, p2, p3, source.slice(i, j).toLowerCase());
          push(out, entry, TokenKind.Word, flags, i);
          out.wordCount++;
          if (flags === TokenFlag.Caps) out.capsCount++;
          // Most words end at a space: step over it here rather than in a turn of the loop.
          if (d === 32) {
            i = j + 1;
            prevWordish = false;
          } else {
            i = j;
            prevWordish = true;
          }
          continue;
        }
        if (isLatinLetter(d)) {
          const end = readLatinWord(out, vocab, source, i);
          if (end > i) {
            i = end;
            prevWordish = true;
            continue;
          }
        }
      } else if (isLatinLetter(c)) {
        const end = readLatinWord(out, vocab, source, i);
        if (end > i) {
          i = end;
          prevWordish = true;
          continue;
        }
      }
      i = scanWord(out, vocab, source, i);
      prevWordish = true;
      continue;
    }

    if (isBmpSymbol(c)) {
      // A few symbols have a lower case (`Ↄ`), taken unit by unit.
      const l = LOWER_UNIT[c] as number;
      push(out, l === c ? vocab.lookup(source, i, i + 1) : vocab.intern(String.fromCharCode(l)), TokenKind.Emoji, 0, i);
    }
    // Anything else (whitespace, VS16, ZWJ, keycaps, other symbols) separates tokens.
    i++;
    prevWordish = false;
  }
}

/** A one-off result sized to its tokens, for callers that read the arrays whole. */
function trimmed(out: TokenBuffer): Tokens {
  const n = out.count;
  out.text.length = n;
  out.entry.length = n;
  return { ...out, kind: out.kind.slice(0, n), flags: out.flags.slice(0, n), start: out.start.slice(0, n), capitals: out.capitals.slice(0, n) };
}

function push(out: TokenBuffer, entry: Interned, kind: TokenKind, flags: number, start: number): void {
  out.add(entry.text, entry, kind, flags, start);
}

/**
 * Reads the hashtag or mention whose sigil is at `i` and pushes it; returns its end, or `i` when
 * none starts there (no body, or a hashtag of digits only). The body is letters, digits and `_`,
 * and for mentions inner `.` and `-`. An ASCII tag, nearly every one, is packed for the
 * vocabulary as it is read; its capitals are noted as it is read (see {@link Tokens.capitals}).
 */
function readTag(out: TokenBuffer, vocab: Vocabulary<Interned>, s: string, i: number, mention: boolean): number {
  const n = s.length;
  const body = i + 1;
  let j = body;
  let capitals = 0;
  let digitsOnly = true;
  let ascii = true;
  let p0 = s.charCodeAt(i);
  let p1 = 0;
  let p2 = 0;
  let p3 = 0;
  for (; j < n; j++) {
    const c = s.charCodeAt(j);
    if (c < 128) {
      // Tested here rather than through isWordUnit: a call per unit costs more than the tag.
      if (ASCII_CLASS[c] === 0 && c !== 95 && !(mention && (c === 46 || c === 45) && j > body && j + 1 < n && isWordUnit(s.charCodeAt(j + 1)))) break;
      let l = c;
      if (c < 48 || c > 57) {
        digitsOnly = false;
        if (c >= 65 && c <= 90) {
          l = c + 32;
          if (capitals !== -1) capitals = j - body < 31 ? capitals | (1 << (j - body)) : -1;
        }
      }
      const k = j - i;
      const bits = packUnit(l, k & 3);
      if (k < 4) p0 |= bits;
      else if (k < 8) p1 |= bits;
      else if (k < 12) p2 |= bits;
      else p3 |= bits;
    } else {
      if (!isWordUnit(c) || (c >= 0xd83c && c <= 0xd83e)) break;
      if (UNSTABLE[c] === 1) out.unstable = true;
      digitsOnly = false;
      ascii = false;
      if (c >= 0xd800 && c <= 0xdfff) capitals = -1;
      else if (capitals !== -1 && LOWER_UNIT[c] !== c) capitals = j - body < 31 ? capitals | (1 << (j - body)) : -1;
    }
  }
  if (j === body || (digitsOnly && !mention)) return i;
  const entry = ascii && j - i <= PACK_UNITS ? (vocab.findPacked(p0, p1, p2, p3) ?? vocab.addPacked(p0, p1, p2, p3, s.slice(i, j).toLowerCase())) : lookupLower(vocab, s, i, j);
  push(out, entry, mention ? TokenKind.Mention : TokenKind.Hashtag, 0, i);
  out.capitals[out.count - 1] = capitals;
  return j;
}

/** End of a URL starting at `i`, or `i` when none starts there. */
function scanUrl(out: TokenBuffer, s: string, i: number): number {
  let j: number;
  if (startsWithLower(s, i, 'https://')) j = i + 8;
  else if (startsWithLower(s, i, 'http://')) j = i + 7;
  else if (startsWithLower(s, i, 'www.')) j = i + 4;
  else return i;
  const n = s.length;
  while (j < n) {
    const c = s.charCodeAt(j);
    if (c <= 32 || c === 34 || c === 60 || c === 62 || c >= 0x2000) break;
    if (UNSTABLE[c] === 1) out.unstable = true;
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

/** The low unit of the lowercased pair that ends at `j` (a low surrogate). */
function lowSurrogateLower(s: string, j: number): number {
  return s.slice(j - 1, j + 1).toLowerCase().charCodeAt(1);
}

/**
 * Whether a word token (as the tokenizer gives it) has a letter three times in a row (`sooo`,
 * `baaad`): stretched for emphasis. A property of the token's text, so a scorer works it out once
 * per vocabulary entry rather than the tokenizer once per token.
 */
export function isElongated(word: string): boolean {
  for (let k = 2; k < word.length; k++) {
    const c = word.charCodeAt(k);
    if (c === word.charCodeAt(k - 1) && c === word.charCodeAt(k - 2) && (c >= 128 || ASCII_CLASS[c] === 1)) return true;
  }
  return false;
}

/** Whether `s[from, to)`, a word, holds a letter that lowercasing leaves as it is (caseless letters count). */
function hasLower(s: string, from: number, to: number): boolean {
  for (let k = from; k < to; k++) {
    const c = s.charCodeAt(k);
    if (c < 128 ? c >= 97 && c <= 122 : isWordUnit(c) && (c >= 0xdc00 && c <= 0xdfff && k > 0 ? lowSurrogateLower(s, k) : LOWER_UNIT[c]) === c) return true;
  }
  return false;
}

/** À to ÿ but × and ÷: the letters of Latin-1 beyond ASCII, none of which NFKC changes. */
function isLatinLetter(c: number): boolean {
  return c >= 0xc0 && c <= 0xff && c !== 0xd7 && c !== 0xf7;
}

/**
 * A word of ASCII and Latin-1 letters with at least one of the latter (`ótimo`, `Atlético`), at
 * most {@link LATIN_PACK_UNITS} of them, ended as the scan's ASCII words are: pushed, packed as it
 * is read. Returns its end, or `i` for any other word, which {@link scanWord} then reads whole.
 */
function readLatinWord(out: TokenBuffer, vocab: Vocabulary<Interned>, s: string, i: number): number {
  const n = s.length;
  let j = i;
  let upper = 0;
  let a = 0;
  let b = 0;
  let c = 0;
  let d = LATIN;
  let u = 0;
  for (; j < n; j++) {
    u = s.charCodeAt(j);
    let l: number;
    if (u < 128) {
      if (ASCII_CLASS[u] !== 1) break;
      l = u | 32;
    } else if (isLatinLetter(u)) {
      l = LOWER_UNIT[u] as number;
    } else {
      break;
    }
    if (l !== u) upper++;
    const k = j - i;
    if (k === LATIN_PACK_UNITS) return i;
    const bits = packLatinUnit(l, k % 3);
    if (k < 3) a |= bits;
    else if (k < 6) b |= bits;
    else if (k < 9) c |= bits;
    else d |= bits;
  }
  // Digits, apostrophes and hyphens continue a word, and so may other units beyond ASCII.
  if (j < n && (u >= 128 || ASCII_CLASS[u] !== 0 || u === 39 || u === 45)) return i;
  const len = j - i;
  const first = s.charCodeAt(i);
  const flags = upper === 0 ? 0 : upper === len ? (len >= 2 ? TokenFlag.Caps : 0) : upper === 1 && LOWER_UNIT[first] !== first ? TokenFlag.Title : 0;
  const entry = vocab.findPacked(a, b, c, d) ?? vocab.addPacked(a, b, c, d, s.slice(i, j).toLowerCase());
  push(out, entry, TokenKind.Word, flags, i);
  out.wordCount++;
  if (flags === TokenFlag.Caps) out.capsCount++;
  return j;
}

/** Scans a word or number at `i`, pushes it, and returns its end. */
function scanWord(out: TokenBuffer, vocab: Vocabulary<Interned>, source: string, i: number): number {
  const n = source.length;
  let j = i;
  let upper = 0;
  let digitsOnly = true;
  let curly = false;
  let flags = 0;
  // The token lowercased and packed for the vocabulary as it is scanned (see Vocabulary); `wide` once a unit is not ASCII.
  let p0 = 0;
  let p1 = 0;
  let p2 = 0;
  let p3 = 0;
  let wide = false;
  while (j < n) {
    const c = source.charCodeAt(j);
    // `l` is the unit lowercased. ASCII letters, most of any text, come first: no table, no class.
    let l: number;
    if (c >= 97 && c <= 122) {
      l = c;
      digitsOnly = false;
    } else if (c >= 65 && c <= 90) {
      l = c + 32;
      digitsOnly = false;
      upper++;
    } else if (isWordUnit(c)) {
      if (c >= 0xd83c && c <= 0xd83e) break;
      if (UNSTABLE[c] === 1) out.unstable = true;
      // A letter beyond the BMP lowercases as a pair (`𐐀` -> `𐐨`): its low unit is what changes.
      l = c >= 0xdc00 && c <= 0xdfff && j > 0 ? lowSurrogateLower(source, j) : (LOWER_UNIT[c] as number);
      const cls = c < 128 ? ASCII_CLASS[c] : 1;
      if (cls !== 2) {
        digitsOnly = false;
        if (l !== c) upper++;
      }
    } else {
      // Inner apostrophes and hyphens join letters; inner `.`/`,` join digits. Most words end at a
      // space: settle the other ends before reading on.
      if (!(c === 39 || c === 0x2019 || c === 45 || c === 46 || c === 44) || j + 1 >= n || j === i) break;
      const next = source.charCodeAt(j + 1);
      if ((c === 39 || c === 0x2019 || c === 45) && isWordUnit(next) && !(next >= 0xd83c && next <= 0xd83e)) {
        if (c === 0x2019) curly = true;
        if (UNSTABLE[c] === 1) out.unstable = true;
        digitsOnly = false;
      } else if (!((c === 46 || c === 44) && digitsOnly && next >= 48 && next <= 57)) {
        break;
      }
      l = c;
    }
    const k = j - i;
    if (l >= 128) {
      wide = true;
    } else {
      const bits = packUnit(l, k & 3);
      if (k < 4) p0 |= bits;
      else if (k < 8) p1 |= bits;
      else if (k < 12) p2 |= bits;
      else p3 |= bits;
    }
    j++;
  }
  // Lower-case letters are only looked for in the few words that have capitals.
  if (upper > 0) {
    const lower = hasLower(source, i, j);
    if (upper >= 2 && !lower) flags |= TokenFlag.Caps;
    else if (upper === 1 && lower && LOWER_UNIT[source.charCodeAt(i)] !== source.charCodeAt(i)) flags |= TokenFlag.Title;
  }
  let entry: Interned;
  if (curly) {
    // A curly apostrophe is stored as a straight one.
    entry = vocab.intern(lowerSlice(source, i, j).replaceAll('\u2019', "'"));
  } else if (!wide && j - i <= PACK_UNITS) {
    entry = vocab.findPacked(p0, p1, p2, p3) ?? vocab.addPacked(p0, p1, p2, p3, source.slice(i, j).toLowerCase());
  } else {
    entry = lookupLower(vocab, source, i, j);
  }
  push(out, entry, digitsOnly ? TokenKind.Number : TokenKind.Word, flags, i);
  if (!digitsOnly) {
    out.wordCount++;
    if (flags & TokenFlag.Caps) out.capsCount++;
  }
  return j;
}
