import type { Analysis, Analyzer } from '../../lib/nlp/analysis';
import type { Post } from '../../lib/post';

/**
 * A tiny, transparent analyzer for window tests, so expected counts can be written by hand:
 * words split on spaces; `#x` hashtags, `@x` mentions; `good` scores +0.5, `bad` -0.5 per word
 * (clamped to [-1, 1]); a post with lang `xx` is unscored.
 */
export const wordAnalyzer: Analyzer = {
  name: 'words',
  analyze(post: Post): Analysis {
    const tokens = post.text.toLowerCase().split(/\s+/).filter(Boolean);
    const words = tokens.filter((t) => !t.startsWith('#') && !t.startsWith('@'));
    const hashtags = [...new Set(tokens.filter((t) => t.startsWith('#')))];
    const mentions = [...new Set(tokens.filter((t) => t.startsWith('@')))];
    const terms = [...new Set(words.filter((w) => w.length > 1))];
    if (post.lang === 'xx') return { words, terms, hashtags, mentions, lang: null, score: 0, label: 'unscored' };
    let raw = 0;
    for (const w of words) raw += w === 'good' ? 0.5 : w === 'bad' ? -0.5 : 0;
    const score = Math.max(-1, Math.min(1, raw));
    const label = score > 0 ? 'positive' : score < 0 ? 'negative' : 'neutral';
    return { words, terms, hashtags, mentions, lang: 'en', score, label };
  },
};

let seq = 0;
/** A post at `t` ms with `text`. */
export function post(t: number, text: string, lang: string | null = 'en'): Post {
  return { id: `p${seq++}`, text, createdAt: t, author: null, lang, source: 'test' };
}
