import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { loadDefaultAnalyzer } from "../../src/analysis/default-analyzer.ts";
import { ingestPipeline } from "../../src/ingest/ingest-pipeline.ts";
import { createApp } from "../../src/server/app.ts";
import { openStore, type Store } from "../../src/store/index.ts";
import { signedIn } from "../support/auth.ts";
import { DIALECTS, freshStore } from "../support/databases.ts";

type App = ReturnType<typeof createApp>;

function encounterItem(i: number, extra: Record<string, unknown> = {}) {
  return {
    id: `api-${i}`,
    channel: i % 2 === 0 ? "chat" : "puhelin",
    started_at: `${1 + (i % 28)}.3.2026 10:${String(i % 60).padStart(2, "0")}`,
    team: i % 3 === 0 ? "Laskutus" : "Tekninen tuki",
    agent: `agent-${i % 4}`,
    turns: [
      { speaker: "asiakas", text: "Lasku on väärin." },
      { speaker: "agent", text: "Korjaan sen.", at: 15 },
    ],
    ...extra,
  };
}

/** Headers of an admin API token, set up before each test (see test/support/auth.ts). */
let auth: Record<string, string> = {};

async function post(app: App, path: string, body: unknown) {
  const res = await app.request(path, {
    method: "POST",
    headers: { "content-type": "application/json", ...auth },
    body: JSON.stringify(body),
  });
  return { status: res.status, body: (await res.json()) as Record<string, unknown> };
}

async function get(app: App, path: string) {
  const res = await app.request(path, { headers: auth });
  return { status: res.status, body: (await res.json()) as Record<string, unknown> };
}

for (const dialect of DIALECTS) {
  describe(`HTTP API on ${dialect}`, () => {
    let store: Store;
    let dispose: () => Promise<void>;
    let app: App;
    beforeEach(async () => {
      ({ store, dispose } = await freshStore(dialect));
      app = createApp({
        store,
        timeZone: "Europe/Helsinki",
        pipeline: ingestPipeline({ analyzer: loadDefaultAnalyzer() }),
      });
      auth = (await signedIn(store, "admin")).headers;
    });
    afterEach(async () => {
      await dispose();
    });

    it("answers /health/ready while the database answers, and 503 when it does not", async () => {
      expect(await get(app, "/health/ready")).toEqual({
        status: 200,
        body: { status: "ok", database: "ok" },
      });
      // Nothing listens on port 1: a PostgreSQL store there cannot be reached.
      const unreachable = openStore({ databaseUrl: "postgres://kohtaamo@127.0.0.1:1/none", sqliteFile: "" });
      try {
        const down = createApp({
          store: unreachable,
          timeZone: "Europe/Helsinki",
          pipeline: ingestPipeline({ analyzer: null }),
        });
        expect(await get(down, "/health/ready")).toEqual({
          status: 503,
          body: { status: "unavailable", database: "unreachable" },
        });
        expect((await get(down, "/health")).status).toBe(200);
      } finally {
        await unreachable.close();
      }
    });

    it("answers /health and describes every /api/v1 route in /api/openapi.json", async () => {
      expect(await get(app, "/health")).toEqual({ status: 200, body: { status: "ok" } });
      const spec = (await get(app, "/api/openapi.json")).body as {
        openapi: string;
        paths: Record<string, unknown>;
      };
      expect(spec.openapi).toBe("3.1.0");
      for (const p of [
        "/api/v1/encounters",
        "/api/v1/encounters/{id}",
        "/api/v1/responses",
        "/api/v1/responses/{id}",
        "/api/v1/invitations",
        "/api/v1/pulse",
        "/api/v1/reports/nps",
        "/api/v1/reports/response-rate",
      ]) {
        expect(Object.keys(spec.paths)).toContain(p);
      }
    });

    it("reports /health as starting until the app is ready", async () => {
      let ready = false;
      const starting = createApp({
        store,
        timeZone: "Europe/Helsinki",
        pipeline: ingestPipeline({ analyzer: null }),
        isReady: () => ready,
      });
      expect((await starting.request("/health")).status).toBe(503);
      ready = true;
      expect((await starting.request("/health")).status).toBe(200);
    });

    it("accepts a batch, lists per-item errors, and never drops an item silently", async () => {
      const items = [
        encounterItem(1),
        encounterItem(2, { channel: "fa\u0000x" }),
        encounterItem(3, { started_at: "31.2.2026" }),
        encounterItem(4),
      ];
      const res = await post(app, "/api/v1/encounters", items);
      expect(res.status).toBe(200);
      expect(res.body.accepted).toEqual(["api-1", "api-4"]);
      const errors = res.body.errors as { index: number; id?: string; problems: { field: string }[] }[];
      expect(errors.map((e) => [e.index, e.id, e.problems[0]?.field])).toEqual([
        [1, "api-2", "channel"],
        [2, "api-3", "started_at"],
      ]);
      expect(res.body.imported).toBe(2);
      const again = await post(app, "/api/v1/encounters", [encounterItem(1)]);
      expect(again.body).toMatchObject({ imported: 0, unchanged: 1 });
    });

    it("refuses more than 1,000 items, and a batch with no valid item gets 422", async () => {
      const big = Array.from({ length: 1001 }, (_, i) => ({
        id: `r${i}`,
        kind: "nps",
        score: 5,
        answered_at: "2026-01-01",
      }));
      const tooMany = await post(app, "/api/v1/responses", big);
      expect(tooMany.status).toBe(413);
      expect(JSON.stringify(tooMany.body)).toMatch(/1,000/);
      const allBad = await post(app, "/api/v1/responses", [
        { id: "x", kind: "nps", score: 11, answered_at: "2026-01-01" },
      ]);
      expect(allBad.status).toBe(422);
      const notArray = await post(app, "/api/v1/responses", { id: "x" });
      expect(notArray.status).toBe(400);
    });

    it("gets records by their own id and lists them with filters and cursor pages", async () => {
      await post(
        app,
        "/api/v1/encounters",
        Array.from({ length: 30 }, (_, i) => encounterItem(i)),
      );
      const one = await get(app, "/api/v1/encounters/api-7");
      expect(one.status).toBe(200);
      expect(one.body).toMatchObject({ id: "api-7", channel: "phone", agent: "agent-3" });
      expect((one.body.turns as unknown[]).length).toBe(2);
      expect((await get(app, "/api/v1/encounters/nope")).status).toBe(404);

      const ids: string[] = [];
      let next: string | null = null;
      do {
        const page = await get(
          app,
          `/api/v1/encounters?team=Laskutus&limit=3${next ? `&cursor=${next}` : ""}`,
        );
        expect(page.status).toBe(200);
        const items = page.body.items as { id: string; team: string }[];
        expect(items.every((e) => e.team === "Laskutus")).toBe(true);
        ids.push(...items.map((e) => e.id));
        next = page.body.next_cursor as string | null;
      } while (next);
      expect(ids.sort()).toEqual([
        "api-0",
        "api-12",
        "api-15",
        "api-18",
        "api-21",
        "api-24",
        "api-27",
        "api-3",
        "api-6",
        "api-9",
      ]);

      const march = await get(app, "/api/v1/encounters?from=10.3.2026&to=2026-03-12&channel=chat");
      expect(
        (march.body.items as { started_at: string }[]).every(
          (e) => e.started_at >= "2026-03-09T22:00:00.000Z",
        ),
      ).toBe(true);
      expect((await get(app, "/api/v1/encounters?from=31.2.2026")).status).toBe(400);
      expect((await get(app, "/api/v1/encounters?cursor=garbage")).status).toBe(400);
      expect((await get(app, "/api/v1/encounters?limit=0")).status).toBe(400);
    });

    it("reports NPS with its interval, overall and per group", async () => {
      const answers = Array.from({ length: 40 }, (_, i) => ({
        id: `n${i}`,
        kind: "nps",
        score: i % 11,
        answered_at: `2026-0${1 + (i % 2)}-10T10:00:00Z`,
        team: i % 2 === 0 ? "a" : "b",
      }));
      await post(app, "/api/v1/responses", answers);
      const report = await get(app, "/api/v1/reports/nps?by=month");
      expect(report.status).toBe(200);
      // The overall estimate is at the top level, exactly as `kohtaamo report nps --json` prints it.
      const overall = report.body as { value: number; low: number; high: number; n: number };
      expect(overall.n).toBe(40);
      expect(overall.low).toBeLessThan(overall.value);
      const groups = report.body.groups as { group: string; n: number }[];
      expect(groups.map((g) => [g.group, g.n])).toEqual([
        ["2026-01", 20],
        ["2026-02", 20],
      ]);
      const csat = await get(app, "/api/v1/reports/csat");
      expect(csat.status).toBe(200);
      expect((csat.body as { n: number }).n).toBe(0);
      expect((await get(app, "/api/v1/reports/enps?by=channel")).status).toBe(400);
      expect((await get(app, "/api/v1/reports/happiness")).status).toBe(404);
      const listed = await get(app, "/api/v1/responses?team=a&kind=nps&limit=100");
      expect((listed.body.items as unknown[]).length).toBe(20);
    });

    it("serves the web shell and answers unknown API paths with JSON 404, without stack traces", async () => {
      const page = await app.request("/");
      expect(page.status).toBe(200);
      expect(await page.text()).toMatch(/Kohtaamo/);
      const missing = await get(app, "/api/v1/nothing-here");
      expect(missing.status).toBe(404);
      expect(JSON.stringify(missing.body)).not.toMatch(/\.ts:\d+/);
      expect(page.headers.get("x-content-type-options")).toBe("nosniff");
    });
  });
}
