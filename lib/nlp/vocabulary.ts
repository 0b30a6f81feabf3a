/**
 * A symbol table of the tokens a stream has seen, looked up by a range of a string.
 *
 * Every token of every post used to become a fresh `slice` that a Map hashed for the lexicon
 * lookup: on this hot path that cost more than scanning the token. Here a short token (nearly every
 * word, tag, mark and emoji) is packed into four integers, by the tokenizer as it scans it, and
 * looked up by those integers in an open-addressing table, so a token seen before costs neither a
 * string nor a hash of one. Longer tokens go through a Map. Either way the token comes back as one
 * shared entry that carries what its users derived from its text once (a scorer's lexicon entries),
 * and equal tokens are the same string.
 *
 * Packing: a token of ASCII units only, up to {@link PACK_UNITS} of them, takes 7 bits a unit,
 * four units an integer (`a` holds units 0-3, `b` 4-7, `c` 8-11, `d` 12-15; see {@link packUnit});
 * any other token of Latin-1 units (up to U+00FF: `ótimo`, `atlético`), up to
 * {@link LATIN_PACK_UNITS} of them, takes 8 bits a unit, three an integer (`a` units 0-2, `b` 3-5,
 * `c` 6-8, `d` 9-11 and the {@link LATIN} bit, which no 7-bit `d` has); any other token of up to
 * {@link WIDE_PACK_UNITS} units takes 16 bits a unit, two an integer (`a` units 0-1, `b` 2-3, `c`
 * 4-5), with `d` = {@link WIDE}, which no other packing's `d` equals. Units are never 0, so the
 * integers also tell the length, and every integer but a wide one is a small integer (under 2^30),
 * which V8 passes without boxing. Which packing a text takes depends on the text alone, so it is
 * always found where it was put.
 */

/**
 * What the table stores: an object with the token's text, and slots where consumers of an
 * analysis keep what they derived from the token, so that finding it again per post is a field
 * read rather than a hash of the text: a window's open-slide counts of a term or hashtag (see
 * `KeyTable`), and the keyword queries a word or tag concerns with the set that filed them (see
 * `QuerySet`). They start null; only those consumers write them, and each checks that what it
 * finds is its own (an analyzer may serve several engines one after another). What an entry keeps
 * may outlive its table or set (a key that left the window, an engine since discarded), but it is
 * a key's counts and row, a list of query indices and an owner token, never the table or set:
 * bounded by the vocabulary's limit.
 */
export interface Interned {
  readonly text: string;
  keyRow: unknown;
  /** The identity of the query set whose filing `queryFiling` holds. */
  queryOwner: unknown;
  queryFiling: unknown;
}

/** Longest ASCII token, in UTF-16 code units, looked up packed. */
export const PACK_UNITS = 16;
/** Longest token of Latin-1 units, not all ASCII, looked up packed. */
export const LATIN_PACK_UNITS = 12;
/** Set in `d` of a token packed 8 bits a unit. */
export const LATIN = 1 << 29;
/** Longest other token looked up packed. */
export const WIDE_PACK_UNITS = 6;
/** `d` of a token packed 16 bits a unit. */
export const WIDE = -1;

const EMPTY = -1;
const INITIAL_SLOTS = 256;

/** The ASCII code unit `c` (1..127) at position `k` (0..3) of its integer. */
export function packUnit(c: number, k: number): number {
  return c << (7 * k);
}

/** The Latin-1 code unit `c` (1..0xff) at position `k` (0..2) of its integer, packed 8 bits a unit. */
export function packLatinUnit(c: number, k: number): number {
  return c << (8 * k);
}

/** The code unit `c` (1..0xffff) at position `k` (0..1) of its integer, packed 16 bits a unit. */
export function packWideUnit(c: number, k: number): number {
  return c << (16 * k);
}

/**
 * Open addressing with linear probing, load factor at most 1/2, for packed tokens; a Map for the
 * rest. Bounded: when `limit` entries are stored, the table starts over, so a stream of ever-new
 * tokens (typos, names, ids) holds at most `limit`; entries already handed out stay valid, they are
 * only no longer shared.
 *
 * @example
 * const vocab = new Vocabulary((text) => ({ text, keyRow: null, queryOwner: null, queryFiling: null }));
 * vocab.lookup('say hello', 4, 9) === vocab.intern('hello') // true
 */
export class Vocabulary<W extends Interned> {
  private keys = new Int32Array(4 * INITIAL_SLOTS);
  private slot = new Int32Array(INITIAL_SLOTS).fill(EMPTY);
  private packed: W[] = [];
  private other = new Map<string, W>();

  /**
   * @param create builds the entry for a token text seen for the first time
   * @param limit most entries kept before the table starts over
   */
  constructor(
    private readonly create: (text: string) => W,
    private readonly limit = 1 << 16,
  ) {}

  /** Entries stored now. */
  get size(): number {
    return this.packed.length + this.other.size;
  }

  /** The entry for `s.slice(start, end)`, created on first sight. */
  lookup(s: string, start: number, end: number): W {
    const len = end - start;
    let a = 0;
    let b = 0;
    let c = 0;
    let d = 0;
    if (len <= PACK_UNITS) {
      let k = 0;
      for (; k < len; k++) {
        const u = s.charCodeAt(start + k);
        if (u === 0 || u >= 128) break;
        const bits = packUnit(u, k & 3);
        if (k < 4) a |= bits;
        else if (k < 8) b |= bits;
        else if (k < 12) c |= bits;
        else d |= bits;
      }
      if (k === len) return this.findPacked(a, b, c, d) ?? this.addPacked(a, b, c, d, s.slice(start, end));
    }
    const latin = this.lookupLatin(s, start, end, null);
    if (latin !== undefined) return latin;
    if (len <= WIDE_PACK_UNITS) {
      a = b = c = 0;
      let k = 0;
      for (; k < len; k++) {
        const u = s.charCodeAt(start + k);
        if (u === 0) break;
        const bits = packWideUnit(u, k & 1);
        if (k < 2) a |= bits;
        else if (k < 4) b |= bits;
        else c |= bits;
      }
      if (k === len) return this.findPacked(a, b, c, WIDE) ?? this.addPacked(a, b, c, WIDE, s.slice(start, end));
    }
    return this.internOther(s.slice(start, end));
  }

  /**
   * The entry for `s.slice(start, end)` mapped unit by unit through `map` (none: as it is; the
   * tokenizer passes its lowercasing table) when it takes the Latin-1 packing (see above), created
   * on first sight; undefined when it does not.
   */
  lookupLatin(s: string, start: number, end: number, map: Uint16Array | null): W | undefined {
    const len = end - start;
    if (len > LATIN_PACK_UNITS) return undefined;
    let a = 0;
    let b = 0;
    let c = 0;
    let d = LATIN;
    for (let k = 0; k < len; k++) {
      const unit = s.charCodeAt(start + k);
      const u = map === null ? unit : (map[unit] as number);
      if (u === 0 || u > 0xff) return undefined;
      const bits = packLatinUnit(u, k % 3);
      if (k < 3) a |= bits;
      else if (k < 6) b |= bits;
      else if (k < 9) c |= bits;
      else d |= bits;
    }
    return this.findPacked(a, b, c, d) ?? this.addPacked(a, b, c, d, map === null ? s.slice(start, end) : s.slice(start, end).toLowerCase());
  }

  /** The entry for `text`, created on first sight. */
  intern(text: string): W {
    return this.lookup(text, 0, text.length);
  }

  /** Texts too long to pack go through a Map. */
  private internOther(text: string): W {
    let w = this.other.get(text);
    if (w === undefined) {
      this.makeRoom();
      w = this.create(internalized(text));
      this.other.set(text, w);
    }
    return w;
  }

  /**
   * The entry of a token a caller packed itself (see the packing above; the entry's text has the
   * units packed), if there is one.
   */
  findPacked(a: number, b: number, c: number, d: number): W | undefined {
    const { slot, keys } = this;
    const mask = slot.length - 1;
    for (let i = mix(a, b, c, d) & mask; ; i = (i + 1) & mask) {
      const e = slot[i] as number;
      if (e === EMPTY) return undefined;
      const k = 4 * i;
      if (keys[k] === a && keys[k + 1] === b && keys[k + 2] === c && keys[k + 3] === d) return this.packed[e] as W;
    }
  }

  /** Adds the entry for `text`, packed as `a`..`d`, after {@link findPacked} found none. */
  addPacked(a: number, b: number, c: number, d: number, text: string): W {
    this.makeRoom();
    const w = this.create(internalized(text));
    this.place(this.packed.length, a, b, c, d);
    this.packed.push(w);
    if (this.packed.length * 2 > this.slot.length) this.grow();
    return w;
  }

  private place(entry: number, a: number, b: number, c: number, d: number): void {
    const mask = this.slot.length - 1;
    let i = mix(a, b, c, d) & mask;
    while (this.slot[i] !== EMPTY) i = (i + 1) & mask;
    this.slot[i] = entry;
    const k = 4 * i;
    this.keys[k] = a;
    this.keys[k + 1] = b;
    this.keys[k + 2] = c;
    this.keys[k + 3] = d;
  }

  /** Starts over when full. */
  private makeRoom(): void {
    if (this.size < this.limit) return;
    this.keys = new Int32Array(4 * INITIAL_SLOTS);
    this.slot = new Int32Array(INITIAL_SLOTS).fill(EMPTY);
    this.packed = [];
    this.other = new Map();
  }

  private grow(): void {
    const { keys, slot } = this;
    this.keys = new Int32Array(4 * slot.length * 2);
    this.slot = new Int32Array(slot.length * 2).fill(EMPTY);
    for (let j = 0; j < slot.length; j++) {
      const e = slot[j] as number;
      if (e !== EMPTY) this.place(e, keys[4 * j] as number, keys[4 * j + 1] as number, keys[4 * j + 2] as number, keys[4 * j + 3] as number);
    }
  }
}

/**
 * The one copy of `text` that V8 keeps in its string table. Token texts are compared with `===`
 * on the hot path (a term against the post's earlier terms), and two such strings that are not
 * the same compare by a call unless both are in the table, where they compare by identity.
 */
function internalized(text: string): string {
  return Object.keys({ [text]: 0 })[0] as string;
}

/** Spreads a packed token over the low bits the table indexes by (the units' low bits alone cluster). */
function mix(a: number, b: number, c: number, d: number): number {
  let h = Math.imul(a ^ Math.imul(b, 0x9e3779b1), 0x85ebca6b);
  h = Math.imul(h ^ c ^ Math.imul(d, 0xc2b2ae35), 0x27d4eb2f);
  return h ^ (h >>> 15);
}
