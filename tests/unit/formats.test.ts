import { describe, expect, it } from 'vitest';
import {
  createLineParser,
  detectFormat,
  isSkip,
  parseIsoDate,
  parseJetstreamEvent,
  parseJetstreamLine,
  parseJsonLine,
  parseSentiment140Date,
  splitCsvRecord,
  type ParseResult,
} from '../../lib/sources/formats';

function post(r: ParseResult | null) {
  if (r === null || !r.ok) throw new Error(`expected a post, got ${JSON.stringify(r)}`);
  return r.post;
}
function error(r: ParseResult | null): string {
  if (r === null || r.ok || isSkip(r)) throw new Error(`expected malformed, got ${JSON.stringify(r)}`);
  return r.error;
}

describe('JSON Lines', () => {
  it('reads every field, ISO and epoch dates', () => {
    const p = post(
      parseJsonLine('{"id":"a1","text":"so good 😍","created_at":"2024-03-01T10:00:00.250Z","author":"ana","lang":"pt-BR","hashtags":["#Yes","no"]}', 'replay'),
    );
    expect(p).toEqual({
      id: 'a1', text: 'so good 😍', createdAt: Date.UTC(2024, 2, 1, 10, 0, 0, 250), author: 'ana', lang: 'pt-BR',
      source: 'replay', hashtags: ['#Yes', '#no'],
    });
    const q = post(parseJsonLine('{"id":7,"text":"x","created_at":1700000000123}', 'dir'));
    expect(q).toMatchObject({ id: '7', createdAt: 1700000000123, author: null, lang: null, source: 'dir' });
    expect(q.hashtags).toBeUndefined();
    // A post holds its fields and no empty entity ones, so it serializes as the plain object it stands for.
    expect(Object.keys(q)).toEqual(['id', 'text', 'createdAt', 'author', 'lang', 'source']);
  });

  it.each([
    ['{"id":"1","text":"x","created_at":"2024-01-01T00:00:00', /bad JSON/],
    ['[1,2]', /not a JSON object/],
    ['{"id":"1","created_at":"2024-01-01T00:00:00Z"}', /missing text/],
    ['{"id":"1","text":3,"created_at":"2024-01-01T00:00:00Z"}', /text is not a string/],
    ['{"text":"x","created_at":"2024-01-01T00:00:00Z"}', /missing id/],
    ['{"id":1e30,"text":"x","created_at":"2024-01-01T00:00:00Z"}', /safe integer/],
    ['{"id":"1","text":"x"}', /missing created_at/],
    ['{"id":"1","text":"x","created_at":"yesterday"}', /bad created_at/],
    ['{"id":"1","text":"x","created_at":"2024-02-30T00:00:00Z"}', /bad created_at/],
    ['{"id":"1","text":"x","created_at":"2024-01-01T00:00:00Z","hashtags":"#a"}', /hashtags/],
  ])('%s is malformed', (line, re) => {
    expect(error(parseJsonLine(line, 'replay'))).toMatch(re);
  });

  it.each(['', '   ', '\t\r', '\u00a0', '\ufeff', '\u3000 \u2028'])('skips blank lines: %j', (line) => {
    expect(isSkip(parseJsonLine(line, 'replay'))).toBe(true);
  });

  it.each(['\u0001{}', '\u00e9', '\u200b'])('does not take a line of other control or non-space characters for blank: %j', (line) => {
    const r = parseJsonLine(line, 'replay');
    expect(isSkip(r)).toBe(false);
    expect(error(r)).toMatch(/bad JSON/);
  });

  it('reads ISO-8601 variants, a zone-less time as UTC', () => {
    expect(parseIsoDate('2024-01-01')).toBe(Date.UTC(2024, 0, 1));
    expect(parseIsoDate('2024-01-01T12:30:00')).toBe(Date.UTC(2024, 0, 1, 12, 30));
    expect(parseIsoDate('2024-01-01 12:30:00+02:00')).toBe(Date.UTC(2024, 0, 1, 10, 30));
    expect(parseIsoDate('2024-01-01T12:30:00.123456-0130')).toBe(Date.UTC(2024, 0, 1, 14, 0, 0, 123));
    expect(parseIsoDate('2024-13-01')).toBeNull();
    expect(parseIsoDate('2024-01-01T25:00:00Z')).toBeNull();
  });
});

describe('CSV with a header', () => {
  it('reads quoted fields, doubled quotes, epoch digits, hashtags cell, unicode', () => {
    const p = createLineParser('csv', { source: 'replay' });
    expect(isSkip(p.push('\uFEFFid,created_at,text,author,lang,hashtags') as ParseResult)).toBe(true);
    const a = post(p.push('1,2024-05-01T00:00:00Z,"Hello, ""world"" — ação 🎉",bea,pt,#um #dois'));
    expect(a).toEqual({
      id: '1', text: 'Hello, "world" — ação 🎉', createdAt: Date.UTC(2024, 4, 1), author: 'bea', lang: 'pt', source: 'replay',
      hashtags: ['#um', '#dois'],
    });
    const b = post(p.push('2,1714521600000,plain,,,'));
    expect(b).toMatchObject({ createdAt: 1714521600000, author: null, lang: null });
    expect(b.hashtags).toBeUndefined();
  });

  it('joins physical lines while a quoted field is open', () => {
    const p = createLineParser('csv', { source: 'replay' });
    p.push('id,text,created_at');
    expect(p.push('1,"first line')).toBeNull();
    expect(p.pending).toBe(true);
    expect(p.push('')).toBeNull();
    const r = post(p.push('last line",2024-01-01T00:00:00Z'));
    expect(r.text).toBe('first line\n\nlast line');
    expect(p.pending).toBe(false);
  });

  it('reports an unclosed quote at the end of input', () => {
    const p = createLineParser('csv', { source: 'replay' });
    p.push('id,text,created_at');
    expect(p.push('1,"never closed')).toBeNull();
    expect(error(p.finish())).toMatch(/not closed/);
    expect(p.finish()).toBeNull();
  });

  it('reports an over-long multi-line record without keeping it', () => {
    const p = createLineParser('csv', { source: 'replay', maxRecordChars: 20 });
    p.push('id,text,created_at');
    expect(p.push('1,"aaaaaaaaaa')).toBeNull();
    expect(p.push('bbbbbbbbbbbbbbb')).toBeNull();
    expect(error(p.push('c",2024-01-01'))).toMatch(/longer than 20/);
    expect(post(p.push('2,ok,2024-01-01')).text).toBe('ok');
  });

  it.each([
    ['1,two', /expected 3 columns, got 2/],
    ['1,two,2024-01-01,extra', /expected 3 columns, got 4/],
    ['1,"bad"x,2024-01-01', /after a closing quote/],
    ['1,text,31/12/2024', /bad created_at/],
    [',text,2024-01-01', /missing id/],
  ])('%s is malformed', (line, re) => {
    const p = createLineParser('csv', { source: 'replay' });
    p.push('id,text,created_at');
    expect(error(p.push(line))).toMatch(re);
  });

  it('a header without the needed columns makes every row malformed', () => {
    const p = createLineParser('csv', { source: 'replay' });
    expect(error(p.push('name,body'))).toMatch(/lacks column\(s\) id, text, created_at/);
    expect(error(p.push('1,x'))).toMatch(/no usable CSV header/);
  });

  it('keeps a bare quote inside an unquoted field', () => {
    expect(splitCsvRecord('a,5" screen,b')).toEqual({ ok: true, cells: ['a', '5" screen', 'b'] });
    expect(splitCsvRecord('"",,"x\ny"')).toEqual({ ok: true, cells: ['', '', 'x\ny'] });
  });
});

describe('Sentiment140', () => {
  it('reads the layout and its dates, lang null', () => {
    const p = createLineParser('sentiment140', { source: 'replay' });
    const a = post(p.push('"4","1467822272","Mon May 11 03:17:40 UTC 2009","NO_QUERY","tiny_otter","loving the sun today, ¡qué bien!"'));
    expect(a).toEqual({
      id: '1467822272', text: 'loving the sun today, ¡qué bien!', createdAt: Date.UTC(2009, 4, 11, 3, 17, 40),
      author: 'tiny_otter', lang: null, source: 'replay',
    });
    expect(parseSentiment140Date('Mon Apr 06 22:19:45 PDT 2009')).toBe(Date.UTC(2009, 3, 7, 5, 19, 45));
  });

  it.each([
    ['0,1,Mon May 11 03:17:40 UTC 2009,NO_QUERY,u', /expected 6 columns/],
    ['0,1,2009-05-11,NO_QUERY,u,text', /bad date/],
    ['0,1,Mon May 11 03:17:40 XYZ 2009,NO_QUERY,u,text', /bad date/],
    ['0,1,Mon Feb 30 03:17:40 UTC 2009,NO_QUERY,u,text', /bad date/],
    ['neg,1,Mon May 11 03:17:40 UTC 2009,NO_QUERY,u,text', /bad polarity/],
  ])('%s is malformed', (line, re) => {
    expect(error(createLineParser('sentiment140', { source: 'replay' }).push(line))).toMatch(re);
  });
});

const DID = 'did:plc:abc123';
function frame(record: Record<string, unknown>, extra: Record<string, unknown> = {}): string {
  return JSON.stringify({
    did: DID, time_us: 1725911162329308, kind: 'commit',
    commit: { rev: 'r1', operation: 'create', collection: 'app.bsky.feed.post', rkey: '3l3qo2vutsw2b', record, cid: 'c1' },
    ...extra,
  });
}

describe('Jetstream frames', () => {
  it('reads a post with langs, time_us, tags', () => {
    const p = post(parseJetstreamLine(frame({ $type: 'app.bsky.feed.post', text: 'hello sky', langs: ['pt', 'en'], tags: ['Tag1', '#tag2'] }), 'bluesky'));
    expect(p).toEqual({
      id: `${DID}/3l3qo2vutsw2b`, text: 'hello sky', createdAt: 1725911162329, author: DID, lang: 'pt', source: 'bluesky',
      hashtags: ['#Tag1', '#tag2'],
    });
  });

  it('uses UTF-8 byte offsets for mentions, with emoji and accents before them', () => {
    const text = '🎉🎉 ação @alice.bsky.social e #festa https://example.com/x';
    const enc = new TextEncoder();
    const before = enc.encode('🎉🎉 ação ').length;
    const handle = enc.encode('@alice.bsky.social').length;
    // Code-unit offsets would be wrong here: the emoji take 4 bytes but 2 UTF-16 units each.
    expect(before).not.toBe('🎉🎉 ação '.length);
    const tagStart = enc.encode('🎉🎉 ação @alice.bsky.social e ').length;
    const p = post(
      parseJetstreamLine(
        frame({
          text,
          facets: [
            { index: { byteStart: before, byteEnd: before + handle }, features: [{ $type: 'app.bsky.richtext.facet#mention', did: 'did:plc:alice' }] },
            { index: { byteStart: tagStart, byteEnd: tagStart + 6 }, features: [{ $type: 'app.bsky.richtext.facet#tag', tag: 'festa' }] },
            { index: { byteStart: 0, byteEnd: 1 }, features: [{ $type: 'app.bsky.richtext.facet#link', uri: 'https://example.com/x' }] },
            { index: { byteStart: 0, byteEnd: 1 }, features: [{ $type: 'app.bsky.richtext.facet#link', uri: 'at://not-http' }] },
          ],
          tags: ['festa'],
        }),
        'replay',
      ),
    );
    expect(p.mentions).toEqual(['@alice.bsky.social']);
    expect(p.hashtags).toEqual(['#festa']);
    expect(p.links).toEqual(['https://example.com/x']);
  });

  it('ignores a mention facet that is out of range or cuts a character', () => {
    const text = '🎉 @bob';
    const p = post(
      parseJetstreamLine(
        frame({
          text,
          facets: [
            { index: { byteStart: 1, byteEnd: 9 }, features: [{ $type: 'app.bsky.richtext.facet#mention', did: 'd' }] },
            { index: { byteStart: 5, byteEnd: 99 }, features: [{ $type: 'app.bsky.richtext.facet#mention', did: 'd' }] },
            { index: { byteStart: 'x', byteEnd: 9 }, features: [{ $type: 'app.bsky.richtext.facet#mention', did: 'd' }] },
          ],
        }),
        'replay',
      ),
    );
    expect(p.mentions).toBeUndefined();
  });

  it.each([
    [{ did: DID, time_us: 1, kind: 'identity', identity: { did: DID, handle: 'x' } }, 'identity event'],
    [{ did: DID, time_us: 1, kind: 'account', account: { active: true } }, 'account event'],
    [{ did: DID, time_us: 1, kind: 'commit', commit: { operation: 'delete', collection: 'app.bsky.feed.post', rkey: 'k' } }, 'delete operation'],
    [{ did: DID, time_us: 1, kind: 'commit', commit: { operation: 'update', collection: 'app.bsky.feed.post', rkey: 'k', record: { text: 'x' } } }, 'update operation'],
    [{ did: DID, time_us: 1, kind: 'commit', commit: { operation: 'create', collection: 'app.bsky.feed.like', rkey: 'k', record: {} } }, 'collection app.bsky.feed.like'],
    [{ did: DID, time_us: 1, kind: 'commit', commit: { operation: 'create', collection: 'app.bsky.feed.post', rkey: 'k', record: { text: '' } } }, 'post without text'],
  ])('skips %j', (ev, reason) => {
    const r = parseJetstreamEvent(ev, 'bluesky');
    expect(isSkip(r) && r.reason).toBe(reason);
  });

  it.each([
    ['{"kind":"commit"', /bad JSON/],
    ['"just a string"', /not a JSON object/],
    ['{"did":"d","kind":"mystery"}', /unknown event kind/],
    [frame({ text: 'x' }, { time_us: 'soon' }), /missing time_us/],
    [frame({ text: 42 }), /record.text/],
    [frame({ text: 'x' }, { did: undefined }), /missing did/],
  ])('%s is malformed', (line, re) => {
    expect(error(parseJetstreamLine(line, 'replay'))).toMatch(re);
  });
});

describe('detectFormat', () => {
  it.each([
    [['{"id":"1","text":"x","created_at":1}'], 'jsonl'],
    [['', frame({ text: 'x' })], 'jetstream'],
    [['{"did":"d","time_us":1,"kind":"identity"}'], 'jetstream'],
    [['\uFEFFid,text,created_at', '1,x,2024-01-01'], 'csv'],
    [['created_at,"text",ID,lang'], 'csv'],
    [['"0","1467810369","Mon Apr 06 22:19:45 PDT 2009","NO_QUERY","someone","text"'], 'sentiment140'],
    [['{"id": broken'], 'jsonl'],
    [['hello there'], 'jsonl'],
    [[], 'jsonl'],
  ])('%j -> %s', (lines, format) => {
    expect(detectFormat(lines)).toBe(format);
  });
});
