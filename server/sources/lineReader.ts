import { isUtf8 } from 'node:buffer';
import { open } from 'node:fs/promises';

/** Default longest line kept: 1 MiB of UTF-8, line break excluded. */
export const DEFAULT_MAX_LINE_BYTES = 1024 * 1024;

/** What the splitter found in the input, in order. */
export type LineEvent =
  /**
   * A line without its `\n` or `\r\n`, decoded as UTF-8, or as Windows-1252 when it is not valid
   * UTF-8 (then `legacy` is true): older exports, Sentiment140's among them, are Latin-1.
   */
  | { kind: 'line'; text: string; line: number; end: number; legacy?: true }
  /** A line longer than the limit: dropped without being held in memory; `bytes` is its length. */
  | { kind: 'oversized'; line: number; bytes: number; end: number };
// `line` is 1-based; `end` is the byte offset just after the line's break (or the end of input),
// i.e. where to seek to resume after it.

export interface LineSplitterOptions {
  /** Longest line kept, in bytes without the line break (default 1 MiB). */
  maxLineBytes?: number;
  /** Byte offset of the first byte pushed, so `end` offsets are absolute (default 0). */
  startOffset?: number;
  /** Number of the first line pushed (default 1). */
  firstLine?: number;
}

/**
 * Windows-1252 at 0x80-0x9f (Latin-1 has control codes there): curly quotes, dashes, euro sign.
 * Node 20's `TextDecoder('windows-1252')` decodes as Latin-1, hence this table.
 */
const CP1252_80_9F =
  '\u20ac\u0081\u201a\u0192\u201e\u2026\u2020\u2021\u02c6\u2030\u0160\u2039\u0152\u008d\u017d\u008f' +
  '\u0090\u2018\u2019\u201c\u201d\u2022\u2013\u2014\u02dc\u2122\u0161\u203a\u0153\u009d\u017e\u0178';
const C1 = /[\u0080-\u009f]/g;

/** Latin-1 as files mean it: Windows-1252. */
function decodeWindows1252(bytes: Buffer): string {
  return bytes.toString('latin1').replace(C1, (c) => CP1252_80_9F[c.charCodeAt(0) - 0x80] as string);
}

const LF = 0x0a;
const CR = 0x0d;

/**
 * Cuts a byte stream into lines, chunk by chunk, for files, sockets or any stream of Buffers.
 *
 * Lines are split on the `\n` byte before decoding, and a `\n` byte never occurs inside a
 * multi-byte UTF-8 sequence, so a character split across chunks is always decoded whole. A line
 * longer than `maxLineBytes` is never held: once its bytes pass the limit they are only counted
 * until its end, then it is reported as `oversized`. A UTF-8 BOM at offset 0 is dropped.
 */
export class LineSplitter {
  private readonly max: number;
  private offset: number;
  private line: number;
  private parts: Buffer[] = [];
  private partBytes = 0;
  /** Bytes of the current line when it is over the limit and being skipped; -1 when not. */
  private skipping = -1;
  private atStart: boolean;

  constructor(options: LineSplitterOptions = {}) {
    this.max = options.maxLineBytes ?? DEFAULT_MAX_LINE_BYTES;
    if (!Number.isInteger(this.max) || this.max < 1) throw new Error(`maxLineBytes must be a positive integer, got ${this.max}`);
    this.offset = options.startOffset ?? 0;
    this.line = options.firstLine ?? 1;
    this.atStart = this.offset === 0;
  }

  /** Splits the next chunk; the returned events cover every line completed by it. */
  push(chunk: Buffer): LineEvent[] {
    const out: LineEvent[] = [];
    let pos = 0;
    if (this.atStart && chunk.length > 0) {
      this.atStart = false;
      if (chunk.length >= 3 && chunk[0] === 0xef && chunk[1] === 0xbb && chunk[2] === 0xbf) pos = 3;
    }
    this.offset += pos;
    while (pos < chunk.length) {
      const nl = chunk.indexOf(LF, pos);
      if (nl === -1) {
        this.hold(chunk, pos, chunk.length);
        this.offset += chunk.length - pos;
        break;
      }
      this.offset += nl + 1 - pos;
      if (this.partBytes === 0 && this.skipping < 0) {
        // Common case: the whole line is in this chunk; decode it in place.
        out.push(this.finishLine(chunk.subarray(pos, nl)));
      } else {
        this.hold(chunk, pos, nl);
        out.push(this.endLine());
      }
      pos = nl + 1;
    }
    return out;
  }

  /** End of input: a last line without a line break is still a line. */
  end(): LineEvent[] {
    return this.partBytes > 0 || this.skipping > 0 ? [this.endLine()] : [];
  }

  private hold(chunk: Buffer, from: number, to: number): void {
    const n = to - from;
    if (n === 0) return;
    if (this.skipping >= 0) {
      this.skipping += n;
      return;
    }
    // One byte of slack: a line exactly at the limit may still be followed by the `\r` of a CRLF.
    if (this.partBytes + n > this.max + 1) {
      this.skipping = this.partBytes + n;
      this.parts = [];
      this.partBytes = 0;
      return;
    }
    // Copy: the caller may reuse its buffer for the next read.
    this.parts.push(Buffer.from(chunk.subarray(from, to)));
    this.partBytes += n;
  }

  private endLine(): LineEvent {
    if (this.skipping >= 0) {
      const bytes = this.skipping;
      this.skipping = -1;
      return { kind: 'oversized', line: this.line++, bytes, end: this.offset };
    }
    const buf = this.parts.length === 1 ? (this.parts[0] as Buffer) : Buffer.concat(this.parts, this.partBytes);
    this.parts = [];
    this.partBytes = 0;
    return this.finishLine(buf);
  }

  private finishLine(bytes: Buffer): LineEvent {
    const line = this.line++;
    const end = this.offset;
    let buf = bytes;
    if (buf.length > 0 && buf[buf.length - 1] === CR) buf = buf.subarray(0, buf.length - 1);
    if (buf.length > this.max) return { kind: 'oversized', line, bytes: buf.length, end };
    if (isUtf8(buf)) return { kind: 'line', text: buf.toString('utf8'), line, end };
    return { kind: 'line', text: decodeWindows1252(buf), line, end, legacy: true };
  }
}

export interface ReadLinesOptions extends LineSplitterOptions {
  /** Bytes per read (default 64 KiB). */
  chunkBytes?: number;
}

/**
 * Reads a file from `startOffset` and yields its lines, one array per read chunk (so a consumer
 * can do a chunk's worth of work between reads). Returning early from the loop closes the file.
 *
 * @example
 *   for await (const events of readFileLines('posts.jsonl', { startOffset: 1024, firstLine: 11 })) { ... }
 */
export async function* readFileLines(file: string, options: ReadLinesOptions = {}): AsyncGenerator<LineEvent[]> {
  const splitter = new LineSplitter(options);
  const chunkBytes = options.chunkBytes ?? 64 * 1024;
  const fh = await open(file, 'r');
  try {
    let position = options.startOffset ?? 0;
    for (;;) {
      // A fresh buffer per read: the splitter keeps slices of a partial line.
      const buf = Buffer.allocUnsafe(chunkBytes);
      const { bytesRead } = await fh.read(buf, 0, chunkBytes, position);
      if (bytesRead === 0) break;
      position += bytesRead;
      const events = splitter.push(buf.subarray(0, bytesRead));
      if (events.length > 0) yield events;
    }
    const last = splitter.end();
    if (last.length > 0) yield last;
  } finally {
    await fh.close();
  }
}
