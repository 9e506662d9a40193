import { type Kysely, type Migration, sql } from "kysely";
import { analysisFacts, refreshRepeatContacts } from "../analysis-facts.ts";
import type { StoreDialect } from "../dialects/store-dialect.ts";

// Why: reports over a million answers cannot parse analysis JSON or run a per-row subquery. The
// facts they need from the latest analysis (theme codes, tone) and the repeat-contact flag are
// kept on the record itself, written in the same transaction as the analysis.
export function analysisFactsSchema(dialect: StoreDialect): Migration {
  const { real } = dialect.types;
  return {
    async up(db: Kysely<unknown>) {
      for (const table of ["encounters", "survey_responses"]) {
        await db.schema.alterTable(table).addColumn("theme_codes", "text").execute();
        await db.schema
          .alterTable(table)
          .addColumn("tone_score", real as "real")
          .execute();
      }
      await db.schema.alterTable("encounters").addColumn("repeat_contact", "integer").execute();
      await db.schema
        .createIndex("encounters_customer_time_idx")
        .on("encounters")
        .columns(["customer_id", "started_at"])
        .execute();
      // Backfill from analyses already stored: the newest per subject wins.
      const rows = await sql<{ subject_kind: string; subject_id: string; result: string }>`
        select subject_kind, subject_id, result from analysis_results
        where subject_kind in ('encounter', 'response') order by created_at`.execute(db);
      for (const row of rows.rows) {
        const facts = analysisFacts(row.subject_kind, JSON.parse(row.result));
        const table = row.subject_kind === "encounter" ? "encounters" : "survey_responses";
        await sql`update ${sql.table(table)} set theme_codes = ${facts.themeCodes}, tone_score = ${facts.toneScore}
          where id = ${row.subject_id}`.execute(db);
      }
      await refreshRepeatContacts(db, dialect, null);
    },
    async down(db: Kysely<unknown>) {
      await db.schema.dropIndex("encounters_customer_time_idx").execute();
      await db.schema.alterTable("encounters").dropColumn("repeat_contact").execute();
      for (const table of ["encounters", "survey_responses"]) {
        await db.schema.alterTable(table).dropColumn("tone_score").execute();
        await db.schema.alterTable(table).dropColumn("theme_codes").execute();
      }
    },
  };
}
