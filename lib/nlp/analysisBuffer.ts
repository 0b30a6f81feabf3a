import type { Label, Post } from '../post';
import type { Analysis, Analyzer, Contribution, ScoredLang } from './analysis';
import { FeatureBuilder } from './features';

/**
 * A post's analysis in lists that are reused from post to post (see {@link FeatureLists}): the
 * engine reads each post in place before the next one overwrites it, so its hot path copies no
 * list, and it finds each key's row through the token's vocabulary entry. {@link toAnalysis}
 * makes the `Analysis` of its own that `Analyzer.analyze` returns.
 */
export class AnalysisBuffer extends FeatureBuilder {
  /** As in `Analysis`. */
  lang: ScoredLang | null = null;
  // -0, a double, not 0: V8 would give a buffer that starts with a small integer a new shape at
  // its first fractional score, and code optimized on an earlier buffer would not run on it.
  score = -0;
  label: Label = 'unscored';

  /** Starts a new post: no features, unscored. */
  override reset(): this {
    this.lang = null;
    this.score = 0;
    this.label = 'unscored';
    return super.reset();
  }

  /** Sets the sentiment part: a score in [-1, 1] and its label, or `unscored` when `lang` is null. */
  scored(lang: ScoredLang | null, score: number, label: Label): this {
    this.lang = lang;
    this.score = score;
    this.label = label;
    return this;
  }

  /** Reads an `Analysis` in (with no vocabulary entries): for analyzers that only have `analyze`. */
  read(a: Analysis): this {
    this.reset();
    for (const w of a.words) {
      this.wordEntries[this.wordCount] = null;
      this.words[this.wordCount++] = w;
    }
    // The lists of an Analysis are distinct already (see Analysis).
    for (const t of a.terms) {
      this.termEntries[this.termCount] = null;
      this.terms[this.termCount++] = t;
    }
    for (const h of a.hashtags) {
      this.hashtagEntries[this.hashtagCount] = null;
      this.hashtags[this.hashtagCount++] = h;
    }
    for (const m of a.mentions) this.mentions[this.mentionCount++] = m;
    return this.scored(a.lang, a.score, a.label);
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
 * An analyzer around one function that writes a post's analysis into a buffer (and, when given
 * an array, the contributions that explain its score): `analyzeInto` calls it on the caller's
 * buffer, `analyze` on a buffer of the analyzer's own and copies the result out.
 */
export function bufferedAnalyzer(name: string, run: (post: Post, out: AnalysisBuffer, contributions: Contribution[] | null) => void): Analyzer {
  const own = new AnalysisBuffer();
  return {
    name,
    analyze(post: Post, options?: { explain?: boolean }): Analysis {
      const contributions = options?.explain ? [] : null;
      run(post, own, contributions);
      return own.toAnalysis(contributions);
    },
    analyzeInto(post: Post, out: AnalysisBuffer, contributions: Contribution[] | null = null): void {
      run(post, out, contributions);
    },
  };
}

/** One options object for every explained post rather than one per call. */
const EXPLAIN = Object.freeze({ explain: true });

/**
 * Analyzes `post` into `out` with the analyzer's `analyzeInto`, or, for an analyzer that only
 * has `analyze`, by reading its result in.
 * @param contributions when given, receives the tokens that moved the score
 */
export function analyzeInPlace(analyzer: Analyzer, post: Post, out: AnalysisBuffer, contributions: Contribution[] | null = null): AnalysisBuffer {
  if (analyzer.analyzeInto !== undefined) {
    analyzer.analyzeInto(post, out, contributions);
    return out;
  }
  const a = analyzer.analyze(post, contributions === null ? undefined : EXPLAIN);
  if (contributions !== null && a.contributions) contributions.push(...a.contributions);
  return out.read(a);
}
