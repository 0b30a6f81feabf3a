import type { ScoredLang } from './analysis';
// Submodule files, not the index (see natural-modules.d.ts); the lint pattern 'natural' also matches these paths.
// eslint-disable-next-line no-restricted-imports
import english from 'natural/lib/natural/util/stopwords.js';
// eslint-disable-next-line no-restricted-imports
import portuguese from 'natural/lib/natural/util/stopwords_pt.js';
// eslint-disable-next-line no-restricted-imports
import spanish from 'natural/lib/natural/util/stopwords_es.js';

/**
 * Tokens that natural's lists lack but that fill a social-media term chart with noise: retweet
 * markers, the `amp` left from `&amp;`, and English contractions (natural lists `i`, `am`, `is`, not `i'm`).
 */
const SOCIAL_EXTRAS: Record<ScoredLang, string[]> = {
  en: ['rt', 'via', 'amp', "i'm", "i've", "i'll", "i'd", "it's", "that's", "you're", "we're", "they're", "he's", "she's", "there's", "what's", "let's", 'im', 'u', 'ur'],
  pt: ['rt', 'q', 'pq', 'tá', 'ta', 'vc', 'vcs', 'tb', 'tbm', 'pra', 'pro', 'né'],
  es: ['rt', 'q', 'xq', 'pq', 'd', 'x', 'pa', 'tb', 'tmb', 'es', 'está', 'esta', 'este', 'son', 'fue', 'ser', 'hay', 'yo', 'eso', 'esto'],
};

/** Stopwords per scored language: natural's lists plus {@link SOCIAL_EXTRAS}. */
export const STOPWORDS: Readonly<Record<ScoredLang, ReadonlySet<string>>> = {
  en: new Set([...english.words, ...SOCIAL_EXTRAS.en]),
  pt: new Set([...portuguese.words, ...SOCIAL_EXTRAS.pt]),
  es: new Set([...spanish.words, ...SOCIAL_EXTRAS.es]),
};

/** Union of all three lists: used for posts in a language without its own list, so their term counts are not all `de` and `la`. */
export const ANY_STOPWORDS: ReadonlySet<string> = new Set([...STOPWORDS.en, ...STOPWORDS.pt, ...STOPWORDS.es]);

/** Stopword set for a post's language; `null` (unsupported language) gets {@link ANY_STOPWORDS}. */
export function stopwordsFor(lang: ScoredLang | null): ReadonlySet<string> {
  return lang === null ? ANY_STOPWORDS : STOPWORDS[lang];
}

/** Whether `word` (lowercased) is a stopword in `lang`. */
export function isStopword(word: string, lang: ScoredLang | null): boolean {
  return stopwordsFor(lang).has(word);
}
