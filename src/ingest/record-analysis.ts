import type { TextAnalyzer } from "../analysis/pipeline.ts";
import type { RecordKind, RecordOfKind } from "../domain/index.ts";
import type { AnalysisRecord } from "../store/index.ts";

/**
 * Runs the analyzer over the text-bearing records of a batch that were actually written
 * (new or changed), so an unchanged re-import costs no analysis.
 */
export function analyzeWritten<K extends RecordKind>(
  analyzer: TextAnalyzer,
  kind: K,
  records: RecordOfKind[K][],
  written: Set<string>,
): AnalysisRecord[] {
  const out: AnalysisRecord[] = [];
  for (const record of records) {
    if (!written.has(record.id)) continue;
    let result: unknown | null = null;
    let subjectKind: AnalysisRecord["subjectKind"] | undefined;
    if (kind === "encounters") {
      subjectKind = "encounter";
      result = analyzer.analyzeEncounter((record as RecordOfKind["encounters"]).turns);
    } else if (kind === "responses" || kind === "pulse") {
      const comment = (record as RecordOfKind["responses"] | RecordOfKind["pulse"]).comment;
      subjectKind = kind === "responses" ? "response" : "pulse";
      result = comment ? analyzer.analyzeComment(comment) : null;
    }
    if (subjectKind && result !== null) {
      out.push({ subjectKind, subjectId: record.id, analyzerVersion: analyzer.version, result });
    }
  }
  return out;
}
