import { type Kysely, type Migration, type SqlBool, sql } from "kysely";

// Why: a text in a language the analysis does not read (Swedish, Estonian, a non-Latin script) is left unread
// since 2026-12-06 (analysis/text/language.ts unreadLanguage): it has no tone and no themes, so every
// report leaves it out, and the dashboard should say how many it left out rather than let them vanish.
// `unread_lang` ("sv" or "other") is the record's fact of it, written with its other analysis facts
// (store/analysis-facts.ts). The partial indexes hold only such rows, in the lists' (time, id) order
// with the language: counting them by language and a list filtered to them (`?unread=sv`) read only
// those few rows at millions of records, as the themed indexes of migration 0026 do for themes (the
// filter names the predicate so that SQLite uses them). Rows analysed before are null until
// `kohtaamo reanalyze`. Both dialects accept the same statements.
const TABLES = [
  { table: "survey_responses", index: "responses_unread_idx", time: "answered_at" },
  { table: "encounters", index: "encounters_unread_idx", time: "started_at" },
] as const;

export function unreadLanguageSchema(): Migration {
  return {
    async up(db: Kysely<unknown>) {
      for (const { table, index, time } of TABLES) {
        await db.schema.alterTable(table).addColumn("unread_lang", "text").execute();
        await db.schema
          .createIndex(index)
          .on(table)
          .columns([time, "id", "unread_lang"])
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
