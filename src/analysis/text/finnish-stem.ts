/**
 * Stemming for the languages the analysis engine reads: the Snowball Finnish stemmer, Snowball English
 * (Porter2) and Snowball Swedish, from the `snowball-stemmers` package (ISC; a JavaScript port of the
 * Snowball project's generated stemmers, https://snowballstem.org/algorithms/finnish/stemmer.html).
 * Its Finnish output was checked against the Snowball project's reference vocabulary (snowball-data
 * finnish/voc.txt → output.txt), see finnish-stem.test.ts.
 *
 * Stems are cached per language in a bounded Map (insertion order; the oldest entry goes when full), since
 * customer-service vocabulary is highly repetitive and the port costs a few microseconds per word.
 *
 * @example stem("laskuissa", "fi") // → "lasku"
 * @example stem("billing", "en")   // → "bill"
 * @example stem("EU:n", "fi")      // → "eu" (colon case ending dropped before stemming)
 */

import { createRequire } from "node:module";

export type StemLang = "fi" | "en" | "sv" | "other";

interface SnowballStemmer {
  stem(word: string): string;
}
interface SnowballFactory {
  newStemmer(algorithm: string): SnowballStemmer;
}

// The package is a CommonJS UMD bundle without types; require() gives the same object in Node, tsx and Vitest.
const snowball = createRequire(import.meta.url)("snowball-stemmers") as SnowballFactory;

/** Distinct words kept per language; ~40 bytes of key and value each, so a few MB at most. */
export const STEM_CACHE_SIZE = 50_000;

class StemCache {
  private readonly stemmer: SnowballStemmer;
  private readonly cache = new Map<string, string>();

  constructor(algorithm: string) {
    this.stemmer = snowball.newStemmer(algorithm);
  }

  stem(word: string): string {
    const hit = this.cache.get(word);
    if (hit !== undefined) return hit;
    const stemmed = this.stemmer.stem(word);
    if (this.cache.size >= STEM_CACHE_SIZE) {
      const oldest = this.cache.keys().next();
      if (!oldest.done) this.cache.delete(oldest.value);
    }
    this.cache.set(word, stemmed);
    return stemmed;
  }

  get size(): number {
    return this.cache.size;
  }
}

const STEMMERS = {
  fi: new StemCache("finnish"),
  en: new StemCache("english"),
  sv: new StemCache("swedish"),
} as const;

/**
 * Stem one normalized (lowercase) word token. A colon case ending ("eu:n", "sms:llä") is dropped first;
 * for `other` the word is returned as it is. Tokens without letters (numbers, emoji, placeholders) should
 * not be passed here; they are returned unchanged if they are.
 */
export function stem(token: string, lang: StemLang): string {
  if (lang === "other") return token;
  const colon = token.indexOf(":");
  const word = colon > 0 ? token.slice(0, colon) : token;
  if (word.length < 3) return word;
  return STEMMERS[lang].stem(word);
}

/** Number of cached stems for a language (for tests and diagnostics). */
export function stemCacheSize(lang: Exclude<StemLang, "other">): number {
  return STEMMERS[lang].size;
}
