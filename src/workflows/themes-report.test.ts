import { describe, expect, it } from "vitest";
import { NPS_ANSWER_COLUMNS as C } from "../store/index.ts";
import { AnswerCellsBuilder, CellLayout, compact } from "./answer-cells.ts";
import type { EncounterVolumes } from "./report-cube.ts";
import { buildThemesReport } from "./themes-report.ts";

/** Encounter volumes of themes, in the order given (as a cube's scan of its cells would meet them). */
function volumes(entries: [string, number][]): EncounterVolumes {
  const themes: EncounterVolumes["themes"] = new Map();
  for (const [id, n] of entries) themes.set(id, { negative: n, neutral: 0, positive: 0, monthly: [n] });
  const total = entries.reduce((sum, [, n]) => sum + n, 0);
  return { months: ["2026-11"], monthTotals: [total], total, themes };
}

describe("themes report order", () => {
  it("ranks themes of equal impact and volume by theme id, whatever order the cube met them in", () => {
    const noAnswers = compact([], new CellLayout(0), []);
    const entries: [string, number][] = [
      ["waiting", 5],
      ["billing", 5],
      ["delivery", 7],
      ["app_login", 5],
      ["returns_refunds", 2],
    ];
    const orders = [
      entries,
      [...entries].reverse(),
      [entries[3], entries[1], entries[4], entries[0], entries[2]],
    ];
    const ranked = orders.map((order) =>
      buildThemesReport(noAnswers, volumes(order as [string, number][]), { intervals: "none" }).themes.map(
        (t) => t.theme,
      ),
    );
    for (const r of ranked)
      expect(r).toEqual(["delivery", "app_login", "billing", "waiting", "returns_refunds"]);
  });
});

describe("themes report small samples", () => {
  /** 600 answers; `mentions[theme]` of them (the first ones, all detractors) mention the theme. */
  function answers(mentions: Record<string, number>) {
    const builder = new AnswerCellsBuilder();
    for (let i = 0; i < 600; i++) {
      const themes = Object.entries(mentions)
        .filter(([, n]) => i < n)
        .map(([theme]) => `${theme}:-1`)
        .join(" ");
      const row: unknown[] = [];
      row[C.score] = i < 40 ? 2 : i % 3 === 0 ? 8 : 10;
      row[C.month] = "2026-11";
      row[C.team] = "Asiakaspalvelu Tampere";
      row[C.channel] = "phone";
      row[C.commentThemes] = themes || null;
      row[C.encounterThemes] = null;
      row[C.encounterLinked] = null;
      builder.add(row);
    }
    return builder.build();
  }

  it("warns on the impact of a theme fewer than 30 answers mention, and only then", () => {
    const report = buildThemesReport(
      answers({ billing: 2, waiting: 29, delivery: 30, payments: 120 }),
      volumes([]),
    );
    const byId = new Map(report.themes.map((t) => [t.theme, t]));
    expect(byId.get("billing")?.answers).toBe(2);
    expect(byId.get("billing")?.npsImpact.warning).toMatch(/only 2 answers/);
    expect(byId.get("waiting")?.npsImpact.warning).toMatch(/only 29 answers/);
    expect(byId.get("delivery")?.npsImpact.warning).toBeUndefined();
    expect(byId.get("payments")?.npsImpact.warning).toBeUndefined();
    // Two detractors out of 600 barely move the whole NPS: the figure the warning is for.
    expect(Math.abs(byId.get("billing")?.npsImpact.value ?? 99)).toBeLessThan(1);
  });
});
