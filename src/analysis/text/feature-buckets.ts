/**
 * The buckets of a text's features (features.ts), hashed straight from the tokens: what
 * `visitTokenFeatures(tokens, lang, (f) => out.push(hashFeature(f, bits)), lexicon)` gives, in the
 * same order, without building a single feature string. This is the analyzer's hot path (every
 * sentence and clause goes through it): the per-word work — the stem, its hash and its "NEG_" and
 * "CNEG_" forms', the lexicon feature, the compound parts — is done once per distinct word and memoised
 * (word-memo.ts), and a bigram's bucket continues the FNV state of its first word (feature-hashing.ts).
 * features.ts stays the definition: the training code builds the strings from it, and
 * feature-buckets.test.ts holds this one to it over the test corpus.
 *
 * @example hashTokenFeatures(tokenize("ei toimi"), "fi", 18)
 *   // → Uint32Array [hashFeature("ei", 18), hashFeature("NEG_toimi", 18), hashFeature("ei NEG_toimi", 18)]
 */
import { continueHash, FNV_OFFSET, finishHash } from "../model/feature-hashing.ts";
import { compoundParts } from "./compounds.ts";
import { tokenForm } from "./features.ts";
import type { Lang } from "./language.ts";
import { CONCEDED_PREFIX, MARK_PREFIX, NEG_PREFIX, negationScope } from "./negation.ts";
import { lexiconFeature, type SentimentLexicon } from "./sentiment-lexicon.ts";
import type { Token } from "./tokenize.ts";
import { memoByWord } from "./word-memo.ts";

const NEG_STATE = continueHash(FNV_OFFSET, NEG_PREFIX);
const CONCEDED_STATE = continueHash(FNV_OFFSET, CONCEDED_PREFIX);
/** The FNV state a feature starts from, per negationScope mark (none, NEG_, CNEG_). */
const MARK_STATE: readonly number[] = [FNV_OFFSET, NEG_STATE, CONCEDED_STATE];

/**
 * A word's memoised record as the scorers see it: the word, and one slot a scorer may keep its own
 * per-word sums in (model/word-scores.ts keeps one model's summed weights there).
 */
export interface WordFeatures {
  readonly word: string;
  slot: unknown;
}

/**
 * A text's buckets (as hashTokenFeatures gives them) and where each word token's own buckets are in
 * them: its unigram, its lexicon feature and its compound parts, in one run (the bigram that ends at
 * the word is not part of it). A word's run is always the same for the same word, negation and bucket
 * count, so a scorer can sum a run's weights once per word (model/word-scores.ts).
 */
export interface TokenBuckets {
  buckets: Uint32Array;
  /** Per word token, in order: its run's start in `buckets`, its length, and its negationScope mark (0, 1, 2). */
  runs: Int32Array;
  /** Per word token, in order: its memoised record (the same object for every occurrence of the word). */
  words: WordFeatures[];
}

/** Everything a word token contributes, as FNV states (unfinished hashes) of its feature strings. */
interface WordStates extends WordFeatures {
  /** The unigram form (the stem), for a bigram that ends at this word. */
  form: string;
  /** The unigram's state per negationScope mark (plain, negated, conceded). */
  unigram: Int32Array;
  /** The lexicon feature's states per mark, when the word is in the lexicon. */
  lex: Int32Array;
  hasLex: boolean;
  /** Compound parts' states (Finnish), plain, negated and conceded, interleaved. */
  parts: Int32Array;
}

const NO_PARTS = new Int32Array(0);
const NO_LEX = new Int32Array(3);

function wordStates(word: string, lang: Lang, lexicon: SentimentLexicon | undefined): WordStates {
  const form = tokenForm({ text: word, kind: "word", start: 0, end: 0 }, lang) as string;
  const lex = lexicon ? lexiconFeature(lexicon.score(word)) : null;
  const compound = lang === "fi" ? compoundParts(word) : [];
  const parts = compound.length === 0 ? NO_PARTS : new Int32Array(compound.length * 3);
  for (let k = 0; k < compound.length; k++)
    for (let m = 0; m < 3; m++)
      parts[3 * k + m] = continueHash(MARK_STATE[m] as number, compound[k] as string);
  const states = (f: string) => Int32Array.from(MARK_STATE, (start) => continueHash(start, f));
  return {
    word,
    slot: undefined,
    form,
    unigram: states(form),
    lex: lex === null ? NO_LEX : states(lex),
    hasLex: lex !== null,
    parts,
  };
}

/** One memo per lexicon (or none) and language: a word's states depend on both. */
const memos = new WeakMap<object, Map<Lang, (word: string) => WordStates>>();
const NO_LEXICON = {};

function memoFor(lang: Lang, lexicon: SentimentLexicon | undefined): (word: string) => WordStates {
  const key = lexicon ?? NO_LEXICON;
  let byLang = memos.get(key);
  if (!byLang) {
    byLang = new Map();
    memos.set(key, byLang);
  }
  let memo = byLang.get(lang);
  if (!memo) {
    memo = memoByWord((word) => wordStates(word, lang, lexicon));
    byLang.set(lang, memo);
  }
  return memo;
}

/**
 * Reused between calls (the analyzer is synchronous), grown when a text needs more. Module-level
 * with `emit` rather than a closure per call: tsx names every closure it makes (Object.defineProperty).
 */
let scratch = new Uint32Array(1024);
let count = 0;
let bucketBits = 0;
let runScratch = new Int32Array(3 * 256);

function emit(state: number): void {
  if (count === scratch.length) {
    const grown = new Uint32Array(scratch.length * 2);
    grown.set(scratch);
    scratch = grown;
  }
  scratch[count++] = finishHash(state, bucketBits);
}

/** The feature buckets of `tokens` for a model of 2^bits buckets (see the module comment). */
export function hashTokenFeatures(
  tokens: readonly Token[],
  lang: Lang,
  bits: number,
  lexicon?: SentimentLexicon,
): Uint32Array {
  return hashTokenBuckets(tokens, lang, bits, lexicon).buckets;
}

/** hashTokenFeatures, with each word token's run of buckets (TokenBuckets). */
export function hashTokenBuckets(
  tokens: readonly Token[],
  lang: Lang,
  bits: number,
  lexicon?: SentimentLexicon,
): TokenBuckets {
  const states = memoFor(lang, lexicon);
  const marks = negationScope(tokens, lang);
  const words: WordStates[] = [];
  count = 0;
  bucketBits = bits;
  // The previous unigram's state, when there is one to start a bigram.
  let prevState = 0;
  let hasPrev = false;
  for (let i = 0; i < tokens.length; i++) {
    const tok = tokens[i] as Token;
    const mark = marks[i] as number;
    let state: number;
    let form: string;
    if (tok.kind === "word") {
      const w = states(tok.text);
      const start = count;
      form = w.form;
      state = w.unigram[mark] as number;
      emit(state);
      if (w.hasLex) emit(w.lex[mark] as number);
      for (let k = mark; k < w.parts.length; k += 3) emit(w.parts[k] as number);
      const r = 3 * words.length;
      if (r + 3 > runScratch.length) {
        const grown = new Int32Array(runScratch.length * 2);
        grown.set(runScratch);
        runScratch = grown;
      }
      runScratch[r] = start;
      runScratch[r + 1] = count - start;
      runScratch[r + 2] = mark;
      words.push(w);
    } else {
      const base = tokenForm(tok, lang);
      if (base === null || tok.kind === "punct") {
        if (base !== null) emit(continueHash(FNV_OFFSET, base));
        hasPrev = false;
        continue;
      }
      form = base;
      state = continueHash(MARK_STATE[mark] as number, base);
      emit(state);
    }
    if (hasPrev) {
      const joined = continueHash(prevState, " ");
      emit(continueHash(mark === 0 ? joined : continueHash(joined, MARK_PREFIX[mark] as string), form));
    }
    prevState = state;
    hasPrev = true;
  }
  return { buckets: scratch.slice(0, count), runs: runScratch.slice(0, 3 * words.length), words };
}
