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
