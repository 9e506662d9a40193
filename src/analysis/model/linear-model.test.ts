import { describe, expect, it } from "vitest";
import { hashFeature } from "./feature-hashing.ts";
import { LinearModel, type LinearModelData } from "./linear-model.ts";
import { decodeModel, encodeModel } from "./model-codec.ts";
import { loadModelSet } from "./model-set.ts";
import { MODELS_DIR } from "./models-dir.ts";

function tinyModel(kind: "softmax" | "multilabel"): LinearModelData {
  const bits = 8;
  const labels = ["negative", "neutral", "positive"];
  const weights = new Float32Array((1 << bits) * labels.length);
  const set = (feature: string, label: number, w: number) => {
    weights[hashFeature(feature, bits) * labels.length + label] = w;
  };
  set("w:huono", 0, 3);
  set("w:hyvä", 2, 3);
  set("w:lasku", 1, 0.5);
  return { name: "tiny", kind, labels, bits, weights, bias: new Float32Array([0, 0.2, 0]) };
}

describe("LinearModel", () => {
  it("scores hashed features and normalises by the square root of their count", () => {
    const m = new LinearModel(tinyModel("softmax"));
    const p = m.predict(["w:huono", "w:lasku"]);
    expect(p.reduce((a, b) => a + b, 0)).toBeCloseTo(1, 10);
    expect(p[0]).toBeGreaterThan(p[2] as number);
    // score(negative) = 3/√2, score(neutral) = 0.5/√2 + 0.2, score(positive) = 0
    const z = [3 / Math.SQRT2, 0.5 / Math.SQRT2 + 0.2, 0];
    const e = z.map(Math.exp);
    const s = e.reduce((a, b) => a + b, 0);
    expect(p[0]).toBeCloseTo((e[0] as number) / s, 6);
  });

  it("gives independent sigmoid probabilities for multilabel models", () => {
    const m = new LinearModel(tinyModel("multilabel"));
    const p = m.predict(["w:hyvä"]);
    expect(p[2]).toBeCloseTo(1 / (1 + Math.exp(-3)), 6);
    expect(p[1]).toBeCloseTo(1 / (1 + Math.exp(-0.2)), 6);
  });

  it("falls back to the bias for a text without features", () => {
    const p = new LinearModel(tinyModel("softmax")).predict([]);
    expect(p[1]).toBeGreaterThan(p[0] as number);
  });

  it("survives encoding: sparse int8 weights predict within quantization error", () => {
    const data = tinyModel("softmax");
    const round = new LinearModel(decodeModel(JSON.parse(JSON.stringify(encodeModel(data)))));
    const orig = new LinearModel(data);
    for (const f of [["w:huono"], ["w:hyvä", "w:lasku"], ["w:unknown"]]) {
      const a = orig.predict(f);
      const b = round.predict(f);
      for (let i = 0; i < a.length; i++) expect(b[i]).toBeCloseTo(a[i] as number, 2);
    }
  });

  it("keeps the length of the character n-grams a model reads through encoding, and none when it reads none", () => {
    const roundTrip = (data: ReturnType<typeof tinyModel>) =>
      decodeModel(JSON.parse(JSON.stringify(encodeModel(data))));
    expect(roundTrip({ ...tinyModel("multilabel"), charGrams: 4 }).charGrams).toBe(4);
    expect(roundTrip(tinyModel("multilabel")).charGrams).toBeUndefined();
  });

  it("scores the same frozen (empty rows left out) as dense, for every shipped model", () => {
    const set = loadModelSet(MODELS_DIR);
    for (const lang of ["fi", "en"] as const) {
      for (const frozen of Object.values(set.models[lang])) {
        expect(frozen.compact).not.toBeNull();
        // The same model as training holds it: its dense weights, no compact rows, so not frozen.
        const { compact: _fromFile, ...data } = frozen.data;
        const dense = new LinearModel(data);
        expect(dense.compact).toBeNull();
        // Buckets with weight and without, repeated, in a seeded order.
        const rows = 1 << frozen.data.bits;
        let x = 7;
        for (let text = 0; text < 200; text++) {
          const buckets = new Uint32Array(1 + (text % 40));
          for (let i = 0; i < buckets.length; i++) {
            x = (Math.imul(x, 1103515245) + 12345) >>> 0;
            buckets[i] = x % rows;
          }
          expect([...frozen.scores(buckets)]).toEqual([...dense.scores(buckets)]);
        }
        // Some rows are empty, so the compact weights are smaller.
        expect(frozen.compact?.values.length).toBeLessThan(frozen.data.weights.length);
      }
    }
  });

  it("is frozen once encoded and decoded (as a model is loaded), and not while it is trained", () => {
    const trained = new LinearModel(tinyModel("multilabel"));
    expect(trained.compact).toBeNull();
    const loaded = new LinearModel(decodeModel(JSON.parse(JSON.stringify(encodeModel(trained.data)))));
    expect(loaded.compact).not.toBeNull();
    // Three buckets carry weight in the tiny model: three compact rows of three labels.
    expect(loaded.compact?.values.length).toBe(9);
  });

  it("refuses weights of the wrong size", () => {
    expect(() => new LinearModel({ ...tinyModel("softmax"), weights: new Float32Array(3) })).toThrow(
      /expected/,
    );
  });
});
