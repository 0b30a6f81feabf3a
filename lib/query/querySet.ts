import { matchQuery, prepareDoc, type QueryDoc } from './matchQuery';
import type { Query } from './query';
import { wordParts } from './wordParts';

/**
 * Several queries matched against one post at a time, for a stream where most posts match none
 * of them. Each query is filed under its atoms: word parts, `#tags` and `@handles` one of which
 * every post it matches contains (`launch OR #nova`: `launch`, `#nova`; `"late goal"`: `late`;
 * `rain -umbrella`: `rain`). A post holding no atom of a query is decided by one pass over its
 * words and tags, without preparing it; only the queries whose atoms it holds, and those that a
 * post can match by language alone (`lang:pt`), go through {@link matchQuery}.
 *
 * @example
 * const set = new QuerySet([q1, q2]);
 * const matched: number[] = [];
 * set.match(doc, matched); // matched = [1] when doc matches q2 only
 */
export class QuerySet {
  private readonly queries: readonly Query[];
  /** Atom -> the queries it files (ascending indices). */
  private readonly byAtom = new Map<string, number[]>();
  /** Queries with no atoms: every post is a candidate. */
  private readonly always: boolean[];
  private readonly anyAlways: boolean;
  /** Per query, whether the current post holds one of its atoms; all false between calls. */
  private readonly due: boolean[];
  /** Word-part atoms by (length, first char), see `slot`: most words are turned away here. */
  private readonly wordSlots = new Uint8Array(SLOTS);
  private readonly shortestWordAtom: number;
  private readonly tagAtoms: boolean;
  private readonly mentionAtoms: boolean;

  constructor(queries: readonly Query[]) {
    this.queries = queries;
    this.always = queries.map(() => false);
    this.due = queries.map(() => false);
    queries.forEach((query, i) => {
      const atoms = atomsOf(query);
      if (atoms === null) {
        this.always[i] = true;
        return;
      }
      for (const atom of atoms) {
        const list = this.byAtom.get(atom);
        if (list === undefined) this.byAtom.set(atom, [i]);
        else if (list.at(-1) !== i) list.push(i);
      }
    });
    this.anyAlways = this.always.includes(true);
    const atoms = [...this.byAtom.keys()];
    const wordAtoms = atoms.filter((a) => !a.startsWith('#') && !a.startsWith('@'));
    for (const atom of wordAtoms) this.wordSlots[slot(atom.length, atom.charCodeAt(0))] = 1;
    this.shortestWordAtom = Math.min(...wordAtoms.map((a) => a.length));
    this.tagAtoms = atoms.some((a) => a.startsWith('#'));
    this.mentionAtoms = atoms.some((a) => a.startsWith('@'));
  }

  /**
   * Fills `matched` (emptied first) with the indices of the queries `doc` matches, ascending.
   * The caller's array is reused so that a stream of posts allocates nothing for the common post
   * that matches no query.
   */
  match(doc: QueryDoc, matched: number[]): void {
    // Setting a length is a runtime call: skip it for the usual empty array.
    if (matched.length !== 0) matched.length = 0;
    let candidates = this.markWords(doc.words);
    if (this.tagAtoms) for (const tag of doc.hashtags) candidates = this.mark(tag) || candidates;
    if (this.mentionAtoms) for (const handle of doc.mentions) candidates = this.mark(handle) || candidates;
    if (!candidates && !this.anyAlways) return;
    const prepared = prepareDoc(doc);
    const due = this.due;
    for (let i = 0; i < this.queries.length; i++) {
      if ((due[i] || this.always[i]) && matchQuery(this.queries[i] as Query, prepared)) matched.push(i);
      due[i] = false;
    }
  }

  /** Marks the queries filed under the word parts of `words`; whether there were any. */
  private markWords(words: readonly string[]): boolean {
    let any = false;
    for (const w of words) {
      // A shorter word can neither be an atom nor hold one among its parts, and one as short as
      // the shortest atom can only be an atom whole.
      const n = w.length;
      if (n > this.shortestWordAtom) any = this.markParts(w) || any;
      else if (n === this.shortestWordAtom) any = this.markRun(w, 0, n) || any;
    }
    return any;
  }

  /**
   * The parts of a word are its runs of word-part characters, found here for words of characters
   * below U+0370 (nearly all) without a regex or a string per part; beyond, `wordParts` splits.
   */
  private markParts(w: string): boolean {
    const n = w.length;
    let any = false;
    let start = 0;
    for (let k = 0; k < n; k++) {
      const c = w.charCodeAt(k);
      if (c >= PART_CHARS.length) {
        for (const part of wordParts(w)) any = this.mark(part) || any;
        return any;
      }
      if (PART_CHARS[c] === 0) {
        any = this.markRun(w, start, k) || any;
        start = k + 1;
      }
    }
    return this.markRun(w, start, n) || any;
  }

  /** Looks up `w[start, end)` only when an atom has its length and first character. */
  private markRun(w: string, start: number, end: number): boolean {
    const length = end - start;
    if (length < this.shortestWordAtom || this.wordSlots[slot(length, w.charCodeAt(start))] === 0) return false;
    return this.mark(length === w.length ? w : w.slice(start, end));
  }

  private mark(atom: string): boolean {
    const list = this.byAtom.get(atom);
    if (list === undefined) return false;
    for (const i of list) this.due[i] = true;
    return true;
  }
}

const SLOTS = 32 * 128;

/** A cell per (length up to 31, first char's low 7 bits): collisions only cost a Map lookup. */
function slot(length: number, firstChar: number): number {
  return (Math.min(length, 31) << 7) | (firstChar & 127);
}

/**
 * 1 for the characters below U+0370 that are word-part characters: ASCII letters and digits,
 * U+00C0-U+024F but × and ÷ (letters), U+0300-U+036F (combining marks).
 */
const PART_CHARS = new Uint8Array(0x370);
for (let c = 0; c < PART_CHARS.length; c++) {
  const ascii = (c >= 97 && c <= 122) || (c >= 48 && c <= 57) || (c >= 65 && c <= 90);
  PART_CHARS[c] = ascii || (c >= 0xc0 && c <= 0x24f && c !== 0xd7 && c !== 0xf7) || c >= 0x300 ? 1 : 0;
}

/**
 * Atoms one of which every post matching `query` contains, or null when a post can match with
 * none (a language, a negation). Each branch of an OR needs its own; an AND needs one operand's.
 */
function atomsOf(query: Query): string[] | null {
  switch (query.type) {
    case 'term':
    case 'phrase': {
      // Every part must be present; the longest is likely the rarest, so the fewest posts wake the query.
      const parts = wordParts(query.value);
      if (parts.length === 0) return [];
      return [parts.reduce((a, b) => (b.length > a.length ? b : a))];
    }
    case 'hashtag':
    case 'mention':
      return [query.value];
    case 'lang':
    case 'not':
      return null;
    case 'and': {
      let best: string[] | null = null;
      for (const operand of query.operands) {
        const atoms = atomsOf(operand);
        if (atoms !== null && (best === null || atoms.length < best.length)) best = atoms;
      }
      return best;
    }
    case 'or': {
      const all: string[] = [];
      for (const operand of query.operands) {
        const atoms = atomsOf(operand);
        if (atoms === null) return null;
        all.push(...atoms);
      }
      return all;
    }
  }
}
