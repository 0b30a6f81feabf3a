import { describe, expect, it } from 'vitest';
import { createDemoGenerator } from '../../lib/demo/generator';
import type { Contribution } from '../../lib/nlp/analysis';
import { AnalysisBuffer, analyzeInPlace } from '../../lib/nlp/analysisBuffer';
import { ANALYZER_NAMES, createAnalyzer } from '../../lib/sentiment/analyzers';
import type { Post } from '../../lib/post';

function post(text: string, lang: string | null = 'en', extra: Partial<Post> = {}): Post {
  return { id: 'p1', text, createdAt: 0, author: null, lang, source: 'test', ...extra };
}

describe('createAnalyzer', () => {
  it('knows afinn and sentiment', () => {
    expect(ANALYZER_NAMES).toEqual(expect.arrayContaining(['afinn', 'sentiment']));
    for (const name of ANALYZER_NAMES) expect(createAnalyzer(name).name).toBe(name);
  });

  it('throws a clear error on an unknown name', () => {
    expect(() => createAnalyzer('vader')).toThrow(/unknown analyzer "vader".*afinn/);
    expect(() => createAnalyzer('toString')).toThrow(/unknown analyzer/);
  });
});

describe('afinn analyzer', () => {
  const afinn = createAnalyzer('afinn');

  it('fills words, terms, hashtags and mentions', () => {
    const a = afinn.analyze(post('I love the new #Tesla @elon, I love it 2 much https://t.co/x'));
    expect(a.words).toEqual(['i', 'love', 'the', 'new', 'i', 'love', 'it', '2', 'much']);
    expect(a.terms).toEqual(['love', 'new']);
    expect(a.hashtags).toEqual(['#tesla']);
    expect(a.mentions).toEqual(['@elon']);
  });

  it('merges structural hashtags and mentions, normalized and distinct', () => {
    const a = afinn.analyze(post('hi #Tesla', 'en', { hashtags: ['#TESLA', 'SpaceX'], mentions: ['Bob.bsky.social'] }));
    expect(a.hashtags).toEqual(['#tesla', '#spacex']);
    expect(a.mentions).toEqual(['@bob.bsky.social']);
  });

  it('scores English with AFINN-165 in [-1, 1]', () => {
    const good = afinn.analyze(post('what a good day'));
    expect(good.lang).toBe('en');
    expect(good.label).toBe('positive');
    expect(good.score).toBeGreaterThan(0);
    expect(good.score).toBeLessThanOrEqual(1);
    const bad = afinn.analyze(post('terrible awful horrible disaster catastrophe'));
    expect(bad.label).toBe('negative');
    expect(bad.score).toBeGreaterThanOrEqual(-1);
    expect(afinn.analyze(post('the bus leaves at noon')).label).toBe('neutral');
  });

  it('scores emoji', () => {
    expect(afinn.analyze(post('😍')).label).toBe('positive');
    expect(afinn.analyze(post('😡')).label).toBe('negative');
  });

  it('splits CamelCase hashtags into words for scoring', () => {
    const a = afinn.analyze(post('#GreatDay'), { explain: true });
    expect(a.contributions).toEqual([{ token: 'great', weight: 3 }]);
    expect(a.hashtags).toEqual(['#greatday']);
  });

  it('uses natural\'s AFINN for Portuguese and Spanish, by BCP-47 primary tag', () => {
    const pt = afinn.analyze(post('um dia muito bom', 'pt-BR'));
    expect(pt.lang).toBe('pt');
    expect(pt.label).toBe('positive');
    const es = afinn.analyze(post('un día malo', 'es-MX'));
    expect(es.lang).toBe('es');
    expect(es.label).toBe('negative');
    // `good` is not Portuguese: an English word in a pt post does not score.
    expect(afinn.analyze(post('good', 'pt')).label).toBe('neutral');
  });

  it('labels other languages unscored, never scoring them as English', () => {
    for (const lang of ['fr', 'de-DE', 'ja']) {
      const a = afinn.analyze(post('good great love', lang), { explain: true });
      expect(a.label).toBe('unscored');
      expect(a.lang).toBeNull();
      expect(a.score).toBe(0);
      expect(a.contributions).toEqual([]);
    }
  });

  it('adds contributions only when asked', () => {
    expect(afinn.analyze(post('good')).contributions).toBeUndefined();
    expect(afinn.analyze(post('good but bad'), { explain: true }).contributions).toEqual([
      { token: 'good', weight: 3 },
      { token: 'bad', weight: -3 },
    ]);
  });
});

describe('sentiment analyzer (package baseline)', () => {
  const baseline = createAnalyzer('sentiment');

  it('scores with the package, including its one-word negation', () => {
    expect(baseline.analyze(post('this is good')).label).toBe('positive');
    expect(baseline.analyze(post('this is not good')).label).toBe('negative');
  });

  it('scores pt/es with natural\'s lexicons and leaves other languages unscored', () => {
    expect(baseline.analyze(post('muito bom', 'pt')).label).toBe('positive');
    expect(baseline.analyze(post('good', 'it')).label).toBe('unscored');
  });
});

describe('analyzeInto', () => {
  const gen = createDemoGenerator({ seed: 7, rate: 50 });
  const posts: Post[] = [
    ...gen.postsBetween(Date.UTC(2026, 0, 1), Date.UTC(2026, 0, 1, 0, 1)),
    post('hi #Tesla #tesla', 'en', { hashtags: ['#TESLA', 'SpaceX'], mentions: ['Bob.bsky.social'] }),
    post('Ｇｏｏｄ 𝐠𝐨𝐨𝐝 ΣΑΣ İstanbul', null),
    post('日本語のポスト', 'ja'),
    post(''),
  ];

  it.each(ANALYZER_NAMES)('%s: writes what analyze returns, with each token\'s vocabulary entry', (name) => {
    const analyzer = createAnalyzer(name);
    const out = new AnalysisBuffer();
    expect(posts.length).toBeGreaterThan(2000);
    for (const p of posts) {
      analyzer.analyzeInto!(p, out);
      // An explained analysis in between must not touch the caller's buffer.
      analyzer.analyze(posts[0]!, { explain: true });
      expect(out.toAnalysis(null)).toEqual(analyzer.analyze(p));
      const contributions: Contribution[] = [];
      analyzer.analyzeInto!(p, out, contributions);
      expect(out.toAnalysis(contributions)).toEqual(analyzer.analyze(p, { explain: true }));
      for (const [texts, entries, n] of [[out.words, out.wordEntries, out.wordCount], [out.terms, out.termEntries, out.termCount]] as const) {
        for (let i = 0; i < n; i++) expect(entries[i]?.text).toBe(texts[i]);
      }
      // A source's structural tags (added after the text's) have none; the text's have theirs.
      for (let i = 0; i < out.hashtagCount; i++) expect(out.hashtagEntries[i]?.text ?? (p.hashtags ? out.hashtags[i] : null)).toBe(out.hashtags[i]);
    }
  });

  it('an analyzer with analyze only is read through it', () => {
    const analyzer = createAnalyzer('afinn');
    const plain = { name: 'plain', analyze: analyzer.analyze.bind(analyzer) };
    const p = posts[3]!;
    expect(analyzeInPlace(plain, p, new AnalysisBuffer()).toAnalysis(null)).toEqual(analyzer.analyze(p));
    const contributions: Contribution[] = [];
    expect(analyzeInPlace(plain, p, new AnalysisBuffer(), contributions).toAnalysis(contributions)).toEqual(analyzer.analyze(p, { explain: true }));
  });
});
