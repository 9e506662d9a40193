import { type Kysely, type Migration, type SqlBool, sql } from "kysely";

// Why: a text in a language the analysis does not read (Swedish, Estonian, a non-Latin script) is left unread
// since 2026-12-06 (analysis/text/language.ts unreadLanguage): it has no tone and no themes, so every
// report leaves it out, and the dashboard should say how many it left out rather than let them vanish.
// `unread_lang` ("sv" or "other") is the record's fact of it, written with its other analysis facts
// (store/analysis-facts.ts); the partial indexes hold only such rows, so counting them stays cheap at
// millions of records (most rows are read and never enter them). Rows analysed before are null until
// `kohtaamo reanalyze`. Both dialects accept the same statements.
const TABLES = [
  { table: "survey_responses", index: "responses_unread_idx" },
  { table: "encounters", index: "encounters_unread_idx" },
] as const;

export function unreadLanguageSchema(): Migration {
  return {
    async up(db: Kysely<unknown>) {
      for (const { table, index } of TABLES) {
        await db.schema.alterTable(table).addColumn("unread_lang", "text").execute();
        await db.schema
          .createIndex(index)
          .on(table)
          .column("unread_lang")
          .where(sql<SqlBool>`unread_lang is not null`)
          .execute();
      }
    },
    async down(db: Kysely<unknown>) {
      for (const { table, index } of TABLES) {
        await db.schema.dropIndex(index).execute();
        await db.schema.alterTable(table).dropColumn("unread_lang").execute();
      }
    },
  };
}
