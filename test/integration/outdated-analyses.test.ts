import { sql } from "kysely";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ingestPipeline } from "../../src/ingest/ingest-pipeline.ts";
import { createApp } from "../../src/server/app.ts";
import type { ReanalysisBody, TaxonomyBody } from "../../src/server/taxonomy-schemas.ts";
import { AnalysisQueueRepository } from "../../src/store/analysis-queue-repository.ts";
import { type AnalysingApi, analysingApi } from "../support/analysing-api.ts";
import { DIALECTS } from "../support/databases.ts";

/**
 * After an upgrade or a taxonomy edit the stored analyses are the older analyzer's until a
 * reanalysis: GET /analysis/status says how many records with text the current analyzer has not
 * read (`outdated`), so an admin knows the figures mix two readings and that a reanalysis is due.
 */

interface Status {
  analyzerVersion: string | null;
  pending: { total: number };
  outdated: { encounter: number; response: number; pulse: number; total: number; capped: boolean } | null;
}

const AT = "2026-03-04T09:00:00Z";
const NONE = { encounter: 0, response: 0, pulse: 0, total: 0, capped: false };
const CALL = [
  { speaker: "customer", text: "Laskussani on virhe, minulta on veloitettu kahteen kertaan." },
  { speaker: "agent", text: "Pahoittelen, korjaan sen heti." },
];

async function reanalyse(api: AnalysingApi): Promise<ReanalysisBody> {
  const res = await api.app.request("/api/v1/reanalysis", { method: "POST", headers: api.headers });
  expect(res.status).toBe(202);
  for (let i = 0; i < 600; i++) {
    const body = await api.get<ReanalysisBody>("/api/v1/reanalysis");
    if (body.state !== "running") return body;
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error("reanalysis did not finish");
}

for (const dialect of DIALECTS) {
  describe(`analyses an older analyzer wrote (${dialect})`, () => {
    let api: AnalysingApi;
    const status = () => api.get<Status>("/api/v1/analysis/status");

    beforeAll(async () => {
      api = await analysingApi(dialect, "admin");
      await api.post("/api/v1/encounters", [
        { id: "e-1", channel: "phone", started_at: AT, team: "Tampere", turns: CALL },
        // No turns: nothing to read, so never outdated.
        { id: "e-2", channel: "phone", started_at: AT, team: "Tampere", turns: [] },
      ]);
      await api.post("/api/v1/responses", [
        { id: "r-1", kind: "nps", score: 2, answered_at: AT, comment: "Lasku oli taas väärin." },
        { id: "r-2", kind: "nps", score: 9, answered_at: AT, comment: "Hyvää palvelua, kiitos." },
        { id: "r-3", kind: "nps", score: 7, answered_at: AT },
      ]);
      await api.post("/api/v1/pulse", [
        { id: "p-1", team: "Tampere", period: "2026-03", score: 8, comment: "Hyvä tiimi." },
        { id: "p-2", team: "Tampere", period: "2026-03", score: 6 },
      ]);
    }, 60_000);
    afterAll(async () => {
      await api.dispose();
    });

    it("counts none while everything stored was read by the current analyzer, whose version names its rules", async () => {
      const s = await status();
      expect(s.analyzerVersion).toMatch(/\+rules-[0-9a-f]{8}$/);
      expect(s.outdated).toEqual(NONE);
      const stored = await api.store.db
        .selectFrom("survey_responses")
        .select(["id", "analyzer_version"])
        .orderBy("id")
        .execute();
      expect(stored).toEqual([
        { id: "r-1", analyzer_version: s.analyzerVersion },
        { id: "r-2", analyzer_version: s.analyzerVersion },
        { id: "r-3", analyzer_version: null },
      ]);
    });

    it("counts every record with text once the taxonomy changes, but not what is analysed after, and none after a reanalysis", async () => {
      const before = await status();
      const current = await api.get<TaxonomyBody>("/api/v1/taxonomy");
      const themes = current.themes.map(({ group: _g, ...t }) =>
        t.id === "billing" ? { ...t, patterns: { ...t.patterns, fi: [...t.patterns.fi, "väärin*"] } } : t,
      );
      const put = await api.app.request("/api/v1/taxonomy", {
        method: "PUT",
        headers: { ...api.headers, "content-type": "application/json" },
        body: JSON.stringify({ themes }),
      });
      expect(put.status).toBe(200);
      const after = await status();
      expect(after.analyzerVersion).not.toBe(before.analyzerVersion);
      expect(after.outdated).toEqual({ encounter: 1, response: 2, pulse: 1, total: 4, capped: false });
      // A count that reaches its cap stops there and says so (the API's cap is 100,000).
      expect(await api.store.analysisQueue.outdatedCounts(after.analyzerVersion as string, 1)).toEqual({
        encounter: 1,
        response: 1,
        pulse: 1,
        total: 3,
        capped: true,
      });

      // Read by the current analyzer as it arrives: not outdated.
      await api.post("/api/v1/responses", [
        { id: "r-4", kind: "nps", score: 3, answered_at: AT, comment: "Jonotin tunnin." },
      ]);
      expect((await status()).outdated?.total).toBe(4);

      const run = await reanalyse(api);
      expect(run).toMatchObject({ state: "done", error: null, analyzerVersion: after.analyzerVersion });
      expect((await status()).outdated).toEqual(NONE);
    });

    it("counts a record stored without analysis, and one analysed before versions were kept, but not one a job will analyse", async () => {
      const unanalysed = createApp({
        store: api.store,
        timeZone: "Europe/Helsinki",
        pipeline: ingestPipeline({ analyzer: null }),
      });
      const res = await unanalysed.request("/api/v1/responses", {
        method: "POST",
        headers: { ...api.headers, "content-type": "application/json" },
        body: JSON.stringify([
          { id: "r-5", kind: "nps", score: 5, answered_at: AT, comment: "Ei vastausta." },
        ]),
      });
      expect(res.status).toBe(200);
      expect((await status()).outdated).toMatchObject({ response: 1, total: 1 });
      // As migration 0033 leaves a record analysed before it.
      await sql`update encounters set analyzer_version = null where id = 'e-1'`.execute(api.store.db);
      expect((await status()).outdated).toMatchObject({ encounter: 1, response: 1, total: 2 });
      // Awaiting a job (KOHTAAMO_ANALYSIS=queue): counted as pending, not as outdated.
      await api.store.db
        .transaction()
        .execute((trx) =>
          AnalysisQueueRepository.defer(trx, { subjectKind: "response", ids: ["r-5"] }, "t-1", AT),
        );
      const s = await status();
      expect(s.pending.total).toBe(1);
      expect(s.outdated).toMatchObject({ encounter: 1, response: 0, total: 1 });
    });

    it("stops counting the records whose text retention removed: nothing can read them again", async () => {
      expect((await status()).outdated?.total).toBeGreaterThan(0);
      await api.store.privacy.applyRetention("2026-06-01T00:00:00Z");
      expect((await status()).outdated).toEqual(NONE);
      const e1 = await api.store.db
        .selectFrom("encounters")
        .select("analyzer_version")
        .where("id", "=", "e-1")
        .executeTakeFirstOrThrow();
      expect(e1.analyzer_version).toBe("");
    });
  });
}
