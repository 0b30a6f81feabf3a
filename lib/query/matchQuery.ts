import type { Query } from './query';
import { splitsIntoParts, wordParts } from './wordParts';

/**
 * What a query is matched against: one post's analysis. Strings are expected normalized as
 * `Analysis` gives them (NFKC, lowercase; hashtags with `#`, mentions with `@`); `words` are the
 * word tokens outside hashtags, mentions and URLs, in text order, stopwords kept.
 */
export interface QueryDoc {
  words: readonly string[];
  hashtags: readonly string[];
  mentions: readonly string[];
  /** BCP-47 tag (`en`, `pt-BR`) or null when unknown. */
  lang: string | null;
}

/**
 * A post indexed once for many queries: build it with {@link prepareDoc} and pass it to
 * {@link matchQuery} for every tracked keyword, so the post's word parts are worked out once, not once per query.
 */
export interface PreparedDoc {
  /** The word parts of `words`, in text order (see `wordParts`). */
  readonly parts: readonly string[];
  /** Whether a word part occurs in the post. */
  hasPart(part: string): boolean;
  hasHashtag(tag: string): boolean;
  hasMention(handle: string): boolean;
  /** Lowercase primary language subtag (`pt` for `pt-BR`), or null. */
  readonly lang: string | null;
}

/**
 * Lists shorter than this are searched with `includes`: a post has a handful of words and tags,
 * and building a Set per post (the engine prepares every post) costs more than a few scans. Longer
 * lists get a Set, built on the first lookup, so a long post with many queries stays linear.
 */
const SCAN_LIMIT = 16;

function member(list: readonly string[], set: Set<string> | null, x: string): boolean {
  return set === null ? list.includes(x) : set.has(x);
}

class Prepared implements PreparedDoc {
  readonly parts: readonly string[];
  readonly lang: string | null;
  private readonly hashtags: readonly string[];
  private readonly mentions: readonly string[];
  private partSet: Set<string> | null = null;
  private hashtagSet: Set<string> | null = null;
  private mentionSet: Set<string> | null = null;

  constructor(doc: QueryDoc) {
    this.parts = partsOf(doc.words);
    this.hashtags = doc.hashtags;
    this.mentions = doc.mentions;
    this.lang = doc.lang === null ? null : primarySubtag(doc.lang);
  }

  hasPart(part: string): boolean {
    if (this.partSet === null && this.parts.length >= SCAN_LIMIT) this.partSet = new Set(this.parts);
    return member(this.parts, this.partSet, part);
  }

  hasHashtag(tag: string): boolean {
    if (this.hashtagSet === null && this.hashtags.length >= SCAN_LIMIT) this.hashtagSet = new Set(this.hashtags);
    return member(this.hashtags, this.hashtagSet, tag);
  }

  hasMention(handle: string): boolean {
    if (this.mentionSet === null && this.mentions.length >= SCAN_LIMIT) this.mentionSet = new Set(this.mentions);
    return member(this.mentions, this.mentionSet, handle);
  }
}

/** The word parts of all words in order: the words array itself when none splits (the common case). */
function partsOf(words: readonly string[]): readonly string[] {
  let i = 0;
  while (i < words.length && !splitsIntoParts(words[i] as string)) i++;
  if (i === words.length) return words;
  const parts = words.slice(0, i);
  for (; i < words.length; i++) {
    const w = words[i] as string;
    if (splitsIntoParts(w)) parts.push(...wordParts(w));
    else parts.push(w);
  }
  return parts;
}

function primarySubtag(tag: string): string {
  // Most tags are a bare lowercase subtag already (`en`): no regex, no new string.
  if (tag.length === 2 && isLowerAscii(tag.charCodeAt(0)) && isLowerAscii(tag.charCodeAt(1))) return tag;
  const cut = tag.search(/[-_]/);
  return (cut < 0 ? tag : tag.slice(0, cut)).toLowerCase();
}

function isLowerAscii(c: number): boolean {
  return c >= 97 && c <= 122;
}

/**
 * Indexes one post for matching: O(words). Build it once per post and reuse it for every query;
 * {@link matchQuery} also takes a plain {@link QueryDoc}, which it then prepares on each call.
 */
export function prepareDoc(doc: QueryDoc): PreparedDoc {
  return new Prepared(doc);
}

type Matcher = (doc: PreparedDoc) => boolean;

// Keyed by the AST object, so a query parsed once is compiled once, however many posts it sees.
const compiled = new WeakMap<Query, Matcher>();

/**
 * Whether a post matches a parsed query (from `parseQuery`).
 * The query is compiled to closures on first use and cached by object identity.
 * @example matchQuery(q, prepareDoc({ words: ['café', 'au', 'lait'], hashtags: [], mentions: [], lang: 'fr' }))
 */
export function matchQuery(query: Query, doc: QueryDoc | PreparedDoc): boolean {
  let matcher = compiled.get(query);
  if (matcher === undefined) {
    matcher = compile(query).match;
    compiled.set(query, matcher);
  }
  return matcher(doc instanceof Prepared ? doc : prepareDoc(doc as QueryDoc));
}

/** A matcher and a rough cost, so that cheap membership tests run before phrase scans. */
interface Compiled {
  match: Matcher;
  cost: number;
}

function compile(node: Query): Compiled {
  switch (node.type) {
    case 'term':
    case 'phrase':
      return compileParts(wordParts(node.value));
    case 'hashtag': {
      const tag = node.value;
      return { match: (d) => d.hasHashtag(tag), cost: 1 };
    }
    case 'mention': {
      const handle = node.value;
      return { match: (d) => d.hasMention(handle), cost: 1 };
    }
    case 'lang': {
      const lang = node.value;
      return { match: (d) => d.lang === lang, cost: 1 };
    }
    case 'not': {
      const inner = compile(node.operand);
      return { match: (d) => !inner.match(d), cost: inner.cost };
    }
    case 'and':
    case 'or': {
      const parts = node.operands.map(compile).sort((a, b) => a.cost - b.cost);
      const ms = parts.map((p) => p.match);
      const cost = parts.reduce((sum, p) => sum + p.cost, 0);
      const match: Matcher =
        node.type === 'and'
          ? (d) => {
              for (const m of ms) if (!m(d)) return false;
              return true;
            }
          : (d) => {
              for (const m of ms) if (m(d)) return true;
              return false;
            };
      return { match, cost };
    }
  }
}

function compileParts(parts: string[]): Compiled {
  const [first] = parts;
  if (first === undefined) return { match: () => false, cost: 0 };
  if (parts.length === 1) return { match: (d) => d.hasPart(first), cost: 1 };
  const n = parts.length;
  const match: Matcher = (d) => {
    const seq = d.parts;
    for (let i = seq.indexOf(first); i >= 0 && i + n <= seq.length; i = seq.indexOf(first, i + 1)) {
      let k = 1;
      while (k < n && seq[i + k] === parts[k]) k++;
      if (k === n) return true;
    }
    return false;
  };
  return { match, cost: 2 };
}
