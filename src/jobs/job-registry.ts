import { evaluateAlertsKind } from "./alert-jobs.ts";
import { analysisRecordsKind } from "./analysis-job.ts";
import { importRunKind } from "./import-job.ts";
import { integrationPullKind } from "./integration-pull-job.ts";
import type { JobKind } from "./job-kind.ts";
import { deliverNotificationsKind, retentionKind } from "./notification-jobs.ts";
import { reanalysisKind } from "./reanalysis-job.ts";
import { reportIntervalsKind } from "./report-intervals-job.ts";

/**
 * Every kind of background job, in one list: both queues (graphile-worker on PostgreSQL, the embedded
 * runner on SQLite) register exactly these. A new kind is a file with its defineJobKind and a line here.
 */
export const JOB_KINDS: readonly JobKind[] = [
  deliverNotificationsKind,
  retentionKind,
  reanalysisKind,
  analysisRecordsKind,
  integrationPullKind,
  evaluateAlertsKind,
  reportIntervalsKind,
  importRunKind,
];

export function jobKind(name: string): JobKind | undefined {
  return JOB_KINDS.find((k) => k.name === name);
}

/**
 * The kinds `kohtaamo start` runs in its own process (KOHTAAMO_WORKER=inline): all of them, but not
 * analysis jobs when analysis is queued: then the web process never analyses, `kohtaamo worker` does.
 */
export function webProcessKinds(analysis: "inline" | "queue" | "auto"): readonly JobKind[] {
  return analysis === "inline" ? JOB_KINDS : JOB_KINDS.filter((k) => k !== analysisRecordsKind);
}
