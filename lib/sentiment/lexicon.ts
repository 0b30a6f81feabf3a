import type { ScoredLang } from '../nlp/analysis';
// The package's language module, not labels.json itself: tsx turns an imported JSON file into an ES
// module with one `var` per key, and AFINN's key `await` is a syntax error there.
import englishLanguage from 'sentiment/languages/en/index.js';
import emojiScores from 'sentiment/build/emoji.json';
// Data files, not natural's index (which loads a Redis client); the lint pattern 'natural' also matches these paths.
// eslint-disable-next-line no-restricted-imports
import portugueseAfinn from 'natural/lib/natural/sentiment/Portuguese/afinnShortSortedPortuguese.json';
// eslint-disable-next-line no-restricted-imports
import spanishAfinn from 'natural/lib/natural/sentiment/Spanish/afinnShortSortedSpanish.json';

/** A word (or emoji) -> valence map, AFINN scale (-5..5). */
export type Lexicon = ReadonlyMap<string, number>;

function toMap(...sources: Record<string, number>[]): Map<string, number> {
  const map = new Map<string, number>();
  for (const src of sources) for (const [k, v] of Object.entries(src)) map.set(k, v);
  return map;
}

/**
 * The plain lexicons, loaded from the packages' JSON files (not through their analyzers):
 * English is the `sentiment` package's AFINN-165 plus its emoji scores (Emoji Sentiment Ranking);
 * Portuguese and Spanish are natural's AFINN translations, which already carry the same emoji scores.
 * Multi-word entries (`does not work`) are kept; single-token lookups simply never hit them.
 */
/** The `sentiment` package's emoji scores (from the Emoji Sentiment Ranking), AFINN scale. */
export const EMOJI_SCORES: Lexicon = toMap(emojiScores as Record<string, number>);

export const AFINN: Readonly<Record<ScoredLang, Lexicon>> = {
  en: toMap(englishLanguage.labels, emojiScores as Record<string, number>),
  pt: toMap(portugueseAfinn as Record<string, number>),
  es: toMap(spanishAfinn as Record<string, number>),
};
