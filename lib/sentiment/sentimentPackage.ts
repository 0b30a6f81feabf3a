import Sentiment from 'sentiment';
import type { Analyzer } from '../nlp/analysis';
import { bufferedAnalyzer } from '../nlp/analysisBuffer';
import { AFINN } from './lexicon';
import { createPostReader } from './resolveLang';
import { labelFor, normalizeScore, SIGN_BAND } from './score';

/**
 * `sentiment`: the naive baseline, the `sentiment` package's own `analyze()` per post (its
 * tokenizer, its one-word negation), for the eval and the benchmark. Portuguese and Spanish are
 * registered with natural's AFINN so they are not scored as English. Entities still come from
 * moodstream's tokenizer so the windows are comparable.
 */
export function createSentimentPackageAnalyzer(): Analyzer {
  const engine = new Sentiment();
  // registerLanguage adds the emoji scores into the labels object it is given: hand it copies.
  engine.registerLanguage('pt', { labels: Object.fromEntries(AFINN.pt) });
  engine.registerLanguage('es', { labels: Object.fromEntries(AFINN.es) });
  const read = createPostReader();
  return bufferedAnalyzer('sentiment', (post, out, contributions) => {
    const { lang } = read(post, out);
    if (lang === null) return;
    const result = engine.analyze(post.text, { language: lang });
    const score = normalizeScore(result.score);
    out.scored(lang, score, labelFor(score, SIGN_BAND));
    if (contributions) for (const c of result.calculation) for (const [token, weight] of Object.entries(c)) contributions.push({ token, weight });
  });
}
