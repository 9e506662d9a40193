/**
 * Tone on 120 sentences of customer feedback that carry "never/ever" with a negation (60 Finnish, 60
 * English; test/fixtures/analysis/never-so-lines.jsonl), written and labelled for it by a helper who
 * saw no rule, model or example of this project: "never … so/such" superlatives ("En ole ikinä nähnyt
 * näin sekavaa laskua"), plain never-statements, comparisons with a stated standard, and commands
 * ("Älkää ikinä lopettako…"). Prints the share of lines whose tone label matches, per language.
 * Given another file of the same shape, reads that instead: negated-comparative-lines.jsonl holds 120
 * more by another helper ("ei voisi olla parempaa", "en voi kuin kehua", "isn't any better than").
 *
 * @example node --import tsx evaluation/never-so.ts
 * @example node --import tsx evaluation/never-so.ts test/fixtures/analysis/negated-comparative-lines.jsonl
 */
import fs from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { loadDefaultAnalyzer } from "../src/analysis/default-analyzer.ts";

const file =
  process.argv[2] ??
  path.resolve(
    path.dirname(fileURLToPath(import.meta.url)),
    "../test/fixtures/analysis/never-so-lines.jsonl",
  );
const lines = fs
  .readFileSync(file, "utf8")
  .split("\n")
  .filter(Boolean)
  .map((l) => JSON.parse(l) as { lang: "fi" | "en"; text: string; tone: string });
const analyzer = loadDefaultAnalyzer();
for (const lang of ["fi", "en"] as const) {
  const mine = lines.filter((l) => l.lang === lang);
  const right = mine.filter((l) => analyzer.analyzeText(l.text, lang).tone.label === l.tone).length;
  console.log(`${lang}: ${right} of ${mine.length} tone labels right`);
}
