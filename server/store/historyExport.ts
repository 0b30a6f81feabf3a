import { CSV_HEADER, rowsToCsv, snapshotRows } from '../../lib/csv';
import type { HistoryFilter, SqliteHistoryStore } from './historyStore';
import { snapshotsFromRows } from './historyStore';

/**
 * - `csv`: the CSV snapshot format (lib/csv.ts), rows ordered by window_end, kind, key; CRLF lines.
 * - `jsonl`: one WindowSnapshot per line, as the headless stream command writes them.
 * - `json`: one JSON array of WindowSnapshot, ordered by end (what the charts take).
 */
export const HISTORY_FORMATS = ['json', 'jsonl', 'csv'] as const;
export type HistoryFormat = (typeof HISTORY_FORMATS)[number];

/** The part of the history store an export reads. */
export type HistoryReader = Pick<SqliteHistoryStore, 'pages'>;

/**
 * The stored history in `format`, as text chunks of at most `windowsPerPage` windows each, read
 * lazily so a long range streams through a pipe or an HTTP response in bounded memory.
 */
export function* historyChunks(
  store: HistoryReader,
  filter: HistoryFilter,
  format: HistoryFormat,
  windowsPerPage = 500,
): Generator<string> {
  // The opening text goes out with the first page, so the first chunk already queried the database
  // (an HTTP handler reads it before choosing its status).
  let opening = format === 'csv' ? CSV_HEADER + '\r\n' : format === 'json' ? '[' : '';
  let first = true;
  for (const rows of store.pages(filter, windowsPerPage, format === 'csv' ? 'key' : 'emitted')) {
    const snapshots = snapshotsFromRows(rows);
    if (snapshots.length === 0) continue;
    let body: string;
    if (format === 'csv') {
      // Rows in key order regrouped into snapshots keep that order inside each kind.
      body = rowsToCsv(snapshots.flatMap(snapshotRows));
    } else if (format === 'jsonl') {
      body = snapshots.map((s) => JSON.stringify(s)).join('\n') + '\n';
    } else {
      body = (first ? '' : ',') + snapshots.map((s) => JSON.stringify(s)).join(',');
    }
    yield opening + body;
    opening = '';
    first = false;
  }
  const closing = format === 'json' ? ']' : '';
  if (opening + closing !== '') yield opening + closing;
}
