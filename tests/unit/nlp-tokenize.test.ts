import { describe, expect, it } from 'vitest';
import { isElongated, TokenFlag, TokenKind, tokenize } from '../../lib/nlp/tokenize';

const KIND_NAME: Record<number, string> = {
  [TokenKind.Word]: 'word',
  [TokenKind.Number]: 'number',
  [TokenKind.Hashtag]: 'hashtag',
  [TokenKind.Mention]: 'mention',
  [TokenKind.Url]: 'url',
  [TokenKind.Emoticon]: 'emoticon',
  [TokenKind.Emoji]: 'emoji',
  [TokenKind.Punct]: 'punct',
};

/** `text:kind` pairs, the easiest form to read in a table. */
function pairs(text: string): string[] {
  const t = tokenize(text);
  return t.text.map((s, i) => `${s}:${KIND_NAME[t.kind[i] as number]}`);
}

function texts(text: string): string[] {
  return tokenize(text).text;
}

describe('tokenize', () => {
  it.each([
    ['hashtags keep their # and are lowercased', 'Go #TeamUSA go', ['go:word', '#teamusa:hashtag', 'go:word']],
    ['hashtags with underscores and accents', '#São_Paulo rocks', ['#são_paulo:hashtag', 'rocks:word']],
    ['an all-digit # is not a hashtag', 'we are #1', ['we:word', 'are:word', '1:number']],
    ['a # inside a word is not a hashtag', 'c#sharp', ['c:word', 'sharp:word']],
    ['mentions keep their @', 'thanks @NASA!', ['thanks:word', '@nasa:mention', '!:punct']],
    ['Bluesky handles keep their dots', 'cc @alice.bsky.social.', ['cc:word', '@alice.bsky.social:mention', '.:punct']],
    ['an e-mail address is not a mention', 'me@x.io', ['me:word', 'x:word', '.:punct', 'io:word']],
    ['URLs are whole tokens without trailing punctuation, case kept', 'see https://t.co/AbC). ok', ['see:word', 'https://t.co/AbC:url', '.:punct', 'ok:word']],
    ['www links', 'at www.example.com/x', ['at:word', 'www.example.com/x:url']],
    ['emoticons, lowercased', 'ok :) :-( :D xD <3 ;)', ['ok:word', ':):emoticon', ':-(:emoticon', ':d:emoticon', 'xd:emoticon', '<3:emoticon', ';):emoticon']],
    ['escaped heart and entities', 'i &lt;3 u &amp; me', ['i:word', '<3:emoticon', 'u:word', 'me:word']],
    ['a colon before a word is no emoticon', 'note:pizza', ['note:word', '::punct', 'pizza:word']],
    ['emoji are tokens, one each, even glued', 'lol😂😂 nice👍', ['lol:word', '😂:emoji', '😂:emoji', 'nice:word', '👍:emoji']],
    ['variation selectors and skin tones are dropped', '❤️ 👍🏽', ['❤:emoji', '👍:emoji']],
    ['flags stay one token', 'vamos 🇧🇷', ['vamos:word', '🇧🇷:emoji']],
    ['accents are kept', 'Ótimo, café e ação', ['ótimo:word', ',:punct', 'café:word', 'e:word', 'ação:word']],
    ['inner apostrophes and hyphens join, curly apostrophes become straight', 'I don’t like well-known stuff', ['i:word', "don't:word", 'like:word', 'well-known:word', 'stuff:word']],
    ['numbers with decimals', 'rated 3.5 of 10', ['rated:word', '3.5:number', 'of:word', '10:number']],
    ['!/? runs and ellipses are punctuation tokens', 'what?! no...', ['what:word', '?!:punct', 'no:word', '...:punct']],
  ])('%s', (_name, input, expected) => {
    expect(pairs(input)).toEqual(expected);
  });

  it('applies NFKC: fullwidth and mathematical letters become plain ones', () => {
    expect(texts('ＧＯＯＤ 𝐛𝐨𝐥𝐝 ﬁne')).toEqual(['good', 'bold', 'fine']);
  });

  it('normalizes decomposed accents and compatibility emoji forms, and leaves emoji as they are', () => {
    expect(texts('cafe\u0301')).toEqual(['café']);
    expect(texts('ĳs')).toEqual(['ijs']);
    expect(texts('👍🏽 ❤️ “ok”')).toEqual(['👍', '❤', 'ok']);
  });

  it('keeps non-Latin scripts as words', () => {
    expect(texts('Привет мир こんにちは')).toEqual(['привет', 'мир', 'こんにちは']);
  });

  it('flags capitals', () => {
    const t = tokenize('This is SOOO good, OK I');
    expect(t.text).toEqual(['this', 'is', 'sooo', 'good', ',', 'ok', 'i']);
    expect(t.flags[0]).toBe(TokenFlag.Title);
    expect(t.flags[2]).toBe(TokenFlag.Caps);
    expect(t.flags[3]).toBe(0);
    expect(t.flags[5]).toBe(TokenFlag.Caps);
    // One capital letter is not shouting.
    expect(t.flags[6]).toBe(0);
  });

  it.each([
    ['sooo', true], ['baaad', true], ['ótimooo', true], ['ььь', true], ['so', false], ['soo', false],
    ['1000', false], ['zz9', false], ["a'aa", false], ['covid-19', false], ['', false],
  ])('tells stretched words (%s: %s)', (word, stretched) => {
    expect(isElongated(word)).toBe(stretched);
  });

  it('counts words and capitalized words and notes links, for the scorers', () => {
    const t = tokenize('This is SO GOOD 2 see https://x.io');
    expect(t.wordCount).toBe(5);
    expect(t.capsCount).toBe(2);
    expect(t.hasUrl).toBe(true);
    expect(tokenize('no link').hasUrl).toBe(false);
  });

  it('records offsets into the normalized source with its case', () => {
    const t = tokenize('Hi #NotHappy');
    const start = t.start[1] as number;
    expect(t.source.slice(start, start + t.text[1]!.length)).toBe('#NotHappy');
  });

  it('notes where the capitals of hashtags and mentions are', () => {
    const long = `#${'a'.repeat(31)}B`;
    const t = tokenize(`#NotHappy @AnaB #x #ÀB ${long} #${'a'.repeat(40)} #\u{10400}x`);
    expect(t.text.slice(0, t.count)).toEqual(['#nothappy', '@anab', '#x', '#àb', long.toLowerCase(), `#${'a'.repeat(40)}`, '#\u{10428}x']);
    // Bit k for unit k after the sigil; -1 when that cannot tell spellings apart.
    expect([...t.capitals.slice(0, t.count)]).toEqual([0b1001, 0b1001, 0, 0b11, -1, 0, -1]);
  });

  it('handles empty and whitespace-only text', () => {
    expect(texts('')).toEqual([]);
    expect(texts(' \n\t ')).toEqual([]);
  });
});

describe('tokenize: lower case taken unit by unit, as lowercasing the whole text would give it', () => {
  it.each([
    ['Read HTTPS://Example.COM/Path. now', ['read', 'HTTPS://Example.COM/Path', '.', 'now'], [TokenFlag.Title, 0, 0, 0]],
    ['WWW.Site.org rocks', ['WWW.Site.org', 'rocks'], [0, 0]],
    ['so fun :D XD T_T &LT;3 &AMP; ok', ['so', 'fun', ':d', 'xd', 't_t', '<3', 'ok'], [0, 0, 0, 0, 0, 0, 0]],
    // `İ` lowercases to two units: such a text is lowercased whole, its case flags lost.
    ['İstanbul GOOD', ['i̇stanbul', 'good'], [0, 0]],
    // Final sigma follows the whole text: `:` is case-ignorable, so `ΟΔΟΣ:a` is no word end.
    ['ΟΔΟΣ. ΟΔΟΣ:a ΟΔΟΣ', ['οδος', '.', 'οδοσ', ':', 'a', 'οδος'], [TokenFlag.Caps, 0, TokenFlag.Caps, 0, 0, TokenFlag.Caps]],
    // A capital beyond the BMP changes its low unit only, as a whole-text lowercase compares them.
    ['D𐐀 word', ['d𐐨', 'word'], [0, 0]],
    ['Ↄ sign', ['ↄ', 'sign'], [0, 0]],
    ['DON’T Stop', ["don't", 'stop'], [TokenFlag.Caps, TokenFlag.Title]],
    ['Olá AMIGO Ótimo', ['olá', 'amigo', 'ótimo'], [TokenFlag.Title, TokenFlag.Caps, TokenFlag.Title]],
  ])('%s', (text, tokens, flags) => {
    const t = tokenize(text);
    expect(t.text).toEqual(tokens);
    expect([...t.flags]).toEqual(flags);
  });
});

describe('tokenize: NFKC wherever the unit that needs it sits', () => {
  it.each([
    ['#ﬁne day…', ['#fine', 'day', '...'], '#fine day...'],
    ['go to https://ｅx.com now', ['go', 'to', 'https://ex.com', 'now'], 'go to https://ex.com now'],
    ['cafe\u0301 ok', ['café', 'ok'], 'café ok'],
    ['so ①st 🄰 fun', ['so', '1st', 'a', 'fun'], 'so 1st A fun'],
    ['nice\u00a0one', ['nice', 'one'], 'nice one'],
    // A lone high surrogate of the emoji planes takes the next unit along; that unit is still normalized.
    ['\ud83cª ok', ['\ud83ca', 'ok'], '\ud83ca ok'],
  ])('%s', (text, tokens, source) => {
    const t = tokenize(text);
    expect(t.text).toEqual(tokens);
    expect(t.source).toBe(source);
  });

  it('reads every BMP unit, between letters, after a letter or a mark, as its NFKC form would be read', () => {
    // The tokenizer normalizes only texts holding a unit NFKC may change or combine: any unit it
    // passes over must tokenize as the normalized text does, wherever it sits.
    const show = (t: ReturnType<typeof tokenize>) => JSON.stringify([t.text, [...t.kind], t.source]);
    const wrong: string[] = [];
    for (let c = 0x80; c < 0x10000; c++) {
      if (c >= 0xd800 && c < 0xe000) continue;
      const unit = String.fromCharCode(c);
      for (const text of [`a${unit}b`, `e${unit}\u0301`, `\u1100${unit}`, `\u304b${unit}\u3099`, `${unit}\u0334 x`]) {
        if (show(tokenize(text)) !== show(tokenize(text.normalize('NFKC')))) wrong.push(`U+${c.toString(16)} in ${JSON.stringify(text)}`);
      }
    }
    expect(wrong.slice(0, 10)).toEqual([]);
  });
});
