import type { Kysely, Migration } from "kysely";
import type { StoreDialect } from "../dialects/store-dialect.ts";

// Why: closed-loop follow-up (issue 12). Rules open a case per source record (a detractor's answer,
// an encounter); the unique (rule, source) key makes re-import and re-analysis unable to open a
// second. Every change of a case is a row of case_history (who, when, field, from, to).
// The store has one workspace per database, so cases carry no workspace column.
export function casesSchema(dialect: StoreDialect): Migration {
  const { timestamp: ts, autoId } = dialect.types;
  return {
    async up(db: Kysely<unknown>) {
      await db.schema
        .createTable("cases")
        .addColumn("id", "text", (c) => c.primaryKey())
        .addColumn("rule_id", "text", (c) => c.notNull())
        .addColumn("source_kind", "text", (c) => c.notNull())
        .addColumn("source_id", "text", (c) => c.notNull())
        .addColumn("encounter_id", "text")
        .addColumn("customer_id", "text")
        .addColumn("team", "text")
        .addColumn("owner_id", "text")
        .addColumn("status", "text", (c) => c.notNull())
        .addColumn("due_at", ts as "text", (c) => c.notNull())
        .addColumn("outcome", "text")
        .addColumn("root_cause_theme", "text")
        .addColumn("contacted_at", ts as "text")
        .addColumn("closed_at", ts as "text")
        .addColumn("created_at", ts as "text", (c) => c.notNull())
        .addColumn("updated_at", ts as "text", (c) => c.notNull())
        .addUniqueConstraint("cases_rule_source_key", ["rule_id", "source_kind", "source_id"])
        .execute();
      await db.schema.createIndex("cases_status_due_idx").on("cases").columns(["status", "due_at"]).execute();
      await db.schema.createIndex("cases_team_idx").on("cases").columns(["team"]).execute();
      await db.schema.createIndex("cases_customer_idx").on("cases").columns(["customer_id"]).execute();
      await db.schema
        .createTable("case_history")
        .addColumn("id", autoId as "integer", (c) => c.primaryKey())
        .addColumn("case_id", "text", (c) => c.notNull().references("cases.id").onDelete("cascade"))
        .addColumn("at", ts as "text", (c) => c.notNull())
        .addColumn("actor", "text", (c) => c.notNull())
        .addColumn("field", "text", (c) => c.notNull())
        .addColumn("from_value", "text")
        .addColumn("to_value", "text")
        .execute();
      await db.schema
        .createIndex("case_history_case_idx")
        .on("case_history")
        .columns(["case_id", "id"])
        .execute();
    },
    async down(db: Kysely<unknown>) {
      await db.schema.dropTable("case_history").ifExists().execute();
      await db.schema.dropTable("cases").ifExists().execute();
    },
  };
}
