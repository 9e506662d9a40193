import type { Kysely, Migration } from "kysely";
import type { StoreDialect } from "../dialects/store-dialect.ts";

// Why: pulls over a vendor's API (issue 15: the Zendesk incremental export) resume where they
// stopped. One row per integration and stream ("tickets", "satisfaction_ratings") holds the saved
// cursor, written only after the records of its page are stored: a crash re-reads at most one page,
// whose records are idempotent upserts, so nothing is lost or doubled.
export function integrationCursorsSchema(dialect: StoreDialect): Migration {
  const { timestamp: ts } = dialect.types;
  return {
    async up(db: Kysely<unknown>) {
      await db.schema
        .createTable("integration_cursors")
        .addColumn("integration_id", "text", (c) =>
          c.notNull().references("integrations.id").onDelete("cascade"),
        )
        .addColumn("stream", "text", (c) => c.notNull())
        .addColumn("cursor", "text", (c) => c.notNull())
        .addColumn("updated_at", ts as "text", (c) => c.notNull())
        .addPrimaryKeyConstraint("integration_cursors_pk", ["integration_id", "stream"])
        .execute();
    },
    async down(db: Kysely<unknown>) {
      await db.schema.dropTable("integration_cursors").ifExists().execute();
    },
  };
}
