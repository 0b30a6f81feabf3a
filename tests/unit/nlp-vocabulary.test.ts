import { describe, expect, it } from 'vitest';
import { TokenBuffer, tokenize, type Tokens } from '../../lib/nlp/tokenize';
import { Vocabulary } from '../../lib/nlp/vocabulary';

function plain(limit?: number) {
  let created = 0;
  const vocab = new Vocabulary((text) => {
    created++;
    return { text, keyRow: null, queryOwner: null, queryFiling: null };
  }, limit);
  return { vocab, created: () => created };
}

describe('Vocabulary', () => {
  it.each([
    ['short ASCII (packed)', 'hello'],
    ['sixteen units, the longest packed', 'abcdefghijklmnop'],
    ['seventeen units (map)', 'abcdefghijklmnopq'],
    ['accented (packed 8 bits a unit)', 'ótimo'],
    ['twelve Latin-1 units, the longest packed so', 'comunicações'],
    ['thirteen Latin-1 units (map)', 'comunicaçõesx'],
    ['beyond Latin-1 (packed wide)', 'ŝi'],
    ['emoji (packed wide)', '😂'],
    ['flag, two pairs (packed wide)', '🇧🇷'],
    ['six units, the longest packed wide', 'ŝtatoj'],
    ['seven units beyond Latin-1 (map)', 'ŝtatojx'],
    ['punctuation', '!!'],
    ['one unit', 'a'],
  ])('returns one entry per text: %s', (_name, word) => {
    const { vocab, created } = plain();
    const a = vocab.lookup(`x ${word} y`, 2, 2 + word.length);
    const b = vocab.intern(word);
    const c = vocab.lookup(`${word}`, 0, word.length);
    expect(a.text).toBe(word);
    expect(b).toBe(a);
    expect(c).toBe(a);
    expect(created()).toBe(1);
  });

  it('tells apart texts that differ in length or in one unit', () => {
    const { vocab } = plain();
    const words = [
      'a', 'aa', 'aaa', 'aaaa', 'aaaaa', 'ab', 'ba', 'abcd', 'abce', 'abcdefgh', 'abcdefgi', 'abcdefghi', 'abcdefghj',
      'abcdefghijklmnop', 'abcdefghijklmnoq', 'abcdefghijklmnopq', 'é', 'éé', 'ée', 'eé', 'ab\u00e9', '\u00e9ab', '😀', '😁', '😀😀',
      'ÿ', 'ý', 'àéìòùàéìòùàé', 'àéìòùàéìòùàè', 'àéìòùàéìòùàéì', 'ŝ', 'ŝé', 'éŝ',
    ];
    const entries = words.map((w) => vocab.intern(w));
    expect(new Set(entries).size).toBe(words.length);
    words.forEach((w, i) => expect(vocab.intern(w)).toBe(entries[i]));
  });

  it('keeps every entry through growth', () => {
    const { vocab } = plain();
    const words = Array.from({ length: 5000 }, (_, i) => `w${i.toString(36)}`);
    const entries = words.map((w) => vocab.intern(w));
    expect(vocab.size).toBe(5000);
    words.forEach((w, i) => expect(vocab.intern(w)).toBe(entries[i]));
  });

  it('starts over at its limit, so a stream of new tokens stays bounded', () => {
    const { vocab, created } = plain(100);
    const first = vocab.intern('first');
    for (let i = 0; i < 250; i++) vocab.intern(`t${i}`);
    expect(vocab.size).toBeLessThanOrEqual(100);
    const again = vocab.intern('first');
    expect(again.text).toBe('first');
    expect(again).not.toBe(first);
    expect(created()).toBe(252);
  });

  it('gives the tokenizer the entries of the texts it reads, whatever their case or packing', () => {
    const { vocab } = plain();
    const t = tokenize('Atlético ÓTIMO qué #Ótimo comunicações ŝi Çava', vocab);
    for (let i = 0; i < t.count; i++) expect(t.entry[i]).toBe(vocab.intern(t.text[i] as string));
    expect(t.text.slice(0, t.count)).toEqual(['atlético', 'ótimo', 'qué', '#ótimo', 'comunicações', 'ŝi', 'çava']);
  });

  it('gives the tokenizer shared tokens across posts', () => {
    const { vocab } = plain();
    const a = tokenize('Good news #Launch :)', vocab);
    const b = tokenize('good NEWS #launch :)', vocab);
    expect(a.text).toEqual(['good', 'news', '#launch', ':)']);
    expect(b.text).toEqual(a.text);
    a.entry.forEach((e, i) => expect(b.entry[i]).toBe(e));
  });
});

describe('a vocabulary shared by a stream', () => {
  // Pieces that stress lowercasing, NFKC, surrogates (whole, cut and broken), final sigma and `İ`,
  // next to the tokens they can end up in.
  const PIECES = [
    'a', 'Z', 'é', 'É', 'ß', 'İ', 'Σ', 'ΟΔΟΣ', 'Ｂ', '𝐛', '𐐀', '\ud83c', '\udc00', '\ud801', '😀', '🏽', '🇧🇷', '🄰', '①', 'ﬁ', '…',
    '\u00a0', '\u0301', ' ', '.', ',', ':', '!?', '#', '@', '_', '-', "'", '’', '&lt;3', 'XD', 'T_T', ':D', 'http://', 'WWW.',
    '1,5', 'Sooo', 'NotHappy', 'GOOD',
  ];

  function tokensOf(t: Tokens): unknown {
    return [t.text.slice(0, t.count), [...t.kind.slice(0, t.count)], [...t.flags.slice(0, t.count)], [...t.start.slice(0, t.count)], t.source];
  }

  it('gives every post the tokens a fresh one would, also when it starts over', () => {
    let seed = 7;
    const random = (): number => {
      seed = (Math.imul(seed, 1103515245) + 12345) & 0x7fffffff;
      return seed / 0x7fffffff;
    };
    for (const limit of [50, 1 << 16]) {
      const shared = new Vocabulary((text) => ({ text, keyRow: null, queryOwner: null, queryFiling: null }), limit);
      const buffer = new TokenBuffer();
      for (let n = 0; n < 20_000; n++) {
        let text = '';
        for (let k = 1 + Math.floor(random() * 10); k > 0; k--) text += PIECES[Math.floor(random() * PIECES.length)];
        expect(tokensOf(tokenize(text, shared, buffer)), JSON.stringify(text)).toEqual(tokensOf(tokenize(text)));
      }
    }
  });
});
