import { randomBytes } from "node:crypto";
import fs from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { stringify } from "csv-stringify/sync";
import { KohtaamoError, type RecordKind } from "../domain/index.ts";
import { readCsvRows } from "../ingest/csv-reader.ts";
import { openTextFile } from "../ingest/file-decoding.ts";
import { escapeFormula, unescapeFormula } from "../ingest/formula-escaping.ts";
import { importFile } from "../ingest/importer.ts";
import { openSource } from "../ingest/source-reader.ts";
import { refreshCube } from "../workflows/report-cube.ts";
import { closeSource, sourceOptions } from "./import-preview.ts";
import type { ImportRunBody, ImportSettings, RejectedRowBody } from "./import-schemas.ts";
import type { ServerContext } from "./server-context.ts";

/**
 * Uploaded files waiting to be imported, and the imports running or done, of this server process.
 * An upload lives in its own private temporary folder until it is imported or an hour has passed;
 * a run keeps its rejected rows (the user's own data) for an hour so they can be downloaded, then
 * everything is deleted. Runs are also logged in the import_runs table. Nothing here logs file
 * contents: only counts and error codes.
 */

const KEEP_MS = 60 * 60 * 1000;
/** Rejected rows returned in a run's JSON; the CSV download has all of them. */
const REJECTED_SHOWN = 200;

export interface UploadEntry {
  id: string;
  owner: string;
  name: string;
  bytes: number;
  dir: string;
  file: string;
  createdAt: number;
  running: boolean;
}

interface RunEntry {
  id: string;
  owner: string;
  /** Who started it, for the audit log. */
  actor: string;
  name: string;
  kind: RecordKind;
  dir: string;
  status: ImportRunBody["status"];
  progress: ImportRunBody["progress"];
  counts: ImportRunBody["counts"];
  error: string | null;
  rejectsFile: string | null;
  finishedAt: number | null;
}

export class ImportJobs {
  private readonly uploads = new Map<string, UploadEntry>();
  private readonly runs = new Map<string, RunEntry>();

  constructor(private readonly ctx: ServerContext) {
    // Uploads nobody imported and old rejects files go even when no one uploads again.
    setInterval(() => void this.sweep(), 10 * 60 * 1000).unref();
  }

  /** Saves an uploaded file under a private temporary folder, named as the user's file (for its extension). */
  async saveUpload(owner: string, name: string, bytes: Uint8Array): Promise<UploadEntry> {
    await this.sweep();
    const dir = await fs.mkdtemp(path.join(os.tmpdir(), "kohtaamo-import-"));
    await fs.chmod(dir, 0o700);
    const file = path.join(dir, safeName(name));
    await fs.writeFile(file, bytes, { mode: 0o600 });
    const entry: UploadEntry = {
      id: randomBytes(12).toString("hex"),
      owner,
      name: path.basename(file),
      bytes: bytes.byteLength,
      dir,
      file,
      createdAt: Date.now(),
      running: false,
    };
    this.uploads.set(entry.id, entry);
    return entry;
  }

  /** The caller's upload; someone else's looks the same as a missing one. */
  upload(owner: string, id: string): UploadEntry {
    const entry = this.uploads.get(id);
    if (!entry || entry.owner !== owner) {
      throw new KohtaamoError(
        "not_found",
        "no such upload (uploads are kept for an hour; upload the file again)",
      );
    }
    return entry;
  }

  /**
   * Starts importing an upload in the background and returns the run's id at once; the upload is
   * consumed (deleted when the run ends). Unreadable files fail here, before a run is started.
   */
  async start(upload: UploadEntry, settings: ImportSettings, actor: string): Promise<string> {
    if (upload.running) throw new KohtaamoError("conflict", "this file is already being imported");
    const options = sourceOptions(settings, this.ctx.timeZone);
    // Whatever makes the whole file unusable is refused now, with the reason, not as a failed run.
    const probe = await withFileName(upload, () => openSource(upload.file, options));
    await closeSource(probe);
    const table = probe.format === "csv" || probe.format === "xlsx";
    upload.running = true;
    const runId = String(await this.ctx.store.runs.begin(settings.kind, `web:${upload.name}`));
    const run: RunEntry = {
      id: runId,
      owner: upload.owner,
      actor,
      name: upload.name,
      kind: settings.kind,
      dir: upload.dir,
      status: "running",
      progress: { bytesRead: 0, totalBytes: upload.bytes, processed: 0 },
      counts: { inserted: 0, updated: 0, unchanged: 0, rejected: 0 },
      error: null,
      rejectsFile: null,
      finishedAt: null,
    };
    this.runs.set(runId, run);
    this.uploads.delete(upload.id);
    void this.execute(run, upload, settings, table);
    return runId;
  }

  private async execute(run: RunEntry, upload: UploadEntry, settings: ImportSettings, table: boolean) {
    const options = sourceOptions(settings, this.ctx.timeZone);
    try {
      const summary = await importFile(this.ctx.store, upload.file, {
        ...options,
        format: options.format ?? "auto",
        timeZone: this.ctx.timeZone,
        pipeline: this.ctx.pipeline,
        rejectsFile: path.join(upload.dir, table ? "rejects.csv" : "rejects.jsonl"),
        onProgress: (p) => {
          run.progress = { bytesRead: p.bytesRead, totalBytes: p.totalBytes, processed: p.processed };
        },
      });
      run.counts = {
        inserted: summary.imported,
        updated: summary.updated,
        unchanged: summary.unchanged,
        rejected: summary.rejected,
      };
      run.rejectsFile = summary.rejectsFile;
      // As the CLI does: the reports' monthly aggregates are brought up to date now, so the first
      // dashboard reader after the import does not wait for them (reports would refresh them anyway).
      await refreshCube(this.ctx.store, this.ctx.timeZone);
      run.status = "done";
    } catch (error) {
      run.status = "failed";
      run.error =
        error instanceof KohtaamoError
          ? error.message.replaceAll(upload.file, upload.name)
          : "the import stopped on an unexpected error; the records stored so far are kept, and importing the file again is safe";
      // Only the kind of failure: the message of an unexpected error may quote the file's text.
      process.stderr.write(
        `import run ${run.id} failed: ${error instanceof KohtaamoError ? error.code : ((error as Error).name ?? "error")}\n`,
      );
    } finally {
      run.finishedAt = Date.now();
      const { inserted, ...rest } = run.counts;
      await this.ctx.store.runs
        .finish(Number(run.id), { imported: inserted, ...rest }, run.status === "done" ? "done" : "failed")
        .catch(() => undefined);
      // Who imported what, and how it went: counts only, never the file's content.
      await this.ctx.store.access
        .audit({
          actor: run.actor,
          action: "records.import",
          target: `${run.kind}:${run.name}`,
          details: { run: Number(run.id), status: run.status, ...run.counts },
        })
        .catch(() => undefined);
      await fs.rm(upload.file, { force: true }).catch(() => undefined);
    }
  }

  /** A run as the API shows it, with the first rejected rows once it has ended. */
  async run(owner: string, id: string): Promise<ImportRunBody> {
    const run = this.ownRun(owner, id);
    const rejects = run.status !== "running" && run.rejectsFile ? await readRejects(run.rejectsFile) : null;
    return {
      id: run.id,
      name: run.name,
      kind: run.kind,
      status: run.status,
      progress: run.progress,
      counts: run.counts,
      error: run.error,
      rejected: rejects?.rows.slice(0, REJECTED_SHOWN) ?? [],
      rejectedColumns: rejects?.columns ?? [],
    };
  }

  /** Every rejected row of a run as CSV: the line, the reasons and the row as it was (formulas neutralised). */
  async rejectsCsv(owner: string, id: string): Promise<{ name: string; csv: string }> {
    const run = this.ownRun(owner, id);
    if (run.status === "running") throw new KohtaamoError("conflict", "the import is still running");
    const rejects = run.rejectsFile ? await readRejects(run.rejectsFile) : { columns: [], rows: [] };
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
    return { name: `${run.name}.rejects.csv`, csv: `\uFEFF${csv}` };
  }

  private ownRun(owner: string, id: string): RunEntry {
    const run = this.runs.get(id);
    if (!run || run.owner !== owner) throw new KohtaamoError("not_found", `no import run ${id}`);
    return run;
  }

  /** Deletes uploads and finished runs older than an hour. */
  async sweep(now = Date.now()): Promise<void> {
    for (const [id, upload] of this.uploads) {
      if (!upload.running && now - upload.createdAt > KEEP_MS) {
        this.uploads.delete(id);
        await fs.rm(upload.dir, { recursive: true, force: true }).catch(() => undefined);
      }
    }
    for (const [id, run] of this.runs) {
      if (run.finishedAt !== null && now - run.finishedAt > KEEP_MS) {
        this.runs.delete(id);
        await fs.rm(run.dir, { recursive: true, force: true }).catch(() => undefined);
      }
    }
  }

  /** Deletes every upload and rejects file (when the server stops). */
  async dispose(): Promise<void> {
    const dirs = [
      ...[...this.uploads.values()].map((u) => u.dir),
      ...[...this.runs.values()].map((r) => r.dir),
    ];
    this.uploads.clear();
    this.runs.clear();
    await Promise.all(dirs.map((d) => fs.rm(d, { recursive: true, force: true }).catch(() => undefined)));
  }
}

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

/** A file name without folders or characters a file system may refuse; the extension is kept. */
function safeName(name: string): string {
  const base = path.basename(name.replaceAll("\\", "/"));
  const cleaned = base
    .replace(/[^\p{L}\p{N}._ -]/gu, "_")
    .replace(/^\.+/, "")
    .slice(-120);
  return cleaned || "upload";
}

/**
 * Reads a rejects file back as the importer wrote it (rejects-writer.ts): CSV with `_line`,
 * `_reason` and the original columns for tables, one JSON object a line otherwise.
 */
async function readRejects(file: string): Promise<{ columns: string[]; rows: RejectedRowBody[] }> {
  const text = await openTextFile(file);
  if (file.endsWith(".csv")) {
    let header: string[] | null = null;
    const rows: RejectedRowBody[] = [];
    for await (const row of readCsvRows(text.chunks(), ";")) {
      if (!row.ok) continue;
      if (header === null) {
        header = row.cells;
        continue;
      }
      const columns = header.slice(2);
      const cells = Object.fromEntries(columns.map((c, i) => [c, unescapeFormula(row.cells[i + 2] ?? "")]));
      rows.push({ line: Number(row.cells[0]) || 0, id: null, reason: row.cells[1] ?? "", cells });
    }
    return { columns: header?.slice(2) ?? [], rows };
  }
  const rows: RejectedRowBody[] = [];
  let content = "";
  for await (const chunk of text.chunks()) content += chunk;
  for (const line of content.split("\n")) {
    if (!line.trim()) continue;
    const parsed = JSON.parse(line) as { line: number; id?: string; reason: string; raw: unknown };
    const raw = typeof parsed.raw === "string" ? parsed.raw : JSON.stringify(parsed.raw);
    rows.push({
      line: parsed.line,
      id: parsed.id ?? null,
      reason: parsed.reason,
      cells: { text: raw.length > 2000 ? `${raw.slice(0, 2000)}…` : raw },
    });
  }
  return { columns: rows.length > 0 ? ["text"] : [], rows };
}
