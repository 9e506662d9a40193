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
  /**
   * `weights` without their empty rows: present on a model loaded to serve (decodeModel reads them
   * from the file, and makes `weights` from them only when read), which is then frozen; absent on one
   * being trained, whose `weights` still change.
   */
  compact?: CompactWeights;
  bias: Float32Array;
  /** Multilabel decision thresholds per label (default 0.5). */
  thresholds?: number[];
  /**
   * The length of the character n-grams of each word (features.ts: wordGrams) this model reads after
   * the shared features; absent: none. The themes model reads 4-grams, the other models none.
   */
  charGrams?: number;
}

/**
 * A served model's weights without their empty rows: most buckets carry no weight (the themes model
 * has weight in 13-16% of its 2^18 rows, 30 MB as floats), so a bucket's entry in `rows` is its row
 * in `values` plus one, or 0 for a row of zeros. A text's buckets are looked up in the index and
 * only rows with weight are read, instead of one scattered 116-byte row per bucket; the sums are the
 * same, since the rows left out add zeros.
 *
 * The index of one language's models is shared (shareRowIndex): bucket b's entries for every model
 * are adjacent, at `b · stride + slot` (`slot` this model's), so the tone model's look-up of a
 * text's buckets brings the emotions and themes models' entries into the processor's cache with it.
 * Each model's own index, 1 MB, was a cache miss per bucket and model (the largest single cost of
 * the emotions model's scores in CPU profiles). A model decoded alone has its own (stride 1, slot 0).
 *
 * The rows stay as the model file holds them, one int8 per weight with a scale per label: a weight
 * is `Math.fround(values[k] · scales[label])`, the float32 that decoding to a Float32Array gave
 * (weightAt), so every sum is the same to the bit; the rows take a quarter of the memory (the themes
 * model's 3.9 MB → 1 MB). Rows decoded to float32 at load were no faster (README, Performance).
 */
export interface CompactWeights {
  /** Per bucket, at `bucket · stride + slot`: its row in `values` plus one, or 0 for a row of zeros. */
  rows: Int32Array;
  stride: number;
  slot: number;
  /** L quantized weights per row with weight, in row order. */
  values: Int8Array;
  /** Per label: a weight is Math.fround(value · scale). */
  scales: Float64Array;
}

/** The weight of `compact`'s value `k` (row-major, L per row), as a float32. */
export function weightAt(compact: CompactWeights, k: number, L: number): number {
  return Math.fround((compact.values[k] as number) * (compact.scales[k % L] as number));
}

/** The row (plus one) of `bucket` in `compact`, 0 for a row of zeros. */
export function rowOf(compact: CompactWeights, bucket: number): number {
  return compact.rows[bucket * compact.stride + compact.slot] as number;
}

/** The dense weights (2^bits rows of L) of compact ones. */
export function denseWeights(compact: CompactWeights, L: number, bits: number): Float32Array {
  const dense = new Float32Array((1 << bits) * L);
  for (let r = 0; r < 1 << bits; r++) {
    const k = rowOf(compact, r);
    if (k > 0) for (let l = 0; l < L; l++) dense[r * L + l] = weightAt(compact, (k - 1) * L + l, L);
  }
  return dense;
}

/**
 * One index for the compact rows of `models` (one language's, of one bucket count): each model's
 * entries for a bucket side by side (CompactWeights). The models' weights stay as they are.
 */
export function shareRowIndex(models: readonly LinearModel[]): void {
  const compacts = models.map((m) => m.compact).filter((c): c is CompactWeights => c !== null);
  const bits = new Set(models.map((m) => m.data.bits));
  if (compacts.length < 2 || bits.size !== 1) return;
  const buckets = 1 << (models[0] as LinearModel).data.bits;
  const stride = compacts.length;
  const rows = new Int32Array(buckets * stride);
  compacts.forEach((c, slot) => {
    for (let b = 0; b < buckets; b++) rows[b * stride + slot] = rowOf(c, b);
  });
  compacts.forEach((c, slot) => {
    c.rows = rows;
    c.stride = stride;
    c.slot = slot;
  });
}

export class LinearModel {
  readonly labels: readonly string[];
  private readonly L: number;
  /**
   * The weights without their empty rows (CompactWeights) of a frozen model (one loaded to serve,
   * whose data carries them); null while training, which writes `data.weights`.
   */
  readonly compact: CompactWeights | null;

  constructor(readonly data: LinearModelData) {
    this.labels = data.labels;
    this.L = data.labels.length;
    // A decoded model's dense weights are only made when read, so its size is checked on the compact rows.
    const rows = data.compact ? data.compact.rows.length / data.compact.stride : data.weights.length / this.L;
    if (rows !== 1 << data.bits || (data.compact && data.compact.values.length % this.L !== 0)) {
      throw new Error(
        `model ${data.name}: expected ${1 << data.bits} rows of ${this.L} weights, got ${rows}`,
      );
    }
    this.compact = data.compact ?? null;
  }

  /** Raw scores per label for already-hashed features. */
  scores(buckets: Uint32Array): Float64Array {
    const L = this.L;
    const out = new Float64Array(L);
    const n = buckets.length;
    if (this.compact) {
      const compact = this.compact;
      for (let i = 0; i < n; i++) addRow(out, compact, buckets[i] as number, L);
    } else {
      const weights = this.data.weights;
      for (let i = 0; i < n; i++) {
        const base = (buckets[i] as number) * L;
        for (let l = 0; l < L; l++) out[l] = (out[l] as number) + (weights[base + l] as number);
      }
    }
    return this.finish(out, n);
  }

  /** `out` (the features' summed weights) divided by √n, n features, plus the bias: the scores. */
  finish(out: Float64Array, n: number): Float64Array {
    const bias = this.data.bias;
    const norm = n > 0 ? 1 / Math.sqrt(n) : 0;
    for (let l = 0; l < this.L; l++) out[l] = (out[l] as number) * norm + (bias[l] as number);
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

/** Adds `bucket`'s row of compact weights to `out` (nothing for a row of zeros). */
export function addRow(out: Float64Array, compact: CompactWeights, bucket: number, L: number): void {
  const k = compact.rows[bucket * compact.stride + compact.slot] as number;
  if (k === 0) return;
  const { values, scales } = compact;
  const base = (k - 1) * L;
  for (let l = 0; l < L; l++)
    out[l] = (out[l] as number) + Math.fround((values[base + l] as number) * (scales[l] as number));
}
