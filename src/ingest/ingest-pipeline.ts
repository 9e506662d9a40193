import { redact } from "../analysis/pii/index.ts";
import type { TextAnalyzer } from "../analysis/text-analyzer.ts";
import type { RecordKind, RecordOfKind } from "../domain/index.ts";
import type { AnalysisRecord, Store, UpsertCounts } from "../store/index.ts";
import { workspaceAnalyzer } from "./workspace-taxonomy.ts";

/**
 * What happens to text between parsing and the database: personal data is redacted first (so it
 * is never stored), then the analyzer runs on what is stored. Analysis can be switched off (bulk
 * loads, benchmarks); redaction is on unless the deployment turns it off.
 */
export interface IngestPipeline {
  readonly redaction: boolean;
  readonly analyzer: TextAnalyzer | null;
}

export function ingestPipeline(options: {
  redaction?: boolean;
  analyzer: TextAnalyzer | null;
}): IngestPipeline {
  return Object.freeze({ redaction: options.redaction ?? true, analyzer: options.analyzer });
}

/** The record as it will be stored: free text with personal data replaced by typed placeholders. */
export function prepareRecord<K extends RecordKind>(
  pipeline: IngestPipeline,
  kind: K,
  record: RecordOfKind[K],
): RecordOfKind[K] {
  if (!pipeline.redaction) return record;
  if (kind === "encounters") {
    const e = record as RecordOfKind["encounters"];
    return { ...e, turns: e.turns.map((t) => ({ ...t, text: redact(t.text).redacted })) } as RecordOfKind[K];
  }
  if (kind === "responses" || kind === "pulse") {
    const r = record as RecordOfKind["responses"] | RecordOfKind["pulse"];
    if (r.comment) return { ...r, comment: redact(r.comment).redacted } as RecordOfKind[K];
  }
  return record;
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
 * in another process applies to the next batch).
 */
export async function writeThroughPipeline<K extends RecordKind>(
  store: Store,
  pipeline: IngestPipeline,
  kind: K,
  batch: RecordOfKind[K][],
): Promise<UpsertCounts> {
  const records = batch.map((r) => prepareRecord(pipeline, kind, r));
  const analyzer = pipeline.analyzer && (await workspaceAnalyzer(store, pipeline.analyzer));
  const effective = { ...pipeline, analyzer };
  return store.writeBatch(kind, records, (written) => analyzeWritten(effective, kind, records, written));
}
