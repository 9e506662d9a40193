import type { JobKind } from "./job-kind.ts";
import { deliverNotificationsKind, retentionKind } from "./notification-jobs.ts";
import { reanalysisKind } from "./reanalysis-job.ts";

/**
 * Every kind of background job, in one list: both queues (graphile-worker on PostgreSQL, the embedded
 * runner on SQLite) register exactly these. A new kind (e.g. "analyse records", issue 14 item 2) is
 * a file with its defineJobKind and a line here.
 *
 * Web imports (server/import-jobs.ts) are not a kind yet: the uploaded file waits on the local disk
 * of the process that received it, which a worker on another machine cannot read.
 */
export const JOB_KINDS: readonly JobKind[] = [deliverNotificationsKind, retentionKind, reanalysisKind];

export function jobKind(name: string): JobKind | undefined {
  return JOB_KINDS.find((k) => k.name === name);
}
