/**
 * `moodstream`: the default scorer. AFINN-165 (natural's AFINN for pt/es) with extended lexicons
 * and VADER-style rules applied in one pass over the tokens, one Map lookup per word (see
 * `rules/index.ts` for what an entry holds and docs/sentiment.md for the full table):
 *
 * - negation: a negator flips and damps (x -0.74) sentiment words up to three words later in its
 *   clause; a negation that negates nothing counts -1 (`it won't play`), unless it is a neutral idiom
 *   (`I don't know`, `no one`) or an idiom with its own sense (`can't wait` +2, `doesn't work` -2);
 * - intensifiers / dampeners add / remove {@link B_INCR} (decaying 1, 0.95, 0.9 with distance);
 *   words that are both (`pretty`, `huge`, `bem`) boost when a sentiment word follows and score
 *   otherwise; profanity before any word only intensifies; `kind of` / `sort of` dampen;
 * - two-word phrases (`bad luck`, `looking forward`) replace their words' values; a sentiment word
 *   right before one of the other polarity decides the pair (`poor quality`);
 * - contrast: at `but` (`mas`, `pero`, ...) what came before is halved and what follows weighs 1.5x;
 * - ALL-CAPS words (in a post that is not all caps) +0.733; elongated words (`goood`) match their
 *   base form and get +0.5; each `!` (up to 4) adds 0.292 to the post's magnitude;
 * - `like` scores only as a verb (after a subject, auxiliary, negator or booster);
 * - emoji, ASCII emoticons and laughter (`hahaha`, `jajaja`, `kkkk`, `rsrs`) score, unaffected by negation;
 * - hashtags are split at case changes (`#NotHappy`), else segmented into known words
 *   (`#nothappy`), and scored as a clause of their own when all their parts are known words;
 * - capitalized words next to capitalized words inside a sentence are names (`Miss USA`) and do not score;
 * - a clause ending in `?` weighs half; a post with a link weighs half.
 *
 * The sum is normalized as VADER does (`s / sqrt(s^2 + 15)`) and labelled with {@link NEUTRAL_BAND}.
 */
import type { Analyzer, Contribution, ScoredLang } from '../nlp/analysis';
import { bufferedAnalyzer } from '../nlp/analysisBuffer';
import { collectFeatures, type FeatureBuilder } from '../nlp/features';
import { splitHashtag } from '../nlp/hashtag';
import { segmentWords } from '../nlp/segment';
import { STOPWORDS } from '../nlp/stopwords';
import { isElongated, TokenBuffer, TokenFlag, TokenKind, tokenize, type Tokens } from '../nlp/tokenize';
import { Vocabulary } from '../nlp/vocabulary';
import { GuessableToken, resolveLang } from './resolveLang';
import { PICTOGRAPH_SCORES, TABLES, WordEntry, type LanguageTable } from './rules';
import { labelFor, normalizeScore, type NeutralBand } from './score';

/** Booster increment (VADER's 0.293 on its -4..4 scale, scaled to AFINN's -5..5). */
export const B_INCR = 0.293 * 1.25;
/** Added to an ALL-CAPS sentiment word's magnitude. */
export const C_INCR = 0.733;
/** Added to an elongated sentiment word's magnitude. */
export const E_INCR = 0.5;
/** Factor for a negated sentiment word. */
export const N_SCALAR = -0.74;
/** Added to the post's magnitude per `!` (at most {@link MAX_EXCL}). */
export const EXCL_INCR = 0.292;
export const MAX_EXCL = 4;
/** A sentiment word is negated when at most this many words separate it from a negator of its clause (VADER looks 3 words back). */
export const NEG_SCOPE = 2;
/** Valence of a negation that negates no sentiment word (`it won't play`, `do not buy`): negation itself leans negative. */
export const LONE_NEGATION = -1;
/** Factor for what a clause ending in `?` added: questions assert less than statements. */
export const QUESTION_SCALAR = 0.5;
/** Factor for the words of a post that carries a link: link posts mostly share news, and their words describe it. */
export const LINK_SCALAR = 0.5;
/** Contrast: weight of what precedes `but`, and of what follows. */
export const BEFORE_CONTRAST = 0.5;
export const AFTER_CONTRAST = 1.5;

/**
 * Neutral band on the normalized score, per language: positive above `positive`, negative below
 * `-negative`. Chosen on the development sets (docs/sentiment.md). It is asymmetric because mild
 * positive words (`want`, `please`, `free`: AFINN +1, score 0.25) run through neutral posts, while a
 * lone mild negative word or a bare negation usually means a complaint.
 */
export const NEUTRAL_BAND: Readonly<Record<ScoredLang, NeutralBand>> = {
  en: { positive: 0.3, negative: 0.05 },
  pt: { positive: 0.3, negative: 0.05 },
  es: { positive: 0.3, negative: 0.05 },
};

/** A dampener standing for `kind of` / `sort of`. */
const HEDGE_DAMPENER: WordEntry = Object.assign(new WordEntry(), { boost: -1 });

/** `sooo` -> `soo` -> `so`: runs of 3+ letters cut to two, then to one; the first known form wins. */
export function lookupElongated(words: ReadonlyMap<string, WordEntry>, t: string): WordEntry | undefined {
  let two = '';
  let one = '';
  for (let i = 0; i < t.length; i++) {
    const c = t[i] as string;
    const p1 = i > 0 && t[i - 1] === c;
    const p2 = i > 1 && t[i - 2] === c;
    if (!p2) two += c;
    if (!p1) one += c;
  }
  return words.get(two) ?? words.get(one);
}

/**
 * Laughter written as repeated syllables: `haha`, `hehehe`, `jajaja`, `jejeje`, `ahahah`, `kkkk`, `rsrs`.
 * Letter tests only, no allocation.
 */
export function isLaughter(t: string): boolean {
  const n = t.length;
  if (n < 4) return false;
  const c0 = t.charCodeAt(0);
  if (c0 === 107 /* k */) {
    for (let i = 1; i < n; i++) if (t.charCodeAt(i) !== 107) return false;
    return true;
  }
  if (c0 === 114 /* r */) {
    for (let i = 0; i < n; i++) if (t.charCodeAt(i) !== (i % 2 === 0 ? 114 : 115)) return false;
    return true;
  }
  if (c0 !== 104 && c0 !== 106 && c0 !== 97 && c0 !== 101) return false; // h j a e
  let cons = 0;
  let vow = 0;
  let prevCons = false;
  for (let i = 0; i < n; i++) {
    const c = t.charCodeAt(i);
    if (c === 104 || c === 106) {
      if (prevCons) return false;
      cons++;
      prevCons = true;
    } else if (c === 97 || c === 101 || c === 105) {
      vow++;
      prevCons = false;
    } else {
      return false;
    }
  }
  return cons >= 2 && vow >= 2;
}

const NAME_FLAGS = TokenFlag.Title | TokenFlag.Caps;

/**
 * A capitalized word inside a sentence next to another capitalized word is taken as part of a name
 * (`Miss USA`, `Good Friday`, `Rebel Heart Tour`), whose words carry no sentiment.
 */
function isInName(tokens: Tokens, i: number): boolean {
  const { kind, flags } = tokens;
  if (!((flags[i] as number) & TokenFlag.Title) || i === 0) return false;
  const prevKind = kind[i - 1];
  // Sentence-initial capitals are ordinary (after `.`, `!`, `?`; not after `,`, `;`, `:`).
  if (prevKind === TokenKind.Punct) {
    const c = (tokens.text[i - 1] as string).charCodeAt(0);
    if (c === 46 || c === 33 || c === 63) return false;
  }
  return (prevKind === TokenKind.Word && ((flags[i - 1] as number) & NAME_FLAGS) !== 0) || (kind[i + 1] === TokenKind.Word && ((flags[i + 1] as number) & NAME_FLAGS) !== 0);
}

/** Whether the word after `i` carries sentiment, so a booster-with-valence at `i` modifies it rather than scoring. */
function nextHasValence(tokens: Tokens<ScoredToken>, i: number, li: number): boolean {
  if (tokens.kind[i + 1] !== TokenKind.Word) return false;
  const e = entryIn(tokens.entry[i + 1] as ScoredToken, li);
  return e !== undefined && (e.valence !== 0 || e.boost !== 0);
}

function isNegated(p1: WordEntry | null, p2: WordEntry | null, p3: WordEntry | null): boolean {
  return (p1 !== null && p1.negator) || (p2 !== null && p2.negator) || (p3 !== null && p3.negator);
}

function boostOf(e: WordEntry | null, decay: number): number {
  return e !== null && e.boost !== 0 ? e.boost * B_INCR * decay : 0;
}

/** Magnitude changes of a sentiment word from its three predecessors in the clause, then negation. */
function modify(v: number, p1: WordEntry | null, p2: WordEntry | null, p3: WordEntry | null, negated: boolean): number {
  const sign = v > 0 ? 1 : -1;
  v += sign * (boostOf(p1, 1) + boostOf(p2, 0.95) + boostOf(p3, 0.9));
  // A dampener never flips a word's sign.
  if (v * sign < 0) v = 0;
  if (negated) v *= N_SCALAR;
  return v;
}

/**
 * Per-analyzer memo of hashtag scores by language and tag as written (`#NotHappy` -> -2.22), for
 * the spellings of a tag beyond the two its vocabulary entry keeps: tags repeat heavily in a
 * stream, and splitting and segmenting them allocates. Bounded.
 */
class HashtagScores {
  private readonly maps: Record<ScoredLang, Map<string, number>> = { en: new Map(), pt: new Map(), es: new Map() };
  constructor(private readonly limit = 10_000) {}
  get(lang: ScoredLang, tag: string): number {
    const map = this.maps[lang];
    let v = map.get(tag);
    if (v === undefined) {
      v = scoreHashtag(tag, lang);
      if (map.size >= this.limit) map.clear();
      map.set(tag, v);
    }
    return v;
  }
}

/** A tag's valence, as written (with its `#`). */
function scoreHashtag(tag: string, lang: ScoredLang): number {
  const table = TABLES[lang];
  return scoreHashtagParts(hashtagParts(tag, lang, table), table, STOPWORDS[lang]);
}

/** Words of a tag as written: CamelCase parts, else the body segmented into known words when that finds sentiment. */
function hashtagParts(tag: string, lang: ScoredLang, table: LanguageTable): string[] {
  const parts = splitHashtag(tag);
  if (parts.length !== 1) return parts;
  const body = parts[0] as string;
  if (table.words.has(body)) return parts;
  const stop = STOPWORDS[lang];
  const seg = segmentWords(body, (w) => table.words.has(w) || stop.has(w));
  // Only a split that finds sentiment is worth anything; otherwise the tag stays whole.
  const useful = seg !== null && seg.some((w) => (table.words.get(w)?.valence ?? 0) !== 0 || table.words.get(w)?.negator);
  return useful ? seg : parts;
}

/**
 * Scores hashtag words as a clause of their own (negation and boosters apply within the tag).
 * A tag scores only when every part is a known word (lexicon, role word or stopword): `#NotHappy`
 * reads as a phrase, while `#VideoShowAoVivo` or `#DomingoLegal` are names whose parts only look like sentiment.
 */
function scoreHashtagParts(parts: string[], table: LanguageTable, stop: ReadonlySet<string>): number {
  for (const w of parts) if (!table.words.has(w) && !stop.has(w)) return 0;
  let sum = 0;
  let p1: WordEntry | null = null;
  let p2: WordEntry | null = null;
  let p3: WordEntry | null = null;
  for (let j = 0; j < parts.length; j++) {
    const e = table.words.get(parts[j] as string) ?? null;
    if (e !== null && e.valence !== 0 && !(e.boost !== 0 && j < parts.length - 1)) sum += modify(e.valence, p1, p2, p3, isNegated(p1, p2, p3));
    p3 = p2;
    p2 = p1;
    p1 = e;
  }
  return sum;
}

/** The scored languages in index order (en 0, pt 1, es 2), and what the scorer reads per language, by index. */
const LANGS: readonly ScoredLang[] = ['en', 'pt', 'es'];
const TABLE_AT = LANGS.map((lang) => TABLES[lang]);
const BAND_AT = LANGS.map((lang) => NEUTRAL_BAND[lang]);

/**
 * The index of `lang`, by comparison: a property read by a key that changes from post to post
 * (`TABLES[lang]`) goes through V8's megamorphic cache, a hash probe, on every post.
 */
function langIndex(lang: ScoredLang): number {
  return lang === 'en' ? 0 : lang === 'pt' ? 1 : 2;
}

/** A spelling slot of `ScoredToken.tagCapitals` not taken yet (capitals are -1 or more). */
const FREE_SPELLING = -2;

/** What the scorer needs of a token, worked out once per distinct token of the stream (see {@link Vocabulary}). */
class ScoredToken extends GuessableToken {
  /** The word's rules entry per language (fields, not an array: this is read for every word of every post). */
  readonly en: WordEntry | undefined;
  readonly pt: WordEntry | undefined;
  readonly es: WordEntry | undefined;
  /**
   * Bit `1 << langIndex(lang)` set when the word counts as a term in `lang`: two units or more, and
   * no stopword there. Worked out here, so that counting a word reads no string.
   */
  readonly termIn: number;
  readonly laughter: boolean;
  /** Emoji or emoticon valence; 0 for none. */
  readonly pictograph: number;
  /**
   * For a stretched word with no entry of its own (`goood`), the entry of its base form per
   * language (by langIndex) when one has one; null for every other word.
   */
  readonly elongated: (WordEntry | undefined)[] | null;

  /**
   * For a hashtag: the first two ways it was written, by where their capitals are (see
   * `Tokens.capitals`; case matters: `#NotHappy` splits, `#nothappy` is segmented), and their
   * scores by language, three per spelling (NaN until asked), so a tag is scored once per
   * spelling. Other spellings go through {@link HashtagScores}.
   */
  readonly tagCapitals = [FREE_SPELLING, FREE_SPELLING];
  readonly tagScores = [NaN, NaN, NaN, NaN, NaN, NaN];

  constructor(text: string) {
    super(text);
    this.en = TABLES.en.words.get(text);
    this.pt = TABLES.pt.words.get(text);
    this.es = TABLES.es.words.get(text);
    this.termIn = text.length < 2 ? 0 : (STOPWORDS.en.has(text) ? 0 : 1) | (STOPWORDS.pt.has(text) ? 0 : 2) | (STOPWORDS.es.has(text) ? 0 : 4);
    this.laughter = isLaughter(text);
    this.pictograph = PICTOGRAPH_SCORES.get(text) ?? 0;
    this.elongated = isElongated(text) ? TABLE_AT.map((t) => (t.words.has(text) ? undefined : lookupElongated(t.words, text))) : null;
  }
}

/** The rules entry of `token` in the language of index `li`. */
function entryIn(token: ScoredToken, li: number): WordEntry | undefined {
  return li === 0 ? token.en : li === 1 ? token.pt : token.es;
}

/**
 * The score of the hashtag `token` written at `start` of `source` with `capitals`. Two spellings
 * of a tag with their capitals in the same places score alike: the scorer reads case only to split
 * the tag. A spelling is scored once into a slot of the token while it has a free one, else kept
 * in `memo`.
 */
function hashtagScore(token: ScoredToken, lang: ScoredLang, li: number, capitals: number, source: string, start: number, memo: HashtagScores): number {
  const spellings = token.tagCapitals;
  const slot =
    capitals === -1 ? -1
    : spellings[0] === capitals ? 0
    : spellings[1] === capitals ? 1
    : spellings[0] === FREE_SPELLING ? 0
    : spellings[1] === FREE_SPELLING ? 1
    : -1;
  if (slot < 0) return memo.get(lang, source.slice(start, start + token.text.length));
  let v = token.tagScores[3 * slot + li] as number;
  if (Number.isNaN(v)) {
    spellings[slot] = capitals;
    v = scoreHashtag(source.slice(start, start + token.text.length), lang);
    token.tagScores[3 * slot + li] = v;
  }
  return v;
}

/** The value of a negation that negated nothing, recorded under its negator's token when explaining. */
function bareNegation(out: Contribution[] | null, token: string, mult: number): number {
  const v = LONE_NEGATION * mult;
  out?.push({ token, weight: v });
  return v;
}

/**
 * Sums the valence of a post's tokens under the rules above, collecting its features on the way.
 * @param li the index of `lang` (see {@link langIndex})
 * @param out when given, receives one contribution per token that moved the score (their weights add up to the sum)
 */
function scoreTokens(tokens: Tokens<ScoredToken>, lang: ScoredLang, li: number, hashtags: HashtagScores, out: Contribution[] | null, features: FeatureBuilder): number {
  const table = TABLE_AT[li] as LanguageTable;
  const { text, entry, kind, flags } = tokens;
  // Capitals are emphasis only when some words are not in capitals.
  const capsDiff = tokens.capsCount > 0 && tokens.capsCount < tokens.wordCount;
  let sum = 0;
  let mult = 1;
  let excl = 0;
  let p1: WordEntry | null = null;
  let p2: WordEntry | null = null;
  let p3: WordEntry | null = null;
  // Words since the last negator of this clause (large when none).
  let sinceNeg = 1e9;
  let negUsed = true;
  let negToken = '';
  // The sum when the current clause began: a question scales what its clause added.
  let clauseStart = 0;
  let clauseOut = 0;
  // The previous word of the clause and what it added (a two-word phrase replaces both words' values).
  let prevWord = '';
  let prevAdded = 0;
  const n = tokens.count;
  for (let i = 0; i < n; i++) {
    const k = kind[i];
    const t = text[i] as string;
    if (k !== TokenKind.Word) prevWord = '';
    if (k === TokenKind.Word) {
      const token = entry[i] as ScoredToken;
      features.word(t, (token.termIn & (1 << li)) !== 0, token);
      let e = entryIn(token, li);
      const f = flags[i] as number;
      let elongated = false;
      if (e === undefined && token.elongated !== null) {
        e = token.elongated[li];
        elongated = e !== undefined;
      }
      if (e === undefined) {
        prevWord = t;
        prevAdded = 0;
        if (token.laughter) {
          const v = table.laughter * mult;
          sum += v;
          out?.push({ token: t, weight: v });
          prevAdded = v;
        }
        p3 = p2;
        p2 = p1;
        p1 = null;
        sinceNeg++;
        continue;
      }
      if (e.contrast) {
        if (!negUsed) sum += bareNegation(out, negToken, mult);
        negUsed = true;
        sinceNeg = 1e9;
        prevWord = '';
        sum *= BEFORE_CONTRAST;
        if (out) for (const c of out) c.weight *= BEFORE_CONTRAST;
        mult = AFTER_CONTRAST;
        p1 = p2 = p3 = null;
        continue;
      }
      let v = e.valence;
      let name = t;
      const phrase = e.phrases !== null && prevWord !== '' ? e.phrases.get(prevWord) : undefined;
      if (phrase !== undefined) {
        if (prevAdded !== 0) {
          sum -= prevAdded;
          out?.pop();
        }
        v = phrase;
        name = `${prevWord} ${t}`;
      }
      // `I don't think it is good`: the negation reaches past the verb to the end of its clause.
      if (e.negRaiser && sinceNeg <= NEG_SCOPE) sinceNeg = -1e9;
      if (e.absorbsNegation && sinceNeg <= NEG_SCOPE) {
        negUsed = true;
        sinceNeg = 1e9;
      }
      if (e.negated !== 0 && sinceNeg <= NEG_SCOPE) {
        // An idiom: its sentiment replaces the negation's (`can't wait`).
        negUsed = true;
        sum += e.negated * mult;
        out?.push({ token: t, weight: e.negated * mult });
      }
      if (v !== 0) {
        if (f & TokenFlag.Title && isInName(tokens, i)) v = 0;
        else if ((e.intensifierOnly && kind[i + 1] === TokenKind.Word) || (e.boost !== 0 && nextHasValence(tokens, i, li)) || (e.hedge && text[i + 1] === 'of')) v = 0;
        else if (e.verbOnly && !(p1 !== null && (p1.subject || p1.negator || p1.boost !== 0))) v = 0;
        // An evaluative modifier right before a word of the other polarity decides the pair
        // (`poor quality`, `bad service`) unless the word is stronger.
        else if (phrase === undefined && prevAdded !== 0 && prevAdded * v < 0 && Math.abs(v) <= Math.abs(p1 !== null ? p1.valence : 0)) v = 0;
      }
      if (v !== 0) {
        const sign = v > 0 ? 1 : -1;
        if (capsDiff && f & TokenFlag.Caps) v += sign * C_INCR;
        if (elongated) v += sign * E_INCR;
        let negated = sinceNeg <= NEG_SCOPE;
        if (negated) negUsed = true;
        // `couldn't be better`, `can't be happier`: a negated comparative after `be` is praise.
        if (negated && e.comparative && prevWord === 'be') negated = false;
        v = modify(v, phrase === undefined ? p1 : p2, phrase === undefined ? p2 : p3, phrase === undefined ? p3 : null, negated) * mult;
        sum += v;
        out?.push({ token: name, weight: v });
      }
      prevWord = t;
      prevAdded = v;
      const prev = p1 as WordEntry | null;
      p3 = p2;
      p2 = prev;
      p1 = prev !== null && prev.hedge && t === 'of' ? HEDGE_DAMPENER : e;
      if (e.negator) {
        if (!negUsed) sum += bareNegation(out, negToken, mult);
        negUsed = e.quietNegator;
        negToken = t;
        sinceNeg = 0;
      } else {
        sinceNeg++;
      }
    } else if (k === TokenKind.Emoji || k === TokenKind.Emoticon) {
      const s = (entry[i] as ScoredToken).pictograph;
      if (s !== 0) {
        const v = s * mult;
        sum += v;
        out?.push({ token: t, weight: v });
      }
    } else if (k === TokenKind.Punct) {
      // A clause ends: a negation still pending negated nothing.
      if (!negUsed) sum += bareNegation(out, negToken, mult);
      negUsed = true;
      let question = false;
      for (let j = 0; j < t.length; j++) {
        const c = t.charCodeAt(j);
        if (c === 33) excl++;
        else if (c === 63) question = true;
      }
      if (question && sum !== clauseStart) {
        const f = QUESTION_SCALAR;
        if (out) for (let j = clauseOut; j < out.length; j++) (out[j] as Contribution).weight *= f;
        sum = clauseStart + (sum - clauseStart) * f;
      }
      clauseStart = sum;
      clauseOut = out ? out.length : 0;
      p1 = p2 = p3 = null;
      sinceNeg = 1e9;
    } else if (k === TokenKind.Hashtag) {
      features.hashtag(t, entry[i] as ScoredToken);
      const start = tokens.start[i] as number;
      const v = hashtagScore(entry[i] as ScoredToken, lang, li, tokens.capitals[i] as number, tokens.source, start, hashtags) * mult;
      if (v !== 0) {
        sum += v;
        out?.push({ token: t, weight: v });
      }
    } else if (k === TokenKind.Number) {
      features.number(t, entry[i] as ScoredToken);
      p3 = p2;
      p2 = p1;
      p1 = null;
      sinceNeg++;
    } else if (k === TokenKind.Mention) {
      features.mention(t);
    }
  }
  if (!negUsed) sum += bareNegation(out, negToken, mult);
  if (tokens.hasUrl && sum !== 0) {
    sum *= LINK_SCALAR;
    if (out) for (const c of out) c.weight *= LINK_SCALAR;
  }
  if (sum !== 0 && excl > 0) {
    const v = (sum > 0 ? 1 : -1) * Math.min(excl, MAX_EXCL) * EXCL_INCR;
    sum += v;
    out?.push({ token: '!', weight: v });
  }
  return sum;
}

/** `moodstream`: the rules scorer (the default). */
export function createMoodstreamAnalyzer(): Analyzer {
  const hashtags = new HashtagScores();
  const vocab = new Vocabulary((text) => new ScoredToken(text));
  const buffer = new TokenBuffer<ScoredToken>();
  return bufferedAnalyzer('moodstream', (post, out, contributions) => {
    const tokens = tokenize(post.text, vocab, buffer);
    const lang = resolveLang(post.lang, tokens);
    if (lang === null) {
      collectFeatures(tokens, lang, post, out);
      return;
    }
    const li = langIndex(lang);
    const score = normalizeScore(scoreTokens(tokens, lang, li, hashtags, contributions, out.reset()));
    out.structural(post);
    out.scored(lang, score, labelFor(score, BAND_AT[li] as NeutralBand));
  });
}
