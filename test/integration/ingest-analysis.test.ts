import fs from "node:fs";
import path from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { lastJsonLine, runCli } from "../support/cli.ts";
import { DIALECTS, freshCliEnv, storeFor, tempDir } from "../support/databases.ts";

const ENCOUNTER = {
  id: "pii-1",
  channel: "chat",
  started_at: "2026-03-02T10:00:00Z",
  team: "Laskutus",
  turns: [
    {
      speaker: "customer",
      text: "Laskuni on väärin! Soittakaa minulle numeroon 040 123 4567, jonotin jo tunnin.",
    },
    { speaker: "agent", text: "Pahoittelen, korjaan laskun heti." },
    { speaker: "customer", text: "Kiitos, hienoa!" },
  ],
};
const RESPONSE = {
  id: "r-1",
  kind: "nps",
  score: 3,
  answered_at: "2026-03-02T12:00:00Z",
  comment: "Henkilötunnukseni 131052-308T näkyi kirjeessä, todella huonoa palvelua.",
};

for (const dialect of DIALECTS) {
  describe(`analysis and redaction at ingest on ${dialect}`, () => {
    let cli: Awaited<ReturnType<typeof freshCliEnv>>;
    let dir: string;
    beforeEach(async () => {
      cli = await freshCliEnv(dialect);
      dir = tempDir();
      fs.writeFileSync(path.join(dir, "e.jsonl"), `${JSON.stringify(ENCOUNTER)}\n`);
      fs.writeFileSync(path.join(dir, "r.jsonl"), `${JSON.stringify(RESPONSE)}\n`);
    });
    afterEach(async () => {
      await cli.dispose();
      fs.rmSync(dir, { recursive: true, force: true });
    });

    it("stores redacted text and the analysis of every new record, never the personal data", async () => {
      expect(
        (await runCli(["import", path.join(dir, "e.jsonl"), "--kind", "encounters"], cli.env)).code,
      ).toBe(0);
      expect((await runCli(["import", path.join(dir, "r.jsonl"), "--kind", "responses"], cli.env)).code).toBe(
        0,
      );
      const store = storeFor(cli.env);
      try {
        const e = await store.encounters.get("pii-1");
        expect(e?.turns[0]?.text).toBe(
          "Laskuni on väärin! Soittakaa minulle numeroon [PHONE], jonotin jo tunnin.",
        );
        expect((await store.responses.get("r-1"))?.comment).toContain("[HETU]");
        const analysis = await store.analysis.latest("encounter", "pii-1");
        const result = analysis?.result as {
          arc: { trajectory: string };
          effort: { statedWaitSeconds: number | null };
          themes: { id: string }[];
        };
        expect(analysis?.analyzerVersion).toMatch(/^linear-/);
        expect(result.arc.trajectory).toBe("recovered");
        expect(result.effort.statedWaitSeconds).toBe(3600);
        // The customer's turn names three topics (a wrong invoice, a call back, an hour's queue): the
        // analysis keeps what it is sure of (a second theme must pass its own bar), and nothing else.
        const themes = result.themes.map((t) => t.id);
        expect(themes.length).toBeGreaterThan(0);
        for (const id of themes) expect(["billing", "callback", "waiting"]).toContain(id);
        const rows = await store.db.selectFrom("analysis_results").select("result").execute();
        for (const row of rows) expect(row.result).not.toMatch(/040 123 4567|131052-308T/);
        expect((await store.analysis.latest("response", "r-1"))?.result).toMatchObject({
          tone: { label: "negative" },
        });
      } finally {
        await store.close();
      }
    });

    // Four CLI processes in a row: on a loaded machine they can take longer than the default 30 s.
    it("stores no analysis with --no-analysis, and reanalyze fills it in", { timeout: 120_000 }, async () => {
      for (const [file, kind] of [
        ["e.jsonl", "encounters"],
        ["r.jsonl", "responses"],
      ] as const) {
        const imported = await runCli(
          ["import", path.join(dir, file), "--kind", kind, "--no-analysis"],
          cli.env,
        );
        expect(imported.code, imported.stderr).toBe(0);
      }
      const store = storeFor(cli.env);
      try {
        expect(await store.analysis.latest("encounter", "pii-1")).toBeUndefined();
        const r = await runCli(["reanalyze"], cli.env);
        expect(r.code, r.stderr).toBe(0);
        expect(lastJsonLine(r.stdout)).toMatchObject({ encounters: 1, responses: 1, pulse: 0 });
        expect(await store.analysis.latest("encounter", "pii-1")).toBeDefined();
        expect(await store.analysis.latest("response", "r-1")).toBeDefined();
      } finally {
        await store.close();
      }
    });

    it("keeps text as given when the deployment turns redaction off", async () => {
      const env = { ...cli.env, KOHTAAMO_REDACTION: "off" };
      await runCli(["import", path.join(dir, "e.jsonl"), "--kind", "encounters", "--no-analysis"], env);
      const store = storeFor(cli.env);
      try {
        expect((await store.encounters.get("pii-1"))?.turns[0]?.text).toContain("040 123 4567");
      } finally {
        await store.close();
      }
    });
  });
}
