import type { Transaction } from "kysely";
import { redact } from "../analysis/pii/index.ts";
import { htmlToText, isHtml } from "../analysis/text/html-text.ts";
import type { TextAnalyzer } from "../analysis/text-analyzer.ts";
import type { RecordKind, RecordOfKind } from "../domain/index.ts";
import type { AnalysisRecord, BatchCounts, PendingSubjects, Store } from "../store/index.ts";
import type { Database } from "../store/schema.ts";
import { workspaceAnalyzer } from "./workspace-taxonomy.ts";

/**
 * What happens to text between parsing and the database: personal data is redacted first (so it
 * is never stored), then the analyzer runs on what is stored. Analysis can be switched off (bulk
 * loads, benchmarks); redaction is on unless the deployment turns it off.
 */
export interface IngestPipeline {
  readonly redaction: boolean;
  readonly analyzer: TextAnalyzer | null;
  /** When analysis is on: left to jobs (KOHTAAMO_ANALYSIS=queue, jobs/analysis-job.ts); null: in the write transaction. */
  readonly deferral: AnalysisDeferral | null;
}

/**
 * Analysis off the request path (issue 14): the batch is stored without analysis, and the records
 * that have text to analyse are marked pending and given a job, in the batch's own transaction.
 */
export interface AnalysisDeferral {
  /** queue: every batch; auto: while a `kohtaamo worker` runs (else analysed inline, as before). */
  readonly mode: "queue" | "auto";
  /** Whether the next batch is left to the queue (asked before its transaction opens). */
  defers(store: Store): Promise<boolean>;
  /** Inside the batch's transaction: marks the subjects pending and enqueues their analysis jobs. */
  enqueue(
    trx: Transaction<Database>,
    store: Store,
    subjects: PendingSubjects,
    now: string,
    redacted: boolean,
  ): Promise<void>;
}

export function ingestPipeline(options: {
  redaction?: boolean;
  analyzer: TextAnalyzer | null;
  deferral?: AnalysisDeferral | null;
}): IngestPipeline {
  return Object.freeze({
    redaction: options.redaction ?? true,
    analyzer: options.analyzer,
    deferral: options.deferral ?? null,
  });
}

/**
 * The record as it will be stored: free text as a reader sees it (an HTML body as its text,
 * analysis/text/html-text.ts), with personal data replaced by typed placeholders. A comment that
 * was only markup is no comment.
 */
export function prepareRecord<K extends RecordKind>(
  pipeline: IngestPipeline,
  kind: K,
  record: RecordOfKind[K],
): RecordOfKind[K] {
  const stored = (text: string) => {
    const plain = htmlToText(text);
    return pipeline.redaction ? redact(plain).redacted : plain;
  };
  if (kind === "encounters") {
    const e = record as RecordOfKind["encounters"];
    if (!pipeline.redaction && !e.turns.some((t) => isHtml(t.text))) return record;
    return { ...e, turns: e.turns.map((t) => ({ ...t, text: stored(t.text) })) } as RecordOfKind[K];
  }
  if (kind === "responses" || kind === "pulse") {
    const r = record as RecordOfKind["responses"] | RecordOfKind["pulse"];
    if (!r.comment || (!pipeline.redaction && !isHtml(r.comment))) return record;
    const comment = stored(r.comment);
    if (comment !== "") return { ...r, comment } as RecordOfKind[K];
    const { comment: _markup, ...rest } = r;
    return rest as RecordOfKind[K];
  }
  return record;
}

/**
 * The records of a batch that were written (new or changed) and have text to analyse: encounters
 * with turns, answers and pulse answers with a comment. Null for kinds without text.
 */
export function analysisSubjects<K extends RecordKind>(
  kind: K,
  records: RecordOfKind[K][],
  written: Set<string>,
): PendingSubjects | null {
  const subjectKind =
    kind === "encounters"
      ? "encounter"
      : kind === "responses"
        ? "response"
        : kind === "pulse"
          ? "pulse"
          : null;
  if (!subjectKind) return null;
  const ids = records
    .filter((r) => written.has(r.id))
    .filter((r) =>
      subjectKind === "encounter"
        ? (r as RecordOfKind["encounters"]).turns.length > 0
        : Boolean((r as RecordOfKind["responses"] | RecordOfKind["pulse"]).comment),
    )
    .map((r) => r.id);
  return ids.length > 0 ? { subjectKind, ids } : null;
}

/**
 * Analysis of the text-bearing records of a batch that were actually written (new or changed),
 * so a re-import of unchanged data costs no analysis. Results omit the text itself: it is stored
 * once, in its own table, where retention can delete it.
 */
export function analyzeWritten<K extends RecordKind>(
  pipeline: IngestPipeline,
  kind: K,
  records: RecordOfKind[K][],
  written: Set<string>,
): AnalysisRecord[] {
  const { analyzer } = pipeline;
  if (!analyzer) return [];
  const out: AnalysisRecord[] = [];
  for (const record of records) {
    if (!written.has(record.id)) continue;
    if (kind === "encounters") {
      const e = record as RecordOfKind["encounters"];
      if (e.turns.length === 0) continue;
      const { turns, ...rest } = analyzer.analyzeEncounter(e.turns, { alreadyRedacted: pipeline.redaction });
      const result = { ...rest, turns: turns.map(({ redacted: _text, ...t }) => t) };
      out.push({ subjectKind: "encounter", subjectId: e.id, analyzerVersion: analyzer.version, result });
    } else if (kind === "responses" || kind === "pulse") {
      const comment = (record as RecordOfKind["responses"] | RecordOfKind["pulse"]).comment;
      if (!comment) continue;
      const { redacted: _text, ...result } = analyzer.analyzeText(comment, undefined, {
        alreadyRedacted: pipeline.redaction,
      });
      out.push({
        subjectKind: kind === "responses" ? "response" : "pulse",
        subjectId: record.id,
        analyzerVersion: analyzer.version,
        result,
      });
    }
  }
  return out;
}

/**
 * Redacts, stores and analyses one batch in one transaction: the single write path of every ingest.
 * The analyzer takes the workspace's saved taxonomy, if any (looked up per batch, so an edit made
 * in another process applies to the next batch). With a deferral that defers, the transaction
 * stores the batch and its pending analysis jobs instead, and this process analyses nothing.
 */
export function writeThroughPipeline<K extends RecordKind>(
  store: Store,
  pipeline: IngestPipeline,
  kind: K,
  batch: RecordOfKind[K][],
): Promise<BatchCounts> {
  return writePreparedBatch(
    store,
    pipeline,
    kind,
    batch.map((r) => prepareRecord(pipeline, kind, r)),
  );
}

/**
 * writeThroughPipeline for records that already went through prepareRecord (the file importer
 * redacts each row as it is read, so that work overlaps the previous batch's SQL).
 */
export async function writePreparedBatch<K extends RecordKind>(
  store: Store,
  pipeline: IngestPipeline,
  kind: K,
  records: RecordOfKind[K][],
): Promise<BatchCounts> {
  const deferral = pipeline.analyzer ? pipeline.deferral : null;
  if (deferral && (await deferral.defers(store))) {
    return store.writeBatch(kind, records, {
      defer: async (trx, written, now) => {
        const subjects = analysisSubjects(kind, records, written);
        if (subjects) await deferral.enqueue(trx, store, subjects, now, pipeline.redaction);
      },
    });
  }
  const analyzer = pipeline.analyzer && (await workspaceAnalyzer(store, pipeline.analyzer));
  const effective = { ...pipeline, analyzer };
  return store.writeBatch(kind, records, (written) => analyzeWritten(effective, kind, records, written));
}
