import { type Kysely, type Migration, type SqlBool, sql } from "kysely";

// Why: a stored analysis stays as its analyzer wrote it. After an upgrade (new models, changed rules)
// or a taxonomy edit, the figures mix old and new readings until `kohtaamo reanalyze`, and nothing
// said so. `analyzer_version` is the record's fact of which analyzer wrote its analysis facts
// (store/analysis-facts.ts writes it with them), so the status can count the records whose text the
// current analyzer has not read (server/analysis-status-routes.ts `outdated`). Null: not analysed
// since this migration (rows analysed before it, records stored without analysis); "" once
// retention removed the text, which can then never be read again. The partial index holds only rows
// with text (a comment; an encounter's turns) in version order, with their ids (an index-only scan on
// PostgreSQL): the counts walk the rows of other versions and of none, not the table. Rows analysed before are not rewritten here (a rewrite of
// every row would mark every month of the report cube dirty through its triggers): they count as
// not read by the current analyzer, which is true, as its version string changes with this
// migration's release (analysis/model/model-set.ts). Encounters whose turns retention already
// removed get "" here, the only rows this migration writes. Both dialects accept the statements.
const TABLES = [
  {
    table: "survey_responses",
    index: "responses_analyzer_idx",
    text: sql<SqlBool>`comment is not null and comment <> ''`,
  },
  {
    table: "pulse_answers",
    index: "pulse_analyzer_idx",
    text: sql<SqlBool>`comment is not null and comment <> ''`,
  },
  { table: "encounters", index: "encounters_analyzer_idx", text: sql<SqlBool>`turn_count > 0` },
] as const;

export function analyzerVersionFactsSchema(): Migration {
  return {
    async up(db: Kysely<unknown>) {
      for (const { table, index, text } of TABLES) {
        await db.schema.alterTable(table).addColumn("analyzer_version", "text").execute();
        await db.schema
          .createIndex(index)
          .on(table)
          .columns(["analyzer_version", "id"])
          .where(text)
          .execute();
      }
      await sql`update encounters set analyzer_version = ''
        where turn_count > 0 and not exists (select 1 from turns t where t.encounter_id = encounters.id)`.execute(
        db,
      );
    },
    async down(db: Kysely<unknown>) {
      for (const { table, index } of TABLES) {
        await db.schema.dropIndex(index).execute();
        await db.schema.alterTable(table).dropColumn("analyzer_version").execute();
      }
    },
  };
}
