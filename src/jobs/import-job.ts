import { z } from "zod";
import { configuredPipeline } from "../cli/ingest-setup.ts";
import { config } from "../config.ts";
import { runWebImport } from "../server/import-run.ts";
import { defineJobKind } from "./job-kind.ts";

/**
 * A web import (POST /api/v1/imports/uploads/{id}/runs) in the background: any worker reads the
 * uploaded file from the database and imports it (server/import-run.ts). Idempotent as imports are:
 * a retry after a killed worker imports the file again, and records already stored are counted
 * unchanged. Redaction and analysis come from the worker's configuration, as for `kohtaamo import`.
 */
export const importRunKind = defineJobKind({
  name: "imports.run",
  description: "import a file uploaded in the web app (an import run)",
  schema: z.object({ runId: z.number().int().positive() }),
  handle: async (ctx, payload, run) => {
    const cfg = config();
    return runWebImport(ctx.store, payload.runId, {
      pipeline: await configuredPipeline(cfg),
      timeZone: cfg.timeZone,
      lastAttempt: run.attempt >= run.maxAttempts,
    });
  },
  maxAttempts: 3,
  backoffMs: 10_000,
});
