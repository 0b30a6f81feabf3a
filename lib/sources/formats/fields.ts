/**
 * Field normalizers shared by the JSON Lines and CSV formats, which carry the same columns.
 */

const ISO_RE =
  /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2})(?:[.,](\d{1,9}))?)?\s*(Z|z|[+-]\d{2}(?::?\d{2})?)?)?$/;

/**
 * Parses an ISO-8601 date or date-time to epoch ms.
 *
 * A date-time without a zone designator is read as UTC, not local time: a replay must give the
 * same batches on every machine. Returns null for anything else (including impossible dates
 * such as `2024-02-30`).
 */
export function parseIsoDate(s: string): number | null {
  const m = ISO_RE.exec(s.trim());
  if (!m) return null;
  const [, y, mo, d, h = '0', mi = '0', sec = '0', frac = '', zone = 'Z'] = m;
  const year = Number(y);
  const month = Number(mo) - 1;
  const day = Number(d);
  const hour = Number(h);
  const minute = Number(mi);
  const second = Number(sec);
  if (hour > 23 || minute > 59 || second > 59) return null;
  const date = new Date(Date.UTC(year, month, day, hour, minute, second));
  // Date.UTC rolls Feb 30 over to Mar 1; a real date survives the round trip.
  if (date.getUTCFullYear() !== year || date.getUTCMonth() !== month || date.getUTCDate() !== day) return null;
  date.setUTCFullYear(year); // years 0-99 are otherwise mapped to 1900-1999
  const ms = frac ? Math.floor(Number(`0.${frac}`) * 1000) : 0;
  let offsetMin = 0;
  if (zone !== 'Z' && zone !== 'z') {
    const sign = zone[0] === '-' ? -1 : 1;
    const digits = zone.slice(1).replace(':', '');
    const oh = Number(digits.slice(0, 2));
    const om = digits.length > 2 ? Number(digits.slice(2, 4)) : 0;
    if (oh > 23 || om > 59) return null;
    offsetMin = sign * (oh * 60 + om);
  }
  return date.getTime() + ms - offsetMin * 60_000;
}

/**
 * Reads a `created_at` value: an epoch-ms number, an ISO-8601 string, or (when `digitsAsEpoch`,
 * for CSV, where every cell is text) a string of digits as epoch ms.
 */
export function parseCreatedAt(v: unknown, digitsAsEpoch: boolean): number | null {
  if (typeof v === 'number') return Number.isFinite(v) ? Math.floor(v) : null;
  if (typeof v !== 'string') return null;
  const s = v.trim();
  if (digitsAsEpoch && /^-?\d+$/.test(s)) {
    const n = Number(s);
    return Number.isSafeInteger(n) ? n : null;
  }
  return parseIsoDate(s);
}

/** Hashtags as the post model keeps them: with their `#`, empty ones dropped. */
export function normalizeHashtags(tags: readonly string[]): string[] {
  const out: string[] = [];
  for (const raw of tags) {
    const t = raw.trim();
    if (t === '' || t === '#') continue;
    out.push(t.startsWith('#') ? t : `#${t}`);
  }
  return out;
}

/**
 * Whether `s` is empty or white space only. Most strings start with a visible character, which
 * settles it without the copy `trim` may make.
 */
export function isBlank(s: string): boolean {
  if (s.length === 0) return true;
  const c = s.charCodeAt(0);
  return (c <= 32 || c >= 0x80) && s.trim() === '';
}

/** A string field that may be absent: empty or non-string values become null. */
export function optionalString(v: unknown): string | null {
  if (typeof v === 'string') return v === '' ? null : v;
  if (typeof v === 'number' && Number.isFinite(v)) return String(v);
  return null;
}

/** An id may be a string or, as many exports write tweet ids, an integer. */
export function readId(v: unknown): string | null {
  if (typeof v === 'string') return isBlank(v) ? null : v;
  if (typeof v === 'number' && Number.isSafeInteger(v)) return String(v);
  return null;
}
