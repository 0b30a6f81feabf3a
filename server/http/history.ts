import type { IncomingMessage, ServerResponse } from 'node:http';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type { Logger } from '../logger';
import { parseHistoryFilter } from '../store/historyFilter';
import { historyChunks, type HistoryReader } from '../store/historyExport';

const PARAMS = ['from', 'to', 'keyword', 'format'] as const;
const FORMATS = ['json', 'csv'] as const;

const CONTENT_TYPES: Record<(typeof FORMATS)[number], string> = {
  json: 'application/json; charset=utf-8',
  csv: 'text/csv; charset=utf-8',
};

export interface HistoryHandlerOptions {
  /** Windows read per chunk of the response (default 500). */
  windowsPerPage?: number;
  logger?: Logger;
}

/**
 * `GET /api/history?from=&to=&keyword=&format=json|csv`: the stored window history, streamed.
 *
 * - `from`, `to`: bounds on the window end, inclusive, as epoch ms or ISO-8601 (UTC when no zone).
 * - `keyword`: only that tracked keyword's rows (the query as added), plus each window's total.
 * - `format=json` (default): a JSON array of WindowSnapshot ordered by end, each array in the order
 *   the engine emitted it, ready for the charts. `format=csv`: the CSV snapshot format, rows ordered
 *   by window_end, kind (total, keyword, hashtag, term), key, sent as an attachment.
 *
 * A bad or unknown parameter answers 400 with `{ "error": message }`; a method other than GET or
 * HEAD answers 405. The server mounts it for the path `/api/history` (the query string is read here).
 */
export async function handleHistory(
  req: IncomingMessage,
  res: ServerResponse,
  store: HistoryReader,
  options: HistoryHandlerOptions = {},
): Promise<void> {
  if (req.method !== 'GET' && req.method !== 'HEAD') {
    res.setHeader('Allow', 'GET, HEAD');
    sendError(res, 405, `method ${req.method ?? '?'} not allowed; use GET`);
    return;
  }
  const params = new URL(req.url ?? '/', 'http://localhost').searchParams;
  for (const name of new Set(params.keys())) {
    if (!(PARAMS as readonly string[]).includes(name)) {
      sendError(res, 400, `unknown parameter "${name}"; expected ${PARAMS.join(', ')}`);
      return;
    }
    if (params.getAll(name).length > 1) {
      sendError(res, 400, `parameter "${name}" is given more than once`);
      return;
    }
  }
  const format = params.get('format') ?? 'json';
  if (!(FORMATS as readonly string[]).includes(format)) {
    sendError(res, 400, `format must be json or csv (got "${format}")`);
    return;
  }
  const filter = parseHistoryFilter({ from: params.get('from'), to: params.get('to'), keyword: params.get('keyword') });
  if (!filter.ok) {
    sendError(res, 400, filter.error);
    return;
  }

  const chunks = historyChunks(store, filter.value, format as (typeof FORMATS)[number], options.windowsPerPage);
  // The first chunk is read before the status line, so a failing database still gets a proper 500.
  let first: IteratorResult<string>;
  try {
    first = chunks.next();
  } catch (err) {
    options.logger?.error('history query failed', { error: (err as Error).message });
    sendError(res, 500, 'history is unavailable');
    return;
  }
  res.writeHead(200, {
    'Content-Type': CONTENT_TYPES[format as (typeof FORMATS)[number]],
    'Cache-Control': 'no-store',
    ...(format === 'csv' ? { 'Content-Disposition': 'attachment; filename="moodstream-history.csv"' } : {}),
  });
  if (req.method === 'HEAD') {
    chunks.return(undefined);
    res.end();
    return;
  }
  try {
    await pipeline(Readable.from(resume(first, chunks)), res);
  } catch (err) {
    // A client that goes away mid-download is normal; anything else is worth a log line.
    const code = (err as { code?: string }).code;
    if (code !== 'ERR_STREAM_PREMATURE_CLOSE' && code !== 'ECONNRESET' && code !== 'EPIPE') {
      options.logger?.error('history response failed', { error: (err as Error).message });
    }
  }
}

function* resume(first: IteratorResult<string>, rest: Generator<string>): Generator<string> {
  if (first.done) return;
  yield first.value;
  yield* rest;
}

function sendError(res: ServerResponse, status: number, message: string): void {
  res.writeHead(status, { 'Content-Type': 'application/json; charset=utf-8', 'Cache-Control': 'no-store' });
  res.end(JSON.stringify({ error: message }));
}
