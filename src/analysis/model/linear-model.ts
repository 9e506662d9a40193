import { hashFeatures } from "./feature-hashing.ts";

/**
 * A linear classifier over hashed features: softmax (one label of several, e.g. tone) or
 * one-vs-rest sigmoid (any number of labels, e.g. emotions or themes).
 *
 * score(label) = bias[label] + Σ_f w[f, label] / √n   (n = number of features, so long and short
 * texts are on the same scale); softmax: p = exp(score) / Σ exp; multilabel: p = 1 / (1 + e^-score).
 * Weights are stored feature-major (w[f·L + label]) so one feature's weights are adjacent in memory.
 */
export interface LinearModelData {
  name: string;
  kind: "softmax" | "multilabel";
  labels: string[];
  bits: number;
  weights: Float32Array;
  bias: Float32Array;
  /** Multilabel decision thresholds per label (default 0.5). */
  thresholds?: number[];
  /**
   * The length of the character n-grams of each word (features.ts: wordGrams) this model reads after
   * the shared features; absent: none. The themes model reads 4-grams, the other models none.
   */
  charGrams?: number;
}

export class LinearModel {
  readonly labels: readonly string[];
  private readonly L: number;

  constructor(readonly data: LinearModelData) {
    this.labels = data.labels;
    this.L = data.labels.length;
    if (data.weights.length !== (1 << data.bits) * this.L) {
      throw new Error(
        `model ${data.name}: expected ${(1 << data.bits) * this.L} weights, got ${data.weights.length}`,
      );
    }
  }

  /** Raw scores per label for already-hashed features. */
  scores(buckets: Uint32Array): Float64Array {
    return this.scoresPlus(buckets, null, 0);
  }

  /**
   * scores() of `buckets` and `extraCount` further features whose weights the caller has already
   * summed per label into `extra` (word-gram-scores.ts: a word's n-grams, memoised per word).
   * `extra` becomes the result: the caller hands it over.
   */
  scoresPlus(buckets: Uint32Array, extra: Float64Array | null, extraCount: number): Float64Array {
    const { weights, bias } = this.data;
    const L = this.L;
    const out = extra ?? new Float64Array(L);
    const n = buckets.length + extraCount;
    const norm = n > 0 ? 1 / Math.sqrt(n) : 0;
    for (let i = 0; i < buckets.length; i++) {
      const base = (buckets[i] as number) * L;
      for (let l = 0; l < L; l++) out[l] = (out[l] as number) + (weights[base + l] as number);
    }
    for (let l = 0; l < L; l++) out[l] = (out[l] as number) * norm + (bias[l] as number);
    return out;
  }

  /** Probabilities per label (sum to 1 for softmax; independent for multilabel). */
  predict(features: readonly string[]): Float64Array {
    return this.probabilities(this.scores(hashFeatures(features, this.data.bits)));
  }

  probabilities(scores: Float64Array): Float64Array {
    const p = new Float64Array(scores.length);
    if (this.data.kind === "multilabel") {
      for (let l = 0; l < scores.length; l++) p[l] = 1 / (1 + Math.exp(-(scores[l] as number)));
      return p;
    }
    let max = Number.NEGATIVE_INFINITY;
    for (const s of scores) max = Math.max(max, s);
    let sum = 0;
    for (let l = 0; l < scores.length; l++) {
      p[l] = Math.exp((scores[l] as number) - max);
      sum += p[l] as number;
    }
    for (let l = 0; l < scores.length; l++) p[l] = (p[l] as number) / sum;
    return p;
  }

  threshold(label: number): number {
    return this.data.thresholds?.[label] ?? 0.5;
  }
}
