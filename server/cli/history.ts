import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { failer, readOptions, type Fail } from './commandLine';
import { DATABASE_FILE, DEFAULT_DATA_DIR, openDatabase } from '../store/database';
import { parseHistoryFilter } from '../store/historyFilter';
import { historyChunks } from '../store/historyExport';
import { SqliteHistoryStore } from '../store/historyStore';

const USAGE = `Usage: npm run --silent history -- [options]

Prints the window history stored by a worker (npm run stream -- --data-dir DIR, or the dashboard).

  --data-dir DIR        data directory to read (default ./${DEFAULT_DATA_DIR})
  --from T              first window end to print, inclusive
  --to T                last window end to print, inclusive
  --keyword QUERY       only that tracked keyword (as it was added) and each window's total;
                        a query starting with - goes as --keyword=-QUERY
  --format csv|jsonl    csv: the CSV snapshot format, rows ordered by window_end, kind
                        (total, keyword, hashtag, term), key (default)
                        jsonl: one window snapshot per line, as the stream command writes them
  --help                this text

Times T are epoch milliseconds or ISO-8601 (2024-05-01, 2024-05-01T12:00:00Z; UTC when no zone).
Reading does not disturb a worker that is writing the same directory.`;

const fail: Fail = failer('history');

async function main(): Promise<void> {
  const values = readOptions(
    {
      'data-dir': { type: 'string', default: DEFAULT_DATA_DIR },
      from: { type: 'string' },
      to: { type: 'string' },
      keyword: { type: 'string' },
      format: { type: 'string', default: 'csv' },
      help: { type: 'boolean', default: false },
    },
    USAGE,
    fail,
  );
  if (values === null) return;
  const format = values.format;
  if (format !== 'csv' && format !== 'jsonl') fail(`--format must be csv or jsonl (got "${format}")`);
  const filter = parseHistoryFilter({ from: values.from, to: values.to, keyword: values.keyword });
  if (!filter.ok) fail(`--${filter.error}`);

  const dataDir = values['data-dir'];
  // A reader must not create an empty data directory where the user mistyped a path.
  if (!existsSync(join(dataDir, DATABASE_FILE))) fail(`no history in ${dataDir} (no ${DATABASE_FILE} there)`, 1);
  let db;
  try {
    db = openDatabase(dataDir, { mustExist: true });
  } catch (err) {
    fail((err as Error).message, 1);
  }
  const store = new SqliteHistoryStore(db, { retentionMs: null });
  try {
    await pipeline(Readable.from(historyChunks(store, filter.value, format)), process.stdout, { end: false });
  } catch (err) {
    // `| head` closing the pipe early is not an error.
    if ((err as { code?: string }).code !== 'EPIPE') fail((err as Error).message, 1);
  } finally {
    db.close();
  }
}

void main();
