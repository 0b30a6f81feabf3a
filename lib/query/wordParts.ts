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

const SEPARATOR = /[^\p{L}\p{M}\p{N}]/u;

/**
 * Whether `wordParts(word)` is anything but `[word]`. ASCII is decided by char codes: a Unicode
 * regex per word would cost more than the rest of a post's matching.
 */
export function splitsIntoParts(word: string): boolean {
  if (word === '') return true;
  for (let k = 0; k < word.length; k++) {
    const c = word.charCodeAt(k);
    if (c >= 128) return SEPARATOR.test(word);
    if (!((c >= 97 && c <= 122) || (c >= 48 && c <= 57) || (c >= 65 && c <= 90))) return true;
  }
  return false;
}
