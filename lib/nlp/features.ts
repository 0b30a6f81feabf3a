import type { Post } from '../post';
import type { ScoredLang } from './analysis';
import { normalizeHashtag, normalizeMention } from './hashtag';
import { stopwordsFor } from './stopwords';
import { TokenKind, type Tokens } from './tokenize';
import type { Interned } from './vocabulary';

/** The non-sentiment part of an `Analysis`: what windows, term counts and keyword queries use. */
export interface Features {
  /** Word and number tokens in text order, stopwords kept. */
  words: string[];
  /** Distinct words minus stopwords, numbers and one-letter tokens, in first-seen order. */
  terms: string[];
  /** Distinct `#tags`: the text's, then the source's structural ones. */
  hashtags: string[];
  /** Distinct `@handles`: the text's, then the source's structural ones. */
  mentions: string[];
}

/**
 * A post's features as the first `*Count` items of lists that are reused from post to post (see
 * {@link FeatureBuilder}): what a stream's caller reads before the next post overwrites it. Each
 * word, term and hashtag the tokenizer found comes with its vocabulary entry, which consumers key
 * their own per-token facts by (see {@link Interned}); the entry is null for those it did not find
 * (a source's structural hashtags, an analyzer with no vocabulary).
 */
export interface FeatureLists {
  readonly words: readonly string[];
  readonly wordEntries: readonly (Interned | null)[];
  readonly wordCount: number;
  readonly terms: readonly string[];
  readonly termEntries: readonly (Interned | null)[];
  readonly termCount: number;
  readonly hashtags: readonly string[];
  readonly hashtagEntries: readonly (Interned | null)[];
  readonly hashtagCount: number;
  readonly mentions: readonly string[];
  readonly mentionCount: number;
}

/**
 * Collects features token by token, for callers that already walk the tokens (a scorer that looks
 * each word up once for both its valence and whether it is a stopword) and for
 * {@link collectFeatures}. Feed tokens in text order, call `structural` once, then read the lists
 * (see {@link FeatureLists}) or take copies with `result`.
 *
 * A stream's caller keeps one builder and calls `reset` per post: the lists grow in arrays that
 * live as long as the builder, so a post that is read in place allocates none, and `result`
 * copies each to an array of its exact length.
 */
export class FeatureBuilder implements FeatureLists {
  // Each list starts with room for a long post, filled with a value of the kind it holds: an empty
  // array starts with small-integer elements, changes kind at its first store and grows at later
  // ones, and either would make code optimized on an earlier builder deoptimize on a new one
  // (traced in the bench, where each run makes a new engine).
  readonly words: string[] = new Array<string>(64).fill('');
  readonly wordEntries: (Interned | null)[] = new Array<Interned | null>(64).fill(null);
  readonly terms: string[] = new Array<string>(64).fill('');
  readonly termEntries: (Interned | null)[] = new Array<Interned | null>(64).fill(null);
  readonly hashtags: string[] = new Array<string>(16).fill('');
  readonly hashtagEntries: (Interned | null)[] = new Array<Interned | null>(16).fill(null);
  readonly mentions: string[] = new Array<string>(16).fill('');
  wordCount = 0;
  termCount = 0;
  hashtagCount = 0;
  mentionCount = 0;
  // Posts are short: a scan de-duplicates faster than a Set until there are many terms.
  private termSet: Set<string> | null = null;

  /** Starts a new post. */
  reset(): this {
    this.wordCount = 0;
    this.termCount = 0;
    this.hashtagCount = 0;
    this.mentionCount = 0;
    this.termSet = null;
    return this;
  }

  /**
   * A word token.
   * @param term whether it counts as a term: two units or more, and no stopword of the post's language
   */
  word(t: string, term: boolean, entry: Interned | null): void {
    this.wordEntries[this.wordCount] = entry;
    this.words[this.wordCount++] = t;
    if (!term) return;
    const set = this.termSet;
    if (set !== null) {
      if (set.has(t)) return;
      set.add(t);
    } else if (contains(this.terms, this.termCount, t)) {
      return;
    }
    this.termEntries[this.termCount] = entry;
    this.terms[this.termCount++] = t;
    if (this.termCount === 32) this.termSet = new Set(this.terms.slice(0, 32));
  }

  number(t: string, entry: Interned | null): void {
    this.wordEntries[this.wordCount] = entry;
    this.words[this.wordCount++] = t;
  }

  hashtag(t: string, entry: Interned | null): void {
    if (contains(this.hashtags, this.hashtagCount, t)) return;
    this.hashtagEntries[this.hashtagCount] = entry;
    this.hashtags[this.hashtagCount++] = t;
  }

  mention(t: string): void {
    if (!contains(this.mentions, this.mentionCount, t)) this.mentions[this.mentionCount++] = t;
  }

  /** Merges the hashtags and mentions a source gave structurally, normalized as the tokenizer does. */
  structural(post: Pick<Post, 'hashtags' | 'mentions'>): void {
    if (post.hashtags) {
      for (const h of post.hashtags) {
        const t = normalizeHashtag(h);
        if (t.length > 1) this.hashtag(t, null);
      }
    }
    if (post.mentions) {
      for (const m of post.mentions) {
        const t = normalizeMention(m);
        if (t.length > 1) this.mention(t);
      }
    }
  }

  /** The post's features, in arrays of their own. */
  result(): Features {
    return {
      words: this.words.slice(0, this.wordCount),
      terms: this.terms.slice(0, this.termCount),
      hashtags: this.hashtags.slice(0, this.hashtagCount),
      mentions: this.mentions.slice(0, this.mentionCount),
    };
  }
}

function contains(list: readonly string[], n: number, x: string): boolean {
  for (let k = 0; k < n; k++) if (list[k] === x) return true;
  return false;
}

/**
 * Collects words, terms, hashtags and mentions from tokens into `builder`, merging the hashtags
 * and mentions a source gave structurally (normalized the same way).
 * @param lang chooses the stopword list; `null` (unsupported language) removes those of all three.
 */
export function collectFeatures<B extends FeatureBuilder>(
  tokens: Tokens,
  lang: ScoredLang | null,
  post: Pick<Post, 'hashtags' | 'mentions'>,
  builder: B,
): B {
  const stop = stopwordsFor(lang);
  const f = builder.reset();
  const { text, kind, entry } = tokens;
  for (let i = 0; i < tokens.count; i++) {
    const t = text[i] as string;
    const k = kind[i];
    if (k === TokenKind.Word) f.word(t, t.length > 1 && !stop.has(t), entry[i] ?? null);
    else if (k === TokenKind.Number) f.number(t, entry[i] ?? null);
    else if (k === TokenKind.Hashtag) f.hashtag(t, entry[i] ?? null);
    else if (k === TokenKind.Mention) f.mention(t);
  }
  f.structural(post);
  return f;
}
