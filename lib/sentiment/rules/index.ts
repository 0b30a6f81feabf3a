/**
 * Compiles each language's lexicon and rule lists into one Map from word to {@link WordEntry}, so
 * the scorer does a single lookup per token whatever the word plays (sentiment word, negator,
 * booster, contrast, hedge, subject).
 */
import type { ScoredLang } from '../../nlp/analysis';
import { AFINN, EMOJI_SCORES } from '../lexicon';
import { EMOTICON_SCORES, EN_ADDITIONS, EN_BOOSTERS, EN_CONTRAST, EN_HEDGES, EN_NEG_RAISERS, EN_NEGATED_IDIOMS, EN_NEGATORS, EN_NEUTRAL_NEGATIONS, EN_QUIET_NEGATORS, EN_OVERRIDES, EN_PHRASES, EN_PROFANE_INTENSIFIERS, EN_SUBJECTS, EN_VERB_ONLY } from './en';
import { ES_ADDITIONS, ES_BOOSTERS, ES_CONTRAST, ES_NEG_RAISERS, ES_NEGATORS, ES_NEUTRAL_NEGATIONS, ES_QUIET_NEGATORS } from './es';
import { PT_ADDITIONS, PT_BOOSTERS, PT_CONTRAST, PT_NEG_RAISERS, PT_NEGATORS, PT_NEUTRAL_NEGATIONS, PT_QUIET_NEGATORS } from './pt';

/** What one word does in one language. A class so every entry has the same shape (one hidden class). */
export class WordEntry {
  /** AFINN-scale valence; 0 for words with a role only. */
  valence = 0;
  /** Flips and damps sentiment words in the next three words of its clause. */
  negator = false;
  /** +1 intensifier, -1 dampener (scaled by the scorer), 0 none. */
  boost = 0;
  /** Opens a clause that outweighs the one before (`but`). */
  contrast = false;
  /** `kind`/`sort`: with a following `of`, a dampener. */
  hedge = false;
  /** Scores only after a subject or auxiliary (`like`). */
  verbOnly = false;
  /** A subject or auxiliary that licenses a verb-only word. */
  subject = false;
  /** Valence when negated, for words neutral alone (`can't wait` +2, `doesn't work` -2); 0 none. */
  negated = 0;
  /** A negation-raising verb (`don't think`): the negation's scope restarts after it. */
  negRaiser = false;
  /** A negator that never counts as a bare negation (`without`). */
  quietNegator = false;
  /** A comparative (`better`, `happier`): after a negated `be` it is praise (`couldn't be better`). */
  comparative = false;
  /** Its negation is a neutral idiom (`don't know`, `no one`): the negation is used up. */
  absorbsNegation = false;
  /** Profanity as an intensifier: no valence of its own when a word follows. */
  intensifierOnly = false;
  /** Two-word phrases ending in this word: first word -> the phrase's valence (`bad luck` -2, `looking forward` +2). */
  phrases: Map<string, number> | null = null;
}

export interface LanguageTable {
  lang: ScoredLang;
  words: ReadonlyMap<string, WordEntry>;
  /** Valence given to laughter (`hahaha`, `jajaja`, `kkkk`, `rsrs`). */
  laughter: number;
}

function entry(map: Map<string, WordEntry>, word: string): WordEntry {
  let e = map.get(word);
  if (!e) {
    e = new WordEntry();
    map.set(word, e);
  }
  return e;
}

const COMBINING = /[\u0300-\u036f]/g;

/** `péssimo` -> `pessimo`, `decepção` -> `decepcao`: how many posts spell them. */
export function stripAccents(word: string): string {
  return word.normalize('NFD').replace(COMBINING, '');
}

/**
 * Inflected forms of a Portuguese or Spanish lexicon word that natural's AFINN translations leave
 * out: feminine and plural of adjectives (`lindo` -> `linda`, `lindos`, `lindas`; `feliz` ->
 * `felices`/`felizes`; `legal` -> `legais`) and the absolute superlative (`lindíssimo`, `buenísimo`),
 * one step stronger.
 */
export function romanceForms(word: string, lang: 'pt' | 'es'): Array<[string, number]> {
  const out: Array<[string, number]> = [];
  const last = word[word.length - 1];
  const stem = word.slice(0, -1);
  const sup = lang === 'pt' ? 'íssim' : 'ísim';
  if (last === 'o') {
    out.push([`${stem}a`, 0], [`${word}s`, 0], [`${stem}as`, 0], [`${stem}${sup}o`, 1], [`${stem}${sup}a`, 1]);
  } else if (last === 'a' || last === 'e') {
    out.push([`${word}s`, 0]);
  } else if (last === 'z') {
    out.push([lang === 'es' ? `${stem}ces` : `${word}es`, 0]);
  } else if (last === 'l' && lang === 'pt') {
    out.push([`${stem}is`, 0]);
  } else if (last === 'm' && lang === 'pt') {
    out.push([`${stem}ns`, 0]);
  } else if (last === 'l' || last === 'r' || last === 'n') {
    out.push([`${word}es`, 0]);
  }
  return out;
}

/** A plain lowercase word not already inflected (`-s`, `-ed`, `-ing`, `-ly`, `-er`): the only ones worth deriving from. */
function isEnglishBase(word: string): boolean {
  return word.length >= 3 && /^[a-z]+$/.test(word) && !/(?:s|ed|ing|ly|er)$/.test(word);
}

/**
 * Regular inflections of an English lexicon word that AFINN-165 does not list (`satisfy` ->
 * `satisfying`; `terrible` -> `terribly`; `worry` -> `worrying`): -s, -ed, -ing, -ly with the usual
 * spelling changes. Words under three letters are left alone.
 */
export function englishForms(word: string): string[] {
  if (!isEnglishBase(word)) return [];
  const last = word[word.length - 1];
  const stem = word.slice(0, -1);
  if (last === 'e') return [`${word}s`, `${word}d`, `${stem}ing`, word.endsWith('le') ? `${stem}y` : `${word}ly`];
  if (last === 'y' && !/[aeiou]y$/.test(word)) return [`${stem}ies`, `${stem}ied`, `${word}ing`, `${stem}ily`];
  return [`${word}s`, `${word}ed`, `${word}ing`, `${word}ly`];
}

function strengthen(v: number, step: number): number {
  if (step === 0) return v;
  const m = Math.min(5, Math.abs(v) + step);
  return v < 0 ? -m : m;
}

interface RuleLists {
  additions: Record<string, number>;
  negators: string[];
  boosters: Record<string, number>;
  contrast: string[];
  hedges?: string[];
  verbOnly?: string[];
  subjects?: string[];
  negatedIdioms?: Record<string, number>;
  overrides?: Record<string, number>;
  phrases?: Record<string, number>;
  profaneIntensifiers?: string[];
  neutralNegations?: string[];
  negRaisers?: string[];
  quietNegators?: string[];
}

function compile(lang: ScoredLang, rules: RuleLists): LanguageTable {
  const words = new Map<string, WordEntry>();
  const base = new Map<string, number>();
  for (const [w, v] of AFINN[lang]) if (!w.includes(' ')) base.set(w, v);
  for (const [w, v] of Object.entries(rules.additions)) if (!base.has(w)) base.set(w, v);
  for (const [w, v] of Object.entries(rules.overrides ?? {})) base.set(w, v);
  for (const [w, v] of base) entry(words, w).valence = v;
  if (lang === 'en') {
    // Derived forms never override a listed word, nor create a role word (`hardly` is a dampener).
    for (const [w, v] of base) {
      for (const form of englishForms(w)) if (!words.has(form) && !(form in rules.boosters)) entry(words, form).valence = v;
    }
    // Comparatives: `nicer`, `happier`, `greater` take their base's valence (short adjectives only).
    for (const [w, v] of base) {
      if (!isEnglishBase(w) || w.length > 7) continue;
      const comp = w.endsWith('e') ? `${w}r` : w.endsWith('y') ? `${w.slice(0, -1)}ier` : `${w}er`;
      if (words.has(comp)) continue;
      const e = entry(words, comp);
      e.valence = v;
      e.comparative = true;
    }
    for (const w of ['better', 'worse', 'best', 'worst']) entry(words, w).comparative = true;
    // `un-` negates a positive adjective or participle: `unimpressed`, `unacceptable`, `unclear`.
    for (const [w, v] of base) {
      const neg = `un${w}`;
      if (v > 0 && w.length > 3 && !/(?:s|ing|ly)$/.test(w) && !words.has(neg)) entry(words, neg).valence = Math.round(-v * 0.74 * 100) / 100;
    }
  } else {
    // Derived forms never override a listed word.
    for (const [w, v] of base) {
      for (const [form, step] of romanceForms(w, lang)) if (!words.has(form)) entry(words, form).valence = strengthen(v, step);
    }
  }
  for (const w of rules.negators) {
    const e = entry(words, w);
    e.negator = true;
    // natural's AFINN gives `não`/`no` -1 and AFINN `no` -1: as negators they carry no sentiment of their own.
    e.valence = 0;
  }
  for (const [w, b] of Object.entries(rules.boosters)) entry(words, w).boost = b;
  for (const w of rules.contrast) {
    const e = entry(words, w);
    e.contrast = true;
    e.valence = 0;
  }
  for (const w of rules.hedges ?? []) entry(words, w).hedge = true;
  // The scorer must see `of` to turn `kind of` into a dampener.
  if (rules.hedges) entry(words, 'of');
  for (const w of rules.verbOnly ?? []) entry(words, w).verbOnly = true;
  for (const w of rules.subjects ?? []) entry(words, w).subject = true;
  for (const [w, v] of Object.entries(rules.negatedIdioms ?? {})) entry(words, w).negated = v;
  for (const w of rules.profaneIntensifiers ?? []) entry(words, w).intensifierOnly = true;
  for (const w of rules.neutralNegations ?? []) entry(words, w).absorbsNegation = true;
  for (const w of rules.negRaisers ?? []) entry(words, w).negRaiser = true;
  for (const w of rules.quietNegators ?? []) entry(words, w).quietNegator = true;
  // Two-word phrases: the lexicon's own (`bad luck`, `fed up`, `por favor`) and the language's
  // idioms. Those led by a negator or hedge are left to the negation and hedge rules.
  const phrases: Array<[string, number]> = [...AFINN[lang]].filter(([w]) => w.split(' ').length === 2);
  phrases.push(...Object.entries(rules.phrases ?? {}));
  for (const [phrase, v] of phrases) {
    const [first, second] = phrase.split(' ') as [string, string];
    if (rules.negators.includes(first) || (rules.hedges ?? []).includes(first)) continue;
    const e = entry(words, second);
    (e.phrases ??= new Map()).set(first, v);
  }
  if (lang !== 'en') {
    for (const [w, e] of [...words]) {
      // Not for idiom words: `sé` without its accent is the pronoun `se`.
      if (e.absorbsNegation) continue;
      const plain = stripAccents(w);
      if (plain !== w && !words.has(plain)) words.set(plain, e);
    }
  }
  return { lang, words, laughter: 2 };
}

/** Compiled tables for the three scored languages. */
export const TABLES: Readonly<Record<ScoredLang, LanguageTable>> = {
  en: compile('en', {
    additions: EN_ADDITIONS,
    negators: EN_NEGATORS,
    boosters: EN_BOOSTERS,
    contrast: EN_CONTRAST,
    hedges: EN_HEDGES,
    verbOnly: EN_VERB_ONLY,
    subjects: EN_SUBJECTS,
    negatedIdioms: EN_NEGATED_IDIOMS,
    overrides: EN_OVERRIDES,
    phrases: EN_PHRASES,
    profaneIntensifiers: EN_PROFANE_INTENSIFIERS,
    neutralNegations: EN_NEUTRAL_NEGATIONS,
    negRaisers: EN_NEG_RAISERS,
    quietNegators: EN_QUIET_NEGATORS,
  }),
  pt: compile('pt', {
    additions: PT_ADDITIONS,
    negators: PT_NEGATORS,
    boosters: PT_BOOSTERS,
    contrast: PT_CONTRAST,
    neutralNegations: PT_NEUTRAL_NEGATIONS,
    negRaisers: PT_NEG_RAISERS,
    quietNegators: PT_QUIET_NEGATORS,
  }),
  es: compile('es', {
    additions: ES_ADDITIONS,
    negators: ES_NEGATORS,
    boosters: ES_BOOSTERS,
    contrast: ES_CONTRAST,
    neutralNegations: ES_NEUTRAL_NEGATIONS,
    negRaisers: ES_NEG_RAISERS,
    quietNegators: ES_QUIET_NEGATORS,
  }),
};

/** Emoji (the sentiment package's Emoji Sentiment Ranking scores) and ASCII emoticons: the same in every language. */
export const PICTOGRAPH_SCORES: ReadonlyMap<string, number> = (() => {
  const m = new Map<string, number>(EMOJI_SCORES);
  for (const [k, v] of Object.entries(EMOTICON_SCORES)) m.set(k, v);
  return m;
})();
