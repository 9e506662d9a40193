/**
 * Public, human-labelled text for the tone models, read from outside the repository (never
 * committed; see models/README.md for the credits and licences):
 *
 * - FinnSentiment 1.0 (Lindén, Jauhiainen & Hardwick 2023, CC BY 4.0): Finnish Suomi24 forum
 *   sentences, majority polarity of three annotators, lower-cased. `finnSentiment()` splits it
 *   into "train" (80%) and "heldout" (20%) by a seeded hash of the text (seed FINNSENTIMENT_SEED):
 *   the split is fixed, training never reads "heldout", and `npm run eval` scores it.
 * - XED (Öhman, Pàmies, Kajava & Tiedemann 2020, CC BY 4.0): Finnish and English movie subtitles
 *   with emotions, mapped to polarity the dataset's own way (joy, trust → positive; anger, disgust,
 *   fear, sadness → negative; lines with both, or only anticipation/surprise, are left out) plus
 *   its neutral lines. Split 80/20 the same way (seed XED_SEED).
 * - UCI Sentiment Labelled Sentences, IMDB part (Kotzias et al. 2015, CC BY 4.0): 1,000 English
 *   review sentences, binary. Evaluation only: no model trains on it.
 *
 * The folder defaults to ../shared/data beside the repository; KOHTAAMO_TONE_DATA overrides it.
 * A missing file gives an empty list, so training and evaluation still run without the data.
 */
import fs from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { hashFeature } from "../src/analysis/model/feature-hashing.ts";

export type ToneLabel = "negative" | "neutral" | "positive";
export interface ToneLine {
  text: string;
  tone: ToneLabel;
}

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
export const TONE_DATA_DIR = process.env.KOHTAAMO_TONE_DATA ?? path.resolve(ROOT, "..", "shared", "data");

/** Fixed seeds of the held-out splits; changing one changes what "held-out" means. */
export const FINNSENTIMENT_SEED = "finnsentiment-2026-12";
export const XED_SEED = "xed-2026-12";
const HELDOUT_PERCENT = 20;

export type Part = "train" | "heldout";

function partOf(text: string, seed: string): Part {
  const key = text.toLowerCase().replace(/\s+/g, " ").trim();
  return hashFeature(`${seed}:${key}`, 16) % 100 < HELDOUT_PERCENT ? "heldout" : "train";
}

function readLines(file: string): string[] {
  if (!fs.existsSync(file)) return [];
  return fs.readFileSync(file, "utf8").split("\n");
}

/** FinnSentiment lines of one part (train.tsv: `text<TAB>label`, header first). */
export function finnSentiment(part: Part): ToneLine[] {
  const out: ToneLine[] = [];
  for (const line of readLines(path.join(TONE_DATA_DIR, "finnsentiment", "train.tsv")).slice(1)) {
    const tab = line.lastIndexOf("\t");
    if (tab <= 0) continue;
    const text = line.slice(0, tab).trim();
    const tone = line.slice(tab + 1).trim();
    if (text === "" || (tone !== "negative" && tone !== "neutral" && tone !== "positive")) continue;
    if (partOf(text, FINNSENTIMENT_SEED) === part) out.push({ text, tone });
  }
  return out;
}

const XED_POSITIVE = new Set([5, 8]);
const XED_NEGATIVE = new Set([1, 3, 4, 6]);

/** XED lines of one language and part, with the dataset's polarity mapping. */
export function xed(lang: "fi" | "en", part: Part): ToneLine[] {
  const out: ToneLine[] = [];
  const seen = new Set<string>();
  const add = (text: string, tone: ToneLabel) => {
    const t = text.trim();
    if (t.length < 2 || seen.has(t)) return;
    seen.add(t);
    if (partOf(t, XED_SEED) === part) out.push({ text: t, tone });
  };
  for (const line of readLines(path.join(TONE_DATA_DIR, "xed", `${lang}-annotated.tsv`))) {
    const tab = line.lastIndexOf("\t");
    if (tab <= 0) continue;
    const labels = line
      .slice(tab + 1)
      .split(",")
      .map((x) => Number(x.trim()));
    const pos = labels.some((l) => XED_POSITIVE.has(l));
    const neg = labels.some((l) => XED_NEGATIVE.has(l));
    if (pos !== neg) add(line.slice(0, tab), pos ? "positive" : "negative");
  }
  for (const line of readLines(path.join(TONE_DATA_DIR, "xed", `neu_${lang}.txt`))) {
    const cols = line.split("\t");
    if (cols.length >= 2 && cols[1]) add(cols[1], "neutral");
  }
  return out;
}

/** The UCI IMDB review sentences (binary: positive / negative). Evaluation only. */
export function uciImdb(): ToneLine[] {
  const out: ToneLine[] = [];
  for (const line of readLines(path.join(TONE_DATA_DIR, "uci-imdb", "imdb_labelled.txt"))) {
    const m = /^(.*)\t\s*([01])\s*$/.exec(line);
    if (m?.[1]?.trim()) out.push({ text: m[1].trim(), tone: m[2] === "1" ? "positive" : "negative" });
  }
  return out;
}

/**
 * Sentences about the things customer service is about (shops, service, bills, parcels, queues,
 * contracts…), by a fixed list of Finnish word stems chosen before looking at any result; used to
 * report FinnSentiment's held-out figure on its customer-service-like part as well.
 */
const FI_SERVICE_STEMS =
  /(palvelu|asiaka|kauppa|kaupa|myymälä|myyjä|lasku|maksu|hinta|hinna|paketti|paketi|posti|toimitu|tilau|jono|jonot|puhelin|liittymä|sopimu|vakuutu|pankki|pankin|kela|firma|yritys|yrityks|tuote|tuottee|takuu|palautu|laskutu|operaattori|netti|nettiyhte|sähkö|juna|bussi|lento)/;

export function isServiceLike(text: string): boolean {
  return FI_SERVICE_STEMS.test(text.toLowerCase());
}

/** Equal numbers per class (at most `perClass`), picked by a seeded hash so the choice is stable. */
export function balanced(lines: readonly ToneLine[], perClass: number, seed: string): ToneLine[] {
  const by = new Map<ToneLabel, ToneLine[]>();
  for (const l of lines) by.set(l.tone, [...(by.get(l.tone) ?? []), l]);
  const n = Math.min(perClass, ...[...by.values()].map((v) => v.length));
  return [...by.values()].flatMap((v) =>
    [...v]
      .sort((a, b) => hashFeature(`${seed}:${a.text}`, 30) - hashFeature(`${seed}:${b.text}`, 30))
      .slice(0, n),
  );
}
