/**
 * Finnish typed without ä, ö and å ("en loyda sita mistaan"): the forms are restored from a table
 * built from real and corpus Finnish (training/build-fi-diacritics.ts → models/fi-diacritics.json)
 * before the models, lexicons, patterns and cues read the text (spoken.ts: normaliseSpoken). Only a
 * text with none of those letters is restored: one that has them was typed with them, and its
 * plain a's and o's are meant.
 *
 * The table is set once per process (or thread) by whoever loads the models (model-set.ts; the
 * training scripts through training/corpus.ts), like the models themselves.
 *
 * @example setFinnishDiacritics({ loyda: "löydä", sita: "sitä" }); restoreDiacritic("loyda") // → "löydä"
 */

/** The version of the table's format and build rule; the file names the one it was built with. */
export const FI_DIACRITICS_VERSION = "fi-diacritics-1";
export const FI_DIACRITICS_FILE = "fi-diacritics.json";

export interface FiDiacriticsFile {
  version: string;
  source: string;
  words: Record<string, string>;
}

let table: ReadonlyMap<string, string> = new Map();

/** Sets the table every later restoreDiacritic() reads (null: none, nothing is restored). */
export function setFinnishDiacritics(words: Readonly<Record<string, string>> | null): void {
  table = new Map(words ? Object.entries(words) : []);
}

/** Whether a table is in use (tests). */
export function finnishDiacriticsInUse(): boolean {
  return table.size > 0;
}

/** The form a word typed without ä/ö/å stands for, or the word itself. */
export function restoreDiacritic(word: string): string {
  return table.get(word) ?? word;
}

const MARKED = /[äöåÄÖÅ]/;
/** Whether a word has ä, ö or å. */
export const hasDiacritic = (word: string): boolean => MARKED.test(word);

/** ä → a, ö → o, å → a (lower and upper case). */
export function foldDiacritics(text: string): string {
  return text.replace(/[äåÄÅöÖ]/g, (c) => FOLD[c] as string);
}
const FOLD: Record<string, string> = { ä: "a", å: "a", Ä: "A", Å: "A", ö: "o", Ö: "O" };
