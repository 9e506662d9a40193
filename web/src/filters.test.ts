import { describe, expect, it } from "vitest";
import { type Filters, monthAfter, reportQuery } from "./filters.ts";

const filters = (f: Partial<Filters>): Filters => ({
  from: null,
  to: null,
  team: null,
  channel: null,
  period: null,
  ...f,
});

describe("report queries from the address's filters", () => {
  it("turns the months shown (both included) into the API's from and first day excluded", () => {
    expect(reportQuery(filters({ from: "2026-09", to: "2026-11" }))).toBe("?from=2026-09-01&to=2026-12-01");
    expect(monthAfter("2025-12")).toBe("2026-01-01");
  });

  it("passes team and channel, escaped, and leaves out what a report does not take", () => {
    const f = filters({ from: "2026-01", to: "2026-03", team: "Asiakaspalvelu Tampere", channel: "chat" });
    expect(reportQuery(f, { by: "month" }, ["period"])).toBe(
      "?team=Asiakaspalvelu+Tampere&channel=chat&by=month",
    );
    expect(reportQuery(f, {}, ["channel", "team"])).toBe("?from=2026-01-01&to=2026-04-01");
  });

  it("asks for everything when nothing is chosen", () => {
    expect(reportQuery(filters({}))).toBe("");
  });
});
