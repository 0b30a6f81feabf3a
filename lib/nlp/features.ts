import type { Post } from '../post';
import type { ScoredLang } from './analysis';
import { normalizeHashtag, normalizeMention } from './hashtag';
import { stopwordsFor } from './stopwords';
import { TokenKind, type Tokens } from './tokenize';

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
 * Collects features token by token, for callers that already walk the tokens (a scorer that looks
 * each word up once for both its valence and whether it is a stopword) and for
 * {@link extractFeatures}. Feed tokens in text order, call `structural` once, then `result`.
 *
 * A stream's caller keeps one builder and calls `reset` per post: the lists grow in scratch arrays
 * that live as long as the builder, and `result` copies each to an array of its exact length, one
 * allocation per list instead of the growing arrays every post used to make.
 */
export class FeatureBuilder {
  private readonly words: string[] = [];
  private readonly terms: string[] = [];
  private readonly hashtags: string[] = [];
  private readonly mentions: string[] = [];
  private nWords = 0;
  private nTerms = 0;
  private nHashtags = 0;
  private nMentions = 0;
  // Posts are short: a scan de-duplicates faster than a Set until there are many terms.
  private termSet: Set<string> | null = null;

  /** Starts a new post. */
  reset(): this {
    this.nWords = 0;
    this.nTerms = 0;
    this.nHashtags = 0;
    this.nMentions = 0;
    this.termSet = null;
    return this;
  }

  /** A word token; `stop` says whether it is a stopword of the post's language. */
  word(t: string, stop: boolean): void {
    this.words[this.nWords++] = t;
    if (t.length < 2 || stop) return;
    const set = this.termSet;
    if (set !== null) {
      if (!set.has(t)) {
        set.add(t);
        this.terms[this.nTerms++] = t;
      }
    } else if (!contains(this.terms, this.nTerms, t)) {
      this.terms[this.nTerms++] = t;
      if (this.nTerms === 32) this.termSet = new Set(this.terms.slice(0, 32));
    }
  }

  number(t: string): void {
    this.words[this.nWords++] = t;
  }

  hashtag(t: string): void {
    if (!contains(this.hashtags, this.nHashtags, t)) this.hashtags[this.nHashtags++] = t;
  }

  mention(t: string): void {
    if (!contains(this.mentions, this.nMentions, t)) this.mentions[this.nMentions++] = t;
  }

  /** Merges the hashtags and mentions a source gave structurally, normalized as the tokenizer does. */
  structural(post: Pick<Post, 'hashtags' | 'mentions'>): void {
    if (post.hashtags) {
      for (const h of post.hashtags) {
        const t = normalizeHashtag(h);
        if (t.length > 1) this.hashtag(t);
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
      words: this.words.slice(0, this.nWords),
      terms: this.terms.slice(0, this.nTerms),
      hashtags: this.hashtags.slice(0, this.nHashtags),
      mentions: this.mentions.slice(0, this.nMentions),
    };
  }
}

function contains(list: readonly string[], n: number, x: string): boolean {
  for (let k = 0; k < n; k++) if (list[k] === x) return true;
  return false;
}

/**
 * Collects words, terms, hashtags and mentions from tokens, merging the hashtags and mentions a
 * source gave structurally (normalized the same way).
 * @param builder a stream's caller passes the one it keeps (see {@link FeatureBuilder})
 * @param lang chooses the stopword list; `null` (unsupported language) removes those of all three.
 */
export function extractFeatures(
  tokens: Tokens,
  lang: ScoredLang | null,
  post: Pick<Post, 'hashtags' | 'mentions'>,
  builder: FeatureBuilder = new FeatureBuilder(),
): Features {
  const stop = stopwordsFor(lang);
  const f = builder.reset();
  const { text, kind } = tokens;
  for (let i = 0; i < tokens.count; i++) {
    const t = text[i] as string;
    const k = kind[i];
    if (k === TokenKind.Word) f.word(t, t.length > 1 && stop.has(t));
    else if (k === TokenKind.Number) f.number(t);
    else if (k === TokenKind.Hashtag) f.hashtag(t);
    else if (k === TokenKind.Mention) f.mention(t);
  }
  f.structural(post);
  return f.result();
}
