import { because, type FieldProblem, type RecordKind, type RecordOfKind } from "../domain/index.ts";
import type { Store } from "../store/index.ts";
import { type IngestPipeline, writeThroughPipeline } from "./ingest-pipeline.ts";
import { normalizeJsonRecord } from "./jsonl-items.ts";

export interface BatchIntakeResult {
  accepted: string[];
  errors: { index: number; id?: string; problems: FieldProblem[] }[];
  imported: number;
  updated: number;
  unchanged: number;
}

/**
 * The API's batch POST: validates every item exactly as the file importer validates a row, stores
 * the valid ones in one transaction and reports each invalid one by index — nothing is dropped
 * silently. A repeated id within the batch keeps the last occurrence; each earlier one is listed
 * under `errors` as superseded, so accepted ids + errors always account for every item sent.
 */
export async function acceptBatch<K extends RecordKind>(
  store: Store,
  kind: K,
  items: Record<string, unknown>[],
  options: { timeZone: string; pipeline: IngestPipeline },
): Promise<BatchIntakeResult> {
  const result: BatchIntakeResult = { accepted: [], errors: [], imported: 0, updated: 0, unchanged: 0 };
  const valid = new Map<string, { index: number; record: RecordOfKind[K] }>();
  items.forEach((raw, index) => {
    const parsed = normalizeJsonRecord(kind, raw, { timeZone: options.timeZone });
    if (!parsed.ok) {
      result.errors.push({ index, ...(parsed.id ? { id: parsed.id } : {}), problems: parsed.problems });
      return;
    }
    const record = parsed.record as RecordOfKind[K];
    const earlier = valid.get(record.id);
    if (earlier) {
      const reason = `is repeated by item ${index} of this batch; only the last one is stored`;
      const problem = { field: "id", ...because("id_repeated", reason, { index }) };
      result.errors.push({ index: earlier.index, id: record.id, problems: [problem] });
      valid.delete(record.id);
    }
    valid.set(record.id, { index, record });
  });
  result.errors.sort((a, b) => a.index - b.index);
  const records = [...valid.values()].map((entry) => entry.record);
  if (records.length > 0) {
    const counts = await writeThroughPipeline(store, options.pipeline, kind, records);
    result.imported = counts.imported;
    result.updated = counts.updated;
    result.unchanged = counts.unchanged;
    result.accepted = records.map((r) => r.id);
  }
  return result;
}
