import { CsvRecordReader, parseCsvHeader, postFromCsvCells, splitCsvRecord, type CsvHeader } from './csv';
import { isBlank } from './fields';
import { parseJetstreamLine } from './jetstream';
import { parseJsonLine } from './jsonl';
import { malformed, skipped, type ParseResult } from './result';
import { postFromSentiment140Cells } from './sentiment140';

export { parseCsvHeader, postFromCsvCells, splitCsvRecord, CsvRecordReader } from './csv';
export type { CsvCells, CsvHeader } from './csv';
export { parseJetstreamEvent, parseJetstreamLine } from './jetstream';
export { parseJsonLine } from './jsonl';
export { isSkip } from './result';
export type { ParseResult } from './result';
export { parseSentiment140Date, postFromSentiment140Cells } from './sentiment140';
export { parseIsoDate } from './fields';

/** The replay file formats. */
export const FORMAT_NAMES = ['jsonl', 'csv', 'sentiment140', 'jetstream'] as const;
export type FormatName = (typeof FORMAT_NAMES)[number];

export function isFormatName(s: string): s is FormatName {
  return (FORMAT_NAMES as readonly string[]).includes(s);
}

/**
 * Guesses a file's format from its first lines (blank lines ignored; a few lines are enough).
 *
 * - a JSON object with a string `kind` and a `did` -> `jetstream`; any other `{...}` -> `jsonl`;
 * - a CSV row naming `id`, `text` and `created_at` -> `csv`;
 * - a 6-cell CSV row whose first cell is a number (the polarity) -> `sentiment140`;
 * - otherwise `jsonl`, so that an unreadable file is reported line by line as malformed JSON
 *   rather than silently read as something else.
 */
export function detectFormat(firstLines: readonly string[]): FormatName {
  const first = firstLines.map((l) => l.replace(/^\uFEFF/, '')).find((l) => l.trim() !== '');
  if (first === undefined) return 'jsonl';
  const trimmed = first.trim();
  if (trimmed.startsWith('{')) {
    try {
      const v = JSON.parse(trimmed) as Record<string, unknown>;
      if (typeof v === 'object' && v !== null && typeof v.kind === 'string' && 'did' in v) return 'jetstream';
    } catch {
      // A broken first line of a JSON file is still a JSON file.
    }
    return 'jsonl';
  }
  // A header row never has newlines in its quoted cells; the first physical line is enough.
  const cells = splitCsvRecord(first);
  if (!cells.ok) return 'jsonl';
  if (parseCsvHeader(cells.cells).ok) return 'csv';
  if (cells.cells.length === 6 && /^\s*\d+\s*$/.test(cells.cells[0] ?? '')) return 'sentiment140';
  return 'jsonl';
}

/**
 * A stateful parser of a file's physical lines, in order.
 *
 * CSV formats may spread one record over several lines (a newline inside a quoted field): `push`
 * returns null while the record is open and `pending` is true; a source must not record a resume
 * position while `pending`. Every other format answers every line.
 */
export interface LineParser {
  readonly format: FormatName;
  /** Feeds one physical line, without its line break. */
  push(line: string): ParseResult | null;
  /** True while a CSV record spans lines. */
  readonly pending: boolean;
  /** End of input: a CSV record left open is malformed; null when nothing was pending. */
  finish(): ParseResult | null;
  /** Forgets a partial record, after the reader had to drop a line in the middle of it. */
  reset(): void;
}

export interface LineParserOptions {
  /** `Post.source` to stamp on every post (`replay`, `bluesky`, `dir` ...). */
  source: string;
  /** Longest CSV record spread over several lines, in UTF-16 code units (default unlimited). */
  maxRecordChars?: number;
}

/**
 * Creates the parser for a format. For `csv` the first record pushed is the header row (answered
 * with a skip); to resume in the middle of a file, push the header line first, then the lines
 * from the resume offset.
 */
export function createLineParser(format: FormatName, options: LineParserOptions): LineParser {
  const { source } = options;
  if (format === 'jsonl' || format === 'jetstream') {
    const parse = format === 'jsonl' ? parseJsonLine : parseJetstreamLine;
    return { format, push: (line) => parse(line, source), pending: false, finish: () => null, reset: () => {} };
  }
  const reader = new CsvRecordReader(options.maxRecordChars);
  let header: CsvHeader | null = null;
  let headerError: string | null = null;
  const toPost = (cells: string[]): ParseResult => {
    if (format === 'sentiment140') return postFromSentiment140Cells(cells, source);
    if (header === null && headerError === null) {
      const h = parseCsvHeader(cells);
      if (h.ok) header = h.header;
      else headerError = h.error;
      return h.ok ? skipped('CSV header') : malformed(h.error);
    }
    return header === null ? malformed(`no usable CSV header (${headerError})`) : postFromCsvCells(cells, header, source);
  };
  const answer = (r: ReturnType<CsvRecordReader['push']>): ParseResult | null =>
    r === null ? null : r.ok ? toPost(r.cells) : malformed(r.error);
  return {
    format,
    push(line) {
      // A blank line between records is not a record (and is not the header).
      if (!reader.pending && isBlank(line)) return skipped('blank line');
      return answer(reader.push(line));
    },
    get pending() {
      return reader.pending;
    },
    finish: () => answer(reader.finish()),
    reset: () => reader.reset(),
  };
}
