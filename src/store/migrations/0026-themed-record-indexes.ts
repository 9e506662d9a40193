import { type Kysely, type Migration, type SqlBool, sql } from "kysely";

// Why: issue 14 item 6 (bench:load). A list filtered by a theme (`GET /responses?theme=billing`, the
// Themes page) walked the (time, id) index newest first and tested every row's theme codes. While an
// import runs ahead of the analysis queue the newest rows have no analysis yet (theme_codes is null),
// so every page first stepped over the whole unanalysed backlog: 50,000 rows at 1,000,000 answers took
// 5–8 ms idle and 539 ms p95 with 20 readers, an importer and two workers on 2 cores, the slowest call
// of the load test. These partial indexes hold only rows whose analysis found a theme, in the same
// (time, id) order, so a theme's page starts at the newest analysed row with a theme and stops after
// its page (0.1 ms; answers without a comment or without a theme are never in it either). The filters
// name the predicate (`theme_codes is not null`, store/record-filter.ts) so SQLite uses them too.
// Rows are inserted without analysis, so an import never writes these indexes; the analysis's fact
// update does. Both dialects accept the same statement.
const INDEXES = [
  { name: "responses_themed_idx", table: "survey_responses", time: "answered_at" },
  { name: "encounters_themed_idx", table: "encounters", time: "started_at" },
] as const;

export function themedRecordIndexesSchema(): Migration {
  return {
    async up(db: Kysely<unknown>) {
      for (const { name, table, time } of INDEXES) {
        await db.schema
          .createIndex(name)
          .on(table)
          .columns([time, "id"])
          .where(sql<SqlBool>`theme_codes is not null`)
          .execute();
      }
    },
    async down(db: Kysely<unknown>) {
      for (const { name } of INDEXES) await db.schema.dropIndex(name).execute();
    },
  };
}
