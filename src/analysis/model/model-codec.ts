import { type CompactWeights, denseWeights, type LinearModelData } from "./linear-model.ts";

/**
 * The on-disk form of a linear model (models/*.model.json): only the hashed buckets that carry
 * weight are stored, each label's weights quantized to int8 with a per-label scale. A model
 * trained on a few thousand sentences touches tens of thousands of its 2^18 buckets, so this is
 * ~50× smaller than the dense float array, and quantization costs < 0.5% accuracy in practice.
 */
export interface EncodedModel {
  format: "kohtaamo-linear-1";
  name: string;
  kind: "softmax" | "multilabel";
  labels: string[];
  bits: number;
  bias: number[];
  thresholds?: number[];
  /** LinearModelData.charGrams. */
  charGrams?: number;
  /** Per-label dequantization scale: w = int8 · scale. */
  scales: number[];
  /** base64 of a Uint32Array (little-endian) of bucket ids with any non-zero weight. */
  buckets: string;
  /** base64 of an Int8Array, labels.length values per stored bucket. */
  values: string;
  /** Free-form provenance: training data, date, metrics. */
  meta?: Record<string, unknown>;
}

export function encodeModel(model: LinearModelData, meta?: Record<string, unknown>): EncodedModel {
  const L = model.labels.length;
  const n = 1 << model.bits;
  const scales = model.labels.map((_, l) => {
    let max = 0;
    for (let f = 0; f < n; f++) max = Math.max(max, Math.abs(model.weights[f * L + l] as number));
    return max > 0 ? max / 127 : 1;
  });
  const buckets: number[] = [];
  const values: number[] = [];
  for (let f = 0; f < n; f++) {
    const q = model.labels.map((_, l) =>
      Math.round((model.weights[f * L + l] as number) / (scales[l] as number)),
    );
    if (q.some((v) => v !== 0)) {
      buckets.push(f);
      values.push(...q);
    }
  }
  return {
    format: "kohtaamo-linear-1",
    name: model.name,
    kind: model.kind,
    labels: model.labels,
    bits: model.bits,
    bias: Array.from(model.bias),
    ...(model.thresholds ? { thresholds: model.thresholds } : {}),
    ...(model.charGrams ? { charGrams: model.charGrams } : {}),
    scales,
    buckets: Buffer.from(new Uint32Array(buckets).buffer).toString("base64"),
    values: Buffer.from(new Int8Array(values).buffer).toString("base64"),
    ...(meta ? { meta } : {}),
  };
}

export function decodeModel(encoded: EncodedModel): LinearModelData {
  if (encoded.format !== "kohtaamo-linear-1")
    throw new Error(`model ${encoded.name}: unknown format ${encoded.format}`);
  const L = encoded.labels.length;
  const bucketBytes = Buffer.from(encoded.buckets, "base64");
  const buckets = new Uint32Array(bucketBytes.buffer, bucketBytes.byteOffset, bucketBytes.byteLength / 4);
  const valueBytes = Buffer.from(encoded.values, "base64");
  const values = new Int8Array(valueBytes.buffer, valueBytes.byteOffset, valueBytes.byteLength);
  if (values.length !== buckets.length * L) throw new Error(`model ${encoded.name}: corrupt weights`);
  // The stored buckets are the rows with weight: the compact form (linear-model.ts) as it is. The
  // dense array (2^bits rows, 30 MB for the themes model) is made only if something reads it
  // (training code); serving reads the compact rows, so a model loads without it.
  const rows = new Int32Array(1 << encoded.bits);
  for (let i = 0; i < buckets.length; i++) rows[buckets[i] as number] = i + 1;
  // The compact rows are the file's int8 values and scales as they are (linear-model.ts: CompactWeights).
  const compact: CompactWeights = {
    rows,
    stride: 1,
    slot: 0,
    values,
    scales: Float64Array.from(encoded.scales),
  };
  let dense: Float32Array | null = null;
  return {
    name: encoded.name,
    kind: encoded.kind,
    labels: encoded.labels,
    bits: encoded.bits,
    get weights() {
      dense ??= denseWeights(compact, L, encoded.bits);
      return dense;
    },
    compact,
    bias: Float32Array.from(encoded.bias),
    ...(encoded.thresholds ? { thresholds: encoded.thresholds } : {}),
    ...(encoded.charGrams ? { charGrams: encoded.charGrams } : {}),
  };
}
