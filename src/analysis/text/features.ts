/**
 * Feature strings for the hashed linear models (the hashing trick, Weinberger et al. 2009: each string is
 * hashed into a fixed-size weight vector, so this module only has to produce stable strings).
 *
 * Scheme, per token of tokenize():
 * - word → its stem (Snowball for fi/en/sv, the normalized word for "other"), prefixed "NEG_" inside a
 *   negation scope, "CNEG_" when a later "but" in the sentence answers that scope (negation.ts).
 *   Finnish compounds add their parts as further unigrams, negated alike (compounds.ts), so
 *   "asiakaspalvelussa" also fires "asiakas" and "palvelu";
 * - number → "<num>"; URL → "<url>"; e-mail → "<email>"; placeholder → itself ("[PHONE]");
 *   emoji and emoticons → themselves ("😡", ":)"); "€", "$", "£", "%" → themselves;
 * - "!", "?", "!!", "??", "?!", "..." → themselves (tone); other punctuation emits nothing.
 * Bigrams: two consecutive unigram forms of whole tokens joined by one space ("ei NEG_toimi"); any
 * punctuation token breaks the chain, compound parts never enter bigrams. Unigrams never contain a space,
 * so unigrams and bigrams cannot collide. Order: token order, each token's unigram, its compound parts,
 * then the bigram that ends at it.
 *
 * @example textFeatures("Ei toiminut, asiakaspalvelu huono 😡", "fi")
 *   // → ["ei", "NEG_toimin", "ei NEG_toimin", "asiakaspalvelu", "asiakas", "palvelu", "huono",
 *   //    "asiakaspalvelu huono", "😡", "huono 😡"]
 */

import { compoundParts } from "./compounds.ts";
import { stem } from "./finnish-stem.ts";
import type { Lang } from "./language.ts";
import { MARK_PREFIX, negationScope } from "./negation.ts";
import { lexiconFeature, type SentimentLexicon } from "./sentiment-lexicon.ts";
import { normaliseSpoken } from "./spoken.ts";
import { type Token, tokenize } from "./tokenize.ts";

const TONE_PUNCT: ReadonlySet<string> = new Set(["!", "?", "!!", "??", "?!", "..."]);

/**
 * Unigram form of one token (without negation), or null when the token emits nothing.
 * Exposed for callers that build their own features over the same tokens.
 */
export function tokenForm(tok: Token, lang: Lang): string | null {
  switch (tok.kind) {
    case "word":
      return stem(tok.text, lang);
    case "number":
      return "<num>";
    case "punct":
      return TONE_PUNCT.has(tok.text) ? tok.text : null;
    default:
      return tok.text;
  }
}

/** Calls `visit` with every feature string of `text`, in the order documented above; no array is built. */
export function visitTextFeatures(
  text: string,
  lang: Lang,
  visit: (feature: string) => void,
  lexicon?: SentimentLexicon,
): void {
  // Spoken forms folded as the analyzer folds them (spoken.ts), so models learn what they will read.
  visitTokenFeatures(normaliseSpoken(tokenize(text), lang), lang, visit, lexicon);
}

/** visitTextFeatures over tokens the caller already has (the analyzer tokenizes each text once). */
export function visitTokenFeatures(
  tokens: readonly Token[],
  lang: Lang,
  visit: (feature: string) => void,
  lexicon?: SentimentLexicon,
): void {
  const marks = negationScope(tokens, lang);
  let prev: string | null = null;
  for (let i = 0; i < tokens.length; i++) {
    const tok = tokens[i];
    if (tok === undefined) continue;
    const base = tokenForm(tok, lang);
    if (base === null || tok.kind === "punct") {
      if (base !== null) visit(base);
      prev = null;
      continue;
    }
    const prefix = MARK_PREFIX[marks[i] as number] as string;
    const form = prefix + base;
    visit(form);
    if (lexicon && tok.kind === "word") {
      const lex = lexiconFeature(lexicon.score(tok.text));
      if (lex !== null) visit(prefix + lex);
    }
    if (lang === "fi" && tok.kind === "word") {
      const parts = compoundParts(tok.text);
      for (const part of parts) visit(prefix + part);
    }
    if (prev !== null) visit(`${prev} ${form}`);
    prev = form;
  }
}

/**
 * All unigram and bigram feature strings of `text` for a model of language `lang` (see the module
 * comment for the scheme). Use visitTextFeatures to hash without building the array.
 */
export function textFeatures(text: string, lang: Lang, lexicon?: SentimentLexicon): string[] {
  const out: string[] = [];
  visitTextFeatures(
    text,
    lang,
    (f) => {
      out.push(f);
    },
    lexicon,
  );
  return out;
}

/** Marks a character n-gram feature, so that no gram collides with a unigram, a bigram or a cue. */
export const GRAM_MARK = "#";

/**
 * The character n-grams of one word, for a model that reads them (the themes model: its
 * `charGrams`): every run of `n` characters of the word wrapped in "<" and ">", each marked with
 * GRAM_MARK; none for a word shorter than `n`. They let a model recognise an inflected or compound
 * form it never saw whole ("laskutusvirheestä" shares "lask", "virh"… with "laskussa virhe"),
 * which Finnish stemming alone misses. Not negated: a topic stays the topic when it is denied.
 *
 * @example wordGrams("lasku", 4) // → ["#<las", "#lask", "#asku", "#sku>"]
 */
export function wordGrams(word: string, n: number): string[] {
  if (word.length < n) return [];
  const wrapped = `<${word}>`;
  const out: string[] = [];
  for (let i = 0; i + n <= wrapped.length; i++) out.push(GRAM_MARK + wrapped.slice(i, i + n));
  return out;
}

/** Calls `visit` with the character n-grams (wordGrams) of every word token, in token order. */
export function visitWordGrams(tokens: readonly Token[], n: number, visit: (feature: string) => void): void {
  for (const tok of tokens) if (tok.kind === "word") for (const g of wordGrams(tok.text, n)) visit(g);
}
