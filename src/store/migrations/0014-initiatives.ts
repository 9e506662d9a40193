import type { Kysely, Migration } from "kysely";
import type { StoreDialect } from "../dialects/store-dialect.ts";

// Why: development initiatives (issue 13). An initiative names the themes it addresses and what it
// costs; its expected NPS gain is derived from those themes' measured impact when read, never stored,
// so it follows the data. The settings row prices a point of NPS (customers, yearly value, churn gap).
// One workspace per database, so no workspace column.
export function initiativesSchema(dialect: StoreDialect): Migration {
  const { timestamp: ts, real } = dialect.types;
  return {
    async up(db: Kysely<unknown>) {
      await db.schema
        .createTable("initiatives")
        .addColumn("id", "text", (c) => c.primaryKey())
        .addColumn("title", "text", (c) => c.notNull())
        .addColumn("description", "text")
        .addColumn("cost", "integer", (c) => c.notNull())
        .addColumn("goal", "text", (c) => c.notNull())
        // JSON array of theme ids.
        .addColumn("theme_ids", "text", (c) => c.notNull())
        .addColumn("expected_share_removed", real as "real", (c) => c.notNull())
        .addColumn("expected_nps_gain", real as "real")
        .addColumn("owner", "text")
        .addColumn("status", "text", (c) => c.notNull())
        .addColumn("done_on", "text")
        .addColumn("created_by", "text", (c) => c.notNull())
        .addColumn("created_at", ts as "text", (c) => c.notNull())
        .addColumn("updated_at", ts as "text", (c) => c.notNull())
        .execute();
      await db.schema.createIndex("initiatives_status_idx").on("initiatives").columns(["status"]).execute();
      await db.schema
        .createTable("initiative_settings")
        .addColumn("id", "text", (c) => c.primaryKey())
        .addColumn("customers", "integer")
        .addColumn("yearly_value_eur", real as "real")
        .addColumn("churn_gap", real as "real")
        .addColumn("updated_by", "text", (c) => c.notNull())
        .addColumn("updated_at", ts as "text", (c) => c.notNull())
        .execute();
    },
    async down(db: Kysely<unknown>) {
      await db.schema.dropTable("initiative_settings").ifExists().execute();
      await db.schema.dropTable("initiatives").ifExists().execute();
    },
  };
}
