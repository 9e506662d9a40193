/**
 * Feature hashing ("the hashing trick", Weinberger et al. 2009): a feature string is mapped to
 * one of 2^bits buckets by a 32-bit FNV-1a hash, so a model needs no vocabulary and an unseen
 * word costs nothing. FNV-1a over UTF-16 code units is a few ns per short string.
 *
 * Example: hashFeature("w:lasku", 18) → an integer in [0, 262144).
 */
export function hashFeature(feature: string, bits: number): number {
  return finishHash(continueHash(FNV_OFFSET, feature), bits);
}

/** FNV-1a's starting state: the hash of the empty string, before finishHash. */
export const FNV_OFFSET = 0x811c9dc5;

/**
 * The FNV-1a state after `text`, continuing from `state` (FNV_OFFSET for a string's start): the hash
 * of "a b" is finishHash(continueHash(continueHash(continueHash(FNV_OFFSET, "a"), " "), "b")), so a
 * bigram's bucket is computed from its first word's state without building the joined string.
 */
export function continueHash(state: number, text: string): number {
  let h = state;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return h;
}

/** The bucket of a finished state (continueHash) for 2^bits buckets. */
export function finishHash(state: number, bits: number): number {
  // Fold the high bits in: FNV's low bits alone are weakly mixed for short strings.
  const h = state ^ (state >>> 15);
  return (h >>> 0) & ((1 << bits) - 1);
}

/** Bucket indices of a feature list, duplicates kept (a repeated word counts twice, as in training). */
export function hashFeatures(features: readonly string[], bits: number): Uint32Array {
  const out = new Uint32Array(features.length);
  for (let i = 0; i < features.length; i++) out[i] = hashFeature(features[i] as string, bits);
  return out;
}
