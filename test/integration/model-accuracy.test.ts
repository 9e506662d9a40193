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

    // Issue 11 traded recall for precision: themes are reported only above calibrated per-theme
    // thresholds (models/themes-calibration.json). Before: found 0.85/0.83 (fi/en) at 1.95/1.86
    // themes per sentence, most of them wrong; floors here sit a few points under the 2026-12-02 run.
    it("reports themes that are mostly right, at most 1.3 per sentence, finding the right one in 60%", () => {
      const withTheme = set.map((u, i) => ({ u, r: results[i] })).filter((x) => x.u.themes.length > 0);
      const hits = withTheme.filter((x) =>
        x.u.themes.some((t) => x.r?.themes.some((f) => f.id === t.id)),
      ).length;
      expect(hits / withTheme.length).toBeGreaterThanOrEqual(0.6);
      const reported = results.flatMap((r, i) =>
        r.themes.map((t) => set[i]?.themes.some((g) => g.id === t.id)),
      );
      expect(reported.filter(Boolean).length / reported.length).toBeGreaterThanOrEqual(0.6);
      expect(results.reduce((s, r) => s + r.themes.length, 0) / results.length).toBeLessThanOrEqual(1.3);
    });
  });
}
