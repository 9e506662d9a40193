import { randomBytes } from "node:crypto";
import fs from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { KohtaamoError } from "../domain/index.ts";
import { importFile } from "../ingest/importer.ts";
import type { IngestPipeline } from "../ingest/ingest-pipeline.ts";
import { openSource } from "../ingest/source-reader.ts";
import type { RunCounts, RunError, RunNotes } from "../store/import-run-repository.ts";
import type { Store } from "../store/index.ts";
import { refreshCube } from "../workflows/report-cube.ts";
import { closeSource, sourceOptions } from "./import-preview.ts";
import { importerRunError, runError } from "./import-run-errors.ts";
import type { ImportSettings } from "./import-schemas.ts";

/** How often a running import writes its progress (ms): often enough for a progress bar. */
const PROGRESS_EVERY_MS = 500;
/**
 * How often a running import shows it is alive while it writes no progress (reading the stored file,
 * a long batch, the rejects and the reports at the end): well within import-jobs.ts's ABANDONED_AFTER_MS.
 */
const KEEP_ALIVE_MS = 60_000;

/** A private folder of this machine for a file of an import, deleted by the caller. */
export async function privateDir(): Promise<string> {
  const dir = await fs.mkdtemp(path.join(os.tmpdir(), "kohtaamo-import-"));
  await fs.chmod(dir, 0o700);
  return dir;
}

/** A file name without folders or characters a file system may refuse; the extension is kept. */
export function safeName(name: string): string {
  const base = path.basename(name.replaceAll("\\", "/"));
  const cleaned = base
    .replace(/[^\p{L}\p{N}._ -]/gu, "_")
    .replace(/^\.+/, "")
    .slice(-120);
  return cleaned || "upload";
}

export const newFileId = () => randomBytes(12).toString("hex");

/**
 * Runs a web import (server/import-jobs.ts) from its row in import_runs: the uploaded file is read
 * from the database onto this machine, imported with the CLI's importer, and the run's progress,
 * counts, rejected rows (as a stored file) and outcome written back, so any process can show it.
 * Run by the `imports.run` job (jobs/import-job.ts) or, without a job queue, in the web process.
 *
 * Idempotent: importing a file again upserts the same records (unchanged ones are counted as such),
 * so a run retried after its worker died ends with every row accounted for. A file that cannot be
 * imported (a KohtaamoError: unreadable, wrong columns) fails the run at once, with the reason and
 * its code (domain/file-error-codes.ts);
 * an unexpected error is thrown for the queue to retry until `lastAttempt`, then fails the run with
 * a message that quotes nothing of the file. A run the sweep failed as abandoned while it still holds
 * its upload (its job retried later, e.g. by `kohtaamo jobs retry`) runs again.
 */
export async function runWebImport(
  store: Store,
  runId: number,
  deps: { pipeline: IngestPipeline; timeZone: string; lastAttempt: boolean },
): Promise<"done" | "failed" | "not running"> {
  let run = await store.webImports.get(runId);
  if (run?.status === "failed" && run.fileId && (await store.webImports.reopen(runId)))
    run = await store.webImports.get(runId);
  if (run?.status !== "running") return "not running";
  // At once: a retried job's run may be silent since its previous attempt died.
  await store.webImports.keepAlive(runId);
  const counts: RunCounts = { imported: 0, updated: 0, unchanged: 0, rejected: 0 };
  let notes: RunNotes | undefined;
  let dir: string | undefined;
  const end = async (status: "done" | "failed", error: RunError | null, rejectsFileId: string | null) => {
    // This machine's copy of the file goes before the run shows as ended, so no reader of a finished
    // run can still find the text on disk (the finally below covers the thrown path).
    if (dir) await fs.rm(dir, { recursive: true, force: true }).catch(() => undefined);
    await store.webImports.finish(runId, { status, counts, notes, error, rejectsFileId });
    // Who imported what, and how it went: counts only, never the file's content.
    await store.access
      .audit({
        actor: run.actor,
        action: "records.import",
        target: `${run.kind}:${run.fileName}`,
        details: {
          run: runId,
          status,
          inserted: counts.imported,
          updated: counts.updated,
          unchanged: counts.unchanged,
          rejected: counts.rejected,
        },
      })
      .catch(() => undefined);
    if (run.fileId) await store.importFiles.remove(run.fileId).catch(() => undefined);
    return status;
  };
  if (!run.fileId) return end("failed", runError("file_gone"), null);
  dir = await privateDir();
  const file = path.join(dir, safeName(run.fileName));
  const named = (message: string) => message.replaceAll(file, run.fileName);
  const keepAlive = setInterval(
    () => void store.webImports.keepAlive(runId).catch(() => undefined),
    KEEP_ALIVE_MS,
  );
  try {
    if (!(await store.importFiles.writeTo(run.fileId, file)))
      return await end("failed", runError("file_gone"), null);
    const settings = run.settings as ImportSettings;
    const options = sourceOptions(settings, deps.timeZone);
    const probe = await openSource(file, options);
    await closeSource(probe);
    const table = probe.format === "csv" || probe.format === "xlsx";
    let last = 0;
    let writing: Promise<void> = Promise.resolve();
    const summary = await importFile(store, file, {
      ...options,
      format: options.format ?? "auto",
      timeZone: deps.timeZone,
      pipeline: deps.pipeline,
      rejectsFile: path.join(dir, table ? "rejects.csv" : "rejects.jsonl"),
      // The run's page words each reason in the user's language from its code (import-jobs.ts).
      structuredRejects: true,
      onProgress: (p) => {
        const now = Date.now();
        if (now - last < PROGRESS_EVERY_MS) return;
        last = now;
        writing = writing.then(() => store.webImports.progress(runId, p)).catch(() => undefined);
      },
    });
    await writing;
    counts.imported = summary.imported;
    counts.updated = summary.updated;
    counts.unchanged = summary.unchanged;
    counts.rejected = summary.rejected;
    // What `kohtaamo import` says on stderr, for the run's page to say (import-jobs.ts).
    notes = {
      encodingRepairs: summary.encodingRepairs,
      htmlBodies: summary.htmlBodies,
      tooOldForCases: summary.tooOldForCases,
    };
    let rejectsFileId: string | null = null;
    if (summary.rejectsFile && summary.rejected > 0) {
      rejectsFileId = newFileId();
      await store.importFiles.saveFile(
        rejectsFileId,
        run.owner,
        `${run.fileName}.rejects${table ? ".csv" : ".jsonl"}`,
        summary.rejectsFile,
      );
    }
    await store.webImports.progress(runId, {
      bytesRead: run.progress.totalBytes,
      totalBytes: run.progress.totalBytes,
      processed: summary.imported + summary.updated + summary.unchanged + summary.rejected,
    });
    // As the CLI does: the reports' monthly aggregates are brought up to date now, so the first
    // dashboard reader after the import does not wait for them (reports would refresh them anyway).
    await refreshCube(store, deps.timeZone);
    return await end("done", null, rejectsFileId);
  } catch (error) {
    if (error instanceof KohtaamoError)
      return await end("failed", importerRunError(error, named(error.message)), null);
    // Only the kind of failure: the message of an unexpected error may quote the file's text.
    process.stderr.write(`import run ${runId} failed: ${(error as Error).name ?? "error"}\n`);
    if (!deps.lastAttempt) throw error;
    return await end("failed", runError("unexpected"), null);
  } finally {
    clearInterval(keepAlive);
    await fs.rm(dir, { recursive: true, force: true }).catch(() => undefined);
  }
}
