/*
 * Runs of letters, combining marks and digits. Anything else (apostrophes, hyphens, dots,
 * underscores) separates parts, the way X tokenizes a rule's keywords, so that `don't`,
 * `covid-19`, `3.5` and `foo_bar` match whether the tokenizer kept them whole or split them.
 * Emoji are not parts: the tokenizer does not count them as words.
 */
const PART = /[\p{L}\p{M}\p{N}]+/gu;

/**
 * Splits normalized text into the word parts that terms and phrases are matched on.
 * @example wordParts("don't stop") // ['don', 't', 'stop']
 */
export function wordParts(text: string): string[] {
  return text.match(PART) ?? [];
}
