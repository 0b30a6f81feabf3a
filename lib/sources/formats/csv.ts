import { postFromFields } from './jsonl';
import { malformed, type ParseResult } from './result';

/** One CSV record's cells, or why the record is not valid RFC 4180. */
export type CsvCells = { ok: true; cells: string[] } | { ok: false; error: string };

// Scanner states: at a field's start, inside an unquoted field, inside a quoted field, or just
// after a quote inside a quoted field (either its closing quote or the first of a doubled "").
const FIELD_START = 0;
const UNQUOTED = 1;
const QUOTED = 2;
const QUOTE_IN_QUOTED = 3;

/**
 * Assembles RFC 4180 records from physical lines, one line at a time.
 *
 * A physical line is a whole record unless a quoted field is still open at its end; then the
 * line break belongs to the field (kept as `\n`, whatever the file used) and the record goes on
 * with the next line. The scan is incremental, so a record of many lines costs its length once.
 * A bare `"` inside an unquoted field is kept as a literal character (a common export mistake);
 * anything but `,` or the line's end after a closing quote makes the record malformed.
 *
 * @example
 *   const r = new CsvRecordReader();
 *   r.push('1,"two');        // null: the quoted field goes on
 *   r.push('lines",3');      // { ok: true, cells: ['1', 'two\nlines', '3'] }
 */
export class CsvRecordReader {
  private cells: string[] = [];
  private cell = '';
  private state = FIELD_START;
  private chars = 0;
  private overflow = false;
  private error: string | null = null;

  /** @param maxChars longest record kept (UTF-16 units); a longer one is reported, not kept */
  constructor(private readonly maxChars = Number.POSITIVE_INFINITY) {}

  /** True while a quoted field is open, so the record continues on the next line. */
  get pending(): boolean {
    return this.state === QUOTED;
  }

  /** Feeds one physical line (without its line break); returns the record once it is complete. */
  push(line: string): CsvCells | null {
    if (this.state === QUOTED) this.append('\n');
    this.chars += line.length;
    if (this.chars > this.maxChars && !this.overflow) {
      // Keep scanning so the record's end is still found, but stop holding its text.
      this.overflow = true;
      this.cells = [];
      this.cell = '';
    }
    for (let i = 0; i < line.length && this.error === null; i++) {
      const ch = line[i] as string;
      switch (this.state) {
        case FIELD_START:
          if (ch === '"') this.state = QUOTED;
          else if (ch === ',') this.endCell();
          else {
            this.append(ch);
            this.state = UNQUOTED;
          }
          break;
        case UNQUOTED:
          if (ch === ',') this.endCell();
          else this.append(ch);
          break;
        case QUOTED:
          if (ch === '"') this.state = QUOTE_IN_QUOTED;
          else this.append(ch);
          break;
        case QUOTE_IN_QUOTED:
          if (ch === '"') {
            this.append('"');
            this.state = QUOTED;
          } else if (ch === ',') this.endCell();
          else this.error = `unexpected ${JSON.stringify(ch)} after a closing quote at column ${i + 1}`;
          break;
      }
    }
    if (this.state === QUOTED && this.error === null) return null;
    return this.complete();
  }

  /** End of input: a record still open is malformed. Returns null when nothing was pending. */
  finish(): CsvCells | null {
    if (this.state !== QUOTED) return null;
    this.error ??= 'quoted field not closed at end of input';
    return this.complete();
  }

  /** Forgets a partial record (after a line the reader had to drop). */
  reset(): void {
    this.cells = [];
    this.cell = '';
    this.state = FIELD_START;
    this.chars = 0;
    this.overflow = false;
    this.error = null;
  }

  private append(s: string): void {
    if (!this.overflow) this.cell += s;
  }

  private endCell(): void {
    if (!this.overflow) this.cells.push(this.cell);
    this.cell = '';
    this.state = FIELD_START;
  }

  private complete(): CsvCells {
    this.endCell();
    const out: CsvCells = this.error
      ? { ok: false, error: this.error }
      : this.overflow
        ? { ok: false, error: `record longer than ${this.maxChars} characters` }
        : { ok: true, cells: this.cells };
    this.reset();
    return out;
  }
}

/** Splits one complete CSV record (which may contain `\n` inside quoted fields). */
export function splitCsvRecord(text: string): CsvCells {
  const reader = new CsvRecordReader();
  let out: CsvCells | null = null;
  for (const line of text.split('\n')) out = reader.push(line);
  return out ?? reader.finish() ?? { ok: false, error: 'empty record' };
}

/** The columns of a header row, by lowercased, trimmed name. */
export type CsvHeader = ReadonlyMap<string, number>;

const REQUIRED_COLUMNS = ['id', 'text', 'created_at'] as const;

/**
 * Reads a header row (`id,text,created_at[,author][,lang][,hashtags]`, any order, other columns
 * ignored, a UTF-8 BOM tolerated).
 */
export function parseCsvHeader(cells: readonly string[]): { ok: true; header: CsvHeader } | { ok: false; error: string } {
  const header = new Map<string, number>();
  cells.forEach((c, i) => header.set(c.replace(/^\uFEFF/, '').trim().toLowerCase(), i));
  const missing = REQUIRED_COLUMNS.filter((c) => !header.has(c));
  if (missing.length > 0) return { ok: false, error: `CSV header lacks column(s) ${missing.join(', ')}` };
  return { ok: true, header };
}

/**
 * Turns a data row into a post through the header: same fields and rules as JSON Lines, except
 * that `created_at` may be epoch ms written as digits and `hashtags` is one cell of tags
 * separated by spaces or commas (`#a #b`). An empty optional cell means absent.
 */
export function postFromCsvCells(cells: readonly string[], header: CsvHeader, source: string): ParseResult {
  if (cells.length !== header.size) return malformed(`expected ${header.size} columns, got ${cells.length}`);
  const o: Record<string, unknown> = {};
  for (const [name, i] of header) o[name] = cells[i];
  return postFromFields(o, source, true);
}

/** True when a header-looking row names the columns this format needs. */
export function looksLikeCsvHeader(cells: readonly string[]): boolean {
  return parseCsvHeader(cells).ok;
}
