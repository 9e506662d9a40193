/**
 * Development figures for tone on the tone-only development sets (training/dev/tone-*-{fi,en}.jsonl:
 * customer messages labelled with their tone alone by fresh authors, never trained on), beside the
 * peers `npm run eval` runs (evaluation/peers.ts), so what the tone model learns can be chosen without
 * the evaluation sets:
 *
 *   node --import tsx training/tone-dev.ts [--lang fi|en] [--verbose]
 *
 * Printed per set: macro-F1 of the analyzer as shipped and of each peer (evaluation/tone-real-text.ts:
 * scoreRow, as `npm run eval` prints its real-text rows), Kohtaamo's accuracy, and how many lines of
 * each gold tone it read otherwise; --verbose lists those lines.
 */
import fs from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { z } from "zod";
import { scoreRow } from "../evaluation/tone-real-text.ts";
import { loadDefaultAnalyzer } from "../src/analysis/default-analyzer.ts";
import { readJsonLines, TONES } from "./corpus.ts";
import { f1Scores } from "./metrics.ts";

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const DEV = path.join(ROOT, "training", "dev");
const argv = process.argv.slice(2);
const only = argv.includes("--lang") ? argv[argv.indexOf("--lang") + 1] : undefined;
const verbose = argv.includes("--verbose");

const lineSchema = z.object({
  text: z.string().min(1),
  lang: z.enum(["fi", "en"]),
  tone: z.enum(TONES),
});

const analyzer = loadDefaultAnalyzer();
for (const lang of (["fi", "en"] as const).filter((l) => !only || l === only)) {
  const files = fs
    .readdirSync(DEV)
    .filter((f) => f.startsWith("tone-") && f.endsWith(`-${lang}.jsonl`))
    .sort();
  for (const file of files) {
    const lines = readJsonLines(path.join(DEV, file), lineSchema).map((l) => l.value);
    const gold = lines.map((l) => l.tone);
    // The real-text rows' scoring (as `npm run eval` prints them); a customer's message is the default.
    const ours = await scoreRow(
      analyzer,
      lang,
      { name: `${lang} ${file}`, lines, measure: "macro-F1" },
      false,
    );
    console.log(`      accuracy ${f1Scores(TONES, gold, ours).accuracy.toFixed(3)}`);
    const missed = TONES.map((t) => {
      const n = gold.filter((g) => g === t).length;
      return `${t} ${gold.filter((g, i) => g === t && ours[i] !== t).length}/${n}`;
    });
    console.log(`      read otherwise: ${missed.join(", ")}`);
    if (verbose)
      lines.forEach((l, i) => {
        if (ours[i] !== l.tone) console.log(`    ${l.tone} → ${ours[i]}: ${l.text}`);
      });
  }
}
