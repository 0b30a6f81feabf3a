import type { ScoredLang } from './analysis';

/**
 * Maps a BCP-47 tag to a scored language: `pt-BR` -> `pt`, `ES` -> `es`, `fr` -> `null`.
 * Returns `undefined` when the tag says nothing (`null`, empty, `und`, `mul`, `zxx`), so callers
 * can fall back to a default or a guess.
 */
export function scoredLang(tag: string | null | undefined): ScoredLang | null | undefined {
  if (tag === null || tag === undefined) return undefined;
  // The common tags, without slicing or lowercasing.
  if (tag === 'en' || tag === 'pt' || tag === 'es') return tag;
  const dash = tag.indexOf('-');
  const primary = (dash < 0 ? tag : tag.slice(0, dash)).trim().toLowerCase();
  if (primary === 'en' || primary === 'pt' || primary === 'es') return primary;
  if (primary === '' || primary === 'und' || primary === 'mul' || primary === 'zxx') return undefined;
  return null;
}
