/**
 * A model's scores summed word by word: a word always adds the same weights (its unigram, lexicon
 * feature and compound parts, negated or not, and its character n-grams when the model reads them:
 * features.ts wordGrams), so their sum per label is computed once per distinct word, negation and
 * model, and a text's scores add one vector per word instead of one weight row per bucket; only the
 * bigrams and the non-word tokens' buckets are read one by one. The themes model (28 labels, a
 * 4-gram model reading about ten buckets per word) is the analyzer's most costly read, and its rows
 * are scattered over megabytes of weights. Equal to `model.scores()` of the buckets followed by
 * every n-gram of `visitWordGrams` hashed, up to rounding (word-scores.test.ts holds it to that).
 *
 * The sums live in the word's memoised record (feature-buckets.ts: WordFeatures.slot), one model at
 * a time: the analyzer reads each language's words with its one themes model, so the slot is found
 * at once; a second model on the same words replaces it (still right, only slower).
 *
 * @example scoresByWord(themes, hashTokenBuckets(tokens, "fi", 18, lexicon))
 */
import type { TokenBuckets, WordFeatures } from "../text/feature-buckets.ts";
import { wordGrams } from "../text/features.ts";
import { hashFeature } from "./feature-hashing.ts";
import { addRow, type CompactWeights, type LinearModel } from "./linear-model.ts";

/** One model's sums for a word: per negation mark (0 plain, 1 negated, 2 conceded), L label sums then the feature count. */
interface WordSums {
  model: LinearModel;
  sums: [Float64Array | null, Float64Array | null, Float64Array | null];
}

function sumsOf(
  model: LinearModel,
  compact: CompactWeights,
  word: WordFeatures,
  mark: number,
  buckets: Uint32Array,
  start: number,
  length: number,
): Float64Array {
  let slot = word.slot as WordSums | undefined;
  if (slot === undefined || slot.model !== model) {
    slot = { model, sums: [null, null, null] };
    word.slot = slot;
  }
  const found = slot.sums[mark as 0 | 1 | 2];
  if (found) return found;
  const { bits, charGrams } = model.data;
  const L = model.labels.length;
  const sum = new Float64Array(L + 1);
  for (let i = start; i < start + length; i++) addRow(sum, compact, buckets[i] as number, L);
  const grams = charGrams ? wordGrams(word.word, charGrams) : [];
  for (const g of grams) addRow(sum, compact, hashFeature(g, bits), L);
  sum[L] = length + grams.length;
  slot.sums[mark as 0 | 1 | 2] = sum;
  return sum;
}

/**
 * `model.scores()` of `tb.buckets` followed by the character n-grams of its words when the model
 * reads them (its `charGrams`).
 */
export function scoresByWord(model: LinearModel, tb: TokenBuckets): Float64Array {
  const compact = model.compact;
  // A model still being trained (training/theme-cv.ts reads fold models through the analyzer) may
  // change its weights: nothing is memoised, its buckets and n-grams are read one by one.
  if (!compact) return unfrozenScores(model, tb);
  const L = model.labels.length;
  const { buckets, runs, words } = tb;
  const out = new Float64Array(L);
  let n = 0;
  let pos = 0;
  for (let r = 0; r <= words.length; r++) {
    // The buckets before this word's run (bigrams, other tokens), then the run as one vector.
    const start = r < words.length ? (runs[3 * r] as number) : buckets.length;
    n += start - pos;
    for (; pos < start; pos++) addRow(out, compact, buckets[pos] as number, L);
    if (r === words.length) break;
    const length = runs[3 * r + 1] as number;
    const sum = sumsOf(
      model,
      compact,
      words[r] as WordFeatures,
      runs[3 * r + 2] as number,
      buckets,
      start,
      length,
    );
    for (let l = 0; l < L; l++) out[l] = (out[l] as number) + (sum[l] as number);
    n += sum[L] as number;
    pos = start + length;
  }
  return model.finish(out, n);
}

/** scoresByWord for a model that is not frozen: the definition, every bucket and n-gram hashed. */
function unfrozenScores(model: LinearModel, tb: TokenBuckets): Float64Array {
  const { bits, charGrams } = model.data;
  if (!charGrams) return model.scores(tb.buckets);
  const all = Array.from(tb.buckets);
  for (const w of tb.words) for (const g of wordGrams(w.word, charGrams)) all.push(hashFeature(g, bits));
  return model.scores(Uint32Array.from(all));
}
