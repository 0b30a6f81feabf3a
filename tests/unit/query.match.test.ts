import { describe, expect, it } from 'vitest';
import type { Post } from '../../lib/post';
import { matchQuery, parseQuery, prepareDoc, type Query, type QueryDoc } from '../../lib/query';
import { DEFAULT_ANALYZER, createAnalyzer } from '../../lib/sentiment/analyzers';

/** A doc written compactly: words as text, then entities; strings as the analyzer gives them. */
function doc(words: string, extra: { hashtags?: string[]; mentions?: string[]; lang?: string | null } = {}): QueryDoc {
  return {
    words: words.split(' ').filter((w) => w !== ''),
    hashtags: extra.hashtags ?? [],
    mentions: extra.mentions ?? [],
    lang: extra.lang === undefined ? 'en' : extra.lang,
  };
}

function parsed(q: string): Query {
  const r = parseQuery(q);
  if (!r.ok) throw new Error(`expected ${JSON.stringify(q)} to parse, got ${r.error}`);
  return r.query;
}

const phone = doc('i love my new iphone and the ipad', { hashtags: ['#apple', '#nothappy'], mentions: ['@tim'] });
const pie = doc('apple pie recipe with cinnamon');
const cafe = doc('a café au lait in são paulo', { lang: 'pt-BR', hashtags: ['#café'] });
const covid = doc("covid-19 cases don't fall", { lang: 'EN-us' });
const split = doc('covid 19 cases don t fall', { lang: 'en' });
const snake = doc('foo bar baz', { lang: null });
const snakeWhole = doc('foo_bar baz', { lang: null });
const empty = doc('', { lang: null });

describe('matchQuery', () => {
  const table: [string, QueryDoc, boolean][] = [
    // Terms: case-insensitive whole words.
    ['iphone', phone, true],
    ['IPhone', phone, true],
    ['phone', phone, false],
    ['iphones', phone, false],
    ['love', phone, true],
    ['and', phone, true],
    // Hashtags and mentions are not words.
    ['apple', phone, false],
    ['tim', phone, false],
    ['apple', pie, true],
    // Juxtaposition is AND.
    ['iphone ipad', phone, true],
    ['iphone android', phone, false],
    // OR, and AND binding tighter.
    ['android OR ipad', phone, true],
    ['android OR blackberry', phone, false],
    ['apple OR iphone ipad', phone, true],
    ['apple OR iphone ipad', pie, true],
    ['apple OR iphone android', phone, false],
    ['(apple OR iphone) android', phone, false],
    ['pie OR iphone android', pie, true],
    ['(pie OR iphone) android', pie, false],
    // Negation of every kind of operand.
    ['iphone -android', phone, true],
    ['iphone -ipad', phone, false],
    ['iphone -#apple', phone, false],
    ['iphone -#samsung', phone, true],
    ['iphone -@tim', phone, false],
    ['iphone -@phil', phone, true],
    ['iphone -"new iphone"', phone, false],
    ['iphone -"iphone new"', phone, true],
    ['iphone -lang:en', phone, false],
    ['iphone -lang:pt', phone, true],
    ['iphone -(ipad OR android)', phone, false],
    ['iphone -(ipad android)', phone, true],
    ['iphone (-ipad OR love)', phone, true],
    ['iphone (-ipad OR hate)', phone, false],
    // Phrases: consecutive words, in order.
    ['"new iphone"', phone, true],
    ['"my new iphone"', phone, true],
    ['"iphone new"', phone, false],
    ['"love new"', phone, false],
    ['"NEW   iPhone"', phone, true],
    ['"ipad"', phone, true],
    ['"the ipad extra"', phone, false],
    ['"apple pie" recipe', pie, true],
    // Hashtags: normalized, CamelCase in the query matches the lowercase hashtag.
    ['#NotHappy', phone, true],
    ['#nothappy', phone, true],
    ['#NOTHAPPY', phone, true],
    ['#happy', phone, false],
    ['#apple iphone', phone, true],
    ['#apple android', phone, false],
    ['#iphone', phone, false],
    ['@Tim', phone, true],
    ['@tom', phone, false],
    // Unicode and accents.
    ['café', cafe, true],
    ['CAFÉ', cafe, true],
    ['cafe\u0301', cafe, true],
    ['cafe', cafe, false],
    ['#Café', cafe, true],
    ['#cafe', cafe, false],
    ['"são paulo"', cafe, true],
    ['"SÃO PAULO" lang:pt', cafe, true],
    ['"café au lait"', cafe, true],
    // Language: the primary subtag, case-insensitive, of the post's BCP-47 tag.
    ['lang:pt', cafe, true],
    ['lang:PT', cafe, true],
    ['lang:br', cafe, false],
    ['lang:en', cafe, false],
    ['lang:en', covid, true],
    ['lang:en', snake, false],
    ['café lang:es', cafe, false],
    ['café (lang:es OR lang:pt)', cafe, true],
    // Punctuated words match whether the tokenizer kept them whole or split them.
    ['covid-19', covid, true],
    ['covid-19', split, true],
    ['covid', covid, true],
    ['"covid-19 cases"', covid, true],
    ['"covid-19 cases"', split, true],
    ["don't", covid, true],
    ["don't", split, true],
    ['don\u2019t', covid, true],
    ['"19 cases"', covid, true],
    ['covid-20', covid, false],
    // Underscores separate parts, as in the tokenizer.
    ['foo_bar', snake, true],
    ['foo_bar', snakeWhole, true],
    ['"bar baz"', snakeWhole, true],
    ['bar_foo', snake, false],
    // Emoji in a term are not matched (they are not word tokens); its letters are.
    ['🔥foo', snake, true],
    // A post with nothing matches nothing.
    ['iphone', empty, false],
    ['a OR b', empty, false],
    ['lang:en', empty, false],
  ];

  it.each(table)('%j on %j', (q, d, expected) => {
    const query = parsed(q);
    expect(matchQuery(query, d)).toBe(expected);
    expect(matchQuery(query, prepareDoc(d))).toBe(expected);
  });

  it('reuses one prepared doc across many queries', () => {
    const prepared = prepareDoc(phone);
    const queries = ['iphone', '#nothappy', '@tim', '"new iphone"', 'lang:en', 'android'].map(parsed);
    expect(queries.map((q) => matchQuery(q, prepared))).toEqual([true, true, true, true, true, false]);
  });

  it('exposes the prepared view: word parts, lookups and the primary language subtag', () => {
    const prepared = prepareDoc(covid);
    expect(prepared.parts).toEqual(['covid', '19', 'cases', 'don', 't', 'fall']);
    expect(prepared.hasPart('covid')).toBe(true);
    expect(prepared.hasPart('covid-19')).toBe(false);
    expect(prepared.lang).toBe('en');
    expect(prepareDoc(doc('', { lang: 'zh_Hant' })).lang).toBe('zh');
    expect(prepareDoc(empty).lang).toBeNull();
  });

  it('matches long posts (looked up through sets) like short ones (scanned)', () => {
    const many = (prefix: string, n: number): string[] => Array.from({ length: n }, (_, i) => `${prefix}${i}`);
    const long = doc(`${many('w', 40).join(' ')} late goal`, { hashtags: many('#t', 20), mentions: many('@m', 20) });
    const queries = ['w39', '"w38 w39"', '"late goal"', '#t19 @m19', 'w40', '#t20', '@m20', '"w39 w38"'];
    const prepared = prepareDoc(long);
    expect(queries.map((q) => matchQuery(parsed(q), prepared))).toEqual([true, true, true, true, false, false, false, false]);
  });

  it('splits only the words that are more than one part', () => {
    const parts = (words: string[]): readonly string[] => prepareDoc({ words, hashtags: [], mentions: [], lang: null }).parts;
    expect(parts(['plain', 'words', 'ñandú', '42'])).toEqual(['plain', 'words', 'ñandú', '42']);
    expect(parts(['a', '', 'b'])).toEqual(['a', 'b']);
    expect(parts(['1,000', 'fans'])).toEqual(['1', '000', 'fans']);
    expect(parts(['x', 'l’été', 'y'])).toEqual(['x', 'l', 'été', 'y']);
    expect(parts(['e\u0301té'])).toEqual(['e\u0301té']);
    expect(parts([])).toEqual([]);
  });

  it('matches a query restored from JSON like the parsed one', () => {
    const query = parsed('(#apple OR pie) -android lang:en');
    const restored = JSON.parse(JSON.stringify(query)) as Query;
    for (const d of [phone, pie, cafe, covid, snake, empty]) {
      expect(matchQuery(restored, d)).toBe(matchQuery(query, d));
    }
  });
});

/** The reference: the AST evaluated on the plain doc, word by word, with no compilation. */
function naive(q: Query, d: QueryDoc): boolean {
  const parts = d.words.join(' ').match(/[\p{L}\p{M}\p{N}]+/gu) ?? [];
  const seq = (value: string): boolean => {
    const want = value.match(/[\p{L}\p{M}\p{N}]+/gu) ?? [];
    for (let i = 0; i + want.length <= parts.length; i++) {
      if (want.every((w, k) => parts[i + k] === w)) return true;
    }
    return false;
  };
  switch (q.type) {
    case 'term':
    case 'phrase':
      return seq(q.value);
    case 'hashtag':
      return d.hashtags.includes(q.value);
    case 'mention':
      return d.mentions.includes(q.value);
    case 'lang':
      return d.lang !== null && d.lang.toLowerCase().split(/[-_]/)[0] === q.value;
    case 'not':
      return !naive(q.operand, d);
    case 'and':
      return q.operands.every((o) => naive(o, d));
    case 'or':
      return q.operands.some((o) => naive(o, d));
  }
}

describe('matchQuery agrees with a naive evaluation', () => {
  it('on thousands of random queries and posts', () => {
    let seed = 987654321;
    const rand = (n: number): number => {
      seed = (seed * 1103515245 + 12345) % 2147483648;
      return seed % n;
    };
    const vocab = ['a', 'b', 'c', 'é', '1'];
    const atoms = ['a', 'b', 'c', 'é', '"a b"', '"b a c"', '#a', '#b', '@a', 'lang:en', 'lang:pt', 'a-b'];
    const randomQuery = (depth: number): string => {
      const n = 1 + rand(3);
      const items: string[] = [];
      for (let k = 0; k < n; k++) {
        const neg = rand(4) === 0 ? '-' : '';
        const item = depth < 3 && rand(4) === 0 ? `(${randomQuery(depth + 1)})` : atoms[rand(atoms.length)];
        items.push(neg + item);
      }
      return items.join(rand(2) === 0 ? ' ' : ' OR ');
    };
    let checked = 0;
    for (let n = 0; n < 2000; n++) {
      const r = parseQuery(randomQuery(0));
      if (!r.ok) continue;
      const words = Array.from({ length: rand(6) }, () => vocab[rand(vocab.length)] ?? 'a').join(' ');
      const d = doc(words, {
        hashtags: rand(2) === 0 ? ['#a'] : ['#b', '#c'],
        mentions: rand(2) === 0 ? [] : ['@a'],
        lang: [null, 'en', 'pt-BR', 'es'][rand(4)] ?? null,
      });
      expect(matchQuery(r.query, prepareDoc(d))).toBe(naive(r.query, d));
      checked++;
    }
    // Most random queries are valid; make sure the comparison really ran.
    expect(checked).toBeGreaterThan(1000);
  });
});

describe('matchQuery on what the analyzer makes of real post text', () => {
  const analyzer = createAnalyzer(DEFAULT_ANALYZER);
  const analyzed = (text: string, lang: string | null): QueryDoc => {
    const post: Post = { id: '1', text, createdAt: 0, author: null, lang, source: 'test' };
    const a = analyzer.analyze(post);
    // The engine passes the post's own tag, so lang:fr works for languages with no lexicon.
    return { words: a.words, hashtags: a.hashtags, mentions: a.mentions, lang: post.lang ?? a.lang };
  };
  const table: [string, string, string | null, boolean][] = [
    ['#NotHappy', 'Battery died again #NotHappy @AppleSupport', 'en', true],
    ['@applesupport battery', 'Battery died again #NotHappy @AppleSupport', 'en', true],
    ['happy', 'Battery died again #NotHappy @AppleSupport', 'en', false],
    // Punctuation is not a word token: it does not break a phrase (as on X).
    ['"died again"', 'Battery DIED... again!! #NotHappy', 'en', true],
    ['"battery again"', 'Battery DIED... again!! #NotHappy', 'en', false],
    ['"battery died"', 'Battery DIED... again!! #NotHappy', 'en', true],
    ['café lang:pt', 'Um CAFÉ ótimo em São Paulo https://example.com/cafe', 'pt-BR', true],
    ['"são paulo" -lang:es', 'Um CAFÉ ótimo em São Paulo', 'pt-BR', true],
    ['example', 'Um CAFÉ ótimo em São Paulo https://example.com/cafe', 'pt-BR', false],
    ["don't covid-19", "I don't think covid-19 is over", 'en', true],
    ['"think covid"', "I don't think covid-19 is over", 'en', true],
    ['lang:fr bonjour', 'Bonjour tout le monde', 'fr', true],
    ['the', 'The end of the match', 'en', true],
  ];
  it.each(table)('%j on %j (%s)', (q, text, lang, expected) => {
    expect(matchQuery(parsed(q), analyzed(text, lang))).toBe(expected);
  });
});
