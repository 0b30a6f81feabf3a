/*
 * Runs of letters, combining marks, digits and underscores, and single emoji. Anything else
 * (apostrophes, hyphens, dots) separates parts, the way X tokenizes a rule's keywords, so that
 * `don't`, `covid-19` and `3.5` match whether the tokenizer kept them whole or split them.
 */
const PART = /[\p{L}\p{M}\p{N}_]+|\p{Extended_Pictographic}/gu;

/**
 * Splits normalized text into the word parts that terms and phrases are matched on.
 * @example wordParts("don't stop") // ['don', 't', 'stop']
 */
export function wordParts(text: string): string[] {
  return text.match(PART) ?? [];
}
