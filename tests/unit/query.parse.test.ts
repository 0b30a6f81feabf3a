import { describe, expect, it } from 'vitest';
import { MAX_QUERY_DEPTH, matchQuery, parseQuery, type Query } from '../../lib/query';

const term = (value: string): Query => ({ type: 'term', value });
const phrase = (value: string): Query => ({ type: 'phrase', value });
const tag = (value: string): Query => ({ type: 'hashtag', value });
const mention = (value: string): Query => ({ type: 'mention', value });
const lang = (value: string): Query => ({ type: 'lang', value });
const not = (operand: Query): Query => ({ type: 'not', operand });
const and = (...operands: Query[]): Query => ({ type: 'and', operands });
const or = (...operands: Query[]): Query => ({ type: 'or', operands });

function parsed(q: string): Query {
  const r = parseQuery(q);
  if (!r.ok) throw new Error(`expected ${JSON.stringify(q)} to parse, got ${r.error}`);
  return r.query;
}

describe('parseQuery: accepted queries', () => {
  const table: [string, Query][] = [
    ['apple', term('apple')],
    ['  Apple  ', term('apple')],
    ['APPLE', term('apple')],
    ['café', term('café')],
    ['CAFÉ', term('café')],
    // Decomposed é (e + combining acute) composes under NFKC.
    ['cafe\u0301', term('café')],
    // Fullwidth letters fold to ASCII under NFKC.
    ['ｔｅｓｌａ', term('tesla')],
    ['covid-19', term('covid-19')],
    ["don't", term("don't")],
    ['or', term('or')],
    ['and', term('and')],
    ['apple iphone', and(term('apple'), term('iphone'))],
    ['apple\tiphone\nipad', and(term('apple'), term('iphone'), term('ipad'))],
    ['apple OR iphone', or(term('apple'), term('iphone'))],
    ['apple OR iphone OR ipad', or(term('apple'), term('iphone'), term('ipad'))],
    // AND binds tighter than OR, as on X.
    ['apple OR iphone ipad', or(term('apple'), and(term('iphone'), term('ipad')))],
    ['apple iphone OR ipad', or(and(term('apple'), term('iphone')), term('ipad'))],
    ['a b OR c d', or(and(term('a'), term('b')), and(term('c'), term('d')))],
    ['(apple OR iphone) ipad', and(or(term('apple'), term('iphone')), term('ipad'))],
    ['apple (iphone OR ipad)', and(term('apple'), or(term('iphone'), term('ipad')))],
    ['a OR(b)', or(term('a'), term('b'))],
    ['(a)', term('a')],
    ['((a))', term('a')],
    // Groups of the same operator flatten.
    ['a (b c)', and(term('a'), term('b'), term('c'))],
    ['a OR (b OR c)', or(term('a'), term('b'), term('c'))],
    ['(a b)(c d)', and(term('a'), term('b'), term('c'), term('d'))],
    ['#NotHappy', tag('#nothappy')],
    ['#Café', tag('#café')],
    ['＃tesla', tag('#tesla')],
    ['#covid_19', tag('#covid_19')],
    ['#2024goals', tag('#2024goals')],
    ['#٢٠٢٤', tag('#٢٠٢٤')],
    ['@NASA', mention('@nasa')],
    ['@alice.bsky.social', mention('@alice.bsky.social')],
    ['@some-one', mention('@some-one')],
    ['"Exact  Phrase"', phrase('exact phrase')],
    ['"  padded "', phrase('padded')],
    ['"café au lait"', phrase('café au lait')],
    ['"a"b', and(phrase('a'), term('b'))],
    ['a"b c"', and(term('a'), phrase('b c'))],
    ['"a" OR "b c"', or(phrase('a'), phrase('b c'))],
    ['"(not a group) OR -x"', phrase('(not a group) or -x')],
    ['lang:pt', lang('pt')],
    ['LANG:EN', lang('en')],
    ['lang:fil', lang('fil')],
    ['tesla lang:en', and(term('tesla'), lang('en'))],
    ['apple -pie', and(term('apple'), not(term('pie')))],
    ['apple -#ad', and(term('apple'), not(tag('#ad')))],
    ['apple -@bot', and(term('apple'), not(mention('@bot')))],
    ['apple -"pie recipe"', and(term('apple'), not(phrase('pie recipe')))],
    ['apple -lang:en', and(term('apple'), not(lang('en')))],
    ['apple -(pie OR tart)', and(term('apple'), not(or(term('pie'), term('tart'))))],
    ['-pie apple', and(not(term('pie')), term('apple'))],
    // Negations need only be anchored somewhere: a AND (NOT b OR c) is a real filter.
    ['a (-b OR c)', and(term('a'), or(not(term('b')), term('c')))],
    ['a -(b OR -c)', and(term('a'), not(or(term('b'), not(term('c')))))],
    ['-(-a)', not(not(term('a')))],
    ['e-mail', term('e-mail')],
    ['foo_bar', term('foo_bar')],
    ['🔥fire', term('🔥fire')],
    ['12:30', term('12:30')],
  ];
  it.each(table)('%j', (q, expected) => {
    expect(parsed(q)).toEqual(expected);
  });

  it('returns plain JSON', () => {
    const q = parsed('(#Tesla OR "model y") -lang:de @elon');
    expect(JSON.parse(JSON.stringify(q))).toEqual(q);
  });
});

describe('parseQuery: errors with their position', () => {
  const table: [string, string, number][] = [
    ['', 'empty query at 0', 0],
    ['   \t ', 'empty query at 0', 0],
    ['"abc', 'unclosed quote at 0', 0],
    ['tesla "abc', 'unclosed quote at 6', 6],
    ['a "b" "c', 'unclosed quote at 6', 6],
    ['""', 'empty phrase at 0', 0],
    ['a " " b', 'empty phrase at 2', 2],
    ['a "!!" b', 'empty phrase at 2', 2],
    [')', "unexpected ')' at 0", 0],
    ['a )', "unexpected ')' at 2", 2],
    ['(a OR b) c) d', "unexpected ')' at 10", 10],
    ['(', "unclosed '(' at 0", 0],
    ['(a', "unclosed '(' at 0", 0],
    ['a (b (c)', "unclosed '(' at 2", 2],
    ['()', 'empty parentheses at 0', 0],
    ['a ( ) b', 'empty parentheses at 2', 2],
    ['OR', 'OR needs a term on both sides at 0', 0],
    ['OR a', 'OR needs a term on both sides at 0', 0],
    ['a OR', 'OR needs a term on both sides at 2', 2],
    ['a OR OR b', 'OR needs a term on both sides at 2', 2],
    ['(a OR) b', 'OR needs a term on both sides at 3', 3],
    ['(OR a)', 'OR needs a term on both sides at 1', 1],
    ['a OR )', 'OR needs a term on both sides at 2', 2],
    ['-', "'-' must be followed directly by a term, #hashtag, @mention, \"phrase\", lang:code or (group) at 0", 0],
    ['a - b', "'-' must be followed directly by a term, #hashtag, @mention, \"phrase\", lang:code or (group) at 2", 2],
    ['a --b', "'-' must be followed directly by a term, #hashtag, @mention, \"phrase\", lang:code or (group) at 2", 2],
    ['a -)', "'-' must be followed directly by a term, #hashtag, @mention, \"phrase\", lang:code or (group) at 2", 2],
    ['a -OR b', "'-' must be followed directly by a term, #hashtag, @mention, \"phrase\", lang:code or (group) at 2", 2],
    // Only negations: as on X, a rule needs something that must be present.
    ['-a', 'query needs a term that is not negated at 0', 0],
    ['-a -b', 'query needs a term that is not negated at 0', 0],
    ['-#ad', 'query needs a term that is not negated at 0', 0],
    ['-lang:en', 'query needs a term that is not negated at 0', 0],
    ['-"a b"', 'query needs a term that is not negated at 0', 0],
    ['-(a b)', 'query needs a term that is not negated at 0', 0],
    ['a OR -b', 'query needs a term that is not negated at 5', 5],
    ['a OR (-b -c)', 'query needs a term that is not negated at 6', 6],
    ['(a OR -b) -c', 'query needs a term that is not negated at 0', 0],
    ['#', 'empty hashtag at 0', 0],
    ['a #', 'empty hashtag at 2', 2],
    ['@', 'empty mention at 0', 0],
    ['#café!', "invalid character '!' in hashtag at 5", 5],
    ["#apple's", "invalid character ''' in hashtag at 6", 6],
    ['#a.b', "invalid character '.' in hashtag at 2", 2],
    ['x #🔥', "invalid character '🔥' in hashtag at 3", 3],
    ['@bob!', "invalid character '!' in mention at 4", 4],
    ['@bob.', "mention cannot start or end with '.' or '-' at 0", 0],
    ['a @-bob', "mention cannot start or end with '.' or '-' at 2", 2],
    ['#2024', "hashtag needs a letter ('#2024' is not a hashtag) at 0", 0],
    ['lang:', 'lang: needs a language code such as en or pt at 0', 0],
    ['a lang:pt-BR', "invalid language code 'pt-br' (use a primary subtag such as en, pt or es) at 7", 7],
    ['lang:e', "invalid language code 'e' (use a primary subtag such as en, pt or es) at 5", 5],
    ['lang:english', "invalid language code 'english' (use a primary subtag such as en, pt or es) at 5", 5],
    ['lang:12', "invalid language code '12' (use a primary subtag such as en, pt or es) at 5", 5],
    ['from:elon', "unknown operator 'from:' (only lang: is supported) at 0", 0],
    ['a is:retweet', "unknown operator 'is:' (only lang: is supported) at 2", 2],
    ['!!!', "'!!!' has no letters or digits to match at 0", 0],
    ['a ...', "'...' has no letters or digits to match at 2", 2],
    // Emoji are not word tokens, so a term of emoji alone could never match.
    ['🔥', "'🔥' has no letters or digits to match at 0", 0],
    ['a AND b', 'AND is not an operator (put terms side by side for AND; lowercase and is a word) at 2', 2],
    ['NOT b', "NOT is not an operator (use '-' to negate; lowercase not is a word) at 0", 0],
    // Errors are reported left to right: the first problem wins.
    ['#! "open', "invalid character '!' in hashtag at 1", 1],
  ];
  it.each(table)('%j', (q, error, position) => {
    expect(parseQuery(q)).toEqual({ ok: false, error, position });
  });

  it('counts positions in UTF-16 code units of the input as typed', () => {
    // '🔥' is two code units; 'café' with a decomposed é is five.
    expect(parseQuery('a🔥 )')).toMatchObject({ ok: false, position: 4 });
    expect(parseQuery('cafe\u0301 )')).toMatchObject({ ok: false, position: 6 });
  });
});

describe('parseQuery: nesting limit', () => {
  const nested = (depth: number): string => '('.repeat(depth) + 'a' + ')'.repeat(depth);

  it(`accepts ${MAX_QUERY_DEPTH} levels of parentheses`, () => {
    expect(parsed(nested(MAX_QUERY_DEPTH))).toEqual(term('a'));
    expect(parsed(`x ${'-('.repeat(MAX_QUERY_DEPTH)}a${')'.repeat(MAX_QUERY_DEPTH)}`).type).toBe('and');
  });

  it('rejects one level more, pointing at the parenthesis too many', () => {
    expect(parseQuery(nested(MAX_QUERY_DEPTH + 1))).toEqual({
      ok: false,
      error: `parentheses nested too deeply (max ${MAX_QUERY_DEPTH}) at ${MAX_QUERY_DEPTH}`,
      position: MAX_QUERY_DEPTH,
    });
  });
});

describe('parseQuery: hostile input gives an error or a query, never a throw', () => {
  const big = 1_000_000;
  const cases: [string, string][] = [
    ['a million (', '('.repeat(big)],
    ['a million )', ')'.repeat(big)],
    ['a million "', '"'.repeat(big)],
    ['a million -', '-'.repeat(big)],
    ['a million #', '#'.repeat(big)],
    ['a million OR', 'OR '.repeat(big)],
    ['an unclosed quote then a megabyte', '"' + 'x'.repeat(big)],
    ['a megabyte of one word', 'x'.repeat(big)],
    ['alternating (-', '(-'.repeat(big / 2)],
    ['lone surrogates', '\uD800 \uDC00 #\uD800'],
    ['control characters', '\u0000\u0001 a'],
    ['a nested deep negation', '-('.repeat(big / 2)],
  ];
  it.each(cases)('%s', (_name, q) => {
    const r = parseQuery(q);
    if (!r.ok) {
      expect(r.position).toBeGreaterThanOrEqual(0);
      expect(r.position).toBeLessThanOrEqual(q.length);
      expect(r.error).toMatch(/ at \d+$/);
    }
  });

  it('parses a long flat query of many terms', () => {
    const q = Array.from({ length: 20_000 }, (_, i) => `w${i}`).join(' OR ');
    const r = parsed(q);
    expect(r.type === 'or' && r.operands.length).toBe(20_000);
  });

  it('survives random strings of operator characters', () => {
    // A small deterministic generator: the same strings every run.
    let seed = 12345;
    const rand = (n: number): number => {
      seed = (seed * 1103515245 + 12345) % 2147483648;
      return seed % n;
    };
    const pieces = ['(', ')', '"', '-', '#', '@', ' ', 'OR', 'a', 'B', 'lang:', 'pt', 'é', '🔥', ':', '\u0301', 'AND', '.'];
    const doc = { words: ['a', 'b', 'é'], hashtags: ['#a'], mentions: ['@b'], lang: 'pt' };
    for (let n = 0; n < 3000; n++) {
      let q = '';
      const len = rand(12);
      for (let k = 0; k < len; k++) q += pieces[rand(pieces.length)];
      const r = parseQuery(q);
      if (r.ok) {
        expect(JSON.parse(JSON.stringify(r.query))).toEqual(r.query);
        expect(typeof matchQuery(r.query, doc)).toBe('boolean');
      } else {
        expect(r.position, q).toBeGreaterThanOrEqual(0);
        expect(r.position, q).toBeLessThanOrEqual(q.length);
      }
    }
  });
});
