import { z } from "zod";
import { continueReanalysis } from "../ingest/reanalyzer.ts";
import { defineJobKind, errorText } from "./job-kind.ts";

/**
 * Runs a reanalysis claimed by POST /api/v1/reanalysis (ingest/reanalyzer.ts claimReanalysis) from
 * its checkpoint. Idempotent: results replace those of the same subject and analyzer version, and
 * a retry after a killed worker resumes at the last checkpoint, so a batch done twice leaves the same
 * rows. When the run is no longer live (finished, or taken over by a later start) there is nothing
 * to do. Its last failed attempt marks the run failed, so GET /reanalysis says so.
 */
export const reanalysisKind = defineJobKind({
  name: "reanalysis.run",
  description: "analyse every stored encounter and comment again (a claimed reanalysis run)",
  schema: z.object({ runId: z.string().min(1) }),
  handle: async (ctx, payload, run) => {
    try {
      return await continueReanalysis(
        ctx.store,
        ctx.analyzer(),
        payload.runId,
        undefined,
        ctx.analysisThreads,
      );
    } catch (e) {
      if (run.attempt >= run.maxAttempts) await ctx.store.reanalysis.fail(payload.runId, errorText(e));
      throw e;
    }
  },
  maxAttempts: 5,
  backoffMs: 10_000,
});
