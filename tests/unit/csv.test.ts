import { describe, expect, it } from 'vitest';
import { CSV_HEADER, csvCell, parseCsv, rowsToCsv, snapshotRows, snapshotsToCsv } from '../../lib/csv';
import type { KeyStats, WindowSnapshot } from '../../lib/stream/snapshot';

function stats(key: string, posts: number, meanScore: number | null, split: [number, number, number, number] = [posts, 0, 0, 0]): KeyStats {
  const [positive, neutral, negative, unscored] = split;
  return { key, posts, positive, neutral, negative, unscored, meanScore };
}

const window1: WindowSnapshot = {
  start: Date.UTC(2026, 0, 2, 3, 4, 0),
  end: Date.UTC(2026, 0, 2, 3, 4, 10),
  total: stats('', 10, -0.123456, [3, 2, 4, 1]),
  keywords: [stats('#tesla OR tesla', 4, 0.5), stats('-spam "a, b"', 2, null, [0, 0, 0, 2]), stats('=cmd', 0, null, [0, 0, 0, 0])],
  hashtags: [stats('#tesla', 3, 0.33333), stats('#nothappy', 1, -1, [0, 0, 1, 0])],
  terms: [stats('café', 2, 0), stats('say "hi"', 1, 0.00004)],
};
const window2: WindowSnapshot = {
  start: Date.UTC(2026, 0, 2, 3, 4, 5),
  end: Date.UTC(2026, 0, 2, 3, 4, 15),
  total: stats('*', 0, null, [0, 0, 0, 0]),
  keywords: [],
  hashtags: [],
  terms: [],
};

describe('csvCell', () => {
  const table: [string | number | null, string][] = [
    ['plain', 'plain'],
    ['', ''],
    [null, ''],
    ['café ☕', 'café ☕'],
    ['#tesla', '#tesla'],
    ["it's", "it's"],
    // RFC 4180 quoting.
    ['a,b', '"a,b"'],
    ['say "hi"', '"say ""hi"""'],
    ['"', '""""'],
    ['line\nbreak', '"line\nbreak"'],
    ['cr\rreturn', '"cr\rreturn"'],
    ['crlf\r\nend', '"crlf\r\nend"'],
    ['trailing ', 'trailing '],
    // Formula injection: each dangerous first character is neutralized with a quote, then quoted.
    ['=1+1', `"'=1+1"`],
    ['+1', `"'+1"`],
    ['-spam', `"'-spam"`],
    ['@nasa', `"'@nasa"`],
    ['\tindent', `"'\tindent"`],
    ['\rreturn', `"'\rreturn"`],
    ['=HYPERLINK("http://x","y")', `"'=HYPERLINK(""http://x"",""y"")"`],
    ['-a, b', `"'-a, b"`],
    // Their fullwidth forms too.
    ['＝1+1', `"'＝1+1"`],
    ['＋1', `"'＋1"`],
    ['－spam', `"'－spam"`],
    ['＠nasa', `"'＠nasa"`],
    // Only the first character matters.
    ['a=b', 'a=b'],
    ['a-b', 'a-b'],
    [' =x', ' =x'],
    // Numbers stay numbers.
    [-0.25, '-0.25'],
    [0, '0'],
    [-0, '0'],
    [42, '42'],
    [-7, '-7'],
    [0.0001, '0.0001'],
    [Number.NaN, ''],
    [Number.POSITIVE_INFINITY, ''],
    [Number.NEGATIVE_INFINITY, ''],
    // A numeric-looking string is text: neutralized like any other.
    ['-0.25', `"'-0.25"`],
  ];
  it.each(table)('%j -> %j', (value, expected) => {
    expect(csvCell(value)).toBe(expected);
  });
});

describe('snapshotRows', () => {
  it('lists total, keywords, hashtags, terms in order, with ISO times and rounded means', () => {
    expect(snapshotRows(window1)).toEqual([
      ['2026-01-02T03:04:00.000Z', '2026-01-02T03:04:10.000Z', 'total', '*', 10, 3, 2, 4, 1, -0.1235],
      ['2026-01-02T03:04:00.000Z', '2026-01-02T03:04:10.000Z', 'keyword', '#tesla OR tesla', 4, 4, 0, 0, 0, 0.5],
      ['2026-01-02T03:04:00.000Z', '2026-01-02T03:04:10.000Z', 'keyword', '-spam "a, b"', 2, 0, 0, 0, 2, null],
      ['2026-01-02T03:04:00.000Z', '2026-01-02T03:04:10.000Z', 'keyword', '=cmd', 0, 0, 0, 0, 0, null],
      ['2026-01-02T03:04:00.000Z', '2026-01-02T03:04:10.000Z', 'hashtag', '#tesla', 3, 3, 0, 0, 0, 0.3333],
      ['2026-01-02T03:04:00.000Z', '2026-01-02T03:04:10.000Z', 'hashtag', '#nothappy', 1, 0, 0, 1, 0, -1],
      ['2026-01-02T03:04:00.000Z', '2026-01-02T03:04:10.000Z', 'term', 'café', 2, 2, 0, 0, 0, 0],
      ['2026-01-02T03:04:00.000Z', '2026-01-02T03:04:10.000Z', 'term', 'say "hi"', 1, 1, 0, 0, 0, 0],
    ]);
  });

  it('writes the total key as * whatever the snapshot holds', () => {
    expect(snapshotRows(window2)).toEqual([
      ['2026-01-02T03:04:05.000Z', '2026-01-02T03:04:15.000Z', 'total', '*', 0, 0, 0, 0, 0, null],
    ]);
  });

  it('rounds a tiny negative mean to 0, not -0', () => {
    const s = { ...window2, total: stats('*', 1, -0.00004) };
    expect(Object.is(snapshotRows(s)[0]?.[9], 0)).toBe(true);
  });
});

describe('snapshotsToCsv', () => {
  const csv = snapshotsToCsv([window1, window2]);

  it('writes the header, then every row, each line ended by CRLF', () => {
    const lines = csv.split('\r\n');
    expect(lines[0]).toBe(CSV_HEADER);
    expect(lines[1]).toBe('2026-01-02T03:04:00.000Z,2026-01-02T03:04:10.000Z,total,*,10,3,2,4,1,-0.1235');
    expect(lines[3]).toBe(`2026-01-02T03:04:00.000Z,2026-01-02T03:04:10.000Z,keyword,"'-spam ""a, b""",2,0,0,0,2,`);
    expect(lines[4]).toBe(`2026-01-02T03:04:00.000Z,2026-01-02T03:04:10.000Z,keyword,"'=cmd",0,0,0,0,0,`);
    expect(lines[6]).toBe('2026-01-02T03:04:00.000Z,2026-01-02T03:04:10.000Z,hashtag,#nothappy,1,0,0,1,0,-1');
    expect(lines.at(-1)).toBe('');
    expect(lines).toHaveLength(1 + 8 + 1 + 1);
    expect(csv.replaceAll('\r\n', '')).not.toMatch(/[\r\n]/);
  });

  it('is the header alone for no snapshots', () => {
    expect(snapshotsToCsv([])).toBe(CSV_HEADER + '\r\n');
  });

  it('is the header followed by rowsToCsv of each snapshot', () => {
    expect(csv).toBe(CSV_HEADER + '\r\n' + rowsToCsv(snapshotRows(window1)) + rowsToCsv(snapshotRows(window2)));
  });

  it('reads back through parseCsv', () => {
    const records = parseCsv(csv);
    expect(records[0]).toEqual(CSV_HEADER.split(','));
    expect(records).toHaveLength(1 + 8 + 1);
    expect(records.every((r) => r.length === 10)).toBe(true);
    expect(records.slice(1).map((r) => [r[2], r[3]])).toEqual([
      ['total', '*'],
      ['keyword', '#tesla OR tesla'],
      ['keyword', `'-spam "a, b"`],
      ['keyword', `'=cmd`],
      ['hashtag', '#tesla'],
      ['hashtag', '#nothappy'],
      ['term', 'café'],
      ['term', 'say "hi"'],
      ['total', '*'],
    ]);
    expect(records[1]?.slice(4)).toEqual(['10', '3', '2', '4', '1', '-0.1235']);
    expect(records[3]?.[9]).toBe('');
  });
});

describe('parseCsv', () => {
  const table: [string, string[][]][] = [
    ['', []],
    ['a', [['a']]],
    ['a,b\r\nc,d\r\n', [['a', 'b'], ['c', 'd']]],
    ['a,b\nc,d', [['a', 'b'], ['c', 'd']]],
    ['a,,b,', [['a', '', 'b', '']]],
    [',', [['', '']]],
    ['\r\n', [['']]],
    ['a\r\n\r\nb', [['a'], [''], ['b']]],
    ['"a,b","c""d"', [['a,b', 'c"d']]],
    ['""', [['']]],
    ['"",""', [['', '']]],
    ['"line\r\nbreak",x\r\n', [['line\r\nbreak', 'x']]],
    ['"lf\nonly"', [['lf\nonly']]],
    ['lone\rcr', [['lone\rcr']]],
    ['\uFEFFa,b', [['a', 'b']]],
    ['café,☕', [['café', '☕']]],
  ];
  it.each(table)('%j', (text, expected) => {
    expect(parseCsv(text)).toEqual(expected);
  });

  const errors: [string, string][] = [
    ['"open', 'CSV: unclosed quote at 0'],
    ['a,"b""', 'CSV: unclosed quote at 2'],
    ['"a"b', 'CSV: unexpected "b" after a closing quote at 3'],
    ['"a" ,b', 'CSV: unexpected " " after a closing quote at 3'],
    ['a"b', 'CSV: quote inside an unquoted cell at 1'],
  ];
  it.each(errors)('rejects %j', (text, message) => {
    expect(() => parseCsv(text)).toThrow(message);
  });

  it('round-trips any cells written by csvCell (neutralization aside)', () => {
    const cells = ['plain', '', 'a,b', 'say "hi"', 'x\r\ny', 'x\ny', 'x\ry', '"', '""', ',', 'café ☕', 'trailing\r\n', '#tag', "it's"];
    const records = [cells, [...cells].reverse(), ['only']];
    const text = records.map((r) => r.map(csvCell).join(',') + '\r\n').join('');
    expect(parseCsv(text)).toEqual(records);
  });

  it('keeps the neutralizing quote, which is part of the cell as written', () => {
    const dangerous = ['=1+1', '+1', '-spam', '@nasa', '\tindent', '\rreturn'];
    const [row] = parseCsv(dangerous.map(csvCell).join(','));
    expect(row).toEqual(dangerous.map((d) => `'${d}`));
  });
});
