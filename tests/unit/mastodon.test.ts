import { describe, expect, it } from 'vitest';
import {
  compareStatusIds,
  decodeEntities,
  htmlToText,
  parseStreamingMessage,
  statusToPost,
} from '../../lib/sources/mastodon';

describe('htmlToText', () => {
  it.each([
    ['plain paragraph', '<p>Hello world</p>', 'Hello world'],
    ['paragraphs become a blank line', '<p>one</p><p>two</p>', 'one\n\ntwo'],
    ['br becomes a newline, in any spelling', 'a<br>b<br/>c<BR />d', 'a\nb\nc\nd'],
    ['source whitespace collapses', '<p>  lots\n\tof   space  </p>', 'lots of space'],
    ['entities decode once', '<p>Fish &amp; chips &lt;3 &quot;yum&quot; &#39;x&#39; &amp;lt;</p>', 'Fish & chips <3 "yum" \'x\' &lt;'],
    ['numeric entities', '&#x1F600; &#233;t&#xE9;', '😀 été'],
    ['invalid code points become U+FFFD', '&#0;&#x110000;&#xD800;', '\uFFFD\uFFFD\uFFFD'],
    ['unknown named entity stays', '&bogus; &amp', '&bogus; &amp'],
    [
      'mastodon link markup keeps the whole url',
      '<p>see <a href="https://example.com/a/long/path" rel="nofollow noopener" target="_blank"><span class="invisible">https://</span><span class="ellipsis">example.com/a/lo</span><span class="invisible">ng/path</span></a></p>',
      'see https://example.com/a/long/path',
    ],
    [
      'mentions and hashtags keep their text',
      '<p><span class="h-card"><a href="https://m.example/@ana" class="u-url mention">@<span>ana</span></a></span> loves <a href="https://m.example/tags/Coffee" class="mention hashtag" rel="tag">#<span>Coffee</span></a></p>',
      '@ana loves #Coffee',
    ],
    ['script content is dropped', '<p>hi<script>alert("x<p>")</script> there</p>', 'hi there'],
    ['style content is dropped, any case', 'a<STYLE>p{color:red}</sTyLe>b', 'ab'],
    ['unclosed script drops the rest', 'safe<script>evil()', 'safe'],
    ['comments are dropped', 'a<!-- <p>hidden</p> -->b<!-- unterminated', 'ab'],
    ['doctype and cdata are not text', '<!DOCTYPE html>a<![CDATA[x]]>b<?xml v?>c', 'abc'],
    ['a quoted > inside an attribute does not end the tag', '<a title="a>b" href=\'x>y\'>link</a>', 'link'],
    ['a bare < is text', '1 < 2 and 3 <4', '1 < 2 and 3 <4'],
    ['an unterminated tag swallows the rest', 'ok <a href="x', 'ok'],
    ['control characters are removed', 'a\u0000b&#7;c', 'abc'],
    ['an encoded tag stays text, never markup', '&lt;script&gt;alert(1)&lt;/script&gt;', '<script>alert(1)</script>'],
    ['lists break lines', '<ul><li>one</li><li>two</li></ul>', 'one\n\ntwo'],
    ['empty input', '', ''],
  ])('%s', (_name, html, text) => {
    expect(htmlToText(html).text).toBe(text);
  });

  it('collects external links, not mention or hashtag links', () => {
    const html =
      '<p><a href="https://m.example/@ana" class="u-url mention">@ana</a> <a href="https://m.example/tags/x" class="mention hashtag" rel="tag">#x</a> ' +
      '<a href="https://news.example/a?b=1&amp;c=2">news</a> <a href="javascript:alert(1)">bad</a> <a href="/relative">rel</a></p>';
    expect(htmlToText(html).links).toEqual(['https://news.example/a?b=1&c=2']);
  });

  it('stays linear on pathological input', () => {
    const hostile = '<a title="'.repeat(20_000) + '<'.repeat(20_000) + '&#'.repeat(20_000) + '<script>'.repeat(2_000);
    // Bounded work, not a timing assertion: it must simply finish and return a string.
    expect(typeof htmlToText(hostile).text).toBe('string');
    const deep = '<div>'.repeat(50_000) + 'x' + '</div>'.repeat(50_000);
    expect(htmlToText(deep).text).toBe('x');
  });
});

describe('decodeEntities', () => {
  it('leaves text without & untouched', () => {
    expect(decodeEntities('plain')).toBe('plain');
  });
  it('decodes nbsp to a space and typographic names', () => {
    expect(decodeEntities('a&nbsp;b&hellip;&mdash;')).toBe('a b…—');
  });
});

const status = {
  id: '113456789012345678',
  created_at: '2026-11-24T06:00:01.500Z',
  content: '<p>I <em>love</em> this &amp; that <a href="https://m.example/tags/Tea" class="mention hashtag" rel="tag">#<span>Tea</span></a></p>',
  spoiler_text: '',
  language: 'en',
  reblog: null,
  account: { acct: 'ana@m.example' },
  tags: [{ name: 'tea', url: 'https://m.example/tags/tea' }],
  mentions: [{ acct: 'bob@other.example', id: '1' }],
};

describe('statusToPost', () => {
  it('maps a status to a post', () => {
    expect(statusToPost(status)).toEqual({
      kind: 'post',
      post: {
        id: '113456789012345678',
        text: 'I love this & that #Tea',
        createdAt: Date.UTC(2026, 10, 24, 6, 0, 1, 500),
        author: 'ana@m.example',
        lang: 'en',
        source: 'mastodon',
        hashtags: ['#tea'],
        mentions: ['@bob@other.example'],
        links: [],
      },
    });
  });

  it('skips boosts', () => {
    expect(statusToPost({ ...status, reblog: { ...status, id: '1' } })).toEqual({ kind: 'boost', id: status.id });
  });

  it('puts a content warning before the body', () => {
    const r = statusToPost({ ...status, spoiler_text: 'spoilers!' });
    expect(r.kind === 'post' && r.post.text).toBe('spoilers!\n\nI love this & that #Tea');
  });

  it('treats missing language, account, tags and mentions as absent', () => {
    const { account: _a, tags: _t, mentions: _m, ...bare } = status;
    const r = statusToPost({ ...bare, language: null });
    expect(r.kind === 'post' && [r.post.lang, r.post.author, r.post.hashtags, r.post.mentions]).toEqual([null, null, [], []]);
  });

  it.each([
    ['not an object', 'x'],
    ['no id', { ...status, id: undefined }],
    ['content not a string', { ...status, content: 5 }],
    ['bad date', { ...status, created_at: 'yesterday' }],
  ])('reports %s as malformed', (_name, bad) => {
    expect(statusToPost(bad).kind).toBe('malformed');
  });
});

describe('parseStreamingMessage', () => {
  it('reads an update with its status as a JSON string', () => {
    const r = parseStreamingMessage(JSON.stringify({ stream: ['public'], event: 'update', payload: JSON.stringify(status) }));
    expect(r.kind === 'update' && r.status.kind).toBe('post');
  });
  it('knows other events', () => {
    expect(parseStreamingMessage('{"stream":["public"],"event":"delete","payload":"123"}')).toEqual({ kind: 'other', event: 'delete' });
  });
  it.each([
    ['not JSON', 'nope', 'malformed'],
    ['no event', '{"payload":"x"}', 'malformed'],
    ['payload not a string', '{"event":"update","payload":{}}', 'malformed'],
    ['payload not JSON', '{"event":"update","payload":"{"}', 'malformed'],
    ['unknown event', '{"event":"party","payload":"x"}', 'unknown'],
  ])('%s', (_name, raw, kind) => {
    expect(parseStreamingMessage(raw).kind).toBe(kind);
  });
});

describe('compareStatusIds', () => {
  it('orders snowflakes past 2^53 exactly', () => {
    const ids = ['113456789012345679', '99', '113456789012345678', '1000'];
    expect([...ids].sort(compareStatusIds)).toEqual(['99', '1000', '113456789012345678', '113456789012345679']);
  });
});
