import { type Kysely, type Migration, sql } from "kysely";
import type { StoreDialect } from "../dialects/store-dialect.ts";

// Why: issue 14 item 4. Until the reports.intervals job has stored an agent's theme or driver report,
// the reader serves its point figures with the intervals pending; those read the agent's answers
// through responses_agent_idx (1,142 / 816 ms for the themes / drivers of one agent of 200 at
// 10,000,000 answers on PostgreSQL, against 48–196 ms for the pending whole-workspace reports read
// from the cube). answer_agent_cells and encounter_agent_cells hold the same vectors as answer_cells
// and encounter_cells per month (of the cube's zone) × agent × team × channel, without buckets (only
// point figures are read from them: the job still bootstraps an agent's answers themselves), built
// by the same month refresh from the same scan. Rows without an agent have no cell here (no agent
// filter matches them). The cube's zone is forgotten so that the next refresh builds every month,
// the new cells included, rather than serving an empty agent cube for months that are not dirty.
//
// Written per dialect here, not through store/dialects/, because a landed migration must not change
// with live code.
export function agentCellsSchema(dialect: StoreDialect): Migration {
  const blob = dialect.name === "postgres" ? "bytea" : "blob";
  return {
    async up(db: Kysely<unknown>) {
      for (const table of ["answer_agent_cells", "encounter_agent_cells"]) {
        await db.schema
          .createTable(table)
          .addColumn("agent", "text", (c) => c.notNull())
          .addColumn("month", "text", (c) => c.notNull())
          .addColumn("team", "text", (c) => c.notNull())
          .addColumn("channel", "text", (c) => c.notNull())
          .addColumn("themes", "integer", (c) => c.notNull())
          .addColumn("stats", sql.raw(blob), (c) => c.notNull())
          .addPrimaryKeyConstraint(`${table}_pk`, ["agent", "month", "team", "channel"])
          .execute();
        // A refresh replaces a month's cells: by month, not by the key's leading agent.
        await db.schema.createIndex(`${table}_month_idx`).on(table).column("month").execute();
      }
      await sql`delete from cube_meta where key in ('answers.zone', 'encounters.zone')`.execute(db);
    },
    async down(db: Kysely<unknown>) {
      await db.schema.dropTable("answer_agent_cells").execute();
      await db.schema.dropTable("encounter_agent_cells").execute();
    },
  };
}
