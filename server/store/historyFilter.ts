import type { HistoryFilter } from './historyStore';

export type Parsed<T> = { ok: true; value: T } | { ok: false; error: string };

const ISO =
  /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2})(?:\.(\d{1,9}))?)?)?(Z|z|[+ -]\d{2}:?\d{2})?$/;

/**
 * A time bound as epoch ms: digits are epoch milliseconds; otherwise ISO-8601 `YYYY-MM-DD` or
 * `YYYY-MM-DDTHH:MM[:SS[.fff]]` with an optional zone (`Z`, `+02:00`). A time without a zone is UTC,
 * like the CSV's times. A space where the zone's `+` should be is read as `+`, because an unencoded
 * `+` in a URL query decodes to a space.
 */
export function parseTimeBound(name: string, value: string): Parsed<number> {
  const v = value.trim();
  if (/^\d+$/.test(v)) {
    const ms = Number(v);
    // 8.64e15 ms is the largest time a Date can hold.
    return ms <= 8.64e15 ? { ok: true, value: ms } : { ok: false, error: `${name} is out of range: ${value}` };
  }
  const m = ISO.exec(v);
  if (!m) {
    return { ok: false, error: `${name} must be epoch milliseconds or ISO-8601 (e.g. 2024-05-01T12:00:00Z), got "${value}"` };
  }
  const [year, month, day, hour, minute, second] = [m[1], m[2], m[3], m[4], m[5], m[6]].map((x) => Number(x ?? 0)) as [
    number, number, number, number, number, number,
  ];
  const ms = Math.floor(Number(`0.${m[7] ?? '0'}`) * 1000);
  let t = Date.UTC(year, month - 1, day, hour, minute, second, ms);
  const check = new Date(t);
  if (
    check.getUTCFullYear() !== year ||
    check.getUTCMonth() !== month - 1 ||
    check.getUTCDate() !== day ||
    hour > 23 ||
    minute > 59 ||
    second > 59
  ) {
    return { ok: false, error: `${name} is not a valid date/time: "${value}"` };
  }
  const zone = m[8];
  if (zone && zone !== 'Z' && zone !== 'z') {
    const sign = zone.startsWith('-') ? -1 : 1;
    const digits = zone.slice(1).replace(':', '');
    const zh = Number(digits.slice(0, 2));
    const zm = Number(digits.slice(2));
    if (zh > 23 || zm > 59) return { ok: false, error: `${name} has an invalid zone offset: "${value}"` };
    t -= sign * (zh * 60 + zm) * 60_000;
  }
  return { ok: true, value: t };
}

/** Raw filter parameters as they come from a URL query or command-line flags. */
export interface RawHistoryFilter {
  from?: string | null;
  to?: string | null;
  keyword?: string | null;
}

/**
 * Validates `from`, `to` (see parseTimeBound; from <= to) and `keyword` (non-empty; trimmed, as
 * the engine trims a query when it is added).
 */
export function parseHistoryFilter(raw: RawHistoryFilter): Parsed<HistoryFilter> {
  const filter: HistoryFilter = {};
  for (const name of ['from', 'to'] as const) {
    const v = raw[name];
    if (v === undefined || v === null) continue;
    const t = parseTimeBound(name, v);
    if (!t.ok) return t;
    filter[name] = t.value;
  }
  if (filter.from !== undefined && filter.to !== undefined && filter.from > filter.to) {
    return {
      ok: false,
      error: `from (${new Date(filter.from).toISOString()}) is after to (${new Date(filter.to).toISOString()})`,
    };
  }
  if (raw.keyword !== undefined && raw.keyword !== null) {
    const keyword = raw.keyword.trim();
    if (keyword === '') return { ok: false, error: 'keyword must not be empty' };
    filter.keyword = keyword;
  }
  return { ok: true, value: filter };
}
