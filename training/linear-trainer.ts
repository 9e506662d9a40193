import { hashFeatures } from "../src/analysis/model/feature-hashing.ts";
import { LinearModel, type LinearModelData } from "../src/analysis/model/linear-model.ts";

/** One training example: feature strings and the indices of its labels (exactly one for softmax). */
export interface Example {
  features: string[];
  labels: number[];
}

export interface TrainOptions {
  name: string;
  kind: "softmax" | "multilabel";
  labels: string[];
  bits?: number;
  epochs?: number;
  learningRate?: number;
  /** L2 penalty per update, scaled by the learning rate. */
  l2?: number;
  seed?: number;
  /** Weight examples so every label contributes equally (softmax), or positives vs negatives (multilabel). */
  balance?: boolean;
  /**
   * Feature dropout (training only): each time an example is seen, each of its features is left out
   * with this probability, so the model cannot lean on a few words alone and spreads its weight over
   * the rest of the evidence (other words, their character n-grams). The served model is unchanged
   * in form; the remaining features are normalised as LinearModel.scores does (1/√n).
   */
  dropout?: number;
  /**
   * Iterate averaging (Polyak & Juditsky 1992): from this epoch on (0-based), the weights returned are
   * the mean of the weights at the end of each epoch rather than the last ones, which smooths the
   * noise of the last updates (dropout makes each epoch's weights wander). Unset: the last weights.
   */
  averageFrom?: number;
}

/**
 * Logistic regression (softmax or one-vs-rest) over hashed features, trained with AdaGrad SGD
 * (Duchi, Hazan & Singer 2011). The same √n feature normalisation as LinearModel.scores is used,
 * so what is trained is exactly what is served. Deterministic for a given seed.
 */
export function trainLinear(examples: Example[], o: TrainOptions): LinearModelData {
  const bits = o.bits ?? 18;
  const L = o.labels.length;
  const weights = new Float32Array((1 << bits) * L);
  const bias = new Float32Array(L);
  const g2 = new Float32Array(weights.length).fill(1e-8);
  const b2 = new Float64Array(L).fill(1e-8);
  const lr = o.learningRate ?? 0.5;
  const l2 = o.l2 ?? 1e-6;
  const hashed = examples.map((e) => hashFeatures(e.features, bits));
  const labelWeight = labelWeights(examples, o);
  const data: LinearModelData = { name: o.name, kind: o.kind, labels: o.labels, bits, weights, bias };
  const model = new LinearModel(data);
  const order = examples.map((_, i) => i);
  let rng = (o.seed ?? 1) >>> 0;
  const rand = () => {
    rng = (Math.imul(rng, 1664525) + 1013904223) >>> 0;
    return rng / 2 ** 32;
  };
  const grad = new Float64Array(L);
  const dropout = o.dropout ?? 0;
  const kept = new Uint32Array(hashed.reduce((m, h) => Math.max(m, h.length), 0));
  const epochs = o.epochs ?? 12;
  const averaged =
    o.averageFrom !== undefined && o.averageFrom < epochs
      ? { weights: new Float64Array(weights.length), bias: new Float64Array(L), n: 0 }
      : null;
  for (let epoch = 0; epoch < epochs; epoch++) {
    for (let i = order.length - 1; i > 0; i--) {
      const j = Math.floor(rand() * (i + 1));
      [order[i], order[j]] = [order[j] as number, order[i] as number];
    }
    for (const idx of order) {
      const all = hashed[idx] as Uint32Array;
      let buckets = all;
      if (dropout > 0) {
        let n = 0;
        for (let k = 0; k < all.length; k++) if (rand() >= dropout) kept[n++] = all[k] as number;
        buckets = kept.subarray(0, n);
      }
      const ex = examples[idx] as Example;
      const p = model.probabilities(model.scores(buckets));
      for (let l = 0; l < L; l++) {
        const y = ex.labels.includes(l) ? 1 : 0;
        const w =
          o.kind === "softmax" ? (labelWeight[ex.labels[0] as number] ?? 1) : y ? (labelWeight[l] ?? 1) : 1;
        grad[l] = ((p[l] as number) - y) * w;
      }
      const norm = buckets.length > 0 ? 1 / Math.sqrt(buckets.length) : 0;
      for (let l = 0; l < L; l++) {
        const g = grad[l] as number;
        b2[l] = (b2[l] as number) + g * g;
        bias[l] = (bias[l] as number) - (lr * g) / Math.sqrt(b2[l] as number);
      }
      for (let k = 0; k < buckets.length; k++) {
        const base = (buckets[k] as number) * L;
        for (let l = 0; l < L; l++) {
          const i = base + l;
          const g = (grad[l] as number) * norm + l2 * (weights[i] as number);
          g2[i] = (g2[i] as number) + g * g;
          weights[i] = (weights[i] as number) - (lr * g) / Math.sqrt(g2[i] as number);
        }
      }
    }
    if (averaged && epoch >= (o.averageFrom as number)) {
      for (let i = 0; i < weights.length; i++)
        averaged.weights[i] = (averaged.weights[i] as number) + (weights[i] as number);
      for (let l = 0; l < L; l++) averaged.bias[l] = (averaged.bias[l] as number) + (bias[l] as number);
      averaged.n++;
    }
  }
  if (averaged) {
    for (let i = 0; i < weights.length; i++) weights[i] = (averaged.weights[i] as number) / averaged.n;
    for (let l = 0; l < L; l++) bias[l] = (averaged.bias[l] as number) / averaged.n;
  }
  return data;
}

function labelWeights(examples: Example[], o: TrainOptions): number[] {
  const L = o.labels.length;
  if (!o.balance) return new Array(L).fill(1);
  const counts = new Array(L).fill(0);
  for (const e of examples) for (const l of e.labels) counts[l]++;
  if (o.kind === "softmax") {
    const mean = examples.length / L;
    return counts.map((c) => (c > 0 ? mean / c : 1));
  }
  // One-vs-rest: up-weight the rare positives, capped so a handful of examples cannot dominate.
  return counts.map((c) => (c > 0 ? Math.min(8, Math.sqrt((examples.length - c) / c)) : 1));
}

/** Per-label thresholds that maximise F1 on held-out development examples (multilabel models). */
export function tuneThresholds(model: LinearModel, dev: Example[]): number[] {
  return bestThresholds(
    dev.map((e) => model.predict(e.features)),
    dev,
    model.labels.length,
    { from: 0.15, to: 0.851, step: 0.05 },
  );
}

/**
 * Per label, the threshold on `probs` (one per example) at which the decisions reach their best
 * F-beta against the examples' labels, searched from `from` to `to` by `step`; the first best wins.
 */
export function bestThresholds(
  probs: readonly Float64Array[],
  examples: readonly Example[],
  labels: number,
  range: { from: number; to: number; step: number; beta?: number },
): number[] {
  const b2 = (range.beta ?? 1) ** 2;
  return Array.from({ length: labels }, (_, l) => {
    let best = 0.5;
    let bestScore = -1;
    for (let t = range.from; t <= range.to; t += range.step) {
      let tp = 0;
      let fp = 0;
      let fn = 0;
      examples.forEach((e, i) => {
        const predicted = ((probs[i] as Float64Array)[l] as number) >= t;
        const actual = e.labels.includes(l);
        if (predicted && actual) tp++;
        else if (predicted) fp++;
        else if (actual) fn++;
      });
      const score = tp === 0 ? 0 : ((1 + b2) * tp) / ((1 + b2) * tp + b2 * fn + fp);
      if (score > bestScore + 1e-9) {
        bestScore = score;
        best = Math.round(t * 100) / 100;
      }
    }
    return best;
  });
}
