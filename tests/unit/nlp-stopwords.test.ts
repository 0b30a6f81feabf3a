import { describe, expect, it } from 'vitest';
import { ANY_STOPWORDS, STOPWORDS, isStopword, stopwordsFor } from '../../lib/nlp/stopwords';
import { normalizeHashtag, normalizeMention, splitHashtag } from '../../lib/nlp/hashtag';
import { scoredLang } from '../../lib/nlp/lang';

describe('stopwords', () => {
  it.each([
    ['en', ['the', 'and', 'about', 'rt', "i'm"], ['tesla', 'good']],
    ['pt', ['de', 'que', 'não', 'você', 'pra'], ['futebol', 'ótimo']],
    ['es', ['el', 'los', 'pero', 'porque', 'es'], ['partido', 'genial']],
  ] as const)('%s list holds function words, not content words', (lang, stops, content) => {
    for (const w of stops) expect(isStopword(w, lang), w).toBe(true);
    for (const w of content) expect(isStopword(w, lang), w).toBe(false);
  });

  it('each language has its own list', () => {
    expect(STOPWORDS.en.has('de')).toBe(false);
    expect(STOPWORDS.pt.has('the')).toBe(false);
  });

  it('an unsupported language gets the union of the three', () => {
    expect(stopwordsFor(null)).toBe(ANY_STOPWORDS);
    for (const w of ['the', 'de', 'los']) expect(isStopword(w, null)).toBe(true);
  });
});

describe('language tags', () => {
  it.each([
    ['en', 'en'],
    ['en-US', 'en'],
    ['pt-BR', 'pt'],
    ['PT', 'pt'],
    ['es-419', 'es'],
    ['fr', null],
    ['ja-JP', null],
    ['und', undefined],
    ['', undefined],
    [null, undefined],
  ] as const)('%s -> %s', (tag, expected) => {
    expect(scoredLang(tag)).toBe(expected);
  });
});

describe('hashtags', () => {
  it('normalizes with NFKC, lowercase and a #', () => {
    expect(normalizeHashtag('＃NotHappy')).toBe('#nothappy');
    expect(normalizeHashtag('Tesla')).toBe('#tesla');
    expect(normalizeMention('Alice.bsky.social')).toBe('@alice.bsky.social');
  });

  it.each([
    ['#NotHappy', ['not', 'happy']],
    ['#iPhone15Pro', ['i', 'phone', '15', 'pro']],
    ['#NASAFail', ['nasa', 'fail']],
    ['#not_happy', ['not', 'happy']],
    ['#ÓtimoDia', ['ótimo', 'dia']],
    ['#nothappy', ['nothappy']],
  ])('splits %s', (tag, words) => {
    expect(splitHashtag(tag)).toEqual(words);
  });
});
