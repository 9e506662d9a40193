import { describe, expect, it } from "vitest";
import { zoneMonthsOf } from "./cube-repository.ts";

describe("zoneMonthsOf: the months of a zone a dirty UTC month is rebuilt in", () => {
  it("takes the month after it east of UTC, the month before it west of UTC, itself alone in UTC", () => {
    expect(zoneMonthsOf("2026-01", "Europe/Helsinki")).toEqual(["2026-01", "2026-02"]);
    expect(zoneMonthsOf("2026-01", "America/New_York")).toEqual(["2025-12", "2026-01"]);
    expect(zoneMonthsOf("2026-01", "UTC")).toEqual(["2026-01"]);
  });

  it("crosses a year at UTC+14 and at UTC-11", () => {
    expect(zoneMonthsOf("2025-12", "Pacific/Kiritimati")).toEqual(["2025-12", "2026-01"]);
    expect(zoneMonthsOf("2026-01", "Pacific/Pago_Pago")).toEqual(["2025-12", "2026-01"]);
  });

  it("holds every instant of the UTC month, summer time included", () => {
    for (const month of ["2026-03", "2026-07", "2026-10"]) {
      const months = zoneMonthsOf(month, "Europe/Helsinki");
      expect(months[0]).toBe(month);
      expect(months).toHaveLength(2);
    }
  });
});
