import { describe, expect, it } from 'vitest';
import { parseStreamLine, tweetToPost } from '../../lib/sources/xTweet';

const tweet = {
  id: '1860000000000000001',
  text: 'Loving the new #EV from @elonmusk &amp; co https://t.co/abc',
  created_at: '2026-11-24T06:00:00.000Z',
  lang: 'en',
  author_id: '44196397',
  entities: {
    hashtags: [{ start: 15, end: 18, tag: 'EV' }],
    mentions: [{ start: 24, end: 33, username: 'elonmusk', id: '44196397' }],
    urls: [{ start: 43, end: 66, url: 'https://t.co/abc', expanded_url: 'https://example.com/ev', display_url: 'example.com/ev' }],
  },
};

describe('tweetToPost', () => {
  it('maps a v2 tweet', () => {
    expect(tweetToPost(tweet)).toEqual({
      kind: 'post',
      post: {
        id: '1860000000000000001',
        text: 'Loving the new #EV from @elonmusk & co https://t.co/abc',
        createdAt: Date.UTC(2026, 10, 24, 6),
        author: '44196397',
        lang: 'en',
        source: 'x',
        hashtags: ['#EV'],
        mentions: ['@elonmusk'],
        links: ['https://example.com/ev'],
      },
    });
  });

  it('takes the full text and entities of a long post from note_tweet', () => {
    const long = 'a'.repeat(400) + ' #LongForm &lt;3';
    const r = tweetToPost({
      ...tweet,
      text: 'a'.repeat(270) + '… https://t.co/more',
      note_tweet: { text: long, entities: { hashtags: [{ start: 401, end: 410, tag: 'LongForm' }] } },
    });
    expect(r.kind === 'post' && [r.post.text, r.post.hashtags, r.post.mentions]).toEqual([
      'a'.repeat(400) + ' #LongForm <3',
      ['#LongForm'],
      [],
    ]);
  });

  it('uses the username from includes.users when present', () => {
    const r = tweetToPost(tweet, { users: [{ id: '44196397', username: 'elonmusk' }] });
    expect(r.kind === 'post' && r.post.author).toBe('elonmusk');
  });

  it.each(['und', 'qme', 'zxx'])('treats lang %s as unknown', (lang) => {
    const r = tweetToPost({ ...tweet, lang });
    expect(r.kind === 'post' && r.post.lang).toBeNull();
  });

  it.each([
    ['no id', { ...tweet, id: undefined }],
    ['no text', { ...tweet, text: undefined }],
    ['no created_at', { ...tweet, created_at: undefined }],
    ['not an object', []],
  ])('%s is malformed', (_name, bad) => {
    expect(tweetToPost(bad).kind).toBe('malformed');
  });
});

describe('parseStreamLine', () => {
  it('reads a data line with matching rules', () => {
    const r = parseStreamLine(JSON.stringify({ data: tweet, matching_rules: [{ id: '1', tag: 'ev' }] }));
    expect(r.kind).toBe('post');
  });
  it('reads an error line', () => {
    const line = JSON.stringify({
      errors: [{ title: 'operational-disconnect', disconnect_type: 'UpstreamOperationalDisconnect', detail: 'This stream has been disconnected upstream for operational reasons.' }],
    });
    expect(parseStreamLine(line)).toEqual({
      kind: 'error',
      message: 'operational-disconnect: This stream has been disconnected upstream for operational reasons.',
    });
  });
  it.each(['{', '[1]', '{"meta":{}}'])('%s is malformed', (line) => {
    expect(parseStreamLine(line).kind).toBe('malformed');
  });
});
