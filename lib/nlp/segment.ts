/**
 * Splits a lowercase run of letters into known words (`nothappy` -> `not happy`), for hashtags
 * written without capitals. Dynamic programming over split points; fewest parts wins, ties go to
 * the split whose first word is longest.
 *
 * @param s lowercase letters (at most `maxLength` units; longer strings are not split)
 * @param isWord whether a piece is a known word
 * @returns the parts, or null when `s` cannot be covered by at most `maxParts` known words of two letters or more
 */
export function segmentWords(s: string, isWord: (w: string) => boolean, maxParts = 4, maxLength = 32): string[] | null {
  const n = s.length;
  if (n < 4 || n > maxLength) return null;
  // best[i]: fewest parts covering s[i..n), with next[i] the end of the first part.
  const best = new Array<number>(n + 1).fill(Infinity);
  const next = new Array<number>(n + 1).fill(-1);
  best[n] = 0;
  for (let i = n - 2; i >= 0; i--) {
    for (let j = n; j >= i + 2; j--) {
      const rest = best[j] as number;
      if (rest + 1 < (best[i] as number) && rest + 1 <= maxParts && isWord(s.slice(i, j))) {
        best[i] = rest + 1;
        next[i] = j;
      }
    }
  }
  if (!Number.isFinite(best[0])) return null;
  const parts: string[] = [];
  for (let i = 0; i < n; i = next[i] as number) parts.push(s.slice(i, next[i] as number));
  return parts;
}
