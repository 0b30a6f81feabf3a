import Sentiment from 'sentiment';
import type { Analysis, Analyzer, Contribution } from '../nlp/analysis';
import { AnalysisBuffer } from '../nlp/analysisBuffer';
import type { Post } from '../post';
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
  const own = new AnalysisBuffer();
  /** Scores `post` into `out`; with `explain`, returns the package's word scores. */
  const analyzeInto = (post: Post, out: AnalysisBuffer, explain: boolean): Contribution[] | null => {
    const { lang } = read(post, out);
    if (lang === null) {
      out.scored(lang, 0, 'unscored');
      return explain ? [] : null;
    }
    const result = engine.analyze(post.text, { language: lang });
    const score = normalizeScore(result.score);
    out.scored(lang, score, labelFor(score, SIGN_BAND));
    return explain ? result.calculation.flatMap((c) => Object.entries(c).map(([token, weight]) => ({ token, weight }))) : null;
  };
  return {
    name: 'sentiment',
    analyze(post: Post, options?: { explain?: boolean }): Analysis {
      return own.toAnalysis(analyzeInto(post, own, options?.explain === true));
    },
    analyzeInto(post: Post, out: AnalysisBuffer): void {
      analyzeInto(post, out, false);
    },
  };
}
