const UNITS: Record<string, number> = { ms: 1, s: 1000, m: 60_000, h: 3_600_000, d: 86_400_000 };
const DURATION = /^(\d+(?:\.\d+)?)(ms|s|m|h|d)$/;

/**
 * Parses a duration such as `500ms`, `10s`, `5m`, `1h` or `2d` into milliseconds.
 * A bare number is taken as milliseconds. Throws an Error naming `option` when the text is not a
 * duration, so start-up errors say which flag to fix.
 *
 * @example parseDuration('10s', '--window') // 10000
 */
export function parseDuration(text: string, option = 'duration'): number {
  const trimmed = text.trim();
  if (/^\d+$/.test(trimmed)) return Number(trimmed);
  const m = DURATION.exec(trimmed);
  if (!m) throw new Error(`${option}: "${text}" is not a duration (use e.g. 500ms, 10s, 5m, 1h)`);
  const ms = Number(m[1]) * (UNITS[m[2] as string] as number);
  if (!Number.isInteger(ms)) throw new Error(`${option}: "${text}" is not a whole number of milliseconds`);
  return ms;
}

/** Formats milliseconds as the shortest exact duration (`60000` -> `1m`). */
export function formatDuration(ms: number): string {
  for (const [unit, size] of [['d', 86_400_000], ['h', 3_600_000], ['m', 60_000], ['s', 1000]] as const) {
    if (ms >= size && ms % size === 0) return `${ms / size}${unit}`;
  }
  return `${ms}ms`;
}
