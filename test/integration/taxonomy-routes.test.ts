import { sql } from "kysely";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { loadDefaultAnalyzer } from "../../src/analysis/default-analyzer.ts";
import { ingestPipeline, writeThroughPipeline } from "../../src/ingest/ingest-pipeline.ts";
import { createApp } from "../../src/server/app.ts";
import type { ReanalysisBody, TaxonomyBody } from "../../src/server/taxonomy-schemas.ts";
import type { Store } from "../../src/store/index.ts";
import { signedIn } from "../support/auth.ts";
import { DIALECTS, freshStore } from "../support/databases.ts";

type App = ReturnType<typeof createApp>;
const pipeline = ingestPipeline({ analyzer: loadDefaultAnalyzer() });
/** A made-up product name no shipped pattern or model knows: only the edited pattern can find it. */
const WORD = "zorblax";

async function themesOf(store: Store, kind: "encounter" | "response", id: string): Promise<string[]> {
  const latest = await store.analysis.latest(kind, id);
  return ((latest?.result as { themes?: { id: string }[] })?.themes ?? []).map((t) => t.id);
}

async function themeCodes(store: Store, id: string): Promise<string> {
  const row = await store.db
    .selectFrom("encounters")
    .select("theme_codes")
    .where("id", "=", id)
    .executeTakeFirst();
  return row?.theme_codes ?? "";
}

async function waitForRun(app: App, headers: Record<string, string>): Promise<ReanalysisBody> {
  for (let i = 0; i < 600; i++) {
    const res = await app.request("/api/v1/reanalysis", { headers });
    const body = (await res.json()) as ReanalysisBody;
    if (body.state !== "running") return body;
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error("reanalysis did not finish");
}

for (const dialect of DIALECTS) {
  describe(`taxonomy and reanalysis routes on ${dialect}`, () => {
    let store: Store;
    let dispose: () => Promise<void>;
    let app: App;
    let admin: Record<string, string>;
    let analyst: Record<string, string>;

    beforeAll(async () => {
      ({ store, dispose } = await freshStore(dialect));
      app = createApp({ store, timeZone: "Europe/Helsinki", pipeline });
      admin = (await signedIn(store, "admin")).headers;
      analyst = (await signedIn(store, "analyst")).headers;
      await writeThroughPipeline(store, pipeline, "encounters", [
        {
          id: "e-1",
          channel: "chat",
          startedAt: "2026-03-02T09:00:00.000Z",
          team: "tuki",
          turns: [
            {
              seq: 0,
              speaker: "customer",
              text: `Hei, haluaisin kysyä teiltä vielä ${WORD}ista, kun en ymmärrä sitä.`,
            },
            { seq: 1, speaker: "agent", text: "Selvitän asian." },
          ],
        },
      ]);
      await writeThroughPipeline(store, pipeline, "responses", [
        {
          id: "r-1",
          kind: "nps",
          score: 2,
          comment: `Mietin vielä sitä ${WORD}ia, en oikein ymmärrä mitä se tarkoittaa.`,
          answeredAt: "2026-03-02T10:00:00.000Z",
        },
      ]);
    });
    afterAll(async () => {
      await dispose();
    });

    it("refuses viewers and managers, and agents", async () => {
      for (const role of ["viewer", "manager", "agent"] as const) {
        const { headers } = await signedIn(store, role);
        for (const [method, path] of [
          ["GET", "/api/v1/taxonomy"],
          ["PUT", "/api/v1/taxonomy"],
          ["GET", "/api/v1/reanalysis"],
          ["POST", "/api/v1/reanalysis"],
        ] as const) {
          const res = await app.request(path, {
            method,
            headers: { ...headers, "content-type": "application/json" },
            ...(method === "PUT" ? { body: JSON.stringify({ themes: [] }) } : {}),
          });
          expect(res.status, `${role} ${method} ${path}`).toBe(403);
        }
      }
    });

    it("shows the shipped taxonomy until one is saved, and no reanalysis yet", async () => {
      const res = await app.request("/api/v1/taxonomy", { headers: analyst });
      expect(res.status).toBe(200);
      const body = (await res.json()) as TaxonomyBody;
      expect(body.source).toBe("default");
      expect(body.themes).toHaveLength(29);
      expect(body.themes.find((t) => t.id === "billing")).toMatchObject({ group: "billing_payments" });
      const progress = await app.request("/api/v1/reanalysis", { headers: analyst });
      expect(await progress.json()).toMatchObject({ state: "idle", done: 0, total: 0 });
    });

    it("answers 400 naming the theme and the pattern for a bad pattern, and saves nothing", async () => {
      const current = (await (
        await app.request("/api/v1/taxonomy", { headers: admin })
      ).json()) as TaxonomyBody;
      const themes = current.themes.map(({ group: _g, ...t }) =>
        t.id === "billing" ? { ...t, patterns: { ...t.patterns, fi: [...t.patterns.fi, "zor*blax"] } } : t,
      );
      const res = await app.request("/api/v1/taxonomy", {
        method: "PUT",
        headers: { ...admin, "content-type": "application/json" },
        body: JSON.stringify({ themes }),
      });
      expect(res.status).toBe(400);
      const body = (await res.json()) as { error: { message: string; details: { problems: unknown[] } } };
      expect(body.error.message).toContain("billing");
      expect(body.error.message).toContain("zor*blax");
      expect(body.error.details.problems).toEqual([
        expect.objectContaining({ theme: "billing", lang: "fi", pattern: "zor*blax" }),
      ]);
      expect(await store.taxonomy.digest()).toBeNull();
      // A body of the wrong shape is a 400 too, never a 500.
      const wrong = await app.request("/api/v1/taxonomy", {
        method: "PUT",
        headers: { ...admin, "content-type": "application/json" },
        body: JSON.stringify({ themes: [{ id: "billing", patterns: "lasku*" }] }),
      });
      expect(wrong.status).toBe(400);
    });

    it("saves an edited pattern and name; a reanalysis gives stored records the new theme, with progress", async () => {
      expect(await themesOf(store, "encounter", "e-1")).not.toContain("billing");
      expect(await themesOf(store, "response", "r-1")).not.toContain("billing");
      const current = (await (
        await app.request("/api/v1/taxonomy", { headers: admin })
      ).json()) as TaxonomyBody;
      const themes = current.themes.map(({ group: _g, ...t }) =>
        t.id === "billing"
          ? {
              ...t,
              name: { ...t.name, en: "Billing and invoices" },
              patterns: { ...t.patterns, fi: [...t.patterns.fi, `${WORD}*`] },
            }
          : t,
      );
      const put = await app.request("/api/v1/taxonomy", {
        method: "PUT",
        headers: { ...admin, "content-type": "application/json" },
        body: JSON.stringify({ themes }),
      });
      expect(put.status).toBe(200);
      const saved = (await put.json()) as TaxonomyBody;
      expect(saved.source).toBe("workspace");
      expect(saved.updatedBy).toMatch(/^admin-/);
      expect(saved.themes.find((t) => t.id === "billing")?.name.en).toBe("Billing and invoices");
      expect(saved.themes.find((t) => t.id === "billing")?.group).toBe("billing_payments");
      const again = (await (
        await app.request("/api/v1/taxonomy", { headers: analyst })
      ).json()) as TaxonomyBody;
      expect(again.version).toBe(saved.version);

      const start = await app.request("/api/v1/reanalysis", { method: "POST", headers: analyst });
      expect(start.status).toBe(202);
      expect(await start.json()).toMatchObject({ state: "running", total: 2 });
      const end = await waitForRun(app, analyst);
      expect(end).toMatchObject({ state: "done", done: 2, total: 2, error: null });
      expect(end.analyzerVersion).toContain(`+taxonomy-${saved.version}+`);
      expect(end.finishedAt).not.toBeNull();

      expect(await themesOf(store, "encounter", "e-1")).toContain("billing");
      expect(await themesOf(store, "response", "r-1")).toContain("billing");
      // The record's facts, which reports read, changed too.
      expect(await themeCodes(store, "e-1")).toContain("billing");
      // The API names the theme with its edited name.
      const detail = await app.request("/api/v1/encounters/e-1", { headers: analyst });
      expect(detail.status).toBe(200);
      expect(JSON.stringify(await detail.json())).toContain('"en":"Billing and invoices"');

      const audit = await store.access.auditEntries({ limit: 10 });
      expect(audit.map((e) => e.action)).toEqual(
        expect.arrayContaining(["taxonomy.update", "reanalysis.start"]),
      );
    });

    it("analyses new imports with the saved taxonomy", async () => {
      await writeThroughPipeline(store, pipeline, "responses", [
        {
          id: "r-2",
          kind: "nps",
          score: 3,
          comment: `Taas se ${WORD}, en tiedä mitä tehdä.`,
          answeredAt: "2026-03-03T10:00:00.000Z",
        },
      ]);
      expect(await themesOf(store, "response", "r-2")).toContain("billing");
    });

    it("runs one reanalysis at a time (409), and a start after a killed run resumes it without doubling", async () => {
      const version = (await waitForRun(app, admin)).analyzerVersion as string;
      // Another process is running one (its heartbeat is fresh).
      const stale = new Date(Date.now() - 60_000).toISOString();
      expect(await store.reanalysis.claim("other-process", "someone", stale)).toBe(true);
      await store.reanalysis.begin("other-process", {
        analyzerVersion: version,
        phase: "response",
        afterId: "r-1",
        done: 2,
        total: 3,
        startedAt: new Date().toISOString(),
      });
      const busy = await app.request("/api/v1/reanalysis", { method: "POST", headers: admin });
      expect(busy.status).toBe(409);
      expect(((await busy.json()) as { error: { code: string } }).error.code).toBe("conflict");

      // That process dies: its heartbeat stops.
      const longAgo = new Date(Date.now() - 10 * 60_000).toISOString();
      await sql`update reanalysis_progress set heartbeat_at = ${longAgo}`.execute(store.db);
      const shown = (await (
        await app.request("/api/v1/reanalysis", { headers: admin })
      ).json()) as ReanalysisBody;
      expect(shown.state).toBe("interrupted");

      const resumed = await app.request("/api/v1/reanalysis", { method: "POST", headers: admin });
      expect(resumed.status).toBe(202);
      expect(await resumed.json()).toMatchObject({ state: "running", done: 2, total: 3 });
      const end = await waitForRun(app, admin);
      // Only r-2 was left after the checkpoint (r-1): 3 in all, not 2 + 3.
      expect(end).toMatchObject({ state: "done", done: 3, total: 3 });
      const rows = await store.db
        .selectFrom("analysis_results")
        .select(["subject_id"])
        .where("analyzer_version", "=", version)
        .execute();
      expect(rows.map((r) => r.subject_id).sort()).toEqual(["e-1", "r-1", "r-2"]);
    });
  });
}
