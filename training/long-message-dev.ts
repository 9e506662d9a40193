/**
 * Development figures for how a long message's tone is rolled up from its sentences
 * (src/analysis/text-analyzer.ts: rollUpTone), so the rule can be chosen without the evaluation
 * sets `npm run eval` scores (evaluation/long-messages.ts builds its messages from held-out lines;
 * this script never reads those):
 *
 *   node --import tsx training/long-message-dev.ts
 *
 * Messages are put together the same way (evaluation/long-messages.ts: buildMessages) from lines
 * that are not evaluation lines: the training parts of FinnSentiment (fi) and XED (en) — which the
 * tone models learned from, so the sentences are read better than unseen ones would be — and the
 * theme dev sets (training/data/*\/themes-dev-*.jsonl, customer lines never trained on).
 * Printed per source: accuracy of the analyzer as shipped (by sentence), of the whole text read as
 * one piece, and of alternative roll-ups computed from the same sentence readings.
 */
import path from "node:path";
import { fileURLToPath } from "node:url";
import { buildMessages } from "../evaluation/long-messages.ts";
import { loadDefaultAnalyzer } from "../src/analysis/default-analyzer.ts";
import { loadDevUtterances } from "./corpus.ts";
import { finnSentiment, type ToneLine, xed } from "./tone-data.ts";

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const analyzer = loadDefaultAnalyzer();

type Reading = { score: number; label: string; confidence: number };
type RollUp = (whole: Reading, parts: Reading[]) => number;

const labelOf = (score: number, polar = 0.2) =>
  score <= -polar ? "negative" : score >= polar ? "positive" : "neutral";
const peakOf = (parts: Reading[], negativity: number) => {
  const pool = parts.filter((p) => p.confidence > 0);
  let peak = pool[0];
  for (const p of pool)
    if (
      peak === undefined ||
      Math.abs(p.score) * (p.score < 0 ? negativity : 1) >
        Math.abs(peak.score) * (peak.score < 0 ? negativity : 1)
    )
      peak = p;
  return peak?.score ?? 0;
};
const endOf = (parts: Reading[]) => {
  const pool = parts.filter((p) => p.confidence > 0);
  return (pool.findLast((p) => p.label !== "neutral") ?? pool[pool.length - 1])?.score ?? 0;
};
const polarMean = (parts: Reading[]) => {
  const polar = parts.filter((p) => p.label !== "neutral");
  return polar.length === 0 ? 0 : polar.reduce((s, p) => s + p.score, 0) / polar.length;
};

const meanOf = (parts: Reading[]) =>
  parts.length === 0 ? 0 : parts.reduce((s, p) => s + p.score, 0) / parts.length;
const sumOf = (parts: Reading[]) => parts.reduce((s, p) => s + p.score, 0);
/** Mean of the sentences' scores with the peak's and the end's weight raised by peakExtra / endExtra. */
const weightedMean = (
  parts: Reading[],
  peakExtra: number,
  endExtra: number,
  negativity: number,
  endPolar = false,
) => {
  const pool = parts.filter((p) => p.confidence > 0);
  if (pool.length === 0) return 0;
  let peak = 0;
  const intensity = (r: Reading) => Math.abs(r.score) * (r.score < 0 ? negativity : 1);
  for (let i = 1; i < pool.length; i++)
    if (intensity(pool[i] as Reading) > intensity(pool[peak] as Reading)) peak = i;
  let end = pool.length - 1;
  if (endPolar) {
    const k = pool.findLastIndex((p) => p.label !== "neutral");
    if (k >= 0) end = k;
  }
  let sum = 0;
  let weights = 0;
  pool.forEach((r, i) => {
    const w = 1 + (i === peak ? peakExtra : 0) + (i === end ? endExtra : 0);
    sum += w * r.score;
    weights += w;
  });
  return sum / weights;
};
const clip = (x: number) => Math.max(-1, Math.min(1, x));

const ROLLUPS: Record<string, RollUp> = {
  "whole only": (w) => w.score,
  "0.5 whole + 0.25 peak(neg 1.5) + 0.25 end": (w, p) =>
    0.5 * w.score + 0.25 * peakOf(p, 1.5) + 0.25 * endOf(p),
  "0.5 whole + 0.25 peak(neg 1) + 0.25 end": (w, p) => 0.5 * w.score + 0.25 * peakOf(p, 1) + 0.25 * endOf(p),
  "polar sentences' mean": (_w, p) => polarMean(p),
  "0.5 whole + 0.5 polar mean": (w, p) => 0.5 * w.score + 0.5 * polarMean(p),
  "0.5 polar mean + 0.25 peak + 0.25 end": (_w, p) =>
    0.5 * polarMean(p) + 0.25 * peakOf(p, 1.5) + 0.25 * endOf(p),
  "0.5 whole + 0.25 polar mean + 0.25 end": (w, p) => 0.5 * w.score + 0.25 * polarMean(p) + 0.25 * endOf(p),
  "0.5 whole + 0.5 mean of all": (w, p) => 0.5 * w.score + 0.5 * meanOf(p),
  "0.5 whole + 0.5 sum/sqrt(n)": (w, p) =>
    0.5 * w.score + 0.5 * clip(sumOf(p) / Math.sqrt(Math.max(1, p.length))),
  "0.5 whole + 0.25 sum/sqrt(n) + 0.25 end": (w, p) =>
    0.5 * w.score + 0.25 * clip(sumOf(p) / Math.sqrt(Math.max(1, p.length))) + 0.25 * endOf(p),
  "0.5 whole + 0.5 weighted mean (peak +1, last +1)": (w, p) =>
    0.5 * w.score + 0.5 * weightedMean(p, 1, 1, 1),
  "0.5 whole + 0.5 weighted mean (peak +2, last +2)": (w, p) =>
    0.5 * w.score + 0.5 * weightedMean(p, 2, 2, 1),
  "0.5 whole + 0.5 weighted mean (peak(neg 1.5) +1, last +1)": (w, p) =>
    0.5 * w.score + 0.5 * weightedMean(p, 1, 1, 1.5),
  "0.5 whole + 0.5 weighted mean (peak +1, last polar +1)": (w, p) =>
    0.5 * w.score + 0.5 * weightedMean(p, 1, 1, 1, true),
  "0.4 whole + 0.2 peak(neg 1) + 0.2 end + 0.2 polar mean": (w, p) =>
    0.4 * w.score + 0.2 * peakOf(p, 1) + 0.2 * endOf(p) + 0.2 * polarMean(p),
};

const THRESHOLDS = [0.1, 0.15, 0.2, 0.25, 0.3];

/** Messages of SENTENCES_PER_MESSAGE neutral lines: a long message that says nothing polar stays neutral. */
function neutralMessages(neutral: ToneLine[], count: number): { text: string }[] {
  const out: { text: string }[] = [];
  for (let i = 0; i + 8 <= neutral.length && out.length < count; i += 8)
    out.push({
      text: neutral
        .slice(i, i + 8)
        .map((l) => (/[.!?…]["”)]*$/.test(l.text.trim()) ? l.text.trim() : `${l.text.trim()}.`))
        .join(" "),
    });
  return out;
}

function score(name: string, lang: "fi" | "en", polar: ToneLine[], neutral: ToneLine[]) {
  const messages = buildMessages(polar, neutral);
  if (messages.length === 0) {
    console.log(`  ${name}: no data`);
    return;
  }
  const neutrals = neutralMessages([...neutral].reverse(), Math.ceil(messages.length / 2));
  type Row = { polar: number; neutral: number };
  const right = new Map<string, Row>();
  const add = (key: string, kind: keyof Row) => {
    const row = right.get(key) ?? { polar: 0, neutral: 0 };
    row[kind]++;
    right.set(key, row);
  };
  const read = (text: string) => {
    const shipped = analyzer.analyzeText(text, lang);
    const whole = analyzer.analyzeText(text, lang, { wholeText: true }).tone;
    return { shipped, whole, parts: (shipped.sentences ?? []).map((s) => s.tone) };
  };
  for (const [gold, kind, list] of [
    ...messages.map((m) => [m.tone, "polar", m.text] as const),
    ...neutrals.map((m) => ["neutral", "neutral", m.text] as const),
  ]) {
    const { shipped, whole, parts } = read(list);
    if (shipped.tone.label === gold) add("shipped", kind);
    if (whole.label === gold) add("whole text", kind);
    for (const [rule, f] of Object.entries(ROLLUPS))
      for (const t of THRESHOLDS) if (labelOf(f(whole, parts), t) === gold) add(`${rule} @${t}`, kind);
  }
  console.log(`  ${name} (polar n=${messages.length}, neutral n=${neutrals.length}): polar / neutral / mean`);
  const rows = [...right.entries()].map(([rule, r]) => {
    const pa = r.polar / messages.length;
    const na = neutrals.length === 0 ? 0 : r.neutral / neutrals.length;
    return { rule, pa, na, mean: (pa + na) / 2 };
  });
  for (const r of rows.sort((a, b) => b.mean - a.mean).slice(0, 14))
    console.log(`    ${r.pa.toFixed(3)} / ${r.na.toFixed(3)} / ${r.mean.toFixed(3)}  ${r.rule}`);
  const shipped = rows.find((r) => r.rule === "shipped");
  if (shipped)
    console.log(
      `    shipped: ${shipped.pa.toFixed(3)} / ${shipped.na.toFixed(3)} / ${shipped.mean.toFixed(3)}`,
    );
}

for (const lang of ["fi", "en"] as const) {
  console.log(lang);
  const dev = loadDevUtterances(path.join(ROOT, "training", "data", lang)).map((u) => ({
    text: u.text,
    tone: u.tone,
  }));
  score(
    "theme dev sets (customer lines, never trained on)",
    lang,
    dev.filter((l) => l.tone !== "neutral"),
    dev.filter((l) => l.tone === "neutral"),
  );
  const train = lang === "fi" ? finnSentiment("train") : xed("en", "train");
  score(
    `${lang === "fi" ? "FinnSentiment" : "XED en"} training part (learned from: optimistic)`,
    lang,
    train.filter((l) => l.tone !== "neutral").slice(0, 4000),
    train.filter((l) => l.tone === "neutral"),
  );
}
