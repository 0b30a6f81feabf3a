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
 * Collects words, terms, hashtags and mentions from tokens, merging the hashtags and mentions a
 * source gave structurally (normalized the same way).
 * @param lang chooses the stopword list; `null` (unsupported language) removes those of all three.
 */
export function extractFeatures(tokens: Tokens, lang: ScoredLang | null, post: Pick<Post, 'hashtags' | 'mentions'>): Features {
  const stop = stopwordsFor(lang);
  const words: string[] = [];
  const terms: string[] = [];
  // Posts are short: a linear `includes` de-duplicates faster than a Set until there are many terms.
  let termSet: Set<string> | null = null;
  const hashtags: string[] = [];
  const mentions: string[] = [];
  const { text, kind } = tokens;
  for (let i = 0; i < text.length; i++) {
    const t = text[i] as string;
    const k = kind[i];
    if (k === TokenKind.Word) {
      words.push(t);
      if (t.length > 1 && !stop.has(t)) {
        if (termSet !== null) {
          if (!termSet.has(t)) {
            termSet.add(t);
            terms.push(t);
          }
        } else if (!terms.includes(t)) {
          terms.push(t);
          if (terms.length === 32) termSet = new Set(terms);
        }
      }
    } else if (k === TokenKind.Number) {
      words.push(t);
    } else if (k === TokenKind.Hashtag) {
      if (!hashtags.includes(t)) hashtags.push(t);
    } else if (k === TokenKind.Mention) {
      if (!mentions.includes(t)) mentions.push(t);
    }
  }
  if (post.hashtags) {
    for (const h of post.hashtags) {
      const t = normalizeHashtag(h);
      if (t.length > 1 && !hashtags.includes(t)) hashtags.push(t);
    }
  }
  if (post.mentions) {
    for (const m of post.mentions) {
      const t = normalizeMention(m);
      if (t.length > 1 && !mentions.includes(t)) mentions.push(t);
    }
  }
  return { words, terms, hashtags, mentions };
}
