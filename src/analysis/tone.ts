/**
 * Tone of one text or clause: the tone model over the shared features plus the tone-only cue
 * features (text/tone-cues.ts), then the cue rule — a customer who names a delay, a queue, a double
 * charge, a dropped call or a missing call-back is complaining, whatever else the sentence says,
 * unless the cue is negated ("ei tarvinnut jonottaa"), asked about ("Onko tilaus myöhässä?") or
 * conceded ("…, mutta kuljettaja oli ystävällinen"), doubted ("taisi katketa"), framed by an
 * apology, compensation or notice ("pahoittelemme viivästystä", "korvaus myöhästymisestä"), or named
 * only as a topic ("katkos", "the delay"). It overrides a neutral reading and a weak positive one
 * (below WEAK_POSITIVE), not a confident positive: a sentence that says how well a delay was handled
 * has positive words of its own. Agent and bot turns are left to the model.
 *
 * Every label carries a confidence in 0..1: the model's probability of the label, or for a label the
 * cue rule holds, the higher of 0.7 and the model's P(negative), moved up 0.05 per intensifier
 * ("taas", "yli", "todella") and down 0.1 per hedge ("vähän", "hieman", "a bit"), within 0.55..0.95.
 */
import { hashFeature } from "./model/feature-hashing.ts";
import { type LinearModel, rowOf } from "./model/linear-model.ts";
import type { Token } from "./text/tokenize.ts";
import { activeCues, type ToneCues, toneCues, visitToneCueFeatures } from "./text/tone-cues.ts";
import {
  addExpertEvidence,
  type ToneLexicon,
  toneLexiconOf,
  visitToneLexiconFeatures,
} from "./text/tone-lexicon.ts";

export type ToneLabel = "negative" | "neutral" | "positive";

export interface ToneReading {
  label: ToneLabel;
  /** P(positive) − P(negative), in −1..1. */
  score: number;
  /** How sure the label is, 0..1 (0 when there was nothing to read). */
  confidence: number;
}

/**
 * The tone-only features hashed for a model with `bits` buckets, appended to the shared ones: the cue
 * features, and the tone lexicon's (text/tone-lexicon.ts) when the model was trained with one.
 */
export function withCueBuckets(
  shared: Uint32Array,
  cues: ToneCues,
  bits: number,
  lexicon?: { lexicon: ToneLexicon; tokens: readonly Token[] },
): Uint32Array {
  const extra: number[] = [];
  if (cues.cues.length > 0) visitToneCueFeatures(cues, (f) => extra.push(hashFeature(f, bits)));
  if (lexicon)
    visitToneLexiconFeatures(lexicon.tokens, lexicon.lexicon, (f) => extra.push(hashFeature(f, bits)));
  if (extra.length === 0) return shared;
  const out = new Uint32Array(shared.length + extra.length);
  out.set(shared);
  out.set(extra, shared.length);
  return out;
}

export function readTone(
  model: LinearModel,
  shared: Uint32Array,
  tokens: readonly Token[],
  lang: string,
  speaker?: "customer" | "agent" | "bot",
): ToneReading {
  if (shared.length === 0) return { label: "neutral", score: 0, confidence: 0 };
  const cues = toneCues(tokens, lang);
  const reader = toneLexiconOf(model);
  const scores = model.scores(
    withCueBuckets(
      shared,
      cues,
      model.data.bits,
      reader?.features ? { lexicon: reader.lexicon, tokens } : undefined,
    ),
  );
  if (reader?.expert) addExpertEvidence(scores, tokens, reader, knownShare(model, shared));
  const p = model.probabilities(scores);
  const labels = model.labels as readonly ToneLabel[];
  let best = 0;
  for (let i = 1; i < p.length; i++) if ((p[i] as number) > (p[best] as number)) best = i;
  let label = labels[best] as ToneLabel;
  let score = probOf(p, labels, "positive") - probOf(p, labels, "negative");
  let confidence = p[best] as number;
  if (speaker !== "agent" && speaker !== "bot" && activeCues(cues).length > 0) {
    // A confident positive reading has positive words of its own ("the staff handled the delay
    // well"): the speaker weighed the event and the model already read that; a weak one has not.
    if (label === "neutral" || (label === "positive" && confidence < WEAK_POSITIVE)) {
      label = "negative";
      confidence = cueConfidence(Math.max(0.7, probOf(p, labels, "negative")), cues);
      score = Math.min(score, -(confidence - 0.2));
    } else confidence = cueConfidence(Math.max(0.7, confidence), cues);
  }
  return { label, score: round(score), confidence: round(confidence) };
}

// Module-level rather than closures in readTone: it runs for every sentence and clause, and a
// closure made per call costs more than its work (tsx names each one).
function probOf(p: Float64Array, labels: readonly ToneLabel[], label: ToneLabel): number {
  return p[labels.indexOf(label)] ?? 0;
}

/**
 * Intensifiers and hedges move the confidence of a cue-held label, from the model's own
 * probability of "negative" or 0.7, whichever is higher.
 */
function cueConfidence(base: number, cues: ToneCues): number {
  return Math.min(0.95, Math.max(0.55, base + 0.05 * cues.intensifiers - 0.1 * cues.hedges));
}

/** The share of `buckets` that carry any weight in `model`: how much of the text it learned something about. */
function knownShare(model: LinearModel, buckets: Uint32Array): number {
  let known = 0;
  const compact = model.compact;
  if (compact) {
    for (let i = 0; i < buckets.length; i++) if (rowOf(compact, buckets[i] as number) !== 0) known++;
  } else {
    const w = model.data.weights;
    const L = model.labels.length;
    for (const b of buckets) {
      for (let l = 0; l < L; l++) {
        if (w[b * L + l] !== 0) {
          known++;
          break;
        }
      }
    }
  }
  return buckets.length > 0 ? known / buckets.length : 0;
}

/** Below this probability a positive reading gives way to a held complaint. */
const WEAK_POSITIVE = 0.6;

function round(x: number): number {
  return Math.round(x * 1000) / 1000;
}
