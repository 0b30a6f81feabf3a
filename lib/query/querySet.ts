import type { FeatureLists } from '../nlp/features';
import type { Interned } from '../nlp/vocabulary';
import { matchQuery, prepareDoc, type QueryDoc } from './matchQuery';
import type { Query } from './query';
import { splitsIntoParts, wordParts } from './wordParts';

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
  /**
   * Word -> the queries its word parts file, worked out on a word's first sight. Analyzers hand
   * out the same string for the same token, so a lookup here reuses the string's cached hash and
   * hits on pointer equality; an equal string that is not shared still finds its entry.
   */
  private readonly byWord = new Map<string, readonly number[]>();
  /**
   * What the filings this set leaves on vocabulary entries name as their owner. Not the set
   * itself: entries outlive it (every keyword change makes a new set), and must not keep its
   * word memo alive.
   */
  private readonly identity = {};
  /** Queries with no atoms: every post is a candidate. */
  private readonly always: boolean[];
  private readonly anyAlways: boolean;
  /** Per query, whether the current post holds one of its atoms; all false between calls. */
  private readonly due: boolean[];
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
    this.shortestWordAtom = Math.min(...atoms.filter((a) => !a.startsWith('#') && !a.startsWith('@')).map((a) => a.length));
    this.tagAtoms = atoms.some((a) => a.startsWith('#'));
    this.mentionAtoms = atoms.some((a) => a.startsWith('@'));
  }

  /**
   * Fills `matched` (emptied first) with the indices of the queries `doc` matches, ascending.
   * The caller's array is reused so that a stream of posts allocates nothing for the common post
   * that matches no query.
   */
  match(doc: QueryDoc, matched: number[]): void {
    this.matchFeatures(listsOf(doc), doc.lang, matched);
  }

  /**
   * {@link match} for a post read in place from an analysis buffer: what the engine calls. A word
   * or tag with a vocabulary entry keeps the queries it files there, so it is looked up once per set.
   * @param lang the post's BCP-47 tag (or the analysis's language), null when unknown
   */
  matchFeatures(post: FeatureLists, lang: string | null, matched: number[]): void {
    // Setting a length is a runtime call: skip it for the usual empty array.
    if (matched.length !== 0) matched.length = 0;
    let candidates = false;
    const { words, wordEntries } = post;
    for (let i = 0; i < post.wordCount; i++) {
      const filed = this.filedFor(words[i] as string, wordEntries[i] as Interned | null);
      if (filed.length !== 0) candidates = this.markAll(filed) || candidates;
    }
    if (this.tagAtoms) {
      const { hashtags, hashtagEntries } = post;
      for (let i = 0; i < post.hashtagCount; i++) {
        const filed = this.filedForTag(hashtags[i] as string, hashtagEntries[i] as Interned | null);
        if (filed.length !== 0) candidates = this.markAll(filed) || candidates;
      }
    }
    if (this.mentionAtoms) for (let i = 0; i < post.mentionCount; i++) candidates = this.mark(post.mentions[i] as string) || candidates;
    if (!candidates && !this.anyAlways) return;
    const prepared = prepareDoc({
      words: words.slice(0, post.wordCount), hashtags: post.hashtags.slice(0, post.hashtagCount),
      mentions: post.mentions.slice(0, post.mentionCount), lang,
    });
    const due = this.due;
    for (let i = 0; i < this.queries.length; i++) {
      if ((due[i] || this.always[i]) && matchQuery(this.queries[i] as Query, prepared)) matched.push(i);
      due[i] = false;
    }
  }

  /**
   * {@link filedUnder}, kept on the word's vocabulary entry when it has one: in the entry itself,
   * which the analysis has just read, rather than in an object of its own that would be one more
   * memory load per word. Only this set writes its private identity as the owner, so a filing
   * with that owner is one of ours.
   */
  private filedFor(word: string, entry: Interned | null): readonly number[] {
    if (entry === null) return this.filedUnder(word);
    if (entry.queryOwner === this.identity) return entry.queryFiling as readonly number[];
    return this.keep(entry, this.filedUnder(word));
  }

  /** The queries a tag files, kept on its vocabulary entry as {@link filedFor} keeps a word's. */
  private filedForTag(tag: string, entry: Interned | null): readonly number[] {
    if (entry === null) return this.byAtom.get(tag) ?? NONE;
    if (entry.queryOwner === this.identity) return entry.queryFiling as readonly number[];
    return this.keep(entry, this.byAtom.get(tag) ?? NONE);
  }

  private keep(entry: Interned, queries: readonly number[]): readonly number[] {
    entry.queryFiling = queries;
    entry.queryOwner = this.identity;
    return queries;
  }

  /** The queries filed under the word parts of `word`. */
  private filedUnder(word: string): readonly number[] {
    // A word shorter than every atom can hold none among its parts: most stopwords stop here.
    if (word.length < this.shortestWordAtom) return NONE;
    let list = this.byWord.get(word);
    if (list === undefined) {
      // Bounded like the analyzers' vocabularies, so a stream of ever-new words holds at most so many.
      if (this.byWord.size >= WORD_LIMIT) this.byWord.clear();
      list = splitsIntoParts(word) ? this.filedUnderParts(wordParts(word)) : (this.byAtom.get(word) ?? NONE);
      this.byWord.set(word, list);
    }
    return list;
  }

  private filedUnderParts(parts: readonly string[]): readonly number[] {
    const filed = new Set<number>();
    for (const part of parts) for (const i of this.byAtom.get(part) ?? []) filed.add(i);
    return filed.size === 0 ? NONE : [...filed];
  }

  private markAll(list: readonly number[]): boolean {
    for (let k = 0; k < list.length; k++) this.due[list[k] as number] = true;
    return list.length !== 0;
  }

  private mark(atom: string): boolean {
    const list = this.byAtom.get(atom);
    return list !== undefined && this.markAll(list);
  }
}

/** A plain doc read as feature lists (with no vocabulary entries). */
function listsOf(doc: QueryDoc): FeatureLists {
  const { words, hashtags, mentions } = doc;
  return {
    words, wordEntries: words.map(() => null), wordCount: words.length, terms: [], termEntries: [], termCount: 0,
    hashtags, hashtagEntries: hashtags.map(() => null), hashtagCount: hashtags.length, mentions, mentionCount: mentions.length,
  };
}

/** Words remembered by a QuerySet before it starts over. */
const WORD_LIMIT = 1 << 16;

/** What most words file: one shared empty list. */
const NONE: readonly number[] = [];

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
