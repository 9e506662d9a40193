import type { Command } from "commander";
import { KohtaamoError } from "../domain/index.ts";
import type { JobQueue } from "../jobs/job-queue.ts";
import type { Store } from "../store/index.ts";
import { withStore } from "./store-session.ts";

/**
 * `kohtaamo jobs [--json]`: counts of background jobs by state, and the failed ones with their
 * errors, and how many records await analysis or were read by an older analyzer; with --json the
 * last line is `{"queued":N,"running":N,"failed":N,"done":N}`.
 * `kohtaamo jobs retry <id>` / `--all-failed` queues failed jobs again with fresh attempts.
 */
export function registerJobs(program: Command): void {
  const jobs = program
    .command("jobs")
    .description("Show background jobs by state (queued, running, failed, done) and the failed ones' errors.")
    .option("--json", "end with the counts as one JSON line")
    .action(async (opts: { json?: boolean }) => {
      await withQueue(async (queue, store) => {
        const counts = await queue.counts();
        const out = [
          `engine   ${queue.engine}`,
          ...Object.entries(counts).map(([k, v]) => `${k.padEnd(8)} ${v}`),
        ];
        // Records stored without their analysis yet (KOHTAAMO_ANALYSIS=queue): what the analysis jobs owe.
        const pending = await store.analysisQueue.counts();
        if (pending.total > 0) out.push(`records awaiting analysis ${pending.total}`);
        // Records with text whose stored analysis an older analyzer wrote (models, rules or taxonomy
        // changed since): the reports mix two readings until `kohtaamo reanalyze`.
        const outdated = await outdatedCount(store);
        if (outdated.total > 0)
          out.push(
            `records read by an older analyzer ${outdated.total}${outdated.capped ? "+" : ""} (kohtaamo reanalyze)`,
          );
        const failed = await queue.list({ status: "failed", limit: 20 });
        if (failed.length > 0) out.push("", "failed jobs (kohtaamo jobs retry <id> | --all-failed):");
        for (const j of failed) {
          out.push(
            `  ${j.id}  ${j.kind}  ${j.attempts}/${j.maxAttempts} attempts  ${j.updatedAt}  ${j.lastError ?? ""}`,
          );
        }
        if (opts.json) out.push(JSON.stringify(counts));
        process.stdout.write(`${out.join("\n")}\n`);
      });
    });
  jobs
    .command("retry")
    .description("Queue a failed job again (by id), or every failed job, with fresh attempts.")
    .argument("[id]", "the failed job's id (kohtaamo jobs lists them)")
    .option("--all-failed", "every failed job")
    .action(async (id: string | undefined, opts: { allFailed?: boolean }) => {
      if (!id && !opts.allFailed) throw new KohtaamoError("bad_request", "give a job id or --all-failed");
      if (id && !/^\d+$/.test(id)) throw new KohtaamoError("bad_request", `"${id}" is not a job id`);
      await withQueue(async (queue) => {
        const retried = await queue.retry(id ? { id } : "all-failed");
        if (id && retried === 0) throw new KohtaamoError("not_found", `no failed job ${id}`);
        process.stdout.write(`${JSON.stringify({ retried })}\n`);
      });
    });
}

/** The records the current (workspace) analyzer did not write the analysis of, as GET /analysis/status counts them. */
async function outdatedCount(store: Store): Promise<{ total: number; capped: boolean }> {
  const [{ loadDefaultAnalyzer }, { workspaceAnalyzer }] = await Promise.all([
    import("../analysis/default-analyzer.ts"),
    import("../ingest/workspace-taxonomy.ts"),
  ]);
  const { version } = await workspaceAnalyzer(store, loadDefaultAnalyzer());
  return store.analysisQueue.outdatedCounts(version);
}

async function withQueue(fn: (queue: JobQueue, store: Store) => Promise<void>): Promise<void> {
  const { openJobQueue } = await import("../jobs/job-queue.ts");
  await withStore(async (store, cfg) => {
    const queue = await openJobQueue(store, cfg.databaseUrl);
    try {
      await fn(queue, store);
    } finally {
      await queue.close();
    }
  });
}
