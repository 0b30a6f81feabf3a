/**
 * A symbol table of the tokens a stream has seen, looked up by a range of a string.
 *
 * Every token of every post used to become a fresh `slice` that a Map hashed for the lexicon
 * lookup: on this hot path that cost more than scanning the token. Here a short ASCII token (up to
 * {@link PACK_UNITS} code units: nearly every word, tag and mark) is packed into two integers while
 * the tokenizer scans it, and looked up by those integers in an open-addressing table, so a token
 * seen before costs neither a string nor a hash of one. Other tokens go through a Map. Either way
 * the token comes back as one shared entry that carries what its users derived from its text once
 * (a scorer's lexicon entries), and equal tokens are the same string.
 */

/** What the table stores: an object with the token's text. */
export interface Interned {
  readonly text: string;
}

/** Longest token, in UTF-16 code units, looked up by packing. */
export const PACK_UNITS = 8;

const EMPTY = -1;
const INITIAL_SLOTS = 256;

/**
 * Packs the ASCII code unit `c` (1..127) at position `k` (0-based, below {@link PACK_UNITS}) into
 * the running halves `lo` (units 0-3) and `hi` (4-7): `lo | packUnit(c, k)` while `k < 4`,
 * `hi | packUnit(c, k - 4)` after. Units are never 0, so the pair also tells the length.
 */
export function packUnit(c: number, k: number): number {
  return c << (7 * k);
}

/**
 * Open addressing with linear probing, load factor at most 1/2, for packed tokens; a Map for the
 * rest. Bounded: when `limit` entries are stored, the table starts over, so a stream of ever-new
 * tokens (typos, names, ids) holds at most `limit`; entries already handed out stay valid, they are
 * only no longer shared.
 *
 * @example
 * const vocab = new Vocabulary((text) => ({ text }));
 * vocab.lookup('say hello', 4, 9) === vocab.intern('hello') // true
 */
export class Vocabulary<W extends Interned> {
  private lo = new Int32Array(INITIAL_SLOTS);
  private hi = new Int32Array(INITIAL_SLOTS);
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
    if (end - start <= PACK_UNITS) {
      let lo = 0;
      let hi = 0;
      let k = start;
      for (; k < end; k++) {
        const c = s.charCodeAt(k);
        if (c === 0 || c >= 128) break;
        if (k - start < 4) lo |= packUnit(c, k - start);
        else hi |= packUnit(c, k - start - 4);
      }
      if (k === end) return this.findPacked(lo, hi) ?? this.addPacked(lo, hi, s.slice(start, end));
    }
    return this.internOther(s.slice(start, end));
  }

  /** The entry for `text`, created on first sight. */
  intern(text: string): W {
    return this.lookup(text, 0, text.length);
  }

  /** Texts that are not short ASCII go through a Map. */
  private internOther(text: string): W {
    let w = this.other.get(text);
    if (w === undefined) {
      this.makeRoom();
      w = this.create(text);
      this.other.set(text, w);
    }
    return w;
  }

  /**
   * The entry of a token a caller packed itself with {@link packUnit} while scanning it (every unit
   * ASCII, at most {@link PACK_UNITS} of them, as the entry's text has them), if there is one.
   */
  findPacked(lo: number, hi: number): W | undefined {
    const slots = this.slot;
    const mask = slots.length - 1;
    for (let i = mix(lo, hi) & mask; ; i = (i + 1) & mask) {
      const e = slots[i] as number;
      if (e === EMPTY) return undefined;
      if (this.lo[i] === lo && this.hi[i] === hi) return this.packed[e] as W;
    }
  }

  /** Adds the entry for `text`, packed as `lo`, `hi`, after {@link findPacked} found none. */
  addPacked(lo: number, hi: number, text: string): W {
    this.makeRoom();
    const w = this.create(text);
    const mask = this.slot.length - 1;
    let i = mix(lo, hi) & mask;
    while (this.slot[i] !== EMPTY) i = (i + 1) & mask;
    this.slot[i] = this.packed.length;
    this.lo[i] = lo;
    this.hi[i] = hi;
    this.packed.push(w);
    if (this.packed.length * 2 > this.slot.length) this.grow();
    return w;
  }

  /** Starts over when full. */
  private makeRoom(): void {
    if (this.size < this.limit) return;
    this.lo = new Int32Array(INITIAL_SLOTS);
    this.hi = new Int32Array(INITIAL_SLOTS);
    this.slot = new Int32Array(INITIAL_SLOTS).fill(EMPTY);
    this.packed = [];
    this.other = new Map();
  }

  private grow(): void {
    const { lo, hi, slot } = this;
    const size = slot.length * 2;
    this.lo = new Int32Array(size);
    this.hi = new Int32Array(size);
    this.slot = new Int32Array(size).fill(EMPTY);
    const mask = size - 1;
    for (let j = 0; j < slot.length; j++) {
      if (slot[j] === EMPTY) continue;
      let i = mix(lo[j] as number, hi[j] as number) & mask;
      while (this.slot[i] !== EMPTY) i = (i + 1) & mask;
      this.slot[i] = slot[j] as number;
      this.lo[i] = lo[j] as number;
      this.hi[i] = hi[j] as number;
    }
  }
}

/** Spreads a packed pair over the low bits the table indexes by (the units' low bits alone cluster). */
function mix(lo: number, hi: number): number {
  const h = Math.imul(lo ^ Math.imul(hi, 0x9e3779b1), 0x85ebca6b);
  return h ^ (h >>> 15);
}
