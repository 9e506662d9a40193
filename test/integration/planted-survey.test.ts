import fs from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { writePlantedSurvey } from "../../evaluation/planted-survey/generate.ts";
import { referenceDriverWeights, referenceThemeImpact } from "../../evaluation/planted-survey/reference.ts";
import type { DriversReport } from "../../src/workflows/drivers-report.ts";
import type { ThemesReport } from "../../src/workflows/themes-report.ts";
import { lastJsonLine, runCli } from "../support/cli.ts";
import { DIALECTS, freshCliEnv, tempDir } from "../support/databases.ts";

/**
 * The survey set in evaluation/planted-survey was written by a separate session that never saw the
 * analyzer, its models or its training data, with effects planted in its own score model. The
 * product reads it as any customer would (CLI import with analysis on: themes come from the text,
 * not from the truth file) and its driver weights and theme impacts must match an independent
 * computation on the true values (reference.ts: exact Shapley R² by all-subsets OLS).
 */
const OPERATIONAL = ["waitMinutes", "transfers", "repeatContact", "resolved"];
const WEIGHT_TOLERANCE = 0.06;
const IMPACT_TOLERANCE = 3;

const dir = tempDir("kohtaamo-planted-");
const survey = writePlantedSurvey(dir);
const referenceDrivers = [
  ...[...survey.truth.effectThemes, ...survey.truth.noiseThemes].map((t) => `theme:${t}`),
  ...OPERATIONAL,
];
const reference = referenceDriverWeights(survey.truth, referenceDrivers);
const referenceImpacts = referenceThemeImpact(survey.truth);

afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

for (const dialect of DIALECTS) {
  describe(`unseen planted survey set on ${dialect}`, () => {
    let drivers: DriversReport;
    let themes: ThemesReport;
    let dispose: () => Promise<void>;

    beforeAll(async () => {
      const cli = await freshCliEnv(dialect);
      dispose = cli.dispose;
      for (const [file, kind] of [
        ["encounters.jsonl", "encounters"],
        ["responses.csv", "responses"],
      ] as const) {
        const run = await runCli(["import", path.join(dir, file), "--kind", kind], cli.env);
        expect(run.code, run.stderr).toBe(0);
        expect(lastJsonLine<{ rejected: number }>(run.stdout).rejected).toBe(0);
      }
      const report = async <T>(metric: string): Promise<T> => {
        const run = await runCli(["report", metric, "--json"], cli.env);
        expect(run.code, run.stderr).toBe(0);
        return lastJsonLine<T>(run.stdout);
      };
      drivers = await report<DriversReport>("drivers");
      themes = await report<ThemesReport>("themes");
    }, 240_000);

    afterAll(async () => {
      await dispose?.();
    });

    it("matches the independent driver weights within 0.06 for every planted and noise driver", () => {
      expect(drivers.n).toBe(survey.responses.length);
      const gaps = referenceDrivers.map((d) => {
        const ours = drivers.drivers.find((x) => x.driver === d)?.importance ?? 0;
        return { driver: d, ours, reference: reference.weights[d] as number };
      });
      for (const g of gaps) {
        expect(
          Math.abs(g.ours - g.reference),
          `${g.driver}: ours ${g.ours}, reference ${g.reference}`,
        ).toBeLessThanOrEqual(WEIGHT_TOLERANCE);
      }
      // Themes the text analysis finds that the set never planted must not take real weight either.
      for (const d of drivers.drivers.filter((x) => !referenceDrivers.includes(x.driver))) {
        expect(d.importance, d.driver).toBeLessThanOrEqual(WEIGHT_TOLERANCE);
      }
    });

    it("ranks drivers as the independent computation does, within the same 0.06", () => {
      const rank = new Map(drivers.drivers.map((d, i) => [d.driver, i]));
      // Two drivers may swap places only when their reference weights are within the tolerance.
      const clear = WEIGHT_TOLERANCE;
      for (const a of referenceDrivers) {
        for (const b of referenceDrivers) {
          const wa = reference.weights[a] as number;
          const wb = reference.weights[b] as number;
          if (wa - wb > clear) {
            expect(
              (rank.get(a) ?? 99) < (rank.get(b) ?? 99),
              `${a} (${wa.toFixed(3)}) above ${b} (${wb.toFixed(3)})`,
            ).toBe(true);
          }
        }
      }
      // The top driver and the top theme driver are the reference's, and the strongest planted
      // theme's bootstrap interval excludes zero.
      const top = (list: string[]) =>
        list.reduce((a, b) => ((reference.weights[b] as number) > (reference.weights[a] as number) ? b : a));
      expect(drivers.drivers[0]?.driver).toBe(top(referenceDrivers));
      const ourThemes = drivers.drivers.filter((d) => d.driver.startsWith("theme:"));
      expect(ourThemes[0]?.driver).toBe(top(referenceDrivers.filter((d) => d.startsWith("theme:"))));
      expect(ourThemes[0]?.low).toBeGreaterThan(0);
    });

    it("gives theme NPS impacts within a few points of the true impacts", () => {
      for (const ref of referenceImpacts) {
        const ours = themes.themes.find((t) => t.theme === ref.theme);
        expect(ours, ref.theme).toBeDefined();
        expect(
          Math.abs((ours?.npsImpact.value ?? 0) - ref.npsImpact),
          `${ref.theme}: ours ${ours?.npsImpact.value}, reference ${ref.npsImpact.toFixed(2)}`,
        ).toBeLessThanOrEqual(IMPACT_TOLERANCE);
      }
    });
  });
}
