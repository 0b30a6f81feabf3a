import { describe, expect, it } from 'vitest';
import type { Analysis } from '../../lib/nlp/analysis';
import type { Post } from '../../lib/post';
import { DEFAULT_ANALYZER, createAnalyzer } from '../../lib/sentiment/analyzers';
import { isLaughter } from '../../lib/sentiment/moodstream';
import { englishForms, romanceForms, stripAccents } from '../../lib/sentiment/rules';

const moodstream = createAnalyzer('moodstream');

function post(text: string, lang: string | null = 'en'): Post {
  return { id: 'p', text, createdAt: 0, author: null, lang, source: 'test' };
}
function run(text: string, lang: string | null = 'en'): Analysis {
  return moodstream.analyze(post(text, lang), { explain: true });
}
function score(text: string, lang: string | null = 'en'): number {
  return run(text, lang).score;
}
function label(text: string, lang: string | null = 'en'): string {
  return run(text, lang).label;
}

describe('moodstream is the default', () => {
  it('is named moodstream and is DEFAULT_ANALYZER', () => {
    expect(DEFAULT_ANALYZER).toBe('moodstream');
    expect(moodstream.name).toBe('moodstream');
  });
});

describe('English rules', () => {
  it.each([
    ['not good', 'negative'],
    ["isn't bad", 'positive'],
    ['not bad at all', 'positive'],
    ['no problems at all', 'positive'],
    ['never disappointed', 'positive'],
    ['dont like it', 'negative'],
  ])('negation: %s -> %s', (text, expected) => {
    expect(label(text)).toBe(expected);
  });

  it('negation reaches three words and stops at punctuation', () => {
    expect(score('not a very good day')).toBeLessThan(0);
    expect(score('not today. good day')).toBeGreaterThan(0);
  });

  it('a negation that negates nothing leans negative; idioms have their own sense', () => {
    expect(label('it would not play the disc')).toBe('negative');
    expect(label("can't wait")).toBe('positive');
    expect(label('it does not work')).toBe('negative');
  });

  it('negation raising: "don\'t think" negates the clause after the verb', () => {
    expect(label("I don't think the camera is good")).toBe('negative');
    expect(label("I don't think you can go wrong")).toBe('positive');
  });

  it('a negated comparative after be is praise', () => {
    expect(label("couldn't be happier")).toBe('positive');
    expect(label("it couldn't be better")).toBe('positive');
    expect(label('it is not better')).toBe('negative');
  });

  it('without negates but is no complaint by itself', () => {
    expect(label('without any tweaking')).toBe('neutral');
    expect(label('without problems')).toBe('positive');
  });

  it('negations that are neutral idioms are not bare negations', () => {
    expect(label("I don't know")).toBe('neutral');
    expect(label('not sure yet')).toBe('neutral');
    expect(label('no one came')).toBe('neutral');
  });

  it('two-word phrases replace their words: AFINN-165 phrases and common idioms', () => {
    expect(run('bad luck today').contributions).toEqual([{ token: 'bad luck', weight: -2 }]);
    expect(label('so fed up')).toBe('negative');
    expect(label('looking forward to it')).toBe('positive');
    expect(label('that was the shit')).toBe('positive');
    expect(label('thumbs down')).toBe('negative');
  });

  it('profanity before a word only intensifies', () => {
    expect(label('front fucking row tickets')).toBe('neutral');
    expect(score('fucking awesome')).toBeGreaterThan(score('awesome'));
  });

  it('an evaluative word decides the pair when it modifies a word of the other polarity', () => {
    expect(label('poor quality')).toBe('negative');
    expect(run('poor quality').contributions).toEqual([{ token: 'poor', weight: -2 }]);
  });

  it('un- negates a positive lexicon word', () => {
    expect(label('I was unimpressed')).toBe('negative');
  });

  it('intensifiers raise and dampeners lower the magnitude', () => {
    expect(score('very good')).toBeGreaterThan(score('good'));
    expect(score('extremely bad')).toBeLessThan(score('bad'));
    expect(score('slightly bad')).toBeGreaterThan(score('bad'));
    expect(score('kind of bad')).toBeGreaterThan(score('bad'));
    expect(score('kind of bad')).toBeLessThan(0);
  });

  it('a booster that is also a lexicon word boosts before a sentiment word and scores alone', () => {
    expect(score('pretty good')).toBeGreaterThan(score('good'));
    expect(run('pretty good').contributions?.map((c) => c.token)).toEqual(['good']);
    expect(score('fucking amazing')).toBeGreaterThan(0);
  });

  it('contrast: the clause after but outweighs the one before', () => {
    expect(label('good but expensive and slow')).toBe('negative');
    expect(label('bad service but great food')).toBe('positive');
    const c = run('good but bad').contributions ?? [];
    expect(c).toEqual([
      { token: 'good', weight: 1.5 },
      { token: 'bad', weight: -4.5 },
    ]);
  });

  it('ALL-CAPS words are emphasized, unless the whole post is in capitals', () => {
    expect(score('this is GOOD')).toBeGreaterThan(score('this is good'));
    expect(score('THIS IS GOOD')).toBe(score('this is good'));
  });

  it('exclamation marks add emphasis, up to four', () => {
    expect(score('good!!')).toBeGreaterThan(score('good'));
    expect(score('good!!!!!!!')).toBe(score('good!!!!'));
    expect(score('the bus!!!')).toBe(0);
  });

  it('elongated words match their base form and are emphasized', () => {
    expect(label('sooo goood')).toBe('positive');
    expect(score('goood')).toBeGreaterThan(score('good'));
    expect(label('baaad')).toBe('negative');
  });

  it('emoji and emoticons score; negation does not flip them', () => {
    expect(label('😍')).toBe('positive');
    expect(label('😡')).toBe('negative');
    expect(label('meeting at 5 :)')).toBe('positive');
    expect(label('meeting at 5 :(')).toBe('negative');
    expect(run('not :)').contributions).toContainEqual({ token: ':)', weight: 2 });
  });

  it('slang and abbreviations', () => {
    expect(label('smh')).toBe('negative');
    expect(label('meh')).toBe('negative');
    expect(label('ugh')).toBe('negative');
    expect(label('yay')).toBe('positive');
    expect(label('haha')).toBe('positive');
    expect(label('hahahahaha')).toBe('positive');
  });

  it('like scores as a verb only', () => {
    expect(label('I like it')).toBe('positive');
    expect(label('looks like rain')).toBe('neutral');
  });

  it('sentiment words inside names do not score', () => {
    expect(label('tickets for the Miss Universe show')).toBe('neutral');
    expect(label("ratings: 'Big Brother' up")).toBe('neutral');
    expect(label('Good morning')).toBe('positive');
    expect(label('It was late. Good Friday plans')).toBe('positive');
  });

  it('a post with a link weighs half, explanations included', () => {
    const linked = run('great news https://example.com/x');
    expect(linked.contributions).toEqual([{ token: 'great', weight: 1.5 }]);
    expect(linked.score).toBeLessThan(score('great news'));
  });

  it('questions weigh half', () => {
    expect(score('is it good?')).toBeLessThan(score('it is good.'));
  });

  it('CamelCase and lowercase-joined hashtags are split and scored as a clause', () => {
    expect(label('#NotHappy')).toBe('negative');
    expect(label('#nothappy')).toBe('negative');
    expect(label('#SoHappy')).toBe('positive');
    expect(run('#NotHappy').contributions?.[0]?.token).toBe('#nothappy');
  });

  it('scores each spelling of a tag by its own case, however many spellings one analyzer meets', () => {
    const spellings = ['#HopeLess', '#hopeless', '#HOPELESS', '#hopeLess', '#HopeLess', '#HOPELESS', '#hopeless', '#hoPeless'];
    const shared = createAnalyzer('moodstream');
    for (const tag of spellings) {
      expect(shared.analyze(post(`so ${tag}`)).score).toBe(createAnalyzer('moodstream').analyze(post(`so ${tag}`)).score);
      expect(shared.analyze(post(`tão ${tag}`, 'pt')).score).toBe(createAnalyzer('moodstream').analyze(post(`tão ${tag}`, 'pt')).score);
    }
    // Split at the capital, `#HopeLess` reads as `hope less`; whole, `#hopeless` is one negative word.
    expect(shared.analyze(post('#HopeLess')).label).toBe('positive');
    expect(shared.analyze(post('#hopeless')).label).toBe('negative');
  });

  it('hashtags made of names are not scored for the words they contain', () => {
    expect(label('watching #DomingoLegal')).toBe('neutral');
  });

  it('inflected forms of lexicon words count', () => {
    expect(englishForms('horrible')).toContain('horribly');
    expect(englishForms('worry')).toContain('worrying');
    expect(englishForms('trust')).toContain('trusting');
    // AFINN-165 lists `horrible` and `trust`, not `horribly` or `trusting`.
    expect(label('it went horribly')).toBe('negative');
    expect(label('so trusting')).toBe('positive');
  });
});

describe('Portuguese rules', () => {
  it.each([
    ['o jogo foi ótimo', 'positive'],
    ['que péssimo atendimento', 'negative'],
    ['odeio segunda-feira', 'negative'],
    ['adorei o show', 'positive'],
    ['não gostei', 'negative'],
    ['nada bom', 'negative'],
    ['ela é linda', 'positive'],
    ['pessimo', 'negative'],
    ['kkkkkk', 'positive'],
  ])('%s -> %s', (text, expected) => {
    expect(label(text, 'pt-BR')).toBe(expected);
  });

  it('negation raising and quiet negators', () => {
    expect(label('não acho que o filme seja bom', 'pt')).toBe('negative');
    expect(label('sem problemas', 'pt')).toBe('positive');
  });

  it('não sei is a neutral idiom, not a bare negation', () => {
    expect(label('não sei', 'pt')).toBe('neutral');
    expect(label('não funcionou', 'pt')).toBe('negative');
  });

  it('intensifiers and contrast', () => {
    expect(score('muito bom', 'pt')).toBeGreaterThan(score('bom', 'pt'));
    expect(label('bom mas caro e ruim', 'pt')).toBe('negative');
  });

  it('derives feminine, plural, superlative and accent-less forms', () => {
    expect(romanceForms('lindo', 'pt').map(([w]) => w)).toEqual(expect.arrayContaining(['linda', 'lindos', 'lindas', 'lindíssimo']));
    expect(romanceForms('legal', 'pt').map(([w]) => w)).toContain('legais');
    expect(stripAccents('decepção')).toBe('decepcao');
  });
});

describe('Spanish rules', () => {
  it.each([
    ['el partido fue genial', 'positive'],
    ['me encanta', 'positive'],
    ['no me gusta', 'negative'],
    ['qué asco', 'negative'],
    ['muy buena película', 'positive'],
    ['estoy triste', 'negative'],
    ['buenísimo', 'positive'],
    ['jajajaja', 'positive'],
  ])('%s -> %s', (text, expected) => {
    expect(label(text, 'es')).toBe(expected);
  });

  it('negation, intensifiers and contrast', () => {
    expect(score('no es bueno', 'es')).toBeLessThan(0);
    expect(label('no sé', 'es')).toBe('neutral');
    expect(label('no creo que la película sea buena', 'es')).toBe('negative');
    expect(label('sin problemas', 'es')).toBe('positive');
    expect(label('no se puede', 'es')).toBe('negative');
    expect(score('muy bueno', 'es')).toBeGreaterThan(score('bueno', 'es'));
    expect(label('bueno pero caro y malo', 'es')).toBe('negative');
    expect(romanceForms('feliz', 'es').map(([w]) => w)).toContain('felices');
  });
});

describe('language', () => {
  it.each([
    ['I love this so much', 'en'],
    ['Eu não gosto disso, que saco', 'pt'],
    ['No me gusta nada el partido', 'es'],
    ['good morning!', 'en'],
    ['i love lebron.', 'en'],
    ['o jogo foi ótimo', 'pt'],
    ['EU TÔ CHORANDO', 'pt'],
    ['la casa de mi madre', 'es'],
    ['😂😂', 'en'],
  ])('guesses %s as %s when the post has no tag', (text, lang) => {
    expect(run(text, null).lang).toBe(lang);
  });

  it.each([["C'est la vie, je suis très content"], ['Ich bin so müde heute'], ['Привет мир'], ['Dit is een mooie dag']])('leaves %s unscored', (text) => {
    const a = run(text, null);
    expect(a.label).toBe('unscored');
    expect(a.lang).toBeNull();
  });

  it('a tag other than en/pt/es is unscored even for English words', () => {
    expect(label('good great love', 'fr')).toBe('unscored');
  });

  it('an und tag is guessed', () => {
    expect(run('muito bom', 'und').lang).toBe('pt');
  });
});

describe('explanations', () => {
  it('list the tokens that moved the score, weights after negation and emphasis, adding up to the sum', () => {
    const a = run('not good, but I LOVE the camera!!');
    const tokens = a.contributions?.map((c) => c.token);
    expect(tokens).toEqual(['good', 'love', '!']);
    const weights = a.contributions?.map((c) => c.weight) ?? [];
    expect(weights[0]).toBeLessThan(0);
    expect(weights[1]).toBeGreaterThan(3);
    const sum = weights.reduce((x, y) => x + y, 0);
    expect(a.score).toBeCloseTo(sum / Math.sqrt(sum * sum + 15), 10);
  });

  it.each([
    ['not good, but I LOVE the camera!!', 'en'],
    ['bad luck today but looking forward to tomorrow?', 'en'],
    ["I don't think it's good... couldn't be happier though! https://x.io", 'en'],
    ['kind of bad #NotHappy 😡 :( sooo sad', 'en'],
    ['poor quality, do not buy', 'en'],
    ['no sé, pero no me gusta nada 😂 jajaja', 'es'],
    ['não gostei mas o show foi ótimo kkkk', 'pt'],
  ])('weights add up to the score for %s', (text, lang) => {
    const a = run(text, lang);
    const sum = (a.contributions ?? []).reduce((x, c) => x + c.weight, 0);
    expect(a.score).toBeCloseTo(sum / Math.sqrt(sum * sum + 15), 10);
  });

  it('are left out unless asked', () => {
    expect(moodstream.analyze(post('good')).contributions).toBeUndefined();
  });

  it('scores stay in [-1, 1]', () => {
    for (const t of ['best best best best best amazing!!!!', 'worst worst awful horrible terrible!!!']) {
      expect(Math.abs(score(t))).toBeLessThanOrEqual(1);
    }
  });
});

describe('laughter', () => {
  it.each([['haha'], ['hahaha'], ['jajaja'], ['jejeje'], ['kkkk'], ['rsrs'], ['ahahah']])('%s is laughter', (w) => {
    expect(isLaughter(w)).toBe(true);
  });
  it.each([['hash'], ['jaja1'], ['kk'], ['hello'], ['ha']])('%s is not', (w) => {
    expect(isLaughter(w)).toBe(false);
  });
});
