import path from "node:path";
import { describe, expect, it } from "vitest";
import { loadDefaultAnalyzer } from "../../src/analysis/default-analyzer.ts";
import { loadUtterances, TONES } from "../../training/corpus.ts";
import { f1Scores } from "../../training/metrics.ts";
import { ROOT } from "../support/cli.ts";

/**
 * Guards the shipped models against regressions: the accuracy targets on the
 * independently written evaluation set (evaluation/data, never trained on). `npm run eval`
 * prints the full report with the peers.
 */
const analyzer = loadDefaultAnalyzer();
const independent = loadUtterances(path.join(ROOT, "evaluation", "data"));

for (const lang of ["fi", "en"] as const) {
  describe(`shipped ${lang} models on the independent evaluation set`, () => {
    const set = independent.filter((u) => u.lang === lang);
    const results = set.map((u) => analyzer.analyzeText(u.text, lang));

    it("reach tone macro-F1 0.80", () => {
      const tone = f1Scores(
        TONES,
        set.map((u) => u.tone),
        results.map((r) => r.tone.label),
      );
      expect(set.length).toBeGreaterThanOrEqual(500);
      expect(tone.macroF1).toBeGreaterThanOrEqual(0.8);
    });

    it("find the right theme in 80% of sentences with at most 2.5 themes per sentence", () => {
      const withTheme = set.map((u, i) => ({ u, r: results[i] })).filter((x) => x.u.themes.length > 0);
      const hits = withTheme.filter((x) =>
        x.u.themes.some((t) => x.r?.themes.some((f) => f.id === t.id)),
      ).length;
      expect(hits / withTheme.length).toBeGreaterThanOrEqual(0.8);
      expect(results.reduce((s, r) => s + r.themes.length, 0) / results.length).toBeLessThanOrEqual(2.5);
    });
  });
}
