import path from "node:path";
import { isHtml } from "../analysis/text/html-text.ts";
import type { RecordKind, RecordOfKind, RowRejection } from "../domain/index.ts";
import type { Store } from "../store/index.ts";
import { type IngestPipeline, prepareRecord, writePreparedBatch } from "./ingest-pipeline.ts";
import { RejectsWriter } from "./rejects-writer.ts";
import { openSource, type SourceFormat } from "./source-reader.ts";
import type { TranscriptOptions } from "./transcript-reader.ts";

export interface ImportOptions<K extends RecordKind> {
  kind: K;
  format?: "auto" | SourceFormat;
  mapping?: Record<string, string>;
  /** Values for fields a file does not have, e.g. `{ kind: "nps" }` for a survey export without a kind column. */
  defaults?: Record<string, string>;
  /** Encounter metadata for a VTT/SRT transcript (id, channel, started_at, team, agent…). */
  transcript?: TranscriptOptions;
  timeZone: string;
  /** Redaction and analysis applied to each record before it is stored. */
  pipeline: IngestPipeline;
  /** Where rejected rows go; default `<file>.rejects.csv|jsonl` next to the input. */
  rejectsFile?: string;
  /** Where the default rejects file goes instead when the input's folder is not writable (the data directory). */
  fallbackRejectsDir?: string;
  /** A CSV rejects file also keeps each row's problems with their codes (rejects-writer.ts). */
  structuredRejects?: boolean;
  /** Records per transaction; default 10,000 (1,000 encounters, with their turns). */
  batchSize?: number;
  onProgress?: (progress: ImportProgress) => void;
}

export interface ImportProgress {
  bytesRead: number;
  totalBytes: number;
  processed: number;
}

/** The CLI prints this as its last stdout line (CONTRACT.md). */
export interface ImportSummary {
  imported: number;
  updated: number;
  unchanged: number;
  rejected: number;
  rejectsFile: string | null;
  /**
   * Stored answers or encounters older than every enabled case rule's maxAgeDays (a history
   * import): they opened no follow-up case. 0 for the other kinds.
   */
  tooOldForCases: number;
  /**
   * Values that had been saved through a wrong encoding on the way ("Ã¤" for "ä") and were read as
   * they were meant (mojibake.ts): a CSV or XLSX file's cells and header names, a JSONL file's strings
   * and keys.
   */
  encodingRepairs: number;
  /** Texts (turns, comments) of the stored records that were HTML bodies, stored as their text (html-text.ts). */
  htmlBodies: number;
}

/**
 * Imports a file: reads and validates it row by row, writes valid records in batches of one
 * transaction each, and writes each bad row with its reasons to a rejects file. Idempotent on the
 * record id, so a run that was killed half-way can simply be run again.
 */
export async function importFile<K extends RecordKind>(
  store: Store,
  file: string,
  options: ImportOptions<K>,
): Promise<ImportSummary> {
  const source = await openSource(file, {
    kind: options.kind,
    format: options.format ?? "auto",
    timeZone: options.timeZone,
    ...(options.mapping ? { mapping: options.mapping } : {}),
    ...(options.defaults ? { defaults: options.defaults } : {}),
    ...(options.transcript ? { transcript: options.transcript } : {}),
  });
  // Large batches: the bulk writer (COPY on PostgreSQL) pays its fixed cost per batch, and each
  // batch is still one transaction, so a killed import loses at most the batch in flight.
  const batchSize = options.batchSize ?? (options.kind === "encounters" ? 1000 : 10_000);
  const name = `${path.basename(file)}.rejects.${source.format === "csv" || source.format === "xlsx" ? "csv" : "jsonl"}`;
  const rejects = options.rejectsFile
    ? new RejectsWriter(options.rejectsFile, undefined, options.structuredRejects)
    : new RejectsWriter(
        path.join(path.dirname(file), name),
        options.fallbackRejectsDir ? path.join(options.fallbackRejectsDir, "rejects", name) : undefined,
        options.structuredRejects,
      );
  const summary: ImportSummary = {
    imported: 0,
    updated: 0,
    unchanged: 0,
    rejected: 0,
    rejectsFile: null,
    tooOldForCases: 0,
    encodingRepairs: 0,
    htmlBodies: 0,
  };
  let batch: RecordOfKind[K][] = [];
  let ids = new Set<string>();
  let processed = 0;
  // Pipelined: a full batch's transaction runs while the next batch is read, validated and
  // redacted (on PostgreSQL the SQL runs in the server's process, so the two overlap). Batches
  // still commit one at a time and in file order: a batch's write starts only after the previous
  // one committed, so a later row with a repeated id updates the earlier one, and a killed import
  // loses at most the batch being written and the one being read — both are stored again, once,
  // by the next run (the write is idempotent).
  let writing: Promise<void> = Promise.resolve();
  let failure: { error: unknown } | null = null;

  const flush = async () => {
    if (batch.length === 0) return;
    const records = batch;
    batch = [];
    ids = new Set();
    await writing;
    if (failure) throw failure.error;
    writing = writePreparedBatch(store, options.pipeline, options.kind, records).then(
      (counts) => {
        summary.imported += counts.imported;
        summary.updated += counts.updated;
        summary.unchanged += counts.unchanged;
        summary.tooOldForCases += counts.tooOldForCases ?? 0;
      },
      (error: unknown) => {
        failure = { error };
      },
    );
  };

  try {
    for await (const item of source.items) {
      if (failure) break;
      processed++;
      if (item.ok) {
        // A repeated id inside one batch would be ambiguous within one statement; flushing first
        // makes the later row simply update the earlier one, as it would across batches.
        if (ids.has(item.record.id)) await flush();
        // Redacted here, as it is read: personal data never reaches the write path unredacted.
        summary.htmlBodies += htmlBodiesOf(item.record as RecordOfKind[K]);
        batch.push(prepareRecord(options.pipeline, options.kind, item.record as RecordOfKind[K]));
        ids.add(item.record.id);
        if (batch.length >= batchSize) await flush();
      } else {
        summary.rejected++;
        const rejection: RowRejection = {
          line: item.line,
          problems: item.problems,
          ...(item.id ? { id: item.id } : {}),
        };
        // An encounter of several CSV rows is rejected whole: every row of it goes to the rejects
        // file, so that the fixed file imports the whole conversation, not its first turn.
        if (item.rawRows && item.rawRows.length > 0)
          for (const row of item.rawRows) await rejects.write({ ...rejection, line: row.line }, row.raw);
        else await rejects.write(rejection, item.raw);
      }
      if (processed % 200 === 0) {
        options.onProgress?.({ bytesRead: source.bytesRead(), totalBytes: source.totalBytes, processed });
      }
    }
    if (!failure) await flush();
    await writing;
    if (failure) throw (failure as { error: unknown }).error;
  } finally {
    // Never return (or fail) while a batch is still being written.
    await writing;
    summary.rejectsFile = await rejects.close();
    summary.encodingRepairs = source.repairs.cells;
  }
  options.onProgress?.({ bytesRead: source.totalBytes, totalBytes: source.totalBytes, processed });
  return summary;
}

/** How many of a record's texts (an encounter's turns, an answer's comment) are HTML bodies. */
function htmlBodiesOf(record: RecordOfKind[RecordKind]): number {
  if ("turns" in record) return record.turns.filter((t) => isHtml(t.text)).length;
  return "comment" in record && record.comment && isHtml(record.comment) ? 1 : 0;
}
