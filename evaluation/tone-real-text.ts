/**
 * Tone on public, human-labelled text that no one in this project wrote, for `npm run eval`
 * (run-eval.ts calls scoreToneRealText per language), each row beside the peers on the same lines:
 *
 * - Finnish: FinnSentiment's held-out 20% (training/tone-data.ts: fixed seed; the tone model trains on
 *   the other 80%, so this is a held-out figure, not an unseen-source one): as it comes (79% neutral),
 *   balanced (equal lines per class, seeded), and its customer-service-like sentences (a fixed word
 *   list). XED's Finnish held-out part (movie subtitles mapped to polarity; no Finnish model trains on XED).
 * - English: the UCI IMDB review sentences (binary: accuracy, neutral counts as a miss for everyone;
 *   no model trains on them), and XED's English held-out part (the English tone model's lexicon expert
 *   trains on XED's English train part, never on this 20%: a held-out figure, like FinnSentiment's).
 * Licences: all CC BY 4.0 (credits in models/README.md). The data lives outside the repository
 * (../shared/data or KOHTAAMO_TONE_DATA); a missing set prints "not found" instead of a figure.
 */
import type { TextAnalyzer } from "../src/analysis/text-analyzer.ts";
import { TONES } from "../training/corpus.ts";
import { f1Scores } from "../training/metrics.ts";
import {
  balanced,
  FINNSENTIMENT_SEED,
  finnSentiment,
  isServiceLike,
  type ToneLine,
  uciImdb,
  xed,
} from "../training/tone-data.ts";
import { PEERS } from "./peers.ts";

const f3 = (x: number) => x.toFixed(3);

export interface Row {
  name: string;
  lines: ToneLine[];
  /** "macro-F1" over three classes, or "accuracy" on binary lines. */
  measure: "macro-F1" | "accuracy";
}

/** Prints a row's figure for Kohtaamo and each peer on the same lines; returns Kohtaamo's labels. */
export async function scoreRow(
  analyzer: TextAnalyzer,
  lang: "fi" | "en",
  row: Row,
  verbose: boolean,
): Promise<string[]> {
  if (row.lines.length === 0) {
    console.log(`    ${row.name}: not found (see training/tone-data.ts)`);
    return [];
  }
  const gold = row.lines.map((l) => l.tone);
  const measure = (predicted: string[]) =>
    row.measure === "accuracy"
      ? predicted.filter((p, i) => p === gold[i]).length / gold.length
      : f1Scores(TONES, gold, predicted).macroF1;
  const results = row.lines.map((l) => analyzer.analyzeText(l.text, lang).tone);
  const ours = results.map((t) => t.label);
  const peers: string[] = [];
  for (const p of PEERS.filter((peer) => peer.langs.includes(lang))) {
    const predicted: string[] = [];
    for (const l of row.lines) predicted.push(await p.tone(l.text, lang));
    peers.push(`${p.name} ${f3(measure(predicted))}`);
  }
  console.log(
    `    ${row.name.padEnd(44)} n=${String(row.lines.length).padEnd(5)} ${row.measure.padEnd(8)} kohtaamo ${f3(measure(ours))}   ${peers.join("   ")}`,
  );
  if (verbose) {
    // Is the confidence worth reading? Accuracy of the most and the least confident halves.
    const order = results
      .map((t, i) => ({ c: t.confidence, ok: t.label === gold[i] }))
      .sort((a, b) => b.c - a.c);
    const half = Math.floor(order.length / 2);
    const acc = (xs: { ok: boolean }[]) => xs.filter((x) => x.ok).length / Math.max(1, xs.length);
    console.log(
      `      accuracy of the more confident half ${f3(acc(order.slice(0, half)))}, of the less confident half ${f3(acc(order.slice(half)))}`,
    );
  }
  return ours;
}

/** The real-text rows of one language (also read by evaluation/tone-quick.ts). */
export function realTextRows(lang: "fi" | "en"): Row[] {
  const rows: Row[] = [];
  if (lang === "fi") {
    const held = finnSentiment("heldout");
    rows.push(
      { name: "FinnSentiment held-out 20%, as it comes", lines: held, measure: "macro-F1" },
      {
        name: "FinnSentiment held-out, balanced",
        lines: balanced(held, 300, FINNSENTIMENT_SEED),
        measure: "macro-F1",
      },
      {
        name: "FinnSentiment held-out, service-like",
        lines: held.filter((l) => isServiceLike(l.text)),
        measure: "macro-F1",
      },
      {
        name: "XED fi held-out (subtitles, never trained)",
        lines: xed("fi", "heldout"),
        measure: "macro-F1",
      },
    );
  } else {
    rows.push(
      { name: "UCI IMDB review sentences (binary)", lines: uciImdb(), measure: "accuracy" },
      {
        name: "XED en held-out (subtitles; expert saw train part)",
        lines: xed("en", "heldout"),
        measure: "macro-F1",
      },
    );
  }
  return rows;
}

export async function scoreToneRealText(analyzer: TextAnalyzer, lang: "fi" | "en", verbose = false) {
  console.log("  tone on public human-labelled text (not written by this project)");
  const rows = realTextRows(lang);
  for (const row of rows) await scoreRow(analyzer, lang, row, verbose);
}
