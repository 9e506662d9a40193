import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ingestPipeline } from "../../src/ingest/ingest-pipeline.ts";
import { createApp } from "../../src/server/app.ts";
import type { Store } from "../../src/store/index.ts";
import { REPORT_ENTRIES, type RegisteredReport } from "../../src/workflows/report-registry.ts";
import { signedIn } from "../support/auth.ts";
import { runCli } from "../support/cli.ts";
import { DIALECTS, freshCliEnv, freshStore, storeFor } from "../support/databases.ts";

/**
 * The report registry is the one description of every report: what the CLI prints, what the API
 * answers, and what /api/openapi.json says must be the same thing, field for field.
 */

/** Parameters each report is run with: its plain form and the forms that add optional parts. */
const CASES: [string, Record<string, string>][] = [
  ["nps", {}],
  ["nps", { by: "month" }],
  ["nps", { by: "team", from: "2026-01-01", to: "2026-04-01" }],
  ["csat", { by: "channel" }],
  ["ces", { by: "agent" }],
  ["enps", { by: "team" }],
  ["response-rate", { by: "segment" }],
  ["themes", {}],
  ["drivers", {}],
  ["drivers", { team: "Laskutus", target: "80" }],
  ["exlink", {}],
  ["consistency", {}],
];

const entry = (name: string) => REPORT_ENTRIES.find((r) => r.name === name) as RegisteredReport;

/** The report as JSON, as both faces serialise it. */
const asJson = (value: unknown): unknown => JSON.parse(JSON.stringify(value));

function strictProblems(report: RegisteredReport, json: unknown): string[] {
  const parsed = report.result.safeParse(json);
  return parsed.success ? [] : parsed.error.issues.map((i) => `${i.path.join(".")}: ${i.message}`);
}

type JsonSchema = {
  $ref?: string;
  properties?: Record<string, JsonSchema>;
  items?: JsonSchema;
  anyOf?: JsonSchema[];
  oneOf?: JsonSchema[];
  allOf?: JsonSchema[];
  additionalProperties?: unknown;
};

/** Every key path of a JSON value (array items as []), e.g. `groups[].vsRest.pValue`. */
function jsonPaths(value: unknown, at = "", out = new Set<string>()): Set<string> {
  if (Array.isArray(value)) for (const v of value) jsonPaths(v, `${at}[]`, out);
  else if (value && typeof value === "object") {
    for (const [k, v] of Object.entries(value)) {
      const p = at ? `${at}.${k}` : k;
      out.add(p);
      jsonPaths(v, p, out);
    }
  }
  return out;
}

/** Every property path an OpenAPI schema describes, following $ref, anyOf/oneOf/allOf and items. */
function schemaPaths(
  schema: JsonSchema,
  components: Record<string, JsonSchema>,
  at = "",
  out = new Set<string>(),
  depth = 0,
): Set<string> {
  if (depth > 40) return out;
  const s = schema.$ref ? (components[schema.$ref.split("/").pop() as string] as JsonSchema) : schema;
  for (const sub of [...(s.anyOf ?? []), ...(s.oneOf ?? []), ...(s.allOf ?? [])]) {
    schemaPaths(sub, components, at, out, depth + 1);
  }
  if (s.items) schemaPaths(s.items, components, `${at}[]`, out, depth + 1);
  for (const [k, v] of Object.entries(s.properties ?? {})) {
    const p = at ? `${at}.${k}` : k;
    out.add(p);
    schemaPaths(v, components, p, out, depth + 1);
  }
  return out;
}

for (const dialect of DIALECTS) {
  describe(`the report registry on the demo workspace (${dialect})`, () => {
    let cli: Awaited<ReturnType<typeof freshCliEnv>>;
    let store: Store;
    let app: ReturnType<typeof createApp>;
    let analyst: Record<string, string>;
    const http = new Map<string, unknown>();

    beforeAll(async () => {
      cli = await freshCliEnv(dialect);
      const demo = await runCli(["demo"], cli.env);
      if (demo.code !== 0) throw new Error(demo.stderr);
      store = storeFor(cli.env);
      app = createApp({ store, timeZone: "Europe/Helsinki", pipeline: ingestPipeline({ analyzer: null }) });
      analyst = (await signedIn(store, "analyst")).headers;
      for (const [name, params] of CASES) {
        const res = await app.request(`/api/v1/reports/${name}?${new URLSearchParams(params)}`, {
          headers: analyst,
        });
        if (res.status !== 200) throw new Error(`${name}: ${res.status} ${await res.text()}`);
        http.set(`${name} ${JSON.stringify(params)}`, await res.json());
      }
    }, 300_000);

    afterAll(async () => {
      await store?.close();
      await cli?.dispose();
    });

    it("serves JSON that each report's result schema accepts strictly, and refuses an unknown key", () => {
      for (const [name, params] of CASES) {
        const json = http.get(`${name} ${JSON.stringify(params)}`) as Record<string, unknown>;
        expect(strictProblems(entry(name), json), `${name} ${JSON.stringify(params)}`).toEqual([]);
        expect(strictProblems(entry(name), { ...json, surprise: 1 })).not.toEqual([]);
      }
      // The optional parts were really exercised.
      expect(http.get('nps {"by":"month"}')).toHaveProperty("controlChart.points");
      expect(http.get('nps {"by":"team","from":"2026-01-01","to":"2026-04-01"}')).toHaveProperty(
        "previous.change",
      );
    });

    it("moves the drivers' performance line with target, and refuses a line outside 0–100 naming it", async () => {
      const moved = http.get('drivers {"team":"Laskutus","target":"80"}') as {
        performanceTarget: number;
        drivers: { performance: number; quadrant: string }[];
      };
      expect(moved.performanceTarget).toBe(80);
      for (const d of moved.drivers) {
        const good = d.quadrant === "strength" || d.quadrant === "low_priority";
        expect(good).toBe(d.performance >= 80);
      }
      const bad = await app.request("/api/v1/reports/drivers?target=150", { headers: analyst });
      expect(bad.status).toBe(400);
      expect(JSON.stringify(await bad.json())).toContain("target");
      const cliBad = await runCli(["report", "drivers", "--target", "abc", "--json"], cli.env);
      expect(cliBad.code).not.toBe(0);
      expect(cliBad.stderr).toContain("--target");
    });

    it("accepts the suppressed form of every report in its schema, at the default floor and above every group", () => {
      for (const [name] of CASES) {
        const json =
          http.get(`${name} {}`) ?? http.get([...http.keys()].find((k) => k.startsWith(`${name} `)) ?? "");
        const report = entry(name);
        for (const floor of [5, 1_000_000]) {
          const parsed = report.result.parse(json);
          expect(
            strictProblems(report, asJson(report.suppress(parsed, floor))),
            `${name} at ${floor}`,
          ).toEqual([]);
        }
      }
    });

    it("describes every field of every report in /api/openapi.json", async () => {
      const spec = (await (await app.request("/api/openapi.json")).json()) as {
        paths: Record<
          string,
          { get: { responses: { 200: { content: { "application/json": { schema: JsonSchema } } } } } }
        >;
        components: { schemas: Record<string, JsonSchema> };
      };
      for (const report of REPORT_ENTRIES) {
        const route = spec.paths[`/api/v1/reports/${report.name}`];
        expect(route, report.name).toBeDefined();
        const described = schemaPaths(
          route?.get.responses[200].content["application/json"].schema as JsonSchema,
          spec.components.schemas,
        );
        const served = new Set<string>();
        for (const [name, params] of CASES) {
          if (name !== report.name) continue;
          const json = http.get(`${name} ${JSON.stringify(params)}`);
          for (const p of jsonPaths(json)) served.add(p);
          for (const p of jsonPaths(asJson(report.suppress(report.result.parse(json), 1_000_000))))
            served.add(p);
        }
        expect(
          [...served].filter((p) => !described.has(p)),
          report.name,
        ).toEqual([]);
      }
    });

    it("prints with `report <name> --json` exactly what GET /api/v1/reports/<name> answers", async () => {
      for (const [name, params] of CASES) {
        const flags = Object.entries(params).flatMap(([k, v]) => [`--${k}`, v]);
        const run = await runCli(["report", name, ...flags, "--json"], cli.env);
        expect(run.code, run.stderr).toBe(0);
        const printed = JSON.parse(run.stdout.trim().split("\n").pop() as string);
        expect(printed, `${name} ${JSON.stringify(params)}`).toEqual(
          http.get(`${name} ${JSON.stringify(params)}`),
        );
      }
    }, 300_000);
  });

  describe(`the report registry on an empty database (${dialect})`, () => {
    let store: Store;
    let dispose: () => Promise<void>;
    beforeAll(async () => {
      ({ store, dispose } = await freshStore(dialect));
    });
    afterAll(async () => {
      await dispose?.();
    });

    it("builds every report with nothing to report on, and each JSON fits its schema (null where nothing can be computed)", async () => {
      for (const [name, params] of CASES) {
        const report = entry(name);
        const built = await report.build(store, report.params.parse(params), { timeZone: "Europe/Helsinki" });
        expect(strictProblems(report, asJson(built)), name).toEqual([]);
        expect(strictProblems(report, asJson(report.suppress(built, 5))), name).toEqual([]);
      }
    });
  });
}
