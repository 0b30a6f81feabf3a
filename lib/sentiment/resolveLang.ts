import type { ScoredLang } from '../nlp/analysis';
import { scoredLang } from '../nlp/lang';
import { guessLang } from '../nlp/langGuess';
import type { Tokens } from '../nlp/tokenize';
import { TABLES } from './rules';

const LEXICONS = { en: TABLES.en.words, pt: TABLES.pt.words, es: TABLES.es.words };

/**
 * The language a post is scored in: its tag when it names en/pt/es, `null` (unscored) for any
 * other language, and a guess from the words (function words, then sentiment vocabulary) when the
 * tag says nothing (null, `und`).
 */
export function resolveLang(tag: string | null, tokens: Tokens): ScoredLang | null {
  const lang = scoredLang(tag);
  return lang === undefined ? guessLang(tokens, LEXICONS) : lang;
}
