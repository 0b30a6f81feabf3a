import type { GoldLabel } from './metrics';

/** One line of a labeled JSON Lines set (`text`, `label`, optional `lang` and numeric `score`). */
export interface LabeledItem {
  text: string;
  gold: GoldLabel;
  lang: string | null;
  /** Gold numeric rating when given (any scale; only its correlation is used). */
  score?: number;
}

const LABEL_ALIASES: Readonly<Record<string, GoldLabel>> = {
  pos: 'pos', positive: 'pos', '1': 'pos',
  neu: 'neu', neutral: 'neu', '0': 'neu',
  neg: 'neg', negative: 'neg', '-1': 'neg',
};

/**
 * Parses one line of a labeled set. Labels `pos`/`neu`/`neg` (also `positive`/`neutral`/`negative`
 * and 1/0/-1) are accepted.
 * @returns the item, or an error saying what is wrong with the line.
 */
export function parseLabeledLine(line: string): { ok: true; item: LabeledItem } | { ok: false; error: string } {
  let value: unknown;
  try {
    value = JSON.parse(line);
  } catch {
    return { ok: false, error: 'not valid JSON' };
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return { ok: false, error: 'not a JSON object' };
  const rec = value as Record<string, unknown>;
  if (typeof rec.text !== 'string') return { ok: false, error: 'missing string field "text"' };
  const gold = LABEL_ALIASES[String(rec.label)];
  if (gold === undefined) return { ok: false, error: `label ${JSON.stringify(rec.label)} is not pos, neu or neg` };
  const lang = typeof rec.lang === 'string' && rec.lang !== '' ? rec.lang : null;
  const item: LabeledItem = { text: rec.text, gold, lang };
  if (typeof rec.score === 'number' && Number.isFinite(rec.score)) item.score = rec.score;
  return { ok: true, item };
}
