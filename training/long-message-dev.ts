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
};

function score(name: string, lang: "fi" | "en", polar: ToneLine[], neutral: ToneLine[]) {
  const messages = buildMessages(polar, neutral);
  if (messages.length === 0) {
    console.log(`  ${name}: no data`);
    return;
  }
  const right: Record<string, number> = { shipped: 0, "whole text": 0 };
  for (const m of messages) {
    const shipped = analyzer.analyzeText(m.text, lang);
    const whole = analyzer.analyzeText(m.text, lang, { wholeText: true }).tone;
    if (shipped.tone.label === m.tone) right.shipped = (right.shipped ?? 0) + 1;
    if (whole.label === m.tone) right["whole text"] = (right["whole text"] ?? 0) + 1;
    const parts = (shipped.sentences ?? []).map((s) => s.tone);
    for (const [rule, f] of Object.entries(ROLLUPS))
      if (labelOf(f(whole, parts)) === m.tone) right[rule] = (right[rule] ?? 0) + 1;
  }
  console.log(`  ${name} (n=${messages.length})`);
  for (const [rule, n] of Object.entries(right))
    console.log(`    ${(n / messages.length).toFixed(3)}  ${rule}`);
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
