import path from "node:path";
import { setTimeout as sleep } from "node:timers/promises";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { ImportSummary } from "../../src/ingest/importer.ts";
import { lastJsonLine, runCli, startCli } from "../support/cli.ts";
import { DIALECTS, freshCliEnv, storeFor, tempDir } from "../support/databases.ts";
import { syntheticEncounter, writeJsonl } from "../support/synthetic-records.ts";

const COUNT = 30_000;
const TURNS = 8;

/**
 * Data that was accepted is never lost and never doubled: an import killed with SIGKILL while
 * batches are being committed, then run again, holds every record exactly once.
 */
for (const dialect of DIALECTS) {
  describe(`import killed mid-way on ${dialect}`, () => {
    let file: string;
    let cli: Awaited<ReturnType<typeof freshCliEnv>>;
    beforeAll(async () => {
      file = writeJsonl(path.join(tempDir(), "encounters.jsonl"), COUNT, (i) => syntheticEncounter(i, TURNS));
      cli = await freshCliEnv(dialect);
      const migrated = await runCli(["migrate"], cli.env);
      expect(migrated.code, migrated.stderr).toBe(0);
    });
    afterAll(async () => {
      await cli.dispose();
    });

    it("stores all 30,000 encounters exactly once after a SIGKILL and a re-run", async () => {
      const store = storeFor(cli.env);
      try {
        const child = startCli(["import", file, "--kind", "encounters", "--no-progress"], cli.env);
        const exited = new Promise((r) => child.once("exit", r));
        // Kill as soon as some batches are committed but well before the end.
        let stored = 0;
        for (let i = 0; i < 600 && stored < 2_000; i++) {
          await sleep(50);
          stored = await store.encounters.count().catch(() => 0);
        }
        child.kill("SIGKILL");
        await exited;
        const afterKill = await store.encounters.count();
        expect(afterKill).toBeGreaterThan(0);
        expect(afterKill).toBeLessThan(COUNT);

        const rerun = await runCli(["import", file, "--kind", "encounters", "--no-progress"], cli.env);
        expect(rerun.code, rerun.stderr).toBe(0);
        const summary = lastJsonLine<ImportSummary>(rerun.stdout);
        expect(summary.rejected).toBe(0);
        expect(summary.imported + summary.unchanged).toBe(COUNT);
        expect(summary.unchanged).toBe(afterKill);

        expect(await store.encounters.count()).toBe(COUNT);
        const turns = await store.db
          .selectFrom("turns")
          .select((eb) => eb.fn.countAll<number>().as("n"))
          .executeTakeFirstOrThrow();
        expect(Number(turns.n)).toBe(COUNT * TURNS);
        const e = await store.encounters.get("enc-12345");
        expect(e?.turns).toHaveLength(TURNS);
      } finally {
        await store.close();
      }
    }, 240_000);
  });
}
