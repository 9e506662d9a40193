import fs from "node:fs/promises";
import path from "node:path";
import { stringify } from "csv-stringify/sync";
import { KohtaamoError } from "../domain/index.ts";
import { readCsvRows } from "../ingest/csv-reader.ts";
import { openTextFile } from "../ingest/file-decoding.ts";
import { escapeFormula, unescapeFormula } from "../ingest/formula-escaping.ts";
import { PROBLEMS_COLUMN, storedProblems } from "../ingest/rejects-writer.ts";
import { openSource } from "../ingest/source-reader.ts";
import { liveJobRunners } from "../jobs/analysis-job.ts";
import { importRunKind } from "../jobs/import-job.ts";
import type { WebImportRun } from "../store/import-run-repository.ts";
import { endAbandonedRuns, isSilent } from "./abandoned-import-runs.ts";
import { closeSource, sourceOptions } from "./import-preview.ts";
import { newFileId, privateDir, runWebImport, safeName } from "./import-run.ts";
import { knownRunErrorCode, RUN_ERRORS, runError } from "./import-run-errors.ts";
import type { ImportRunBody, ImportSettings, RejectedRowBody } from "./import-schemas.ts";
import type { ServerContext } from "./server-context.ts";

/**
 * Uploaded files waiting to be imported, and the imports running or done. The files are kept in
 * the database (store/import-file-repository.ts) and the runs in import_runs, so every request of an
 * import may reach any web process, and the import itself runs as an `imports.run` job on whichever
 * worker takes it (jobs/import-job.ts; in this process when the server has no job queue or no job
 * runner is alive). An upload
 * is kept until it is imported or an hour has passed; a run keeps its rejected rows (the user's own
 * data) for an hour so they can be downloaded, then they are deleted. Nothing here logs file
 * contents: only counts and error codes. A process reads a stored file onto its own disk (a private
 * temporary folder) only to read it, and deletes it within the hour.
 */

const KEEP_MS = 60 * 60 * 1000;
/** How often a process looks for files past KEEP_MS (any request may run the sweep). */
const SWEEP_EVERY_MS = 60 * 1000;
/** Rejected rows returned in a run's JSON; the CSV download has all of them. */
const REJECTED_SHOWN = 200;

export interface UploadEntry {
  id: string;
  owner: string;
  name: string;
  bytes: number;
  /** The file's copy on this machine (read with the importer's readers). */
  file: string;
}

/** A stored file's copy on this machine, and when it was made. */
interface LocalCopy {
  dir: string;
  file: string;
  madeAt: number;
}

export class ImportJobs {
  /** Copies of stored files on this machine, by file id. */
  private readonly local = new Map<string, Promise<LocalCopy | null>>();
  private lastSweep = 0;
  /** When a look at a silent run last checked for abandoned runs (at most once a SWEEP_EVERY_MS). */
  private lastLook = 0;

  constructor(private readonly ctx: ServerContext) {
    // Uploads nobody imported and old rejects files go even when no one uploads again.
    setInterval(() => void this.sweep(), 10 * 60 * 1000).unref();
  }

  /** Stores an uploaded file, named as the user's file (for its extension). */
  async saveUpload(owner: string, name: string, bytes: Uint8Array): Promise<UploadEntry> {
    await this.sweepIfDue();
    const info = await this.ctx.store.importFiles.save(newFileId(), owner, safeName(name), bytes);
    // Not copied to this machine's disk until it is read (upload(): preview, start).
    return { id: info.id, owner, name: info.name, bytes: info.bytes, file: "" };
  }

  /**
   * The caller's upload; someone else's, one already being imported or imported, and one past the
   * hour look the same as a missing one.
   */
  async upload(owner: string, id: string): Promise<UploadEntry> {
    const info = await this.ctx.store.importFiles.info(id);
    if (!info || info.owner !== owner || info.purpose !== "upload") throw uploadGone();
    if (await this.ctx.store.webImports.fileInUse(id)) throw uploadGone();
    const copy = await this.copyOf(id, info.name);
    if (!copy) throw uploadGone();
    return { id, owner, name: info.name, bytes: info.bytes, file: copy.file };
  }

  /**
   * Starts importing an upload in the background and returns the run's id at once; the upload is
   * consumed (deleted when the run ends). Unreadable files fail here, before a run is started.
   */
  async start(upload: UploadEntry, settings: ImportSettings, actor: string): Promise<string> {
    const options = sourceOptions(settings, this.ctx.timeZone);
    // Whatever makes the whole file unusable is refused now, with the reason, not as a failed run.
    let probe: Awaited<ReturnType<typeof openSource>>;
    try {
      probe = await withFileName(upload, () => openSource(upload.file, options));
    } catch (error) {
      // A start of the same upload at the same moment may have taken it and deleted this machine's
      // copy while this one read it: that is the upload taken (409, or gone once its run ended), not
      // a file that does not exist.
      if (await this.ctx.store.webImports.fileInUse(upload.id))
        throw new KohtaamoError("conflict", "this file is already being imported");
      if (!(await this.local.get(upload.id))) throw uploadGone();
      throw error;
    }
    await closeSource(probe);
    const runId = await this.ctx.store.webImports.begin({
      kind: settings.kind,
      owner: upload.owner,
      actor,
      fileId: upload.id,
      fileName: upload.name,
      settings,
      totalBytes: upload.bytes,
    });
    if (runId === null) throw new KohtaamoError("conflict", "this file is already being imported");
    // The upload is consumed: this machine's copy goes now (the run reads the stored file itself).
    await this.forget(upload.id);
    // A job when some runner will take it (a `kohtaamo worker`, or this process's own runner);
    // with none alive (PostgreSQL without workers, tests) the import runs here, as it always did,
    // rather than wait for a worker that may never come.
    if (this.ctx.jobs && (await liveJobRunners(this.ctx.store).catch(() => 0)) > 0) {
      try {
        await this.ctx.jobs.add(importRunKind, { runId });
      } catch (error) {
        // No job will ever run it: the run fails now (keeping the upload, so the same upload can be
        // started again) instead of showing "running" until the sweep finds it silent.
        process.stderr.write(`import run ${runId}: enqueue failed: ${(error as Error).name ?? "error"}\n`);
        await this.ctx.store.webImports.abandon(runId, runError("not_queued")).catch(() => undefined);
        throw new KohtaamoError("unavailable", RUN_ERRORS.not_queued);
      }
    } else
      void runWebImport(this.ctx.store, runId, {
        pipeline: this.ctx.pipeline,
        timeZone: this.ctx.timeZone,
        lastAttempt: true,
      }).catch(() => undefined);
    return String(runId);
  }

  /** A run as the API shows it, with the first rejected rows once it has ended. */
  async run(owner: string, id: string): Promise<ImportRunBody> {
    let run = await this.ownRun(owner, id);
    // A run silent for long is checked now rather than at the next sweep, so its page tells the truth;
    // not on every poll, as a silent run whose job waits for a worker stays running.
    const now = Date.now();
    if (run.status === "running" && isSilent(run.progressAt, now) && now - this.lastLook >= SWEEP_EVERY_MS) {
      this.lastLook = now;
      await endAbandonedRuns(this.ctx, now).catch(() => undefined);
      run = await this.ownRun(owner, id);
    }
    const rejects = run.status !== "running" ? await this.rejectsOf(run) : null;
    return {
      id: String(run.id),
      name: run.fileName,
      kind: run.kind as ImportRunBody["kind"],
      status: run.status,
      progress: run.progress,
      counts: {
        inserted: run.counts.imported,
        updated: run.counts.updated,
        unchanged: run.counts.unchanged,
        rejected: run.counts.rejected,
      },
      notes: run.notes,
      error: run.error?.message ?? null,
      errorCode: knownRunErrorCode(run.error?.code ?? null),
      errorParams: run.error?.params ?? {},
      rejected: rejects?.rows.slice(0, REJECTED_SHOWN) ?? [],
      rejectedColumns: rejects?.columns ?? [],
    };
  }

  /** Every rejected row of a run as CSV: the line, the reasons and the row as it was (formulas neutralised). */
  async rejectsCsv(owner: string, id: string): Promise<{ name: string; csv: string }> {
    const run = await this.ownRun(owner, id);
    if (run.status === "running") throw new KohtaamoError("conflict", "the import is still running");
    const rejects = (await this.rejectsOf(run)) ?? { columns: [], rows: [] };
    const header = ["line", "id", "reason", ...rejects.columns];
    const body = rejects.rows.map((r) => [
      String(r.line),
      r.id ?? "",
      r.reason,
      ...rejects.columns.map((c) => r.cells[c] ?? ""),
    ]);
    const csv = stringify(
      [header, ...body].map((row) => row.map(escapeFormula)),
      { delimiter: ";" },
    );
    return { name: `${run.fileName}.rejects.csv`, csv: `\uFEFF${csv}` };
  }

  private async ownRun(owner: string, id: string): Promise<WebImportRun> {
    const run = /^\d+$/.test(id) ? await this.ctx.store.webImports.get(Number(id)) : undefined;
    if (!run || run.owner !== owner) throw new KohtaamoError("not_found", `no import run ${id}`);
    return run;
  }

  private async rejectsOf(run: WebImportRun) {
    if (!run.rejectsFileId) return null;
    const info = await this.ctx.store.importFiles.info(run.rejectsFileId);
    const copy = info ? await this.copyOf(info.id, info.name) : null;
    return copy ? readRejects(copy.file) : null;
  }

  /** The stored file's copy on this machine, made on first use; null when the file is gone. */
  private copyOf(id: string, name: string): Promise<LocalCopy | null> {
    let copy = this.local.get(id);
    if (!copy) {
      copy = (async () => {
        const dir = await privateDir();
        const file = path.join(dir, safeName(name));
        if (await this.ctx.store.importFiles.writeTo(id, file)) return { dir, file, madeAt: Date.now() };
        await fs.rm(dir, { recursive: true, force: true }).catch(() => undefined);
        return null;
      })();
      this.local.set(id, copy);
      // A missing file is not remembered: it may be stored by another process later.
      void copy.then((c) => {
        if (!c) this.local.delete(id);
      });
    }
    return copy;
  }

  /** Deletes this machine's copy of a stored file. */
  private async forget(id: string): Promise<void> {
    const copy = await this.local.get(id);
    this.local.delete(id);
    if (copy) await fs.rm(copy.dir, { recursive: true, force: true }).catch(() => undefined);
  }

  private async sweepIfDue(): Promise<void> {
    if (Date.now() - this.lastSweep >= SWEEP_EVERY_MS) await this.sweep();
  }

  /**
   * Ends abandoned runs, then deletes stored files older than an hour (but a running import's), and
   * this machine's old copies.
   */
  async sweep(now = Date.now()): Promise<void> {
    this.lastSweep = now;
    await endAbandonedRuns(this.ctx, now).catch(() => undefined);
    const before = new Date(now - KEEP_MS).toISOString();
    const inUse = await this.ctx.store.webImports.filesInUse().catch(() => new Set<string>());
    const old = (await this.ctx.store.importFiles.storedBefore(before).catch(() => [] as string[])).filter(
      (id) => !inUse.has(id),
    );
    for (const id of old) await this.ctx.store.importFiles.remove(id).catch(() => undefined);
    await this.ctx.store.webImports.forgetFiles(old).catch(() => undefined);
    for (const [id, pending] of this.local) {
      const copy = await pending;
      if (!copy || now - copy.madeAt > KEEP_MS || old.includes(id)) {
        this.local.delete(id);
        if (copy) await fs.rm(copy.dir, { recursive: true, force: true }).catch(() => undefined);
      }
    }
  }

  /** Deletes this machine's copies (when the server stops); the stored files stay for other processes. */
  async dispose(): Promise<void> {
    const copies = await Promise.all(this.local.values());
    this.local.clear();
    await Promise.all(
      copies.map((c) =>
        c ? fs.rm(c.dir, { recursive: true, force: true }).catch(() => undefined) : undefined,
      ),
    );
  }
}

/** An upload that is not there (or not this user's, or already taken) or whose hour has passed. */
const uploadGone = () =>
  new KohtaamoError("not_found", "no such upload (uploads are kept for an hour; upload the file again)");

/** Errors of the importer name the file by its path: the user knows it by the name they uploaded. */
export async function withFileName<T>(upload: UploadEntry, read: () => Promise<T>): Promise<T> {
  try {
    return await read();
  } catch (error) {
    if (error instanceof KohtaamoError) {
      throw new KohtaamoError(error.code, error.message.replaceAll(upload.file, upload.name), error.details);
    }
    throw error;
  }
}

/**
 * Reads a rejects file back as the importer wrote it (rejects-writer.ts): CSV with `_line`,
 * `_reason`, `_problems` and the original columns for tables, one JSON object a line otherwise;
 * each row's problems keep their codes for the page to word (none in a file without `_problems`).
 */
async function readRejects(file: string): Promise<{ columns: string[]; rows: RejectedRowBody[] }> {
  const text = await openTextFile(file);
  if (file.endsWith(".csv")) {
    let header: string[] | null = null;
    // `_line`, `_reason` and, in a web run's file, `_problems` come before the file's own columns.
    let own = 2;
    const rows: RejectedRowBody[] = [];
    for await (const row of readCsvRows(text.chunks(), ";")) {
      if (!row.ok) continue;
      if (header === null) {
        header = row.cells;
        if (header[2] === PROBLEMS_COLUMN) own = 3;
        continue;
      }
      const columns = header.slice(own);
      const cells = Object.fromEntries(columns.map((c, i) => [c, unescapeFormula(row.cells[i + own] ?? "")]));
      const problems = own === 3 ? storedProblems(row.cells[2]) : [];
      rows.push({ line: Number(row.cells[0]) || 0, id: null, reason: row.cells[1] ?? "", problems, cells });
    }
    return { columns: header?.slice(own) ?? [], rows };
  }
  const rows: RejectedRowBody[] = [];
  let content = "";
  for await (const chunk of text.chunks()) content += chunk;
  for (const line of content.split("\n")) {
    if (!line.trim()) continue;
    const parsed = JSON.parse(line) as {
      line: number;
      id?: string;
      reason: string;
      problems?: unknown;
      raw: unknown;
    };
    const raw = typeof parsed.raw === "string" ? parsed.raw : JSON.stringify(parsed.raw);
    rows.push({
      line: parsed.line,
      id: parsed.id ?? null,
      reason: parsed.reason,
      problems: storedProblems(parsed.problems),
      cells: { text: raw.length > 2000 ? `${raw.slice(0, 2000)}…` : raw },
    });
  }
  return { columns: rows.length > 0 ? ["text"] : [], rows };
}
