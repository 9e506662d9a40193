import { describe, expect, it } from "vitest";
import { corpusTexts } from "../../../test/fixtures/analysis/corpus.ts";
import { hashTokenFeatures } from "../text/feature-buckets.ts";
import { visitWordGrams } from "../text/features.ts";
import { normaliseSpoken } from "../text/spoken.ts";
import { tokenize } from "../text/tokenize.ts";
import { hashFeature } from "./feature-hashing.ts";
import { LinearModel } from "./linear-model.ts";
import { loadModelSet } from "./model-set.ts";
import { MODELS_DIR } from "./models-dir.ts";
import { scoresWithWordGrams } from "./word-gram-scores.ts";

const texts = corpusTexts().slice(0, 600);
const set = loadModelSet(MODELS_DIR);

/** A themes-like model of `bits` buckets with seeded weights, reading `charGrams`-grams. */
function seededModel(bits: number, charGrams: number | undefined): LinearModel {
  const labels = ["a", "b", "c"];
  const weights = new Float32Array((1 << bits) * labels.length);
  let x = 12345;
  for (let i = 0; i < weights.length; i++) {
    x = (x * 1103515245 + 12345) & 0x7fffffff;
    weights[i] = (x / 0x7fffffff - 0.5) * 4;
  }
  return new LinearModel({
    name: "seeded",
    kind: "multilabel",
    labels,
    bits,
    weights,
    bias: Float32Array.from([0.1, -0.2, 0.3]),
    ...(charGrams ? { charGrams } : {}),
  });
}

describe("scoresWithWordGrams", () => {
  it("equals the model's scores over the buckets followed by the words' n-gram buckets", () => {
    for (const model of [
      seededModel(12, 4),
      seededModel(12, 3),
      set.models.fi.themes,
      set.models.en.themes,
    ]) {
      const n = model.data.charGrams;
      for (const lang of ["fi", "en"] as const) {
        for (const text of ["", "…", "Ei toiminut, asiakaspalvelu huono 😡", ...texts]) {
          const tokens = normaliseSpoken(tokenize(text), lang);
          const buckets = hashTokenFeatures(tokens, lang, model.data.bits, set.lexicon[lang]);
          // The definition: the buckets, then every n-gram string of features.ts hashed one by one.
          const all = [...buckets];
          if (n) visitWordGrams(tokens, n, (g) => all.push(hashFeature(g, model.data.bits)));
          const want = model.scores(Uint32Array.from(all));
          const got = scoresWithWordGrams(model, buckets, tokens);
          expect(got.length).toBe(want.length);
          for (let l = 0; l < want.length; l++) expect(got[l]).toBeCloseTo(want[l] as number, 9);
        }
      }
    }
  });

  it("is the plain scores for a model that reads no n-grams", () => {
    const model = seededModel(12, undefined);
    const tokens = tokenize("Lasku oli väärin ja jonotin tunnin");
    const buckets = hashTokenFeatures(tokens, "fi", 12);
    expect([...scoresWithWordGrams(model, buckets, tokens)]).toEqual([...model.scores(buckets)]);
  });

  it("changes the scores when a word's n-grams carry weight (the n-grams are read at all)", () => {
    const model = seededModel(12, 4);
    const tokens = tokenize("laskutusvirheestä");
    const buckets = hashTokenFeatures(tokens, "fi", 12);
    expect([...scoresWithWordGrams(model, buckets, tokens)]).not.toEqual([...model.scores(buckets)]);
  });
});
