import type { Kysely, Migration } from "kysely";
import type { StoreDialect } from "../dialects/store-dialect.ts";

// Why: analysis off the request path (issue 14 item 2). With KOHTAAMO_ANALYSIS=queue a record is
// stored without its analysis and a row here says it awaits one, written in the same transaction as
// the record; the analysis job deletes the row in the transaction that stores the analysis, so the
// pending count is exact and a job run twice writes once. `token` changes when the record is written
// again, so an analysis of the text as it was before is not taken for the new text's.
export function analysisQueueSchema(dialect: StoreDialect): Migration {
  const { timestamp: ts } = dialect.types;
  return {
    async up(db: Kysely<unknown>) {
      await db.schema
        .createTable("analysis_pending")
        .addColumn("subject_kind", "text", (c) => c.notNull())
        .addColumn("subject_id", "text", (c) => c.notNull())
        .addColumn("token", "text", (c) => c.notNull())
        .addColumn("queued_at", ts as "text", (c) => c.notNull())
        .addPrimaryKeyConstraint("analysis_pending_pk", ["subject_kind", "subject_id"])
        .execute();
    },
    async down(db: Kysely<unknown>) {
      await db.schema.dropTable("analysis_pending").ifExists().execute();
    },
  };
}
