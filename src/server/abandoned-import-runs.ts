import { importRunKind } from "../jobs/import-job.ts";
import { runError } from "./import-run-errors.ts";
import type { ServerContext } from "./server-context.ts";

/**
 * Web imports that nothing will finish (a worker killed on the job's last attempt, a web process
 * killed while importing a file itself, a job that never reached the queue) end as failed, with an
 * error the user can act on, instead of showing "running" for ever. Called by the sweep of
 * import-jobs.ts and when a silent run is looked at.
 */

/**
 * How long a running import may be silent (no progress or keep-alive written) before the sweep asks
 * whether anything will finish it. A live import writes its progress every 0.5 s while rows flow and
 * a keep-alive every minute otherwise (import-run.ts); ten minutes is far above both, above a long
 * synchronous stretch (a large workbook parsed at once, a lock wait, a paused virtual machine) and
 * above the clock skew between the process that writes the time and the one that reads it. Even
 * then a silent run is failed only when no live job will take it up (endAbandonedRuns).
 */
export const ABANDONED_AFTER_MS = 10 * 60 * 1000;

/**
 * Fails the running imports that nothing will finish: silent for ABANDONED_AFTER_MS (by `now`, given
 * by tests) and with no live job of their own (jobs/job-queue.ts livePayloads: waiting with attempts
 * left, or held by a live runner). That is a job failed for good (its worker killed on the last
 * attempt), one held by a worker that died (on PostgreSQL graphile would free it only after 4 hours),
 * none at all (never queued, or imported by a web process that died). The run keeps its upload, renewed
 * for another hour (import-jobs.ts KEEP_MS), so the same upload can be started again, and a job
 * retried later (`kohtaamo jobs retry`) resumes the run (import-run.ts). When the jobs cannot be
 * read, nothing is failed.
 */
export async function endAbandonedRuns(ctx: ServerContext, now: number): Promise<void> {
  const before = new Date(now - ABANDONED_AFTER_MS).toISOString();
  const silent = await ctx.store.webImports.silentSince(before);
  if (silent.length === 0) return;
  const held = new Set<number>();
  for (const payload of (await ctx.jobs?.livePayloads(importRunKind.name)) ?? []) {
    const parsed = importRunKind.schema.safeParse(payload);
    if (parsed.success) held.add(parsed.data.runId);
  }
  for (const id of silent) {
    if (held.has(id) || !(await ctx.store.webImports.abandon(id, runError("interrupted"), before))) continue;
    const run = await ctx.store.webImports.get(id);
    if (run?.fileId) await ctx.store.importFiles.renew(run.fileId);
    process.stderr.write(`import run ${id} failed: abandoned (silent, no live job)\n`);
    await ctx.store.access
      .audit({
        actor: run?.actor ?? "",
        action: "records.import",
        target: `${run?.kind}:${run?.fileName}`,
        details: { run: id, status: "failed", abandoned: true },
      })
      .catch(() => undefined);
  }
}

/** Whether a run's last sign of life is older than ABANDONED_AFTER_MS at `now`. */
export function isSilent(progressAt: string | null, now: number): boolean {
  return progressAt !== null && new Date(progressAt).getTime() < now - ABANDONED_AFTER_MS;
}
