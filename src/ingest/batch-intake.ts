import type { FieldProblem, RecordKind, RecordOfKind } from "../domain/index.ts";
import type { Store } from "../store/index.ts";
import { type IngestPipeline, writeThroughPipeline } from "./ingest-pipeline.ts";
import { normalizeRecord } from "./record-normalizer.ts";

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
 * silently. A repeated id within the batch keeps the last occurrence.
 */
export async function acceptBatch<K extends RecordKind>(
  store: Store,
  kind: K,
  items: Record<string, unknown>[],
  options: { timeZone: string; pipeline: IngestPipeline },
): Promise<BatchIntakeResult> {
  const result: BatchIntakeResult = { accepted: [], errors: [], imported: 0, updated: 0, unchanged: 0 };
  const valid = new Map<string, RecordOfKind[K]>();
  items.forEach((raw, index) => {
    const parsed = normalizeRecord(kind, raw, { timeZone: options.timeZone });
    if (parsed.ok) {
      const record = parsed.record as RecordOfKind[K];
      valid.delete(record.id);
      valid.set(record.id, record);
    } else {
      result.errors.push({ index, ...(parsed.id ? { id: parsed.id } : {}), problems: parsed.problems });
    }
  });
  const records = [...valid.values()];
  if (records.length > 0) {
    const counts = await writeThroughPipeline(store, options.pipeline, kind, records);
    result.imported = counts.imported;
    result.updated = counts.updated;
    result.unchanged = counts.unchanged;
    result.accepted = records.map((r) => r.id);
  }
  return result;
}
