/**
 * Development figures for Finnish typed without ä, ö and å (src/analysis/text/fi-diacritics.ts):
 * the shipped analyzer on the Finnish dev lines (the theme dev sets themes-dev-*.jsonl by the fresh
 * authors, and the negation dev set) as written, with every ä/ö/å folded to a/o, and folded with the
 * restoration switched off (what the analysis did before it existed). The tone model never trained
 * on these lines; the themes model has since 2026-12-06 (training/corpus.ts: loadThemeUtterances), so
 * its figures here are optimistic and only the differences between the readings say something:
 *
 *   node --import tsx training/diacritics-dev.ts
 *
 * Printed per reading: on single-topic lines the right theme found, themes per line and reported
 * themes right (as `npm run eval` counts them, evaluation/theme-report.ts); and tone accuracy on
 * every line.
 */
import path from "node:path";
import { fileURLToPath } from "node:url";
import { themeFigures } from "../evaluation/theme-report.ts";
import { loadDefaultAnalyzer } from "../src/analysis/default-analyzer.ts";
import { foldDiacritics, setFinnishDiacritics } from "../src/analysis/text/fi-diacritics.ts";
import { loadDevUtterances, loadNegationDev } from "./corpus.ts";

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const analyzer = loadDefaultAnalyzer();
const fresh = loadDevUtterances(path.join(ROOT, "training", "data", "fi")).filter((u) =>
  /^themes-dev-[46789]\./.test(u.source),
);
const lines = [...fresh, ...loadNegationDev("fi")];
const single = fresh.filter((u) => u.themes.length === 1);

function score(label: string, typed: (text: string) => string): void {
  const f = themeFigures(
    single,
    single.map((u) => analyzer.analyzeText(typed(u.text), "fi").themes.map((t) => t.id)),
    analyzer.taxonomy,
  );
  const tone = lines.filter((u) => analyzer.analyzeText(typed(u.text), "fi").tone.label === u.tone).length;
  console.log(
    `  ${label.padEnd(38)} themes found ${f.singleFound.toFixed(3)}, per line ${f.singlePerSentence.toFixed(2)}, reported right ${(f.reportedRight / Math.max(1, f.reported)).toFixed(3)}; tone accuracy ${(tone / lines.length).toFixed(3)}`,
  );
}

console.log(
  `fi dev lines: ${single.length} single-topic lines of the fresh authors' theme dev sets; tone on ${lines.length} lines (with the negation dev set)`,
);
score("as written", (t) => t);
score("ä/ö/å folded", foldDiacritics);
setFinnishDiacritics(null);
score("ä/ö/å folded, no restoration", foldDiacritics);
