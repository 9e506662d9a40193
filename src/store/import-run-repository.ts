import type { Kysely } from "kysely";
import type { Database } from "./schema.ts";

export interface RunCounts {
  imported: number;
  updated: number;
  unchanged: number;
  rejected: number;
}

/**
 * A log of imports. A run left "running" was interrupted; the demo loader uses this to finish
 * a demo workspace whose loading was killed half-way instead of leaving it partial.
 */
export class ImportRunRepository {
  constructor(private readonly db: Kysely<Database>) {}

  async begin(kind: string, source: string): Promise<number> {
    const row = await this.db
      .insertInto("import_runs")
      .values({ kind, source, started_at: new Date().toISOString(), status: "running" })
      .returning("id")
      .executeTakeFirstOrThrow();
    return Number(row.id);
  }

  async finish(id: number, counts: RunCounts, status: "done" | "failed" = "done"): Promise<void> {
    await this.db
      .updateTable("import_runs")
      .set({ ...counts, status, finished_at: new Date().toISOString() })
      .where("id", "=", id)
      .execute();
  }

  async latest(kind: string) {
    return this.db
      .selectFrom("import_runs")
      .selectAll()
      .where("kind", "=", kind)
      .orderBy("id", "desc")
      .executeTakeFirst();
  }
}

/**
 * Why a web import failed: the English text API clients read, and its stable code and parameters for
 * a UI to word (migration 0030; server/import-run-errors.ts). The code is null for a reason that has
 * none (an error of the importer without one, a run failed by an older version).
 */
export interface RunError {
  message: string;
  code: string | null;
  params: Readonly<Record<string, string>>;
}

/**
 * What a web import changed or left undone on the way in, as `kohtaamo import` says it (migration
 * 0031; ingest/importer.ts ImportSummary): 0 each for a run that has not ended or ended before these
 * were kept.
 */
export interface RunNotes {
  /** Values (cells, header names, JSON strings) saved through a wrong encoding on the way, read as meant. */
  encodingRepairs: number;
  /** Texts that were HTML bodies, stored as their text. */
  htmlBodies: number;
  /** Answers or encounters older than every case rule's maxAgeDays: they opened no follow-up case. */
  tooOldForCases: number;
}

const NO_NOTES: RunNotes = { encodingRepairs: 0, htmlBodies: 0, tooOldForCases: 0 };

/** The notes as stored; a missing or unreadable value reads as none. */
function notesOf(json: string | null): RunNotes {
  if (!json) return NO_NOTES;
  try {
    const stored = JSON.parse(json) as Partial<Record<keyof RunNotes, unknown>>;
    const count = (v: unknown) => (typeof v === "number" && Number.isInteger(v) && v > 0 ? v : 0);
    return {
      encodingRepairs: count(stored.encodingRepairs),
      htmlBodies: count(stored.htmlBodies),
      tooOldForCases: count(stored.tooOldForCases),
    };
  } catch {
    return NO_NOTES;
  }
}

/** A web import's run as stored (migration 0028). */
export interface WebImportRun {
  id: number;
  kind: string;
  status: "running" | "done" | "failed";
  owner: string;
  actor: string;
  fileId: string | null;
  fileName: string;
  /** The settings as the API took them (server/import-schemas.ts ImportSettings). */
  settings: unknown;
  progress: { bytesRead: number; totalBytes: number; processed: number };
  counts: RunCounts;
  notes: RunNotes;
  error: RunError | null;
  rejectsFileId: string | null;
  finishedAt: string | null;
  /** When the run last wrote its progress or keep-alive (migration 0029). */
  progressAt: string | null;
}

/**
 * Web imports' runs (server/import-jobs.ts): who started them, the uploaded file and settings, and
 * their progress, kept in import_runs so that whichever process runs or shows them reads the same.
 */
export class WebImportRunRepository {
  constructor(private readonly db: Kysely<Database>) {}

  /**
   * A new running web import of an uploaded file; null when another run has already taken the file.
   * A run that ended without importing it (failed by the sweep of abandoned runs, or never queued)
   * lets go of the file now, so the user can start the same upload again.
   */
  async begin(run: {
    kind: string;
    owner: string;
    actor: string;
    fileId: string;
    fileName: string;
    settings: unknown;
    totalBytes: number;
  }): Promise<number | null> {
    await this.db
      .updateTable("import_runs")
      .set({ file_id: null })
      .where("file_id", "=", run.fileId)
      .where("status", "!=", "running")
      .execute();
    const now = new Date().toISOString();
    const row = await this.db
      .insertInto("import_runs")
      .values({
        kind: run.kind,
        source: `web:${run.fileName}`,
        started_at: now,
        status: "running",
        owner: run.owner,
        actor: run.actor,
        file_id: run.fileId,
        file_name: run.fileName,
        settings: JSON.stringify(run.settings),
        bytes_read: 0,
        total_bytes: run.totalBytes,
        processed: 0,
        progress_at: now,
      })
      // Null when another run has taken the file (import_runs_file_idx, migration 0028).
      .onConflict((oc) => oc.column("file_id").where("file_id", "is not", null).doNothing())
      .returning("id")
      .executeTakeFirst();
    return row ? Number(row.id) : null;
  }

  async get(id: number): Promise<WebImportRun | undefined> {
    const r = await this.db
      .selectFrom("import_runs")
      .selectAll()
      .where("id", "=", id)
      .where("owner", "is not", null)
      .executeTakeFirst();
    if (!r) return undefined;
    return {
      id: Number(r.id),
      kind: r.kind,
      status: r.status as WebImportRun["status"],
      owner: r.owner as string,
      actor: r.actor ?? "",
      fileId: r.file_id,
      fileName: r.file_name ?? r.source,
      settings: r.settings ? JSON.parse(r.settings) : {},
      progress: {
        bytesRead: Number(r.bytes_read ?? 0),
        totalBytes: Number(r.total_bytes ?? 0),
        processed: Number(r.processed ?? 0),
      },
      counts: { imported: r.imported, updated: r.updated, unchanged: r.unchanged, rejected: r.rejected },
      notes: notesOf(r.notes),
      error:
        r.error === null
          ? null
          : {
              message: r.error,
              code: r.error_code,
              params: r.error_params ? JSON.parse(r.error_params) : {},
            },
      rejectsFileId: r.rejects_file_id,
      finishedAt: r.finished_at,
      progressAt: r.progress_at,
    };
  }

  /** Progress of a run still running (a finished run is left as it ended). */
  async progress(id: number, p: WebImportRun["progress"]): Promise<void> {
    await this.db
      .updateTable("import_runs")
      .set({
        bytes_read: p.bytesRead,
        total_bytes: p.totalBytes,
        processed: p.processed,
        progress_at: new Date().toISOString(),
      })
      .where("id", "=", id)
      .where("status", "=", "running")
      .execute();
  }

  /** Ends a run; the uploaded file is no longer referenced (the caller deletes it). */
  async finish(
    id: number,
    end: {
      status: "done" | "failed";
      counts: RunCounts;
      /** None when the run failed before the importer said (the file gone, unreadable). */
      notes?: RunNotes;
      error: RunError | null;
      rejectsFileId: string | null;
    },
  ): Promise<void> {
    await this.db
      .updateTable("import_runs")
      .set({
        ...end.counts,
        notes: end.notes ? JSON.stringify(end.notes) : null,
        status: end.status,
        ...errorColumns(end.error),
        rejects_file_id: end.rejectsFileId,
        file_id: null,
        finished_at: new Date().toISOString(),
      })
      .where("id", "=", id)
      .execute();
  }

  /** Shows that a running import is alive while it writes no progress (a long batch, the final steps). */
  async keepAlive(id: number): Promise<void> {
    await this.db
      .updateTable("import_runs")
      .set({ progress_at: new Date().toISOString() })
      .where("id", "=", id)
      .where("status", "=", "running")
      .execute();
  }

  /** Running web imports silent (no progress or keep-alive written) since before `before`. */
  async silentSince(before: string): Promise<number[]> {
    const rows = await this.db
      .selectFrom("import_runs")
      .select("id")
      .where("status", "=", "running")
      .where("owner", "is not", null)
      .where("progress_at", "<", before)
      .execute();
    return rows.map((r) => Number(r.id));
  }

  /**
   * Fails a run that nothing will finish (server/import-jobs.ts), if it is still running (and, given
   * `before`, silent since before then). Unlike finish(), the run keeps its uploaded file: the user may start the
   * same upload again (begin() takes it over), and a job retried later may resume the run (reopen()).
   */
  async abandon(id: number, error: RunError, before?: string): Promise<boolean> {
    const r = await this.db
      .updateTable("import_runs")
      .set({ status: "failed", ...errorColumns(error), finished_at: new Date().toISOString() })
      .where("id", "=", id)
      .where("status", "=", "running")
      .$if(before !== undefined, (q) => q.where("progress_at", "<", before ?? ""))
      .executeTakeFirst();
    return Number(r.numUpdatedRows) === 1;
  }

  /**
   * Runs an abandoned run again (its job was retried, e.g. by `kohtaamo jobs retry`): only while it
   * still holds its uploaded file, i.e. no new run of the same upload has taken it.
   */
  async reopen(id: number): Promise<boolean> {
    const r = await this.db
      .updateTable("import_runs")
      .set({
        status: "running",
        ...errorColumns(null),
        finished_at: null,
        progress_at: new Date().toISOString(),
      })
      .where("id", "=", id)
      .where("status", "=", "failed")
      .where("file_id", "is not", null)
      .executeTakeFirst();
    return Number(r.numUpdatedRows) === 1;
  }

  /** Whether a running web import has taken this uploaded file (an upload is imported once). */
  async fileInUse(fileId: string): Promise<boolean> {
    const row = await this.db
      .selectFrom("import_runs")
      .select("id")
      .where("file_id", "=", fileId)
      .where("status", "=", "running")
      .executeTakeFirst();
    return row !== undefined;
  }

  /** Files still referenced by a running web import (not to be swept). */
  async filesInUse(): Promise<Set<string>> {
    const rows = await this.db
      .selectFrom("import_runs")
      .select("file_id")
      .where("status", "=", "running")
      .where("file_id", "is not", null)
      .execute();
    return new Set(rows.map((r) => r.file_id as string));
  }

  /** Forgets files that were swept: rejects files, and uploads kept by ended runs (their runs keep their counts). */
  async forgetFiles(fileIds: readonly string[]): Promise<void> {
    if (fileIds.length === 0) return;
    await this.db
      .updateTable("import_runs")
      .set({ rejects_file_id: null })
      .where("rejects_file_id", "in", fileIds)
      .execute();
    await this.db
      .updateTable("import_runs")
      .set({ file_id: null })
      .where("file_id", "in", fileIds)
      .where("status", "!=", "running")
      .execute();
  }
}

/** A run's error as its three columns. */
function errorColumns(error: RunError | null) {
  return {
    error: error?.message ?? null,
    error_code: error?.code ?? null,
    error_params: error ? JSON.stringify(error.params) : null,
  };
}
