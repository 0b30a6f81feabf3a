import type { KeyStats, WindowSnapshot } from './stream/snapshot';

/**
 * The CSV snapshot format shared by the headless command (`--format csv`), the dashboard's
 * export and the history: one tidy row per (window, kind, key), RFC 4180 with CRLF line ends.
 */
export const CSV_HEADER = 'window_start,window_end,kind,key,posts,positive,neutral,negative,unscored,mean_score';

/** What a row counts: the whole window, a tracked keyword, a hashtag or a term. */
export type SnapshotKind = 'total' | 'keyword' | 'hashtag' | 'term';

/**
 * One row before CSV encoding, in {@link CSV_HEADER} order: window start and end as ISO-8601 UTC,
 * the kind, the key (`*` for the total, the query as given, `#tag`, the term), the counts, and
 * the mean score rounded to 4 decimals or null when no post was scored.
 */
export type SnapshotRow = [
  windowStart: string,
  windowEnd: string,
  kind: SnapshotKind,
  key: string,
  posts: number,
  positive: number,
  neutral: number,
  negative: number,
  unscored: number,
  meanScore: number | null,
];

const NEEDS_QUOTES = /[",\r\n]/;
// Spreadsheets run a cell starting with one of these as a formula (OWASP "CSV injection"); some
// read the fullwidth forms (`＝` `＋` `－` `＠`, which an IME types) as the ASCII ones.
const FORMULA_START = /^[=+\-@\t\r\uff1d\uff0b\uff0d\uff20]/;

/**
 * Encodes one cell (RFC 4180). A string is quoted when it holds a comma, quote, CR or LF,
 * quotes doubled; a string starting with `=`, `+`, `-`, `@` (or their fullwidth forms), tab or
 * CR is prefixed with `'` so a spreadsheet shows it as text, then quoted. Numbers are written as
 * numbers (`-0.25` stays `-0.25`); NaN and infinities, which CSV cannot express, and null are
 * written as an empty cell.
 * @example csvCell('=SUM(A1)') // `"'=SUM(A1)"`
 */
export function csvCell(value: string | number | null): string {
  if (value === null) return '';
  if (typeof value === 'number') return Number.isFinite(value) ? String(value) : '';
  if (FORMULA_START.test(value)) return quote(`'${value}`);
  return NEEDS_QUOTES.test(value) ? quote(value) : value;
}

function quote(value: string): string {
  return `"${value.replaceAll('"', '""')}"`;
}

/** Rounds a mean score for display: 4 decimals are finer than any chart and keep files small. */
function roundScore(score: number | null): number | null {
  // `+ 0` turns a rounded -0 into 0.
  return score === null ? null : Math.round(score * 10_000) / 10_000 + 0;
}

/**
 * The rows of one window: `total` (key `*`), then the keywords in tracking order, then the
 * hashtags and the terms in the snapshot's (top-K) order.
 */
export function snapshotRows(s: WindowSnapshot): SnapshotRow[] {
  // Formatting an instant given in epoch ms; no clock is read.
  const start = new Date(s.start).toISOString();
  const end = new Date(s.end).toISOString();
  const row = (kind: SnapshotKind, k: KeyStats): SnapshotRow => [
    start, end, kind, k.key, k.posts, k.positive, k.neutral, k.negative, k.unscored, roundScore(k.meanScore),
  ];
  return [
    row('total', { ...s.total, key: '*' }),
    ...s.keywords.map((k) => row('keyword', k)),
    ...s.hashtags.map((k) => row('hashtag', k)),
    ...s.terms.map((k) => row('term', k)),
  ];
}

/** Encodes rows as CSV lines, each ended by CRLF (RFC 4180), without the header. */
export function rowsToCsv(rows: readonly SnapshotRow[]): string {
  let out = '';
  for (const r of rows) out += r.map(csvCell).join(',') + '\r\n';
  return out;
}

/**
 * A whole CSV document: the header, then every snapshot's rows, CRLF line ends, the last line
 * ended too. Windows appear in the order given.
 */
export function snapshotsToCsv(snapshots: readonly WindowSnapshot[]): string {
  return CSV_HEADER + '\r\n' + rowsToCsv(snapshots.flatMap(snapshotRows));
}

/**
 * Parses a whole RFC 4180 document into records of cells, exactly: line breaks inside quoted
 * cells are kept as written. Records end at CRLF or LF; a final line break does not start an
 * empty record; a leading UTF-8 BOM is skipped. Neutralizing quotes (`'=...`) are left as they
 * are: they are part of the cell as written.
 * @throws Error with the 0-based offset of an unclosed quote, a quote inside an unquoted cell, or
 *   text after a closing quote.
 * @example parseCsv('a,"b ""c"""\r\n') // [['a', 'b "c"']]
 */
export function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  const n = text.length;
  let i = text.charCodeAt(0) === 0xfeff ? 1 : 0;
  if (i >= n) return rows;
  let row: string[] = [];
  for (;;) {
    let cell = '';
    if (text[i] === '"') {
      const open = i;
      i++;
      for (;;) {
        const q = text.indexOf('"', i);
        if (q < 0) throw new Error(`CSV: unclosed quote at ${open}`);
        cell += text.slice(i, q);
        i = q + 1;
        if (text[i] !== '"') break;
        cell += '"';
        i++;
      }
      if (i < n && text[i] !== ',' && !isLineEnd(text, i)) {
        throw new Error(`CSV: unexpected ${JSON.stringify(text[i])} after a closing quote at ${i}`);
      }
    } else {
      const from = i;
      while (i < n && text[i] !== ',' && !isLineEnd(text, i)) {
        if (text[i] === '"') throw new Error(`CSV: quote inside an unquoted cell at ${i}`);
        i++;
      }
      cell = text.slice(from, i);
    }
    row.push(cell);
    if (i >= n) break;
    if (text[i] === ',') {
      i++;
      continue;
    }
    i += text[i] === '\r' ? 2 : 1;
    rows.push(row);
    row = [];
    if (i >= n) return rows;
  }
  rows.push(row);
  return rows;
}

function isLineEnd(text: string, i: number): boolean {
  const c = text[i];
  return c === '\n' || (c === '\r' && text[i + 1] === '\n');
}
