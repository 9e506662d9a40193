import { type Kysely, type Migration, sql } from "kysely";
import type { StoreDialect } from "../dialects/store-dialect.ts";

// Why: admins and analysts edit the theme taxonomy (names, patterns, examples) from the dashboard,
// and every app process must analyse with the same edited copy, so it is stored in the database
// (one row; none means models/taxonomy.json). A reanalysis runs batch by batch in one process;
// its progress and resume point are a row too, so any process can show it and a new start after
// a killed one resumes where it stopped.
export function workspaceTaxonomySchema(dialect: StoreDialect): Migration {
  const { timestamp: ts } = dialect.types;
  return {
    async up(db: Kysely<unknown>) {
      await db.schema
        .createTable("workspace_taxonomy")
        .addColumn("id", "text", (c) => c.primaryKey())
        .addColumn("digest", "text", (c) => c.notNull())
        .addColumn("taxonomy", "text", (c) => c.notNull())
        .addColumn("updated_at", ts as "text", (c) => c.notNull())
        .addColumn("updated_by", "text", (c) => c.notNull())
        .execute();
      await db.schema
        .createTable("reanalysis_progress")
        .addColumn("id", "text", (c) => c.primaryKey())
        .addColumn("state", "text", (c) => c.notNull())
        .addColumn("run_id", "text")
        .addColumn("analyzer_version", "text")
        .addColumn("phase", "text")
        .addColumn("after_id", "text")
        .addColumn("done", "integer", (c) => c.notNull())
        .addColumn("total", "integer", (c) => c.notNull())
        .addColumn("started_at", ts as "text")
        .addColumn("finished_at", ts as "text")
        .addColumn("heartbeat_at", ts as "text")
        .addColumn("started_by", "text")
        .addColumn("error", "text")
        .execute();
      await sql`insert into reanalysis_progress (id, state, done, total) values ('current', 'idle', 0, 0)`.execute(
        db,
      );
    },
    async down(db: Kysely<unknown>) {
      await db.schema.dropTable("reanalysis_progress").execute();
      await db.schema.dropTable("workspace_taxonomy").execute();
    },
  };
}
