import * as React from 'react';
import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import { PostText, safeHref } from '../../components/PostText';

/** The markup the feed makes of a post's text. */
const render = (text: string) => renderToStaticMarkup(React.createElement(PostText, { text }));

describe('post text in the live feed', () => {
  it('renders markup in a post as text, never as elements', () => {
    const html = render('<img src=x onerror=alert(1)> <script>alert(2)</script> & "quotes"');
    expect(html).not.toMatch(/<img|<script/);
    expect(html).toBe('&lt;img src=x onerror=alert(1)&gt; &lt;script&gt;alert(2)&lt;/script&gt; &amp; &quot;quotes&quot;');
  });

  it('links http(s) URLs only, opening in a new tab without opener or referrer', () => {
    const html = render('see https://example.com/a?b=1&c=2. and javascript:alert(1) or data:text/html,x');
    expect(html).toContain(
      '<a href="https://example.com/a?b=1&amp;c=2" target="_blank" rel="noopener noreferrer nofollow ugc"',
    );
    // The sentence's full stop stays outside the link; other schemes stay text.
    expect(html).toMatch(/<\/a>\. and javascript:alert\(1\) or data:text\/html,x$/);
    expect(html.match(/<a /g)).toHaveLength(1);
  });

  it('accepts only absolute http and https URLs as link targets', () => {
    expect(safeHref('https://example.com/x')).toBe('https://example.com/x');
    expect(safeHref('http://example.com')).toBe('http://example.com/');
    for (const bad of ['javascript:alert(1)', 'JAVASCRIPT:alert(1)', 'data:text/html,x', '//example.com', 'ftp://x', 'http://']) {
      expect(safeHref(bad)).toBeNull();
    }
  });
});
