import { describe, expect, it } from "vitest";
import { parseConfig } from "../config.ts";
import { analysisRecordsKind } from "./analysis-job.ts";
import { JOB_KINDS, webProcessKinds } from "./job-registry.ts";

const PG = { DATABASE_URL: "postgres://db.example.org/kohtaamo" };

describe("KOHTAAMO_ANALYSIS", () => {
  it("defaults to inline on SQLite and to auto (queue while a worker runs) on PostgreSQL", () => {
    expect(parseConfig({})).toMatchObject({ analysis: "inline", worker: "inline" });
    expect(parseConfig(PG)).toMatchObject({ analysis: "auto", worker: "off" });
  });

  it("takes inline or queue explicitly on either database", () => {
    expect(parseConfig({ ...PG, KOHTAAMO_ANALYSIS: "inline" }).analysis).toBe("inline");
    expect(parseConfig({ ...PG, KOHTAAMO_ANALYSIS: "queue" }).analysis).toBe("queue");
    // SQLite has one job runner per file: queued analysis leaves it to `kohtaamo worker`.
    expect(parseConfig({ KOHTAAMO_ANALYSIS: "queue" })).toMatchObject({ analysis: "queue", worker: "off" });
  });

  it("refuses queue on SQLite with the server running the jobs itself, and unknown values, naming the variable", () => {
    expect(() => parseConfig({ KOHTAAMO_ANALYSIS: "queue", KOHTAAMO_WORKER: "inline" })).toThrow(
      /KOHTAAMO_ANALYSIS: queue on SQLite .* KOHTAAMO_WORKER=off/,
    );
    expect(() => parseConfig({ KOHTAAMO_ANALYSIS: "later" })).toThrow(/KOHTAAMO_ANALYSIS/);
  });

  it("keeps analysis jobs out of the web process's own runner unless analysis is inline", () => {
    expect(webProcessKinds("inline")).toEqual(JOB_KINDS);
    for (const mode of ["queue", "auto"] as const) {
      expect(webProcessKinds(mode)).not.toContain(analysisRecordsKind);
      expect(webProcessKinds(mode)).toHaveLength(JOB_KINDS.length - 1);
    }
  });
});
