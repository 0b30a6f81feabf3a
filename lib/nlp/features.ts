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
 * {@link extractFeatures}. Feed tokens in text order, then call `structural` once.
 */
export class FeatureBuilder implements Features {
  words: string[] = [];
  terms: string[] = [];
  hashtags: string[] = [];
  mentions: string[] = [];
  // Posts are short: a linear `includes` de-duplicates faster than a Set until there are many terms.
  private termSet: Set<string> | null = null;

  /** A word token; `stop` says whether it is a stopword of the post's language. */
  word(t: string, stop: boolean): void {
    this.words.push(t);
    if (t.length < 2 || stop) return;
    const set = this.termSet;
    if (set !== null) {
      if (!set.has(t)) {
        set.add(t);
        this.terms.push(t);
      }
    } else if (!this.terms.includes(t)) {
      this.terms.push(t);
      if (this.terms.length === 32) this.termSet = new Set(this.terms);
    }
  }

  number(t: string): void {
    this.words.push(t);
  }

  hashtag(t: string): void {
    if (!this.hashtags.includes(t)) this.hashtags.push(t);
  }

  mention(t: string): void {
    if (!this.mentions.includes(t)) this.mentions.push(t);
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
}

/**
 * Collects words, terms, hashtags and mentions from tokens, merging the hashtags and mentions a
 * source gave structurally (normalized the same way).
 * @param lang chooses the stopword list; `null` (unsupported language) removes those of all three.
 */
export function extractFeatures(tokens: Tokens, lang: ScoredLang | null, post: Pick<Post, 'hashtags' | 'mentions'>): Features {
  const stop = stopwordsFor(lang);
  const f = new FeatureBuilder();
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
  return f;
}
