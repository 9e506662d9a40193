import type { ChildProcess } from "node:child_process";
import fs from "node:fs";
import http from "node:http";
import type { AddressInfo } from "node:net";
import path from "node:path";
import { sql } from "kysely";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { loadDefaultAnalyzer } from "../../src/analysis/default-analyzer.ts";
import { startReanalysis } from "../../src/ingest/reanalyzer.ts";
import { type JobQueue, openJobQueue } from "../../src/jobs/job-queue.ts";
import { reanalysisKind } from "../../src/jobs/reanalysis-job.ts";
import type { Store } from "../../src/store/index.ts";
import { WebhookRepository } from "../../src/store/webhook-repository.ts";
import { lastJsonLine, runCli, startCli } from "../support/cli.ts";
import { DIALECTS, freshCliEnv, storeFor } from "../support/databases.ts";
import { daysAgo, syntheticEncounter, writeJsonl } from "../support/synthetic-records.ts";
import { exited, until } from "../support/waiting.ts";

/**
 * Real `kohtaamo worker` processes: notification delivery runs as a job end to end (a detractor's
 * imported answer reaches a local webhook receiver), and a worker SIGKILLed in the middle of a
 * reanalysis leaves its job to the next worker, which resumes it at the checkpoint: every encounter
 * analysed once, the batches done before the kill not written again, the job done on attempt 2.
 */
const ENCOUNTERS = 3000;

for (const dialect of DIALECTS) {
  describe(`kohtaamo worker on ${dialect}`, () => {
    let cli: Awaited<ReturnType<typeof freshCliEnv>>;
    let env: Record<string, string>;
    let store: Store;
    let queue: JobQueue;
    let receiver: http.Server;
    const bodies: string[] = [];
    const workers: ChildProcess[] = [];
    const worker = () => {
      const child = startCli(["worker", "--concurrency", "2"], env);
      let stderr = "";
      child.stderr?.on("data", (d) => (stderr += d));
      workers.push(child);
      return { child, stderr: () => stderr };
    };

    beforeAll(async () => {
      cli = await freshCliEnv(dialect);
      env = {
        ...cli.env,
        KOHTAAMO_NOTIFY_INTERVAL_SECONDS: "1",
        KOHTAAMO_PUBLIC_URL: "https://cx.example.org",
      };
      receiver = http.createServer((req, res) => {
        let body = "";
        req.setEncoding("utf8");
        req.on("data", (c) => (body += c));
        req.on("end", () => {
          bodies.push(body);
          res.end();
        });
      });
      await new Promise<void>((resolve) => receiver.listen(0, "127.0.0.1", resolve));
      expect((await runCli(["migrate"], env)).code).toBe(0);
      store = storeFor(env);
      queue = await openJobQueue(store, env.DATABASE_URL);
      await new WebhookRepository(store.db).create(
        {
          url: `http://127.0.0.1:${(receiver.address() as AddressInfo).port}/hook`,
          events: ["case.opened"],
          enabled: true,
          description: null,
        },
        "test",
        new Date().toISOString(),
      );
    });
    afterAll(async () => {
      for (const w of workers) if (w.exitCode === null && w.signalCode === null) w.kill("SIGKILL");
      await Promise.all(workers.map(exited));
      await new Promise<void>((resolve) => receiver?.close(() => resolve()));
      await queue?.close();
      await store?.close();
      await cli?.dispose();
    });

    it("delivers a webhook for a case opened by an import, as the notifications.deliver job", async () => {
      const file = path.join(cli.dataDir, "answers.csv");
      fs.writeFileSync(
        file,
        // Two days old: recent enough for the rule to open a case (maxAgeDays).
        "id,answered_at,kind,score,comment,team,customer_id\n" +
          `a1,${new Date(daysAgo(2)).toISOString()},nps,2,Huonoa palvelua.,Tiimi X,c1\n`,
      );
      expect((await runCli(["import", file, "--kind", "responses", "--no-analysis"], env)).code).toBe(0);
      const w = worker();
      await until(async () => bodies.length > 0, "the webhook");
      w.child.kill("SIGTERM");
      expect(await exited(w.child), w.stderr()).toBe(0);
      expect(bodies).toHaveLength(1);
      expect(JSON.parse(bodies[0] ?? "{}")).toMatchObject({
        type: "case.opened",
        data: { team: "Tiimi X", rule: "nps_detractor", source: { kind: "response", id: "a1" } },
      });
      const done = await queue.list({ status: "done", limit: 50 });
      expect(done.map((j) => j.kind)).toContain("notifications.deliver");
      const shown = await runCli(["jobs", "--json"], env);
      const counts = lastJsonLine<Record<string, number>>(shown.stdout);
      expect(counts).toMatchObject({ running: 0, failed: 0 });
      expect(counts.done).toBeGreaterThanOrEqual(1);
    }, 120_000);

    it("retries the job of a worker killed mid-reanalysis without doubling its writes", async () => {
      const file = writeJsonl(path.join(cli.dataDir, "encounters.jsonl"), ENCOUNTERS, (i) =>
        syntheticEncounter(i, 6),
      );
      const imported = await runCli(["import", file, "--kind", "encounters", "--no-analysis"], env);
      expect(imported.code, imported.stderr).toBe(0);
      // What POST /api/v1/reanalysis does with a job queue: claim the run, enqueue it.
      const started = await startReanalysis(store, loadDefaultAnalyzer(), "test", undefined, {
        deferred: true,
      });
      expect(started).not.toBeNull();
      const jobId = await queue.add(reanalysisKind, { runId: started?.runId ?? "" });

      const first = worker();
      const atKill = await until(async () => {
        const p = await store.reanalysis.progress();
        return p.done >= 300 && p.done < ENCOUNTERS && p;
      }, "the reanalysis to be under way");
      first.child.kill("SIGKILL");
      await exited(first.child);
      const killedAt = new Date().toISOString();
      const checkpoint = (await store.reanalysis.progress()).done;
      expect(checkpoint).toBeLessThan(ENCOUNTERS);
      expect(checkpoint).toBeGreaterThanOrEqual(atKill.done);
      // Still held by the dead worker (on PostgreSQL its periodic jobs may be held too).
      expect((await queue.list({ status: "running", limit: 10 })).map((j) => j.id)).toContain(jobId);

      const second = worker();
      await until(
        async () =>
          (await queue.list({ status: "done", limit: 100 })).find((j) => j.kind === "reanalysis.run"),
        "the reanalysis job to finish",
      );
      second.child.kill("SIGTERM");
      expect(await exited(second.child), second.stderr()).toBe(0);

      const job = (await queue.list({ status: "done", limit: 100 })).find((j) => j.kind === "reanalysis.run");
      expect(job).toMatchObject({ id: jobId, attempts: 2 });
      const progress = await store.reanalysis.progress();
      // The encounters and the one comment imported by the test before.
      expect(progress).toMatchObject({ state: "done", done: ENCOUNTERS + 1, total: ENCOUNTERS + 1 });
      const { rows } = await sql<{ n: number; subjects: number; before: number }>`
        select count(*) as n, count(distinct subject_id) as subjects,
               sum(case when created_at < ${killedAt} then 1 else 0 end) as before
        from analysis_results where subject_kind = 'encounter'`.execute(store.db);
      const r = rows[0];
      expect(Number(r?.n)).toBe(ENCOUNTERS);
      expect(Number(r?.subjects)).toBe(ENCOUNTERS);
      // Resumed at the checkpoint: what was checkpointed before the kill was not analysed again
      // (at most the one batch written but not yet checkpointed is done twice, idempotently).
      expect(Number(r?.before)).toBeGreaterThanOrEqual(checkpoint);
      expect(Number(r?.before)).toBeLessThanOrEqual(checkpoint + 100);
      const counts = lastJsonLine<Record<string, number>>((await runCli(["jobs", "--json"], env)).stdout);
      expect(counts).toMatchObject({ running: 0, failed: 0 });
    }, 120_000);
  });
}
