import type { Analyzer, Contribution, ScoredLang } from '../nlp/analysis';
import { bufferedAnalyzer } from '../nlp/analysisBuffer';
import { splitHashtag } from '../nlp/hashtag';
import { TokenKind, type Tokens } from '../nlp/tokenize';
import { AFINN } from './lexicon';
import { createPostReader } from './resolveLang';
import { labelFor, normalizeScore, SIGN_BAND } from './score';

/**
 * Words a hashtag stands for when scored: its CamelCase parts (`#NotHappy` -> `not happy`), or
 * the whole tag body when it has one part.
 */
function hashtagWords(tokens: Tokens, i: number): string[] {
  const text = tokens.text[i] as string;
  const start = tokens.start[i] as number;
  return splitHashtag(tokens.source.slice(start, start + text.length));
}

function sumAfinn(tokens: Tokens, lang: ScoredLang, contributions: Contribution[] | null): number {
  const lex = AFINN[lang];
  let sum = 0;
  const { text, kind } = tokens;
  for (let i = 0; i < tokens.count; i++) {
    const k = kind[i];
    if (k === TokenKind.Word || k === TokenKind.Emoji) {
      const v = lex.get(text[i] as string);
      if (v !== undefined) {
        sum += v;
        contributions?.push({ token: text[i] as string, weight: v });
      }
    } else if (k === TokenKind.Hashtag) {
      for (const w of hashtagWords(tokens, i)) {
        const v = lex.get(w);
        if (v !== undefined) {
          sum += v;
          contributions?.push({ token: w, weight: v });
        }
      }
    }
  }
  return sum;
}

/** `afinn`: plain AFINN-165 with emoji (en) and natural's AFINN (pt, es), summed word by word, no rules. */
export function createAfinnAnalyzer(): Analyzer {
  const read = createPostReader();
  return bufferedAnalyzer('afinn', (post, out, contributions) => {
    const { tokens, lang } = read(post, out);
    if (lang === null) return;
    const score = normalizeScore(sumAfinn(tokens, lang, contributions));
    out.scored(lang, score, labelFor(score, SIGN_BAND));
  });
}
