/**
 * Themes on public text no one in this project wrote, for `npm run eval` (issue 11): BANKING77's
 * held-out 30% (training/banking77.ts: real bank customers' queries, each intent mapped to the one
 * theme that covers it; the English themes model trains on the other 70% only). Each query names
 * one topic, so the figures are those of single-topic sentences: how often the mapped theme is
 * found, how many themes a query gets, and how many of the reported themes are right — beside the
 * peer a word-list tool would be: the taxonomy's own word patterns, every theme whose pattern occurs.
 * English only: no such Finnish text under a licence we may use is at hand.
 */
import type { Taxonomy } from "../src/analysis/model/model-set.ts";
import type { TextAnalyzer } from "../src/analysis/text-analyzer.ts";
import { WordPatterns } from "../src/analysis/word-patterns.ts";
import { banking77, themeUtterance } from "../training/banking77.ts";
import type { Utterance } from "../training/corpus.ts";
import { printThemeFigures, type ThemeFigures, themeFigures } from "./theme-report.ts";

const f3 = (x: number) => x.toFixed(3);

function line(name: string, f: ThemeFigures): string {
  return `${name} found ${f3(f.singleFound)}  per query ${f.singlePerSentence.toFixed(2)}  reported right ${f3(f.reportedRight / Math.max(1, f.reported))}`;
}

export function scoreThemeRealText(analyzer: TextAnalyzer, taxonomy: Taxonomy, verbose: boolean): void {
  const lines = banking77("heldout");
  if (lines.length === 0) {
    console.log("  themes on real text: BANKING77 not found (../shared/data/banking77)");
    return;
  }
  const set: Utterance[] = lines.map(themeUtterance);
  const ours = themeFigures(
    set,
    set.map((u) => analyzer.analyzeText(u.text, "en").themes.map((t) => t.id)),
    taxonomy,
  );
  const patterns = new WordPatterns(taxonomy.themes);
  const peer = themeFigures(
    set,
    set.map((u) => patterns.match(u.text, "en")),
    taxonomy,
  );
  const themes = new Set(lines.map((l) => l.theme)).size;
  console.log(
    `  themes on real text: BANKING77 held-out 30% (bank customers' queries, ${themes} themes), n=${set.length}`,
  );
  console.log(`    ${line("kohtaamo", ours)}   |   ${line("word patterns", peer)}`);
  if (verbose) printThemeFigures(ours, true);
}
