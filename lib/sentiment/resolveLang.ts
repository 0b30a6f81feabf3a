import type { ScoredLang } from '../nlp/analysis';
import { collectFeatures, type FeatureBuilder } from '../nlp/features';
import { scoredLang } from '../nlp/lang';
import { guessLang, wordEvidence, type WordEvidence } from '../nlp/langGuess';
import { TokenBuffer, tokenize, type Tokens } from '../nlp/tokenize';
import { Vocabulary, type Interned } from '../nlp/vocabulary';
import type { Post } from '../post';
import { TABLES } from './rules';

const LEXICONS = { en: TABLES.en.words, pt: TABLES.pt.words, es: TABLES.es.words };

/**
 * A vocabulary entry that keeps what its word tells the language guess, worked out on first need:
 * guessing then costs a few additions per word instead of four lexicon lookups.
 */
export class GuessableToken implements Interned {
  private evidence: WordEvidence | undefined = undefined;
  keyRow: unknown = null;
  queryOwner: unknown = null;
  queryFiling: unknown = null;

  constructor(readonly text: string) {}

  guessEvidence(): WordEvidence {
    return (this.evidence ??= wordEvidence(this.text, LEXICONS));
  }
}

/**
 * The language a post is scored in: its tag when it names en/pt/es, `null` (unscored) for any
 * other language, and a guess from the words (function words, then sentiment vocabulary) when the
 * tag says nothing (null, `und`).
 */
export function resolveLang(tag: string | null, tokens: Tokens<GuessableToken>): ScoredLang | null {
  const lang = scoredLang(tag);
  return lang === undefined ? guessLang(tokens, evidenceOf) : lang;
}

function evidenceOf(token: GuessableToken): WordEvidence {
  return token.guessEvidence();
}

/** A post as the lexicon-sum scorers start from: its tokens and the language it is scored in. */
export interface ReadPost {
  tokens: Tokens<GuessableToken>;
  lang: ScoredLang | null;
}

/**
 * Reads posts for a scorer that keeps no per-token state of its own (`afinn`, `sentiment`): one
 * vocabulary and token buffer for the stream, as the moodstream scorer keeps its own. Each read
 * collects the post's features into `out` and returns its tokens, which the next read overwrites.
 */
export function createPostReader(): (post: Post, out: FeatureBuilder) => ReadPost {
  const vocab = new Vocabulary((text) => new GuessableToken(text));
  const buffer = new TokenBuffer<GuessableToken>();
  return (post, out) => {
    const tokens = tokenize(post.text, vocab, buffer);
    const lang = resolveLang(post.lang, tokens);
    collectFeatures(tokens, lang, post, out);
    return { tokens, lang };
  };
}
