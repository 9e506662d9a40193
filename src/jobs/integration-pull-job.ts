import { z } from "zod";
import { sealingKey, secretBox } from "../auth/secret-box.ts";
import { config } from "../config.ts";
import { type IngestPipeline, ingestPipeline } from "../ingest/ingest-pipeline.ts";
import { checkPullable, runIntegrationPull } from "../ingest/sources/integration-pull.ts";
import type { Store } from "../store/index.ts";
import { type IntegrationForHook, IntegrationRepository } from "../store/integration-repository.ts";
import { defineJobKind } from "./job-kind.ts";
import type { JobQueue } from "./job-queue.ts";

/**
 * A pull of a Zendesk or Chatwoot integration in the background (POST /api/v1/integrations/{id}/pull).
 * Idempotent as the pull is: it starts from the saved cursor, and a page read twice upserts the
 * same records. The worker's sealing key and redaction come from its configuration (the same
 * KOHTAAMO_SECRET_KEY as the web process, as for any server sharing the database).
 */
export const integrationPullKind = defineJobKind({
  name: "integrations.pull",
  description: "pull a Zendesk or Chatwoot integration's records from its saved cursors",
  schema: z.object({ integrationId: z.string().min(1) }),
  handle: async (ctx, payload) => {
    const cfg = config();
    const repo = new IntegrationRepository(ctx.store.db, () => secretBox(sealingKey(cfg)));
    return runIntegrationPull(repo, payload.integrationId, {
      store: ctx.store,
      pipeline: ingestPipeline({ redaction: cfg.redaction, analyzer: ctx.analyzer() }),
      timeZone: cfg.timeZone,
    });
  },
  maxAttempts: 3,
  backoffMs: 60_000,
});

export type PullStart =
  | { status: "queued"; job_id: string }
  | { status: "already_queued" | "started" | "already_running"; job_id: null };

/** Pulls of this process without a job queue (tests, embedded runs), one per integration at a time. */
const running = new Set<string>();

/**
 * Starts a pull once its plan checks out (a missing setting or token is a 400 naming the field):
 * as a job when the server has a queue, else in this process, without waiting for it to end.
 */
export async function startIntegrationPull(
  found: IntegrationForHook,
  deps: {
    store: Store;
    pipeline: IngestPipeline;
    timeZone: string;
    jobs?: JobQueue | null | undefined;
    integrations: IntegrationRepository;
  },
): Promise<PullStart> {
  checkPullable(found);
  const id = found.view.id;
  if (deps.jobs) {
    const jobId = await deps.jobs.add(
      integrationPullKind,
      { integrationId: id },
      { jobKey: `integrations.pull:${id}` },
    );
    return jobId ? { status: "queued", job_id: jobId } : { status: "already_queued", job_id: null };
  }
  if (running.has(id)) return { status: "already_running", job_id: null };
  running.add(id);
  // The outcome lands in the integration's delivery log or last error (runIntegrationPull).
  void runIntegrationPull(deps.integrations, id, deps)
    .catch(() => undefined)
    .finally(() => running.delete(id));
  return { status: "started", job_id: null };
}
