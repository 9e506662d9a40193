import { type Kysely, type Migration, sql } from "kysely";

// Why: a failed web import kept only its English `error`. The server's own reasons were found again by
// their exact text, and the importer's reasons about the file (unreadable, columns missing, not a
// WebVTT file…) could not be worded in the user's language at all. The reason's stable code
// (server/import-run-errors.ts, domain/file-error-codes.ts) and its parameters (JSON) are kept beside
// it. Runs the server failed before get their code from their text, as the API gave it until now (the
// sentences as they were then); others keep none, and the page shows their English.
const COLUMNS = ["error_code", "error_params"] as const;

const SERVER_ERRORS: Readonly<Record<string, string>> = {
  file_gone: "the uploaded file is no longer there; upload it again",
  unexpected:
    "the import stopped on an unexpected error; the records stored so far are kept, and importing the file again is safe",
  interrupted:
    "the import was interrupted (the process running it stopped) and will not resume; the records stored before that are kept. Import the file again to finish: rows already stored are counted as unchanged, none are duplicated",
  not_queued:
    "the import could not be handed to the job queue, so nothing was imported; start it again in a moment",
};

export function importRunErrorCodesSchema(): Migration {
  return {
    async up(db: Kysely<unknown>) {
      for (const column of COLUMNS)
        await db.schema.alterTable("import_runs").addColumn(column, "text").execute();
      for (const [code, error] of Object.entries(SERVER_ERRORS)) {
        await sql`update import_runs set error_code = ${code}, error_params = '{}' where error = ${error}`.execute(
          db,
        );
      }
    },
    async down(db: Kysely<unknown>) {
      for (const column of COLUMNS) await db.schema.alterTable("import_runs").dropColumn(column).execute();
    },
  };
}
