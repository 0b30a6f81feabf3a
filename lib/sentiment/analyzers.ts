import type { Analyzer } from '../nlp/analysis';
import { createAfinnAnalyzer } from './afinn';
import { createMoodstreamAnalyzer } from './moodstream';
import { createSentimentPackageAnalyzer } from './sentimentPackage';

const FACTORIES: Readonly<Record<string, () => Analyzer>> = {
  moodstream: createMoodstreamAnalyzer,
  afinn: createAfinnAnalyzer,
  sentiment: createSentimentPackageAnalyzer,
};

/**
 * Names `createAnalyzer` accepts: `moodstream` (rules scorer, the default), `afinn` (plain lexicon sum),
 * `sentiment` (the `sentiment` package's own analyze(), the naive baseline).
 */
export const ANALYZER_NAMES: readonly string[] = Object.keys(FACTORIES);

/** The analyzer the stream uses unless told otherwise. */
export const DEFAULT_ANALYZER = 'moodstream';

/**
 * Creates a scorer by name. Analyzers are pure and reusable across posts.
 * @throws Error naming the unknown scorer and the known ones.
 */
export function createAnalyzer(name: string): Analyzer {
  const factory = Object.hasOwn(FACTORIES, name) ? FACTORIES[name] : undefined;
  if (!factory) throw new Error(`unknown analyzer "${name}": expected one of ${ANALYZER_NAMES.join(', ')}`);
  return factory();
}
