/**
 * The themes model's scores with its words' character n-grams (features.ts: wordGrams), fast: a
 * word's n-grams always add the same weights, so their sum per label is computed once per distinct
 * word and model and memoised, and a text's scores add one vector per word instead of one bucket
 * per n-gram (a 4-gram model reads about five n-grams per word). Equal to
 * `model.scores()` of the buckets followed by every n-gram of `visitWordGrams` hashed, up to rounding
 * (word-gram-scores.test.ts holds it to that).
 *
 * @example scoresWithWordGrams(themes, hashTokenFeatures(tokens, "fi", 18), tokens)
 */
import { wordGrams } from "../text/features.ts";
import type { Token } from "../text/tokenize.ts";
import { memoByWord } from "../text/word-memo.ts";
import { hashFeature } from "./feature-hashing.ts";
import type { LinearModel } from "./linear-model.ts";

/** One word's n-grams in a model: their weights summed per label, and how many they are. */
interface WordGramSum {
  sum: Float64Array;
  count: number;
}

const memos = new WeakMap<LinearModel, (word: string) => WordGramSum>();

function sumsOf(model: LinearModel, n: number): (word: string) => WordGramSum {
  let memo = memos.get(model);
  if (!memo) {
    const { weights, bits } = model.data;
    const L = model.labels.length;
    memo = memoByWord((word) => {
      const grams = wordGrams(word, n);
      const sum = new Float64Array(L);
      for (const g of grams) {
        const base = hashFeature(g, bits) * L;
        for (let l = 0; l < L; l++) sum[l] = (sum[l] as number) + (weights[base + l] as number);
      }
      return { sum, count: grams.length };
    });
    memos.set(model, memo);
  }
  return memo;
}

/**
 * `model.scores()` of the shared features' `buckets` followed by the character n-grams of `tokens`'
 * words when the model reads them (its `charGrams`); `model.scores(buckets)` when it does not.
 */
export function scoresWithWordGrams(
  model: LinearModel,
  buckets: Uint32Array,
  tokens: readonly Token[],
): Float64Array {
  const n = model.data.charGrams;
  if (!n) return model.scores(buckets);
  const sums = sumsOf(model, n);
  const L = model.labels.length;
  const extra = new Float64Array(L);
  let count = 0;
  for (let i = 0; i < tokens.length; i++) {
    const tok = tokens[i] as Token;
    // A word shorter than n has no n-grams (wordGrams): no lookup.
    if (tok.kind !== "word" || tok.text.length < n) continue;
    const w = sums(tok.text);
    if (w.count === 0) continue;
    count += w.count;
    const sum = w.sum;
    for (let l = 0; l < L; l++) extra[l] = (extra[l] as number) + (sum[l] as number);
  }
  return model.scoresPlus(buckets, extra, count);
}
