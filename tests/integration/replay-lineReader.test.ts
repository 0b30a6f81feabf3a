import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LineSplitter, readFileLines, type LineEvent } from '../../server/sources/lineReader';

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'moodstream-lines-'));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

async function readAll(file: string, options: Parameters<typeof readFileLines>[1] = {}): Promise<LineEvent[]> {
  const out: LineEvent[] = [];
  for await (const events of readFileLines(file, options)) out.push(...events);
  return out;
}

function splitInChunks(bytes: Buffer, size: number, options: ConstructorParameters<typeof LineSplitter>[0] = {}): LineEvent[] {
  const s = new LineSplitter(options);
  const out: LineEvent[] = [];
  for (let i = 0; i < bytes.length; i += size) out.push(...s.push(bytes.subarray(i, i + size)));
  out.push(...s.end());
  return out;
}

describe('LineSplitter', () => {
  const text = 'first\r\nsegundo ação\n\n🎉 emoji ✓ 日本\r\nlast without newline';
  const bytes = Buffer.from(text, 'utf8');

  it('handles CRLF, empty lines, a final line without newline, and byte offsets', () => {
    const events = splitInChunks(bytes, 1 << 16);
    expect(events.map((e) => (e.kind === 'line' ? e.text : e.kind))).toEqual([
      'first', 'segundo ação', '', '🎉 emoji ✓ 日本', 'last without newline',
    ]);
    expect(events.map((e) => e.line)).toEqual([1, 2, 3, 4, 5]);
    expect(events.map((e) => e.end)).toEqual([7, 22, 23, 23 + Buffer.byteLength('🎉 emoji ✓ 日本\r\n'), bytes.length]);
  });

  it('gives the same lines whatever the chunk size (UTF-8 split across chunks)', () => {
    const whole = splitInChunks(bytes, 1 << 16);
    for (const size of [1, 2, 3, 5, 7, 13]) expect(splitInChunks(bytes, size)).toEqual(whole);
  });

  it('reports an over-long line as oversized with its number and length, and goes on', () => {
    const big = 'x'.repeat(100);
    const input = Buffer.from(`ok\n${big}\nfine\n${big}`);
    for (const size of [7, 64, 4096]) {
      const events = splitInChunks(input, size, { maxLineBytes: 10 });
      expect(events).toEqual([
        { kind: 'line', text: 'ok', line: 1, end: 3 },
        { kind: 'oversized', line: 2, bytes: 100, end: 104 },
        { kind: 'line', text: 'fine', line: 3, end: 109 },
        { kind: 'oversized', line: 4, bytes: 100, end: 209 },
      ]);
    }
  });

  it('keeps a line exactly at the limit, also with CRLF', () => {
    const events = splitInChunks(Buffer.from('abcde\r\nabcdef\r\n'), 3, { maxLineBytes: 5 });
    expect(events.map((e) => e.kind)).toEqual(['line', 'oversized']);
  });

  it('decodes a line that is not UTF-8 as Windows-1252 (Latin-1 exports), and says so', () => {
    const latin1 = Buffer.concat([
      Buffer.from('0,"1","Mon Apr 06","NO_QUERY","ana","Caf'), Buffer.from([0xe9, 0x20, 0x93]), Buffer.from('bom'),
      Buffer.from([0x94, 0x0a]), Buffer.from('ok é\n', 'utf8'),
    ]);
    for (const size of [1, 5, 4096]) {
      expect(splitInChunks(latin1, size)).toEqual([
        { kind: 'line', text: '0,"1","Mon Apr 06","NO_QUERY","ana","Café “bom”', line: 1, end: 48, legacy: true },
        { kind: 'line', text: 'ok é', line: 2, end: 54 },
      ]);
    }
  });

  it('drops a BOM at offset 0 only', () => {
    const withBom = Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from('a\nb\n')]);
    expect(splitInChunks(withBom, 64)).toEqual([
      { kind: 'line', text: 'a', line: 1, end: 5 },
      { kind: 'line', text: 'b', line: 2, end: 7 },
    ]);
  });
});

describe('readFileLines', () => {
  it('reads a file chunk by chunk and resumes from an offset and line number', async () => {
    const file = join(dir, 'lines.txt');
    const lines = Array.from({ length: 300 }, (_, i) => `line ${i + 1} ${'é'.repeat(i % 7)}`);
    await writeFile(file, lines.join('\n') + '\n');
    const all = await readAll(file, { chunkBytes: 97 });
    expect(all.map((e) => (e.kind === 'line' ? e.text : ''))).toEqual(lines);
    const at = all[122] as LineEvent;
    const rest = await readAll(file, { chunkBytes: 97, startOffset: at.end, firstLine: at.line + 1 });
    expect(rest).toEqual(all.slice(123));
  });

  it('skips a 10 MB line without failing', async () => {
    const file = join(dir, 'big.txt');
    await writeFile(file, `a\n${'y'.repeat(10 * 1024 * 1024)}\nb`);
    const events = await readAll(file, { maxLineBytes: 1024 * 1024 });
    expect(events.map((e) => [e.kind, e.line])).toEqual([['line', 1], ['oversized', 2], ['line', 3]]);
  });
});
