/**
 * The abstract syntax of a tracked-keyword query: plain JSON, so it can be stored in a
 * checkpoint, sent to a browser or compared in a test.
 *
 * Every string is normalized as the tokenizer normalizes text (NFKC, lowercase).
 * `and` and `or` have at least two operands and never directly contain a node of their own
 * type (a group of the same operator is flattened into its parent).
 */
export type Query =
  /** A word, matched whole against the post's word tokens. `covid-19` holds two word parts and matches them consecutively. */
  | { type: 'term'; value: string }
  /** Word parts matched consecutively; `value` is the quoted text with its whitespace collapsed. */
  | { type: 'phrase'; value: string }
  /** With its `#`: `#nothappy`. */
  | { type: 'hashtag'; value: string }
  /** With its `@`: `@nasa`, `@alice.bsky.social`. */
  | { type: 'mention'; value: string }
  /** A BCP-47 primary language subtag: `pt` matches posts in `pt` and `pt-BR`. */
  | { type: 'lang'; value: string }
  | { type: 'not'; operand: Query }
  | { type: 'and'; operands: Query[] }
  | { type: 'or'; operands: Query[] };
