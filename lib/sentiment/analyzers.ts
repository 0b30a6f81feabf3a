import type { Analyzer } from '../nlp/analysis';
import { createAfinnAnalyzer } from './afinn';
import { createSentimentPackageAnalyzer } from './sentimentPackage';

const FACTORIES: Readonly<Record<string, () => Analyzer>> = {
  afinn: createAfinnAnalyzer,
  sentiment: createSentimentPackageAnalyzer,
};

/** Names `createAnalyzer` accepts: `afinn` (plain lexicon), `sentiment` (the package's analyze, baseline). */
export const ANALYZER_NAMES: readonly string[] = Object.keys(FACTORIES);

/** The analyzer the stream uses unless told otherwise. */
export const DEFAULT_ANALYZER = 'afinn';

/**
 * Creates a scorer by name. Analyzers are pure and reusable across posts.
 * @throws Error naming the unknown scorer and the known ones.
 */
export function createAnalyzer(name: string): Analyzer {
  const factory = Object.hasOwn(FACTORIES, name) ? FACTORIES[name] : undefined;
  if (!factory) throw new Error(`unknown analyzer "${name}": expected one of ${ANALYZER_NAMES.join(', ')}`);
  return factory();
}
