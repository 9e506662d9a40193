import type { Kysely, Migration } from "kysely";

// Why: `kohtaamo import` says what it changed on the way in (cells read through a wrong encoding,
// HTML bodies stored as their text, answers too old to open a follow-up case), but a web import's run
// kept only its four counts, so the import page could not say it. `notes` keeps those counts as JSON
// (server/import-run.ts writes them, server/import-jobs.ts shows them); runs of before have none.
export function importRunNotesSchema(): Migration {
  return {
    async up(db: Kysely<unknown>) {
      await db.schema.alterTable("import_runs").addColumn("notes", "text").execute();
    },
    async down(db: Kysely<unknown>) {
      await db.schema.alterTable("import_runs").dropColumn("notes").execute();
    },
  };
}
