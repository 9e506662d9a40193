/**
 * A broad English valence lexicon for the tone model only (models/tone-lexicon-en.json, built from the
 * VADER lexicon by training/build-tone-lexicon.ts; credit in models/README.md). The shared lexicon
 * (sentiment-lexicon.ts) is a few hundred hand-picked customer-service words; this one has ~7,000 words
 * of general English ("masterpiece", "dreadful", "riveting"), so the tone model reads review and chat
 * sentences whose evaluative words the training corpus never contained.
 *
 * Features (tone-only, like the cue features): per word with a valence, its sign and strength
 * ("TLX_POS2"; "NEG_TLX_POS2" inside a negation scope), and the sentence's VADER-style compound score
 * (Hutto & Gilbert 2014: sum of valences, each moved ±0.293 by a booster or dampener among the three
 * words before it, × −0.74 when negated, × 0.5 before the last "but" and × 1.5 after it, plus 0.292
 * per "!" up to four; compound = s / √(s² + 15)) as cumulative bins ("TLC_POS05", "TLC_NEG35", …), whose
 * weights the model learns.
 *
 * @example compound of "not bad at all, but the ending was great!" → bad (−2.5 × −0.74 × 0.5) +
 *   great (3.1 × 1.5) + "!" → s ≈ 6.0 → compound ≈ 0.84 → TLC_POS05, TLC_POS35, TLC_POS65
 */
import { hashFeature } from "../model/feature-hashing.ts";
import { LinearModel } from "../model/linear-model.ts";
import { decodeModel, type EncodedModel } from "../model/model-codec.ts";
import { NEG_PREFIX, negationScope } from "./negation.ts";
import type { Token } from "./tokenize.ts";

/** The version of the lexicon file's format and content; a tone model names the one it was trained with. */
export const TONE_LEXICON_VERSION = "vader-1";

export interface ToneLexiconFile {
  version: string;
  source: string;
  en?: Record<string, number>;
  fi?: Record<string, number>;
}

export class ToneLexicon {
  private readonly words: ReadonlyMap<string, number>;
  constructor(entries: Readonly<Record<string, number>>) {
    this.words = new Map(Object.entries(entries).filter(([, v]) => Number.isFinite(v) && v !== 0));
  }
  /** Valence −4..4 of a lowercase word, 0 if it has none. */
  valence(word: string): number {
    return this.words.get(word) ?? 0;
  }
}

/**
 * What goes with a tone model trained with the lexicon: the lexicon, and the lexicon expert — a small
 * softmax over the lexicon features alone, trained on general text (XED's train part), whose evidence
 * (its scores less its bias) is added, × `weight`, to the tone model's scores: a product of experts
 * (Hinton 2002), so the general-language reading counts even where the customer-service corpus has
 * taught the tone model weights for words that mean little outside it.
 */
export interface ToneLexiconReader {
  lexicon: ToneLexicon;
  /** The tone model was trained with the lexicon features among its own. */
  features: boolean;
  /** `words`: the expert also reads each evaluative word itself ("TLW_love"), not only its valence. */
  expert?: { model: LinearModel; weight: number; words: boolean };
}

/** The lexicon reader of a loaded tone model (model-set.ts attaches it from the model's meta; tone.ts reads it). */
const attached = new WeakMap<object, ToneLexiconReader>();
export function attachToneLexicon(
  model: object,
  meta: Record<string, unknown>,
  words: Record<string, number>,
): void {
  const encoded = meta.toneLexiconExpert as EncodedModel | undefined;
  const weight = Number(meta.toneLexiconExpertWeight ?? 0);
  attached.set(model, {
    lexicon: new ToneLexicon(words),
    features: meta.toneLexiconFeatures !== false,
    ...(encoded && weight > 0
      ? {
          expert: {
            model: new LinearModel(decodeModel(encoded)),
            weight,
            words: meta.toneLexiconExpertWords === true,
          },
        }
      : {}),
  });
}
export function toneLexiconOf(model: object): ToneLexiconReader | undefined {
  return attached.get(model);
}

/**
 * Adds the lexicon expert's evidence on `tokens` to `scores` (in place), × its weight × (1 − `known`),
 * where `known` is the share of the text's features the tone model has weights for: the less of the
 * text the tone model knows, the more the general lexicon counts. Nothing when no word has a valence.
 */
export function addExpertEvidence(
  scores: Float64Array,
  tokens: readonly Token[],
  reader: ToneLexiconReader,
  known: number,
): void {
  const expert = reader.expert;
  if (!expert) return;
  const buckets: number[] = [];
  const bits = expert.model.data.bits;
  visitToneLexiconFeatures(
    tokens,
    reader.lexicon,
    (f) => {
      buckets.push(hashFeature(f, bits));
    },
    expert.words,
  );
  if (buckets.length === 0) return;
  const e = expert.model.scores(Uint32Array.from(buckets));
  const bias = expert.model.data.bias;
  const weight = expert.weight * (1 - known);
  for (let l = 0; l < scores.length; l++)
    scores[l] = (scores[l] as number) + weight * ((e[l] as number) - (bias[l] as number));
}

const set = (s: string): ReadonlySet<string> => new Set(s.split(/\s+/).filter(Boolean));
const BOOSTERS =
  set(`absolutely amazingly awfully completely considerably decidedly deeply enormously entirely
  especially exceptionally extremely fabulously greatly highly hugely incredibly intensely majorly more most
  particularly purely quite really remarkably so substantially thoroughly totally tremendously truly utterly very`);
const DAMPENERS = set(
  "almost barely hardly slightly somewhat little marginally occasionally partly scarcely sort kind kinda",
);
const BOOST = 0.293;
const NEGATION_SCALE = -0.74;
const BINS = [0.05, 0.35, 0.65] as const;

/** Calls `visit` with the lexicon features of `tokens` (nothing when no word has a valence). */
export function visitToneLexiconFeatures(
  tokens: readonly Token[],
  lexicon: ToneLexicon,
  visit: (feature: string) => void,
  words = false,
): void {
  let first = -1;
  for (let i = 0; i < tokens.length; i++) {
    const t = tokens[i];
    if (t?.kind === "word" && lexicon.valence(t.text) !== 0) {
      first = i;
      break;
    }
  }
  if (first < 0) return;
  const marks = negationScope(tokens, "en");
  let lastBut = -1;
  let bangs = 0;
  for (let i = 0; i < tokens.length; i++) {
    const t = tokens[i];
    if (t?.kind === "word" && t.text === "but") lastBut = i;
    else if (t?.kind === "punct" && t.text.includes("!")) bangs += t.text.length;
  }
  let sum = 0;
  for (let i = first; i < tokens.length; i++) {
    const t = tokens[i];
    if (t?.kind !== "word") continue;
    let v = lexicon.valence(t.text);
    if (v === 0) continue;
    const negated = marks[i] !== 0;
    const abs = Math.abs(v);
    visit(`${negated ? NEG_PREFIX : ""}TLX_${v > 0 ? "POS" : "NEG"}${abs >= 2.5 ? 3 : abs >= 1.5 ? 2 : 1}`);
    if (words) visit(`${negated ? NEG_PREFIX : ""}TLW_${t.text}`);
    for (let j = Math.max(0, i - 3); j < i; j++) {
      const b = tokens[j];
      if (b?.kind !== "word") continue;
      const scale = 1 - 0.05 * (i - j - 1);
      if (BOOSTERS.has(b.text)) v += Math.sign(v) * BOOST * scale;
      else if (DAMPENERS.has(b.text)) v -= Math.sign(v) * BOOST * scale;
    }
    if (negated) v *= NEGATION_SCALE;
    if (lastBut >= 0) v *= i < lastBut ? 0.5 : 1.5;
    sum += v;
  }
  if (sum !== 0) sum += Math.sign(sum) * 0.292 * Math.min(bangs, 4);
  const compound = sum / Math.sqrt(sum * sum + 15);
  for (const bin of BINS) {
    if (compound >= bin) visit(`TLC_POS${Math.round(bin * 100)}`);
    else if (compound <= -bin) visit(`TLC_NEG${Math.round(bin * 100)}`);
  }
}
