/**
 * A fast guess among the scored languages for posts that come without a language tag.
 *
 * Each word votes for the languages whose stopword list holds it (natural's lists for en, pt, es,
 * with a few very frequent pt/es words they lack, and, as competitors, fr, it, nl, id, sv, no, pl,
 * plus a short German list natural lacks), a word in k lists giving 1/k to each. Letters only
 * Portuguese or Spanish use (`ã`, `õ`, `ç`, `â`, `ê`, `ô`; `ñ`) vote too, and words in a non-Latin script vote for "other". The best language wins when it is
 * en/pt/es and beats the runner-up; otherwise the post is unscored. With no vote at all, a post
 * in plain ASCII (`good morning!`) or with no words (emoji only) counts as English.
 */
import type { ScoredLang } from './analysis';
import { TokenKind, type Tokens } from './tokenize';
import type { Interned } from './vocabulary';
import { STOPWORDS } from './stopwords';
// Submodule files, not natural's index (see natural-modules.d.ts).
// eslint-disable-next-line no-restricted-imports
import french from 'natural/lib/natural/util/stopwords_fr.js';
// eslint-disable-next-line no-restricted-imports
import italian from 'natural/lib/natural/util/stopwords_it.js';
// eslint-disable-next-line no-restricted-imports
import dutch from 'natural/lib/natural/util/stopwords_nl.js';
// eslint-disable-next-line no-restricted-imports
import indonesian from 'natural/lib/natural/util/stopwords_id.js';
// eslint-disable-next-line no-restricted-imports
import swedish from 'natural/lib/natural/util/stopwords_sv.js';
// eslint-disable-next-line no-restricted-imports
import norwegian from 'natural/lib/natural/util/stopwords_no.js';
// eslint-disable-next-line no-restricted-imports
import polish from 'natural/lib/natural/util/stopwords_pl.js';

/**
 * Very frequent words natural's short lists lack (its English list has no `just` or `got`, its
 * Spanish list no `es`, `yo`, `muy`, its Portuguese list no `eu`, `tá`, `gente`), so that short
 * posts still get a vote.
 */
const EN_MARKERS = ['just', 'get', 'got', 'go', 'going', 'gonna', 'today', 'now', 'new', 'what', 'how', 'my', 'your', 'you', "i'm", 'im', "it's", "don't", 'dont', 'can', 'will', 'lol', 'one', 'out', 'up', 'day', 'time', 'back', 'know', 'see', 'want', 'need', 'thanks', 'please', 'hello', 'work', 'good', 'great'];
const PT_MARKERS = ['eu', 'tô', 'to', 'tá', 'é', 'foi', 'tem', 'isso', 'esse', 'essa', 'hoje', 'gente', 'agora', 'tudo', 'vai', 'vou', 'muito', 'bem', 'sim', 'ainda', 'aqui', 'ele', 'ela', 'já', 'ja', 'mas', 'mais', 'também', 'obrigado', 'obrigada', 'você', 'vc', 'pra', 'não', 'nao', 'fazer', 'ser', 'ter', 'amo', 'ver'];
const ES_MARKERS = ['yo', 'es', 'está', 'muy', 'hoy', 'ahora', 'todo', 'bien', 'sí', 'aquí', 'esto', 'esta', 'eso', 'ese', 'fue', 'tiene', 'hay', 'voy', 'va', 'pero', 'también', 'gracias', 'qué', 'porque', 'cuando', 'donde', 'tengo', 'hacer', 'ser', 'tener', 'ver', 'amo'];

/** German function words (natural has no German list). */
const GERMAN = ['der', 'die', 'das', 'und', 'ist', 'nicht', 'ich', 'du', 'wir', 'ihr', 'sie', 'ein', 'eine', 'mit', 'auf', 'für', 'von', 'dem', 'den', 'auch', 'sich', 'noch', 'wie', 'aber', 'bin', 'sind', 'war', 'hat', 'haben', 'wird', 'zum', 'zur', 'nur', 'doch', 'schon', 'mir', 'mich', 'dich', 'heute'];

// Index 0..2 are the scored languages; the rest only compete.
const LANGS = ['en', 'pt', 'es', 'fr', 'it', 'nl', 'id', 'sv', 'no', 'pl', 'de'] as const;
const SCORED = 3;
const OTHER_SCRIPT = LANGS.length; // extra slot for non-Latin words

/** word -> votes per language (index as in LANGS). */
const VOTES: ReadonlyMap<string, Float64Array> = (() => {
  const lists: Array<Iterable<string>> = [
    [...STOPWORDS.en, ...EN_MARKERS], [...STOPWORDS.pt, ...PT_MARKERS], [...STOPWORDS.es, ...ES_MARKERS], french.words, italian.words, dutch.words, indonesian.words,
    swedish.words, norwegian.words, polish.words, GERMAN,
  ];
  const sets = lists.map((l) => new Set([...l].filter((w) => !/^[0-9_]+$/.test(w))));
  const all = new Set(sets.flatMap((s) => [...s]));
  const map = new Map<string, Float64Array>();
  for (const w of all) {
    const v = new Float64Array(LANGS.length);
    let k = 0;
    for (let i = 0; i < sets.length; i++) if ((sets[i] as Set<string>).has(w)) k++;
    for (let i = 0; i < sets.length; i++) if ((sets[i] as Set<string>).has(w)) v[i] = 1 / k;
    map.set(w, v);
  }
  return map;
})();

// Zeros in an array of doubles: an array of small integers would change its kind, and move its
// elements, at the first fractional vote of every guess.
const NO_SCORE: readonly number[] = Array.from({ length: LANGS.length + 1 }, () => 0.5).fill(0);

/** Anything that can tell whether it knows a word (a lexicon `Map` or a `Set`). */
export interface WordSet {
  has(word: string): boolean;
}

/**
 * What one word adds to the guess. It depends on the word alone, so a caller that sees the same
 * words over and over (a stream) works it out once per distinct word and keeps it with the word.
 */
export class WordEvidence {
  constructor(
    /** A word in a non-Latin script: one vote for "other", nothing else. */
    readonly otherScript: boolean,
    /** Stopword votes per language (index as in LANGS), or null. */
    readonly votes: Float64Array | null,
    /** Without stopword votes: the lexicon half-votes for en, pt, es, or null when no lexicon knows the word. */
    readonly lexicon: readonly [number, number, number] | null,
    /** Letters only Portuguese (`ã õ ç â ê ô`) or only Spanish (`ñ`) use, each worth 0.5. */
    readonly ptLetters: number,
    readonly esLetters: number,
    /** Any letter outside ASCII. */
    readonly accented: boolean,
  ) {}
}

/**
 * The evidence of one lowercase word.
 * @param lexicons optional sentiment vocabularies per scored language: a word found in k of them
 *   adds 0.5/k to each (content words decide short posts with few function words: `i love lebron`)
 */
export function wordEvidence(w: string, lexicons?: Readonly<Record<ScoredLang, WordSet>>): WordEvidence {
  const c = w.charCodeAt(0);
  if ((c >= 0x370 && c < 0x1e00) || c >= 0x2c00) return new WordEvidence(true, null, null, 0, 0, false);
  const votes = VOTES.get(w) ?? null;
  let lexicon: [number, number, number] | null = null;
  if (votes === null && lexicons) {
    const en = lexicons.en.has(w) ? 1 : 0;
    const pt = lexicons.pt.has(w) ? 1 : 0;
    const es = lexicons.es.has(w) ? 1 : 0;
    const k = en + pt + es;
    if (k > 0) lexicon = [(0.5 * en) / k, (0.5 * pt) / k, (0.5 * es) / k];
  }
  let ptLetters = 0;
  let esLetters = 0;
  let accented = false;
  for (let j = 0; j < w.length; j++) {
    const ch = w.charCodeAt(j);
    if (ch > 127) accented = true;
    // ã õ ç and the circumflexes â ê ô are Portuguese, not Spanish.
    if (ch === 0xe3 || ch === 0xf5 || ch === 0xe7 || ch === 0xe2 || ch === 0xea || ch === 0xf4) ptLetters++;
    else if (ch === 0xf1) esLetters++; // ñ
  }
  return new WordEvidence(false, votes, lexicon, ptLetters, esLetters, accented);
}

/**
 * Guesses the language of a post from its tokens.
 * @param evidence each word's {@link wordEvidence}, which a stream's caller keeps with the word's vocabulary entry
 * @returns `en`, `pt` or `es`, or null for another language or too little evidence (no vote at all)
 */
export function guessLang<W extends Interned>(tokens: Tokens<W>, evidence: (token: W) => WordEvidence): ScoredLang | null {
  // A plain array: allocating a Float64Array costs more than the rest of the guess.
  const score = NO_SCORE.slice();
  const { entry, kind } = tokens;
  let latinWords = 0;
  let accented = false;
  for (let i = 0; i < tokens.count; i++) {
    if (kind[i] !== TokenKind.Word) continue;
    const ev = evidence(entry[i] as W);
    if (ev.otherScript) {
      score[OTHER_SCRIPT]! += 1;
      continue;
    }
    latinWords++;
    const v = ev.votes;
    if (v !== null) {
      for (let j = 0; j < v.length; j++) score[j]! += v[j] as number;
    } else if (ev.lexicon !== null) {
      score[0]! += ev.lexicon[0];
      score[1]! += ev.lexicon[1];
      score[2]! += ev.lexicon[2];
    }
    // One 0.5 at a time, as the letters come: the sums stay those of a letter-by-letter count.
    for (let k = 0; k < ev.ptLetters; k++) score[1]! += 0.5;
    for (let k = 0; k < ev.esLetters; k++) score[2]! += 0.5;
    if (ev.accented) accented = true;
  }
  let best = -1;
  let second = 0;
  for (let j = 0; j < score.length; j++) {
    const s = score[j] as number;
    if (best < 0 || s > (score[best] as number)) {
      if (best >= 0) second = Math.max(second, score[best] as number);
      best = j;
    } else {
      second = Math.max(second, s);
    }
  }
  const top = score[best] as number;
  if (top === 0) {
    // No function word: plain-ASCII posts (`good morning!`) are most often English, and posts with
    // no words at all (emoji only) score the same in any language.
    if (latinWords === 0) return 'en';
    return accented ? null : 'en';
  }
  if (best >= SCORED || top === second) return null;
  return LANGS[best] as ScoredLang;
}
