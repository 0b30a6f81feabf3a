import { describe, expect, it } from 'vitest';
import { QuerySet, matchQuery, parseQuery, type Query, type QueryDoc } from '../../lib/query';
import { mulberry32 } from '../../lib/demo/prng';

function parsed(q: string): Query {
  const r = parseQuery(q);
  if (!r.ok) throw new Error(`expected ${JSON.stringify(q)} to parse, got ${r.error}`);
  return r.query;
}

/** What the set says, as the list of matching indices. */
function setMatches(set: QuerySet, d: QueryDoc): number[] {
  const matched = [7, 8, 9];
  set.match(d, matched);
  return matched;
}

/** The reference: every query through matchQuery on its own. */
function oneByOne(queries: Query[], d: QueryDoc): number[] {
  return queries.flatMap((q, i) => (matchQuery(q, d) ? [i] : []));
}

const doc = (words: string[], extra: Partial<QueryDoc> = {}): QueryDoc => ({
  words, hashtags: extra.hashtags ?? [], mentions: extra.mentions ?? [], lang: extra.lang === undefined ? 'en' : extra.lang,
});

describe('QuerySet', () => {
  const queries = ['launch OR #nova', '"late goal"', 'rain -umbrella'].map(parsed);
  const set = new QuerySet(queries);

  it.each<[string, QueryDoc, number[]]>([
    ['no query word', doc(['what', 'a', 'match']), []],
    ['a word', doc(['the', 'launch', 'is', 'on']), [0]],
    ['a hashtag', doc(['go'], { hashtags: ['#nova'] }), [0]],
    ['a phrase', doc(['so', 'late', 'goal']), [1]],
    ['a phrase word alone', doc(['late', 'again']), []],
    ['a negation', doc(['rain', 'and', 'umbrella']), []],
    ['a part of a word', doc(["rain's", 'pre-launch']), [0, 2]],
    ['parts across words', doc(['too-late', 'goal!']), [1]],
    ['several at once', doc(['rain', 'late', 'goal', 'launch']), [0, 1, 2]],
    ['a word beyond Latin script', doc(['rain’s']), [2]],
  ])('%s', (_, d, expected) => {
    expect(setMatches(set, d)).toEqual(expected);
    expect(oneByOne(queries, d)).toEqual(expected);
  });

  it('matches words by their text, not by which string object holds it, across its word memory starting over', () => {
    // Equal strings built at run time: other objects than the literals the set first saw.
    const fresh = (w: string): string => [...w].join('');
    expect(setMatches(set, doc(['launch', "rain's"]))).toEqual([0, 2]);
    expect(setMatches(set, doc([fresh('launch'), fresh("rain's")]))).toEqual([0, 2]);
    for (let i = 0; i < 70_000; i++) expect(setMatches(set, doc([`launch${i}`]))).toEqual([]);
    expect(setMatches(set, doc([fresh('launch'), 'late', fresh('goal'), 'launch1']))).toEqual([0, 1]);
  });

  it('evaluates queries a post can match with none of their words on every post', () => {
    const qs = ['lang:pt', 'lang:en -rain', 'rain OR (lang:es -sol)', 'rain'].map(parsed);
    const s = new QuerySet(qs);
    expect(setMatches(s, doc([], { lang: 'pt-BR' }))).toEqual([0]);
    expect(setMatches(s, doc(['sun'], { lang: 'en' }))).toEqual([1]);
    expect(setMatches(s, doc(['rain'], { lang: 'es' }))).toEqual([2, 3]);
    expect(setMatches(s, doc(['sol'], { lang: 'es' }))).toEqual([]);
  });

  it('handles more queries than a machine word has bits', () => {
    const qs = Array.from({ length: 70 }, (_, i) => parsed(`w${i} OR #t${i % 7}`));
    const s = new QuerySet(qs);
    expect(setMatches(s, doc(['w3', 'w64']))).toEqual([3, 64]);
    expect(setMatches(s, doc([], { hashtags: ['#t2'] }))).toEqual(qs.flatMap((_, i) => (i % 7 === 2 ? [i] : [])));
    expect(setMatches(new QuerySet([]), doc(['w1']))).toEqual([]);
  });

  it('agrees with matchQuery query by query on random queries and posts', () => {
    // Seeded, so failures reproduce.
    const random = mulberry32(20261124);
    const rand = (n: number): number => Math.floor(random() * n);
    // Words a tokenizer may give: plain, split by punctuation (ASCII or not), accented, combining
    // marks, other scripts, emoji, digits, uppercase, empty; and some that only look like atoms.
    const vocab = [
      'rain', 'rains', 'ra', 'r', 'launch', 'late', 'goal', "don't", 'don', 't', 'pre-launch', 'rain’s', '1,299',
      '1', '299', 'café', 'cafe\u0301', 'são', 'αβγ', 'x-αβγ', 'rain🌧', '🌧', 'Rain', 'a_b', 'a', 'b', '', 'ab',
      'covid-19', 'covid', '19', 'ça', 'ç',
    ];
    const atoms = [
      'rain', 'launch', 'late', '"late goal"', '"don t"', 'don', 'café', 'são', 'αβγ', 'covid-19', '19', 'a-b',
      '"a b"', 'ab', 'ç', '#rain', '#nova', '@ana', 'lang:en', 'lang:pt', '1,299', '"pre launch"',
    ];
    const randomQuery = (depth: number): string => {
      const n = 1 + rand(3);
      const items: string[] = [];
      for (let k = 0; k < n; k++) {
        const neg = rand(4) === 0 ? '-' : '';
        const item = depth < 2 && rand(4) === 0 ? `(${randomQuery(depth + 1)})` : atoms[rand(atoms.length)];
        items.push(neg + item);
      }
      return items.join(rand(2) === 0 ? ' ' : ' OR ');
    };
    let matches = 0;
    for (let n = 0; n < 300; n++) {
      const qs: Query[] = [];
      for (let k = 1 + rand(8); k > 0; k--) {
        const r = parseQuery(randomQuery(0));
        if (r.ok) qs.push(r.query);
      }
      const s = new QuerySet(qs);
      for (let p = 0; p < 30; p++) {
        const d = doc(Array.from({ length: rand(7) }, () => vocab[rand(vocab.length)] as string), {
          hashtags: [[], ['#rain'], ['#nova', '#x']][rand(3)],
          mentions: [[], ['@ana']][rand(2)],
          lang: [null, 'en', 'pt-BR', 'es'][rand(4)] ?? null,
        });
        const expected = oneByOne(qs, d);
        expect(setMatches(s, d), JSON.stringify({ d, qs })).toEqual(expected);
        matches += expected.length;
      }
    }
    // The comparison saw posts that match as well as posts that do not.
    expect(matches).toBeGreaterThan(1000);
  });
});
