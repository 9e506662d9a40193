import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { loadDefaultAnalyzer } from "../../src/analysis/default-analyzer.ts";
import { seedDemo } from "../../src/ingest/demo-seeder.ts";
import { ingestPipeline } from "../../src/ingest/ingest-pipeline.ts";
import { createApp } from "../../src/server/app.ts";
import type { Store } from "../../src/store/index.ts";
import { signedIn } from "../support/auth.ts";
import { DIALECTS, freshStore } from "../support/databases.ts";

/**
 * A manager's reports cover the teams they lead (issue 10, roles): the same figures an analyst sees
 * for those teams, no group of another team, and nothing when asking for another team.
 */
for (const dialect of DIALECTS) {
  describe(`reports scoped to a manager's teams (${dialect})`, { timeout: 120_000 }, () => {
    let store: Store;
    let dispose: () => Promise<void>;
    let app: ReturnType<typeof createApp>;
    let manager: Record<string, string>;
    let analyst: Record<string, string>;

    beforeAll(async () => {
      ({ store, dispose } = await freshStore(dialect));
      await seedDemo(store, { pipeline: ingestPipeline({ analyzer: loadDefaultAnalyzer() }) });
      app = createApp({
        store,
        timeZone: "Europe/Helsinki",
        pipeline: ingestPipeline({ analyzer: null }),
        minGroup: 1,
      });
      manager = (await signedIn(store, "manager", { teams: ["Asiakaspalvelu"] })).headers;
      analyst = (await signedIn(store, "analyst")).headers;
    }, 180_000);

    afterAll(async () => {
      await dispose?.();
    });

    const get = async (url: string, headers: Record<string, string>) => {
      const res = await app.request(url, { headers });
      expect(res.status, url).toBe(200);
      return (await res.json()) as Record<string, unknown> & { n: number };
    };

    it.each([
      "/api/v1/reports/nps",
      "/api/v1/reports/csat",
      "/api/v1/reports/themes",
      "/api/v1/reports/drivers",
      "/api/v1/reports/nps?from=2026-01-01&to=2026-04-01",
    ])("%s: the manager's figures are the analyst's for their team", async (url) => {
      const sep = url.includes("?") ? "&" : "?";
      const mine = await get(url, manager);
      const theirs = await get(`${url}${sep}team=Asiakaspalvelu`, analyst);
      const all = await get(url, analyst);
      expect(mine.n).toBeGreaterThan(0);
      expect(mine.n).toBe(theirs.n);
      expect(mine.n).toBeLessThan(all.n);
    });

    it("lists only the manager's own teams in a breakdown, and nothing of another team", async () => {
      const byTeam = (await get("/api/v1/reports/nps?by=team", manager)) as unknown as {
        groups: { group: string }[];
      };
      expect(byTeam.groups.map((g) => g.group)).toEqual(["Asiakaspalvelu"]);
      const other = await get("/api/v1/reports/nps?team=Tekninen%20tuki", manager);
      expect(other.n).toBe(0);
      const exported = await app.request("/api/v1/reports/nps/export?by=team&format=csv", {
        headers: manager,
      });
      expect(exported.status).toBe(200);
      const csv = await exported.text();
      expect(csv).toContain("Asiakaspalvelu");
      expect(csv).not.toContain("Tekninen tuki");
    });
  });
}
