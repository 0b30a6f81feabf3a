import Sentiment from 'sentiment';
import type { Analysis, Analyzer } from '../nlp/analysis';
import type { Post } from '../post';
import { AFINN } from './lexicon';
import { createPostReader } from './resolveLang';
import { labelFor, makeAnalysis, normalizeScore, SIGN_BAND } from './score';

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
  return {
    name: 'sentiment',
    analyze(post: Post, options?: { explain?: boolean }): Analysis {
      const { lang, features } = read(post);
      if (lang === null) return makeAnalysis(features, lang, 0, 'unscored', options?.explain ? [] : null);
      const result = engine.analyze(post.text, { language: lang });
      const score = normalizeScore(result.score);
      const contributions = options?.explain
        ? result.calculation.flatMap((c) => Object.entries(c).map(([token, weight]) => ({ token, weight })))
        : null;
      return makeAnalysis(features, lang, score, labelFor(score, SIGN_BAND), contributions);
    },
  };
}
