import { describe, expect, it } from "vitest";
import { CellLayout, compact } from "./answer-cells.ts";
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
