/**
 * The one normalized post that every source produces and the engine consumes.
 *
 * Structural entities (`hashtags`, `mentions`, `links`) are filled only where a source
 * gives them as data (Bluesky facets, Mastodon tags, X entities); the tokenizer finds
 * them in the text otherwise.
 */
export interface Post {
  /** Source-unique id (for Bluesky `did/rkey`). */
  id: string;
  text: string;
  /** Event time, epoch milliseconds. */
  createdAt: number;
  author: string | null;
  /** BCP-47 tag as the source gives it (`en`, `pt-BR`), or null when unknown. */
  lang: string | null;
  /** Which source produced it: `demo`, `replay`, `bluesky`, `mastodon`, `x`, `dir`, `tcp`. */
  source: string;
  /** Hashtags with their `#`, as the source gave them structurally. */
  hashtags?: string[];
  /** Mentions with their `@`, as the source gave them structurally. */
  mentions?: string[];
  /** Absolute http(s) links, as the source gave them structurally. */
  links?: string[];
}

/** Sentiment label of a post; `unscored` means its language has no lexicon. */
export type Label = 'positive' | 'neutral' | 'negative' | 'unscored';

/**
 * Makes a post: every source builds its posts here, then adds the structural entities it has.
 *
 * A constructor rather than an object literal, for the garbage collector. V8 watches the objects
 * each literal in the code makes, and when at some young-generation collection nearly all of them
 * are still alive, it allocates that literal's objects in the old generation from then on
 * ("pretenuring"). A reader that hands posts on in chunks meets that condition by chance, and
 * then every post, and the strings it holds, outlives the cheap collections and waits for a full
 * one: a fifth to a half of bench processes ran 10-15% slower for it. Objects made by `new` are not
 * watched so.
 */
export function createPost(id: string, text: string, createdAt: number, author: string | null, lang: string | null, source: string): Post {
  return new SourcePost(id, text, createdAt, author, lang, source);
}

class SourcePost implements Post {
  declare hashtags?: string[];
  declare mentions?: string[];
  declare links?: string[];

  constructor(
    public id: string,
    public text: string,
    public createdAt: number,
    public author: string | null,
    public lang: string | null,
    public source: string,
  ) {}
}
