import type { Label, Post } from '../post';
import type { Analysis, Analyzer, Contribution, ScoredLang } from './analysis';
import { FeatureBuilder } from './features';

/**
 * A post's analysis in lists that are reused from post to post (see {@link FeatureLists}): the
 * engine reads each post in place before the next one overwrites it, so its hot path copies no
 * list and keys its counts by the tokens' vocabulary entries. {@link toAnalysis} makes the
 * `Analysis` of its own that `Analyzer.analyze` returns.
 */
export class AnalysisBuffer extends FeatureBuilder {
  /** As in `Analysis`. */
  lang: ScoredLang | null = null;
  score = 0;
  label: Label = 'unscored';

  /** Sets the sentiment part: a score in [-1, 1] and its label, or `unscored` when `lang` is null. */
  scored(lang: ScoredLang | null, score: number, label: Label): this {
    this.lang = lang;
    this.score = score;
    this.label = label;
    return this;
  }

  /**
   * A copy that outlives the buffer, with one object shape for every analyzer (`contributions`
   * present, undefined unless explaining).
   */
  toAnalysis(contributions: Contribution[] | null): Analysis {
    const f = this.result();
    return {
      words: f.words, terms: f.terms, hashtags: f.hashtags, mentions: f.mentions, lang: this.lang, score: this.score,
      label: this.label, contributions: contributions === null ? undefined : contributions,
    };
  }
}

/**
 * Analyzes `post` into `out` with the analyzer's `analyzeInto`, or, for an analyzer that only
 * has `analyze`, by reading its result in.
 */
export function analyzeInto(analyzer: Analyzer, post: Post, out: AnalysisBuffer): AnalysisBuffer {
  if (analyzer.analyzeInto !== undefined) {
    analyzer.analyzeInto(post, out);
    return out;
  }
  const a = analyzer.analyze(post);
  return out.fill(a).scored(a.lang, a.score, a.label);
}
