import { describe, expect, it } from 'vitest';
import { planRules, toXRule } from '../../lib/sources/rules';

describe('toXRule', () => {
  it.each([
    ['tesla', 'tesla -is:retweet'],
    ['Tesla #EV', 'tesla #ev -is:retweet'],
    ['@NASA', '@nasa -is:retweet'],
    ['"Hello   World"', '"hello world" -is:retweet'],
    ['(#tesla OR tesla) -lang:de', '(#tesla OR tesla) -lang:de -is:retweet'],
    ['apple OR iphone ipad', '(apple OR (iphone ipad)) -is:retweet'],
    ['apple lang:pt', 'apple lang:pt -is:retweet'],
    ['-(a OR b) c', '-(a OR b) c -is:retweet'],
    ['covid-19', '"covid-19" -is:retweet'],
    ['or', '"or" -is:retweet'],
    ['café', 'café -is:retweet'],
  ])('%s -> %s', (query, value) => {
    expect(toXRule(query)).toEqual({ ok: true, rule: { value, tag: query } });
  });

  it('keeps retweets when asked', () => {
    expect(toXRule('a OR b', { includeRetweets: true })).toEqual({ ok: true, rule: { value: 'a OR b', tag: 'a OR b' } });
  });

  it.each([
    ['an invalid query', 'a OR', /OR needs a term/],
    ['lang: alone', 'lang:pt', /X needs a word/],
    ['an alternative with only lang:', 'cat OR lang:pt', /X needs a word/],
    ['a mention X cannot have', '@alice.bsky.social', /not an X username/],
    ['a rule over the length limit', 'x'.repeat(600), /at most 512/],
  ])('rejects %s', (_name, query, error) => {
    const r = toXRule(query);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.error).toMatch(error);
  });

  it('honours a larger tier limit', () => {
    expect(toXRule('x'.repeat(600), { maxLength: 1024 }).ok).toBe(true);
  });
});

describe('planRules', () => {
  it('adds what is missing and deletes what is no longer tracked', () => {
    const existing = [
      { id: '1', value: 'tesla -is:retweet', tag: 'tesla' },
      { id: '2', value: 'old -is:retweet', tag: 'old' },
    ];
    expect(planRules(['tesla', '#ev'], existing)).toEqual({
      add: [{ value: '#ev -is:retweet', tag: '#ev' }],
      delete: ['2'],
      rejected: [],
    });
  });

  it('does nothing when the sets agree', () => {
    expect(planRules(['tesla'], [{ id: '1', value: 'tesla -is:retweet' }])).toEqual({ add: [], delete: [], rejected: [] });
  });

  it('shares one rule between queries that print the same, and deletes duplicate rules', () => {
    const existing = [
      { id: '1', value: 'tesla -is:retweet' },
      { id: '2', value: 'tesla -is:retweet' },
    ];
    expect(planRules(['tesla', 'Tesla', 'TESLA'], existing)).toEqual({ add: [], delete: ['2'], rejected: [] });
  });

  it('deletes everything when nothing is tracked, and reports untranslatable queries', () => {
    expect(planRules(['lang:en'], [{ id: '9', value: 'x' }])).toEqual({
      add: [],
      delete: ['9'],
      rejected: [{ query: 'lang:en', error: expect.stringMatching(/X needs/) }],
    });
  });
});
