import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { parse } from "csv-parse/sync";
import { describe, expect, it } from "vitest";
import { allPhrases } from "./conversation-text.ts";
import {
  type EncounterRecord,
  generatePlantedSurvey,
  type TruthRow,
  writePlantedSurvey,
} from "./generate.ts";
import {
  EFFECT_THEMES,
  INDUSTRIES,
  NOISE_THEMES,
  THEME_SPECS,
  THEMES,
  type ThemeId,
} from "./planted-model.ts";
import { referenceDriverWeights, referenceOls, referenceThemeImpact, solveLinear } from "./reference.ts";

const survey = generatePlantedSurvey();
const rows = survey.truth.rows;
const DRIVERS = [
  ...EFFECT_THEMES.map((t) => `theme:${t}`),
  ...NOISE_THEMES.map((t) => `theme:${t}`),
  "waitMinutes",
  "transfers",
  "repeatContact",
  "resolved",
];
const weights = referenceDriverWeights(survey.truth, DRIVERS);

function stripTag(phrase: string): string {
  const bar = phrase.indexOf("|");
  return bar < 0 ? phrase : phrase.slice(bar + 1);
}

/** Polarities of the themes whose phrases occur in a text. */
function themesInText(text: string): Map<ThemeId, Set<number>> {
  const found = new Map<ThemeId, Set<number>>();
  for (const theme of THEMES) {
    for (const polarity of [-1, 1] as const) {
      for (const lang of ["fi", "en"] as const) {
        if (allPhrases(lang, theme, polarity).some((p) => text.includes(stripTag(p)))) {
          found.set(theme, (found.get(theme) ?? new Set()).add(polarity));
        }
      }
    }
  }
  return found;
}

describe("planted survey generator", () => {
  it("is deterministic for a seed and differs between seeds", () => {
    expect(JSON.stringify(generatePlantedSurvey(4242, 400))).toBe(
      JSON.stringify(generatePlantedSurvey(4242, 400)),
    );
    expect(JSON.stringify(generatePlantedSurvey(7, 400).truth.rows)).not.toBe(
      JSON.stringify(generatePlantedSurvey(4242, 400).truth.rows),
    );
  });

  it("links every answer to an earlier encounter and answers within a day", () => {
    const byId = new Map(survey.encounters.map((e) => [e.id, e]));
    expect(survey.responses).toHaveLength(5000);
    for (const r of survey.responses) {
      const e = byId.get(r.encounter_id) as EncounterRecord;
      const lag = Date.parse(r.answered_at) - Date.parse(e.ended_at);
      expect(lag).toBeGreaterThan(0);
      expect(lag).toBeLessThan(86_400_000);
      expect(r.customer_id).toBe(e.customer_id);
      expect(Number.isInteger(r.score) && r.score >= 0 && r.score <= 10).toBe(true);
      expect(e.turns.length).toBeGreaterThanOrEqual(2);
      expect(e.turns.length).toBeLessThanOrEqual(5);
    }
    const commented = survey.responses.filter((r) => r.comment !== "").length / 5000;
    expect(commented).toBeGreaterThan(0.6);
    expect(commented).toBeLessThan(0.7);
  });

  it("matches the truth's operational drivers, recomputing repeat contacts from the encounters", () => {
    const previous = new Map<string, number>();
    const repeat = new Map<string, number>();
    const sorted = [...survey.encounters].sort((a, b) => Date.parse(a.started_at) - Date.parse(b.started_at));
    for (const e of sorted) {
      const start = Date.parse(e.started_at);
      const prev = previous.get(e.customer_id);
      repeat.set(e.id, prev !== undefined && start > prev && start - prev <= 7 * 86_400_000 ? 1 : 0);
      previous.set(e.customer_id, start);
    }
    const byId = new Map(survey.encounters.map((e) => [e.id, e]));
    survey.responses.forEach((r, i) => {
      const e = byId.get(r.encounter_id) as EncounterRecord;
      const t = rows[i] as TruthRow;
      expect(t.id).toBe(r.id);
      expect(t.score).toBe(r.score);
      expect(t.repeatContact).toBe(repeat.get(e.id));
      expect(t.waitMinutes).toBe(Math.min(e.wait_seconds, 3600) / 60);
      expect(t.transfers).toBe(Math.min(e.transfers, 5));
      expect(t.resolved).toBe(e.resolved ? 1 : 0);
    });
    const share = rows.filter((r) => r.repeatContact === 1).length / rows.length;
    expect(share).toBeGreaterThan(0.15);
    expect(share).toBeLessThan(0.25);
  });

  it("says in the text exactly what the truth says", () => {
    const byId = new Map(survey.encounters.map((e) => [e.id, e]));
    survey.responses.forEach((r, i) => {
      const e = byId.get(r.encounter_id) as EncounterRecord;
      const customerText = e.turns.filter((t) => t.speaker === "customer").map((t) => t.text);
      const found = themesInText([r.comment, ...customerText].join("\n"));
      const truth = (rows[i] as TruthRow).themes;
      expect(Object.keys(truth).length).toBeLessThanOrEqual(3);
      expect([...found.keys()].sort()).toEqual(Object.keys(truth).sort());
      for (const [theme, polarities] of found) expect([...polarities]).toEqual([truth[theme]]);
      const agentText = e.turns.filter((t) => t.speaker === "agent").map((t) => t.text);
      expect(themesInText(agentText.join("\n")).size).toBe(0);
    });
  });

  it("has at least 8 phrasings per theme × polarity × language, 2+ per industry, no personal data", () => {
    const seen = new Set<string>();
    for (const theme of THEMES) {
      for (const polarity of [-1, 1] as const) {
        for (const lang of ["fi", "en"] as const) {
          const phrases = allPhrases(lang, theme, polarity);
          expect(phrases.length).toBeGreaterThanOrEqual(8);
          for (const industry of THEME_SPECS[theme].industries) {
            const fits = phrases.filter(
              (p) => !p.includes("|") || p.split("|")[0]?.split(",").includes(industry),
            );
            expect(fits.length, `${lang} ${theme} ${polarity} ${industry}`).toBeGreaterThanOrEqual(2);
          }
          for (const p of phrases) {
            expect(seen.has(stripTag(p)), p).toBe(false);
            seen.add(stripTag(p));
            expect(p).not.toMatch(/@|\d{5,}/);
            const tag = p.includes("|") ? (p.split("|")[0] ?? "") : "";
            for (const t of tag ? tag.split(",") : []) expect(INDUSTRIES).toContain(t);
          }
        }
      }
    }
  });

  it("writes JSONL, a comma CSV with a header and truth.json", () => {
    const dir = mkdtempSync(join(tmpdir(), "planted-survey-"));
    try {
      writePlantedSurvey(dir, 11, 300);
      const csv = parse(readFileSync(join(dir, "responses.csv"), "utf8"), { columns: true }) as Record<
        string,
        string
      >[];
      expect(csv).toHaveLength(300);
      expect(Object.keys(csv[0] ?? {})).toEqual([
        "id",
        "answered_at",
        "kind",
        "score",
        "comment",
        "channel",
        "team",
        "agent",
        "customer_id",
        "encounter_id",
      ]);
      const lines = readFileSync(join(dir, "encounters.jsonl"), "utf8").trim().split("\n");
      expect(JSON.parse(lines[0] ?? "{}").turns.length).toBeGreaterThanOrEqual(2);
      const truth = JSON.parse(readFileSync(join(dir, "truth.json"), "utf8"));
      expect(truth.seed).toBe(11);
      expect(truth.rows).toHaveLength(300);
      expect(csv.map((r) => Number(r.score))).toEqual(truth.rows.map((r: TruthRow) => r.score));
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe("reference computations", () => {
  it("solves a small system with pivoting", () => {
    const x = solveLinear(
      [
        [0, 2, 1],
        [1, 1, 1],
        [2, 1, 0],
      ],
      [7, 6, 4],
    );
    for (const [i, v] of x.entries()) expect(v).toBeCloseTo([1, 2, 3][i] ?? 0, 10);
  });

  it("gives uncorrelated drivers their own R² as Shapley weight", () => {
    const toy: TruthRow[] = [];
    for (let i = 0; i < 4; i++) {
      for (let j = 0; j < 4; j++) {
        toy.push({
          id: `${i}${j}`,
          score: 2 * i + j,
          themes: {},
          waitMinutes: i,
          transfers: j,
          repeatContact: 0,
          resolved: 0,
        });
      }
    }
    const w = referenceDriverWeights(toy, ["waitMinutes", "transfers", "repeatContact"]);
    expect(w.r2).toBeCloseTo(1, 10);
    expect(w.weights.waitMinutes).toBeCloseTo(0.8, 10);
    expect(w.weights.transfers).toBeCloseTo(0.2, 10);
    expect(w.weights.repeatContact).toBe(0);
  });

  it("Shapley weights sum to the R² of the full OLS fit", () => {
    const sum = Object.values(weights.weights).reduce((s, v) => s + v, 0);
    const ols = referenceOls(survey.truth, DRIVERS);
    expect(sum).toBeCloseTo(weights.r2, 10);
    expect(sum).toBeCloseTo(ols.r2, 8);
    expect(ols.r2).toBeGreaterThan(0.3);
    expect(ols.r2).toBeLessThan(0.5);
  });

  it("recovers the planted themes: effects outweigh noise, noise is near zero", () => {
    const w = (t: string) => weights.weights[`theme:${t}`] ?? Number.NaN;
    const maxNoise = Math.max(...NOISE_THEMES.map(w));
    expect(maxNoise).toBeLessThan(0.002);
    for (const t of EFFECT_THEMES) expect(w(t)).toBeGreaterThan(4 * maxNoise);
    expect(w("billing")).toBeGreaterThan(Math.max(...EFFECT_THEMES.filter((t) => t !== "billing").map(w)));
    for (const d of ["waitMinutes", "transfers", "repeatContact", "resolved"]) {
      expect(weights.weights[d]).toBeGreaterThan(0.02);
    }
  });

  it("theme impacts follow the planted signs", () => {
    const impact = new Map(referenceThemeImpact(survey.truth).map((r) => [r.theme, r]));
    expect(impact.get("billing")?.npsImpact).toBeLessThan(-3);
    expect(impact.get("outage")?.npsImpact).toBeLessThan(-1);
    expect(impact.get("staff_friendliness")?.npsImpact).toBeGreaterThan(1);
    for (const t of NOISE_THEMES) {
      expect(Math.abs(impact.get(t)?.npsImpact ?? Number.NaN)).toBeLessThan(1.5);
      expect(impact.get(t)?.mentions).toBeGreaterThan(300);
    }
  });
});
