import fs from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ingestPipeline } from "../../src/ingest/ingest-pipeline.ts";
import { createApp } from "../../src/server/app.ts";
import type { Store } from "../../src/store/index.ts";
import { reportEntry } from "../../src/workflows/report-registry.ts";
import { signedIn } from "../support/auth.ts";
import { lastJsonLine, runCli } from "../support/cli.ts";
import { DIALECTS, freshCliEnv, storeFor } from "../support/databases.ts";

/**
 * The privacy floor (KOHTAAMO_MIN_GROUP, default 5): viewers, managers and agents never get a
 * figure of a group smaller than the floor, nor one that the overall would give back; analysts,
 * admins and the CLI see everything.
 */
const AGENTS = { "agent-3": 3, "agent-20": 20, "agent-57": 57 } as const;

function answersCsv(): string {
  const rows = ["id,answered_at,kind,score,channel,team,agent"];
  let i = 0;
  for (const [agent, count] of Object.entries(AGENTS)) {
    for (let k = 0; k < count; k++, i++) {
      rows.push(
        `r${i},2026-03-${String(1 + (k % 28)).padStart(2, "0")}T10:00:00Z,nps,${(i * 7) % 11},chat,laskutus,${agent}`,
      );
    }
  }
  return `${rows.join("\n")}\n`;
}

type Group = { group: string; value?: number; n?: number; suppressed?: true };

for (const dialect of DIALECTS) {
  describe(`report privacy floor (${dialect})`, () => {
    let cli: Awaited<ReturnType<typeof freshCliEnv>>;
    let store: Store;
    let app: ReturnType<typeof createApp>;

    beforeAll(async () => {
      cli = await freshCliEnv(dialect);
      const file = path.join(cli.dataDir, "answers.csv");
      fs.writeFileSync(file, answersCsv());
      const imported = await runCli(["import", file, "--kind", "responses"], cli.env);
      expect(imported.code, imported.stderr).toBe(0);
      store = storeFor(cli.env);
      app = createApp({ store, timeZone: "Europe/Helsinki", pipeline: ingestPipeline({ analyzer: null }) });
    }, 120_000);

    afterAll(async () => {
      await store?.close();
      await cli?.dispose();
    });

    const byAgent = async (role: "viewer" | "manager" | "analyst" | "admin", query = "by=agent") => {
      const { headers } = await signedIn(store, role);
      const res = await app.request(`/api/v1/reports/nps?${query}`, { headers });
      expect(res.status).toBe(200);
      return (await res.json()) as Record<string, unknown> & { groups: Group[] };
    };
    const group = (report: { groups: Group[] }, agent: string) =>
      report.groups.find((g) => g.group === agent);

    it("shows a viewer the 57-answer agent but not the 3-answer one, nor the one the total would give back", async () => {
      for (const role of ["viewer", "manager"] as const) {
        const report = await byAgent(role);
        expect(group(report, "agent-3"), role).toEqual({ group: "agent-3", suppressed: true });
        // 3 answers alone could be recovered as total − the others: the next smallest goes too.
        expect(group(report, "agent-20"), role).toEqual({ group: "agent-20", suppressed: true });
        expect(group(report, "agent-57")).toMatchObject({ n: 57, value: expect.any(Number) });
        expect(report).toMatchObject({ n: 80, value: expect.any(Number) });
        expect(reportEntry("nps")?.result.safeParse(report).success).toBe(true);
      }
    });

    it("suppresses the whole report for a viewer who narrows it to one small agent", async () => {
      const report = await byAgent("viewer", "agent=agent-3");
      expect(report).toMatchObject({ metric: "nps", suppressed: true, groups: [] });
      for (const key of ["value", "low", "high", "n", "promoters", "detractors"])
        expect(report).not.toHaveProperty(key);
    });

    it("shows analysts and admins every agent, and the CLI (a local operator) prints the same", async () => {
      for (const role of ["analyst", "admin"] as const) {
        const report = await byAgent(role);
        for (const [agent, n] of Object.entries(AGENTS)) {
          expect(group(report, agent), `${role} ${agent}`).toMatchObject({ n, value: expect.any(Number) });
        }
      }
      const run = await runCli(["report", "nps", "--by", "agent", "--json"], cli.env);
      expect(run.code, run.stderr).toBe(0);
      const printed = lastJsonLine<{ groups: Group[] }>(run.stdout);
      for (const [agent, n] of Object.entries(AGENTS)) {
        expect(group(printed, agent), agent).toMatchObject({ n, value: expect.any(Number) });
      }
      expect(printed).toEqual(await byAgent("analyst"));
    }, 60_000);
  });
}
