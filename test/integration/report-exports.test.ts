import { parse } from "csv-parse/sync";
import ExcelJS from "exceljs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ingestPipeline } from "../../src/ingest/ingest-pipeline.ts";
import { createApp } from "../../src/server/app.ts";
import type { Store } from "../../src/store/index.ts";
import { REPORT_NAMES } from "../../src/workflows/report-registry.ts";
import { signedIn } from "../support/auth.ts";
import { runCli } from "../support/cli.ts";
import { DIALECTS, freshCliEnv, storeFor } from "../support/databases.ts";

/**
 * `GET /api/v1/reports/<name>/export`: the table a dashboard shows, as CSV or XLSX, with the same
 * figures as the JSON report, the same route rule and the same privacy floor.
 */
type Json = Record<string, unknown>;
type Row = Record<string, string>;

const CASES: [string, Record<string, string>][] = [
  ["nps", { by: "team" }],
  ["csat", { by: "channel" }],
  ["ces", { by: "month" }],
  ["enps", { by: "team" }],
  ["response-rate", { by: "channel" }],
  ["themes", {}],
  ["drivers", {}],
  ["exlink", {}],
  ["consistency", {}],
];

/** A CSV cell back as the JSON value: empty is null. */
const num = (cell: string | undefined) => (cell === undefined || cell === "" ? null : Number(cell));
const jnum = (v: unknown) => (typeof v === "number" ? v : null);

/** What each report's rows must say, read from the JSON independently of the exporter. */
function expectedRows(name: string, json: Json): Record<string, unknown>[] {
  const list = (key: string) => (json[key] as Json[]) ?? [];
  switch (name) {
    case "themes":
      return list("themes").map((t) => ({
        theme: t.theme,
        name_fi: (t.name as Json).fi,
        name_en: (t.name as Json).en,
        nps_impact: jnum((t.npsImpact as Json | undefined)?.value),
        nps_impact_low: jnum((t.npsImpact as Json | undefined)?.low),
        volume: jnum(t.volume),
      }));
    case "drivers":
      return list("drivers").map((d) => ({
        driver: d.driver,
        name_fi: (d.name as Json).fi,
        importance: jnum(d.importance),
        low: jnum(d.low),
        high: jnum(d.high),
        n: jnum(d.n),
      }));
    case "exlink":
      return list("series").map((s) => ({
        team: s.team,
        month: s.month,
        nps: jnum(s.nps),
        enps: jnum(s.enps),
      }));
    case "consistency":
      return list("channels").map((c) => ({
        channel: c.channel,
        nps: jnum((c.nps as Json | undefined)?.value),
        tone_high: jnum((c.tone as Json | undefined)?.high),
      }));
    default:
      return [
        { by: "all", group: "", estimate: jnum(json.value), low: jnum(json.low), n: jnum(json.n) },
        ...list("groups").map((g) => ({
          by: json.by,
          group: g.group ?? "",
          estimate: jnum(g.value),
          low: jnum(g.low),
          high: jnum(g.high),
          n: jnum(g.n),
        })),
      ];
  }
}

/** The same keys of a CSV row, numbers as numbers. */
function pick(row: Row, like: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(
    Object.entries(like).map(([k, v]) => [k, typeof v === "number" || v === null ? num(row[k]) : row[k]]),
  );
}

for (const dialect of DIALECTS) {
  describe(`report table exports (${dialect})`, () => {
    let cli: Awaited<ReturnType<typeof freshCliEnv>>;
    let store: Store;
    let app: ReturnType<typeof createApp>;
    /** The same workspace with a privacy floor above every group. */
    let strict: ReturnType<typeof createApp>;
    const headers: Record<string, Record<string, string>> = {};

    beforeAll(async () => {
      cli = await freshCliEnv(dialect);
      const demo = await runCli(["demo"], cli.env);
      if (demo.code !== 0) throw new Error(demo.stderr);
      store = storeFor(cli.env);
      const options = { store, timeZone: "Europe/Helsinki", pipeline: ingestPipeline({ analyzer: null }) };
      app = createApp(options);
      strict = createApp({ ...options, minGroup: 1_000_000 });
      for (const role of ["analyst", "viewer", "agent", "manager"] as const)
        headers[role] = (await signedIn(store, role)).headers;
    }, 300_000);

    afterAll(async () => {
      await store?.close();
      await cli?.dispose();
    });

    const get = (a: typeof app, path: string, role: string) => a.request(path, { headers: headers[role] });

    it("covers every report of the registry", () => {
      expect(CASES.map(([n]) => n).sort()).toEqual([...REPORT_NAMES].sort());
    });

    it("exports the rows the JSON report shows, as CSV and as XLSX, and audits the export", async () => {
      for (const [name, params] of CASES) {
        const q = new URLSearchParams(params);
        const json = (await (await get(app, `/api/v1/reports/${name}?${q}`, "analyst")).json()) as Json;
        q.set("format", "csv");
        const res = await get(app, `/api/v1/reports/${name}/export?${q}`, "analyst");
        expect(res.status, name).toBe(200);
        expect(res.headers.get("content-type")).toContain("text/csv");
        expect(res.headers.get("content-disposition")).toContain(`${name}.csv`);
        const rows = parse(await res.text(), { columns: true }) as Row[];
        const expected = expectedRows(name, json);
        expect(expected.length, name).toBeGreaterThan(0);
        expect(
          rows.map((r, i) => pick(r, expected[i] ?? {})),
          name,
        ).toEqual(expected);
        expect(rows.every((r) => r.suppressed === "false")).toBe(true);

        q.set("format", "xlsx");
        const xres = await get(app, `/api/v1/reports/${name}/export?${q}`, "analyst");
        expect(xres.status, name).toBe(200);
        const book = new ExcelJS.Workbook();
        await book.xlsx.load(Buffer.from(await xres.arrayBuffer()) as never);
        const sheet = book.worksheets[0] as ExcelJS.Worksheet;
        expect(sheet.rowCount, name).toBe(rows.length + 1);
        const header = (sheet.getRow(1).values as unknown[]).slice(1);
        expect(header).toEqual(Object.keys(rows[0] ?? {}));
        const first = Object.values(rows[0] ?? {}).map((_, i) => sheet.getRow(2).getCell(i + 1).value);
        expect(first.map((v) => (v === undefined || v === null ? "" : String(v)))).toEqual(
          Object.values(rows[0] ?? {}),
        );
      }
      const audit = await store.access.auditEntries({ limit: 50, action: "export" });
      expect(audit.map((a) => a.target)).toContain("report:themes");
    }, 120_000);

    it("carries the themes' small-sample warning, as the JSON gives it, in a month where few answers mention some", async () => {
      const q = "from=2026-09-01&to=2026-10-01";
      const json = (await (await get(app, `/api/v1/reports/themes?${q}`, "analyst")).json()) as Json;
      const themes = (json.themes as Json[]).filter((t) => !t.suppressed);
      const warned = themes.filter((t) => (t.npsImpact as Json).warning !== undefined);
      expect(warned.length, "themes with few answers that month").toBeGreaterThan(0);
      expect(warned.length).toBeLessThan(themes.length);
      const res = await get(app, `/api/v1/reports/themes/export?${q}&format=csv`, "analyst");
      const rows = parse(await res.text(), { columns: true }) as Row[];
      expect(rows.map((r) => [r.theme, r.nps_impact_warning])).toEqual(
        themes.map((t) => [t.theme, ((t.npsImpact as Json).warning as string | undefined) ?? ""]),
      );
    });

    it("takes the report's parameters: a team narrows the rows like the JSON", async () => {
      const json = (await (
        await get(app, "/api/v1/reports/nps?by=agent&team=laskutus", "analyst")
      ).json()) as Json;
      const csv = await (
        await get(app, "/api/v1/reports/nps/export?by=agent&team=laskutus&format=csv", "analyst")
      ).text();
      const rows = parse(csv, { columns: true }) as Row[];
      expect(rows.map((r) => r.group).slice(1)).toEqual((json.groups as Json[]).map((g) => g.group ?? ""));
      const bad = await get(app, "/api/v1/reports/drivers/export?target=150&format=csv", "analyst");
      expect(bad.status).toBe(400);
      const noFormat = await get(app, "/api/v1/reports/themes/export?format=pdf", "analyst");
      expect(noFormat.status).toBe(400);
    });

    it("suppresses groups below the privacy floor for a viewer: the rows say so and hold no figure", async () => {
      for (const [name, params] of CASES) {
        const q = new URLSearchParams({ ...params, format: "csv" });
        const json = (await (await get(strict, `/api/v1/reports/${name}?${q}`, "viewer")).json()) as Json;
        const res = await get(strict, `/api/v1/reports/${name}/export?${q}`, "viewer");
        expect(res.status, name).toBe(200);
        const rows = parse(await res.text(), { columns: true }) as Row[];
        expect(rows.length, name).toBe(expectedRows(name, json).length);
        const keys = new Set([
          "by",
          "group",
          "theme",
          "name_fi",
          "name_en",
          "driver",
          "team",
          "month",
          "channel",
        ]);
        for (const row of rows) {
          if (row.suppressed !== "true") continue;
          for (const [k, v] of Object.entries(row))
            if (!keys.has(k) && k !== "suppressed") expect(v, `${name} ${k}`).toBe("");
        }
        if (["nps", "themes", "drivers", "exlink", "consistency"].includes(name))
          expect(
            rows.some((r) => r.suppressed === "true"),
            name,
          ).toBe(true);
      }
      // An analyst of the same workspace sees the figures.
      const open = await get(strict, "/api/v1/reports/themes/export?format=csv", "analyst");
      const rows = parse(await open.text(), { columns: true }) as Row[];
      expect(rows.every((r) => r.suppressed === "false" && r.volume !== "")).toBe(true);
    });

    it("refuses agents, like the report itself, and lets viewers and managers export", async () => {
      expect((await get(app, "/api/v1/reports/themes/export?format=csv", "agent")).status).toBe(403);
      expect((await get(app, "/api/v1/reports/nps/export?format=xlsx", "agent")).status).toBe(403);
      expect((await get(app, "/api/v1/reports/themes/export?format=csv", "manager")).status).toBe(200);
      expect((await app.request("/api/v1/reports/themes/export?format=csv")).status).toBe(401);
    });
  });
}

describe("report table cells", () => {
  it("neutralises text a spreadsheet would run as a formula, and keeps negative figures numbers", async () => {
    const { reportTable, tableCsv } = await import("../../src/exports/report-table-export.ts");
    const table = reportTable("nps", {
      metric: "nps",
      by: "team",
      value: -12.5,
      low: -20,
      high: -5,
      n: 40,
      groups: [{ group: '=HYPERLINK("http://x")', value: -3, low: -9, high: 2, n: 20 }],
    });
    const rows = parse(tableCsv(table), { columns: true }) as Row[];
    expect(rows[1]?.group).toBe('\'=HYPERLINK("http://x")');
    expect(rows[0]?.estimate).toBe("-12.5");
    expect(rows[1]?.estimate).toBe("-3");
  });
});
