import type { ScoredLang } from '../nlp/analysis';
import { scoredLang } from '../nlp/lang';
import { guessLangFrom, wordEvidence, type WordEvidence } from '../nlp/langGuess';
import type { Tokens } from '../nlp/tokenize';
import type { Interned } from '../nlp/vocabulary';
import { TABLES } from './rules';

const LEXICONS = { en: TABLES.en.words, pt: TABLES.pt.words, es: TABLES.es.words };

/**
 * A vocabulary entry that keeps what its word tells the language guess, worked out on first need:
 * guessing then costs a few additions per word instead of four lexicon lookups.
 */
export class GuessableToken implements Interned {
  private evidence: WordEvidence | undefined = undefined;

  constructor(readonly text: string) {}

  guessEvidence(): WordEvidence {
    return (this.evidence ??= wordEvidence(this.text, LEXICONS));
  }
}

/**
 * The language a post is scored in: its tag when it names en/pt/es, `null` (unscored) for any
 * other language, and a guess from the words (function words, then sentiment vocabulary) when the
 * tag says nothing (null, `und`).
 */
export function resolveLang(tag: string | null, tokens: Tokens<GuessableToken>): ScoredLang | null {
  const lang = scoredLang(tag);
  return lang === undefined ? guessLangFrom(tokens, evidenceOf) : lang;
}

function evidenceOf(token: GuessableToken): WordEvidence {
  return token.guessEvidence();
}
