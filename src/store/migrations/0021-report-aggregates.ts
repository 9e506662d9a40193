import { type Kysely, type Migration, sql } from "kysely";
import type { StoreDialect } from "../dialects/store-dialect.ts";

// Why: issue 14 item 4. Score reports filtered or broken down by agent or touchpoint scanned the
// answers; score_detail_cells holds the score counts per month (of the cube's zone) × kind × team ×
// channel × agent × touchpoint, rebuilt with score_cells for every dirty month, so they read counts
// instead. The theme and driver reports' vectors are not kept per agent (a cell of ~9 kB would
// outweigh the few dozen answers it summarises): an agent's answers are read through
// responses_agent_idx instead of the whole table. report_intervals keeps the theme and driver
// reports with their bootstrap intervals, computed by the reports.intervals job for the cube
// generation they were computed at, so a process reads what another computed and no reader waits
// for a bootstrap. Every month holding answers is marked dirty so the new cells are built on first use.
//
// Written per dialect here, not through store/dialects/, because a landed migration must not change
// with live code.
export function reportAggregatesSchema(dialect: StoreDialect): Migration {
  const pg = dialect.name === "postgres";
  const { timestamp: ts } = dialect.types;
  return {
    async up(db: Kysely<unknown>) {
      await db.schema
        .createTable("score_detail_cells")
        .addColumn("kind", "text", (c) => c.notNull())
        .addColumn("agent", "text", (c) => c.notNull())
        .addColumn("month", "text", (c) => c.notNull())
        .addColumn("touchpoint", "text", (c) => c.notNull())
        .addColumn("team", "text", (c) => c.notNull())
        .addColumn("channel", "text", (c) => c.notNull())
        .addColumn("score", "integer", (c) => c.notNull())
        .addColumn("n", "integer", (c) => c.notNull())
        .addPrimaryKeyConstraint("score_detail_cells_pk", [
          "kind",
          "agent",
          "month",
          "touchpoint",
          "team",
          "channel",
          "score",
        ])
        .execute();
      await db.schema
        .createIndex("score_detail_cells_touchpoint_idx")
        .on("score_detail_cells")
        .columns(["kind", "touchpoint", "month"])
        .execute();
      await db.schema
        .createIndex("score_detail_cells_month_idx")
        .on("score_detail_cells")
        .columns(["month"])
        .execute();
      await db.schema
        .createIndex("responses_agent_idx")
        .on("survey_responses")
        .columns(["agent_id", "answered_at"])
        .execute();
      await db.schema
        .createTable("report_intervals")
        .addColumn("key", "text", (c) => c.primaryKey())
        .addColumn("report", "text", (c) => c.notNull())
        .addColumn("params", "text", (c) => c.notNull())
        .addColumn("requested_at", ts as "text", (c) => c.notNull())
        .addColumn("generation", "text")
        .addColumn("value", "text")
        .addColumn("computed_at", ts as "text")
        .execute();
      const month = pg ? "to_char(answered_at at time zone 'UTC', 'YYYY-MM')" : "substr(answered_at, 1, 7)";
      await sql`insert ${sql.raw(pg ? "" : "or ignore ")}into cube_dirty (source, month)
        select distinct 'answers', ${sql.raw(month)} from survey_responses
        ${sql.raw(pg ? "on conflict do nothing" : "")}`.execute(db);
    },
    async down(db: Kysely<unknown>) {
      await db.schema.dropTable("report_intervals").ifExists().execute();
      await db.schema.dropIndex("responses_agent_idx").ifExists().execute();
      await db.schema.dropTable("score_detail_cells").ifExists().execute();
    },
  };
}
