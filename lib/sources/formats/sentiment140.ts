import { createPost } from '../../post';
import { isBlank } from './fields';
import { malformed, type ParseResult } from './result';

const MONTHS: Record<string, number> = {
  Jan: 0, Feb: 1, Mar: 2, Apr: 3, May: 4, Jun: 5, Jul: 6, Aug: 7, Sep: 8, Oct: 9, Nov: 10, Dec: 11,
};

// The corpus was collected in California: most dates say PDT. Offsets in minutes east of UTC.
const ZONES: Record<string, number> = {
  UTC: 0, GMT: 0, Z: 0,
  EST: -300, EDT: -240, CST: -360, CDT: -300, MST: -420, MDT: -360, PST: -480, PDT: -420,
};

const DATE_RE = /^(?:Mon|Tue|Wed|Thu|Fri|Sat|Sun) ([A-Z][a-z]{2}) (\d{1,2}) (\d{2}):(\d{2}):(\d{2}) ([A-Z]{1,4}) (\d{4})$/;

/**
 * Parses a Sentiment140 date such as `Mon May 11 03:17:40 UTC 2009` (the `date` output format)
 * to epoch ms. Zones: UTC, GMT and the US zone abbreviations; anything else is null.
 */
export function parseSentiment140Date(s: string): number | null {
  const m = DATE_RE.exec(s.trim());
  if (!m) return null;
  const [, mon, d, h, mi, sec, zone, y] = m as unknown as string[];
  const month = MONTHS[mon as string];
  const offset = ZONES[zone as string];
  if (month === undefined || offset === undefined) return null;
  const day = Number(d);
  const date = new Date(Date.UTC(Number(y), month, day, Number(h), Number(mi), Number(sec)));
  if (date.getUTCMonth() !== month || date.getUTCDate() !== day) return null;
  if (Number(h) > 23 || Number(mi) > 59 || Number(sec) > 59) return null;
  return date.getTime() - offset * 60_000;
}

/**
 * Turns the cells of a Sentiment140 row, `polarity,id,date,query,user,text` (no header), into a
 * post. The polarity and query columns are not part of a post and are ignored (but the polarity
 * must be a number, which tells a Sentiment140 file from other 6-column CSV). `lang` is null: the
 * corpus does not record it.
 */
export function postFromSentiment140Cells(cells: readonly string[], source: string): ParseResult {
  if (cells.length !== 6) return malformed(`expected 6 columns (polarity,id,date,query,user,text), got ${cells.length}`);
  const [polarity, id, date, , user, text] = cells as [string, string, string, string, string, string];
  if (!/^\d+$/.test(polarity.trim())) return malformed(`bad polarity: ${JSON.stringify(polarity.slice(0, 20))}`);
  if (isBlank(id)) return malformed('missing id');
  const createdAt = parseSentiment140Date(date);
  if (createdAt === null) return malformed(`bad date: ${JSON.stringify(date.slice(0, 60))}`);
  return { ok: true, post: createPost(id.trim(), text, createdAt, user === '' ? null : user, null, source) };
}
