import type { ScoredLang } from '../nlp/analysis';
import { scoredLang } from '../nlp/lang';
import type { Tokens } from '../nlp/tokenize';

/**
 * The language a post is scored in: its tag when it names en/pt/es, `null` (unscored) for any
 * other language, English when the tag says nothing.
 */
export function resolveLang(tag: string | null, _tokens: Tokens): ScoredLang | null {
  const lang = scoredLang(tag);
  return lang === undefined ? 'en' : lang;
}
