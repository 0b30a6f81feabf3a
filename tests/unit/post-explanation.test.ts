import * as React from 'react';
import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import { PostExplanation } from '../../components/PostExplanation';
import type { ScoredPost } from '../../lib/stream/snapshot';

const base: ScoredPost = {
  id: 'p1',
  text: 'not <b>bad</b> at all, love it <img src=x onerror=alert(1)>',
  createdAt: Date.UTC(2026, 0, 1, 12, 0, 0),
  author: 'ana',
  lang: 'en',
  source: 'test',
  label: 'positive',
  score: 0.71,
  hashtags: [],
  contributions: [
    { token: 'not bad', weight: 1.5 },
    { token: 'love', weight: 3 },
    { token: '<script>', weight: -0.25 },
  ],
};

const render = (post: ScoredPost) =>
  renderToStaticMarkup(React.createElement(PostExplanation, { post, id: 'x', onClose: () => {} }));

describe('a post explanation', () => {
  it('lists the tokens strongest first with signed weights, the sum and the score', () => {
    const html = render(base);
    const tokens = [...html.matchAll(/<li[^>]*><span[^>]*title="([^"]*)"/g)].map((m) => m[1]);
    expect(tokens).toEqual(['love', 'not bad', '&lt;script&gt;']);
    expect(html).toContain('+3<');
    expect(html).toContain('−0.25<');
    expect(html).toContain('Sum +4.25 → score +0.71, positive.');
  });

  it('renders the text and the tokens as text, never as markup', () => {
    const html = render(base);
    expect(html).not.toMatch(/<b>|<img|<script/);
    expect(html).toContain('&lt;b&gt;bad&lt;/b&gt;');
  });

  it('says why there is no list for an unscored, an unexplained and a lexicon-free post', () => {
    expect(render({ ...base, label: 'unscored', score: 0, lang: 'de', contributions: [] })).toContain('no sentiment lexicon for this language (de)');
    expect(render({ ...base, contributions: undefined })).toContain('did not explain this post');
    expect(render({ ...base, label: 'neutral', score: 0, contributions: [] })).toContain('No word of the lexicon moved this score');
  });
});
