import type { Kysely, Transaction } from "kysely";
import { writeAnalysisFacts } from "./analysis-facts.ts";
import type { Database } from "./schema.ts";
import { insertChunked } from "./upsert-batch.ts";

export type AnalysisSubject = "encounter" | "response" | "pulse";

export interface AnalysisRecord {
  subjectKind: AnalysisSubject;
  subjectId: string;
  analyzerVersion: string;
  result: unknown;
}

/** Analysis results, one per subject and analyzer version, so a model change can be re-run and compared. */
export class AnalysisRepository {
  constructor(private readonly db: Kysely<Database>) {}

  /** Replaces the results of the given subjects for this analyzer version, inside the import's transaction. */
  static async replace(trx: Transaction<Database>, records: AnalysisRecord[], now: string): Promise<void> {
    if (records.length === 0) return;
    const byKind = new Map<string, Map<string, string[]>>();
    for (const r of records) {
      const versions = byKind.get(r.subjectKind) ?? new Map<string, string[]>();
      const ids = versions.get(r.analyzerVersion) ?? [];
      ids.push(r.subjectId);
      versions.set(r.analyzerVersion, ids);
      byKind.set(r.subjectKind, versions);
    }
    for (const [kind, versions] of byKind) {
      for (const [version, ids] of versions) {
        await trx
          .deleteFrom("analysis_results")
          .where("subject_kind", "=", kind)
          .where("analyzer_version", "=", version)
          .where("subject_id", "in", ids)
          .execute();
      }
    }
    await insertChunked(
      trx,
      "analysis_results",
      records.map((r) => ({
        subject_kind: r.subjectKind,
        subject_id: r.subjectId,
        analyzer_version: r.analyzerVersion,
        result: JSON.stringify(r.result),
        created_at: now,
      })),
    );
    await writeAnalysisFacts(trx as unknown as Kysely<unknown>, records);
  }

  async latest(subjectKind: AnalysisSubject, subjectId: string): Promise<AnalysisRecord | undefined> {
    const row = await this.db
      .selectFrom("analysis_results")
      .selectAll()
      .where("subject_kind", "=", subjectKind)
      .where("subject_id", "=", subjectId)
      .orderBy("created_at", "desc")
      .executeTakeFirst();
    if (!row) return undefined;
    return {
      subjectKind,
      subjectId,
      analyzerVersion: row.analyzer_version,
      result: JSON.parse(row.result) as unknown,
    };
  }
}
