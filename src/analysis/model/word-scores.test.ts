import { describe, expect, it } from "vitest";
import { corpusTexts } from "../../../test/fixtures/analysis/corpus.ts";
import { hashTokenBuckets, hashTokenFeatures } from "../text/feature-buckets.ts";
import { visitWordGrams } from "../text/features.ts";
import { normaliseSpoken } from "../text/spoken.ts";
import { tokenize } from "../text/tokenize.ts";
import { hashFeature } from "./feature-hashing.ts";
import { LinearModel, type LinearModelData } from "./linear-model.ts";
import { decodeModel, encodeModel } from "./model-codec.ts";
import { loadModelSet } from "./model-set.ts";
import { MODELS_DIR } from "./models-dir.ts";
import { scoresByWord } from "./word-scores.ts";

const texts = corpusTexts().slice(0, 600);
const set = loadModelSet(MODELS_DIR);

/**
 * A themes-like model of `bits` buckets with seeded weights, reading `charGrams`-grams; with
 * `sparse`, nine rows in ten are empty (as in a trained model, whose compact rows skip them).
 */
function seededModel(bits: number, charGrams: number | undefined, sparse = false): LinearModel {
  const labels = ["a", "b", "c"];
  const weights = new Float32Array((1 << bits) * labels.length);
  let x = 12345;
  for (let i = 0; i < weights.length; i++) {
    x = (x * 1103515245 + 12345) & 0x7fffffff;
    weights[i] = (x / 0x7fffffff - 0.5) * 4;
  }
  if (sparse) for (let r = 0; r < 1 << bits; r++) if (r % 10 !== 3) weights.fill(0, r * 3, r * 3 + 3);
  // Encoded and decoded, as a shipped model is loaded: frozen, with compact rows.
  const data: LinearModelData = {
    name: "seeded",
    kind: "multilabel",
    labels,
    bits,
    weights,
    bias: Float32Array.from([0.1, -0.2, 0.3]),
    ...(charGrams ? { charGrams } : {}),
  };
  return new LinearModel(decodeModel(encodeModel(data)));
}

/** The definition: the model's scores over the text's buckets followed by its words' n-gram buckets. */
function reference(model: LinearModel, text: string, lang: "fi" | "en"): Float64Array {
  const tokens = normaliseSpoken(tokenize(text), lang);
  const all = [...hashTokenFeatures(tokens, lang, model.data.bits, set.lexicon[lang])];
  const n = model.data.charGrams;
  if (n) visitWordGrams(tokens, n, (g) => all.push(hashFeature(g, model.data.bits)));
  return model.scores(Uint32Array.from(all));
}

function byWord(model: LinearModel, text: string, lang: "fi" | "en"): Float64Array {
  const tokens = normaliseSpoken(tokenize(text), lang);
  return scoresByWord(model, hashTokenBuckets(tokens, lang, model.data.bits, set.lexicon[lang]));
}

function expectClose(got: Float64Array, want: Float64Array, text: string): void {
  expect(got.length).toBe(want.length);
  for (let l = 0; l < want.length; l++) {
    if (Math.abs((got[l] as number) - (want[l] as number)) > 1e-9)
      expect({ text, label: l, got: got[l] }).toEqual({ text, label: l, got: want[l] });
  }
}

// Negated and plain occurrences of the same words, emoji, compounds, placeholders and numbers.
const odd = [
  "",
  "…",
  "Ei toiminut, asiakaspalvelu huono 😡",
  "lasku ei ollut lasku, laskutusvirheestä ei tullut laskua",
  "Soitin 3 kertaa [PHONE] www.x.fi ?! en saanut vastausta, vastaus tuli vasta viikon päästä",
  "I didn't get any answer... the answer never came, no refund :( never again!!",
];

describe("scoresByWord", () => {
  it("equals the model's scores over the buckets followed by the words' n-gram buckets", () => {
    for (const model of [
      seededModel(12, 4),
      seededModel(12, 3),
      seededModel(12, undefined),
      seededModel(12, 4, true),
      set.models.fi.themes,
      set.models.en.themes,
    ]) {
      for (const lang of ["fi", "en"] as const) {
        // Every text twice: the second time its words' sums come from the memo.
        for (const text of [...odd, ...texts, ...odd, ...texts.slice(0, 100)])
          expectClose(byWord(model, text, lang), reference(model, text, lang), text);
      }
    }
  });

  it("stays right when two models take turns on the same words (the memo's slot holds one model)", () => {
    const a = seededModel(12, 4);
    const b = seededModel(12, 3);
    for (const text of [...odd, ...texts.slice(0, 50)]) {
      expectClose(byWord(a, text, "fi"), reference(a, text, "fi"), text);
      expectClose(byWord(b, text, "fi"), reference(b, text, "fi"), text);
    }
  });

  it("reads a model that is not frozen (one still being trained) by the definition, nothing memoised", () => {
    const frozen = seededModel(12, 4);
    const { compact: _rows, ...data } = frozen.data;
    const weights = Float32Array.from(data.weights);
    const training = new LinearModel({ ...data, weights });
    expect(training.compact).toBeNull();
    const text = "lasku ei ollut lasku, laskutusvirheestä ei tullut laskua";
    expectClose(byWord(training, text, "fi"), reference(training, text, "fi"), text);
    // Its weights change (as training changes them): the next read follows them.
    weights.fill(0.25);
    expectClose(byWord(training, text, "fi"), reference(training, text, "fi"), text);
  });

  it("changes the scores when a word's n-grams carry weight (the n-grams are read at all)", () => {
    const model = seededModel(12, 4);
    const tokens = tokenize("laskutusvirheestä");
    const hashed = hashTokenBuckets(tokens, "fi", 12);
    expect([...scoresByWord(model, hashed)]).not.toEqual([...model.scores(hashed.buckets)]);
  });
});
