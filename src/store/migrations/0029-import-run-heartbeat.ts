import { type Kysely, type Migration, sql } from "kysely";
import type { StoreDialect } from "../dialects/store-dialect.ts";

// Why: a web import whose process died (a worker SIGKILLed on the job's last attempt, a web process
// killed while importing a file itself, a job that never reached the queue) stayed "running" for
// ever. `progress_at` is when the run last showed it was alive (its progress or keep-alive write), so
// the sweep of server/import-jobs.ts can tell a silent run from a slow one. Runs of before get their
// start time; command-line runs (no owner) are never swept.
export function importRunHeartbeatSchema(dialect: StoreDialect): Migration {
  const ts = dialect.name === "postgres" ? "timestamptz" : "text";
  return {
    async up(db: Kysely<unknown>) {
      await db.schema.alterTable("import_runs").addColumn("progress_at", sql.raw(ts)).execute();
      await sql`update import_runs set progress_at = started_at where owner is not null`.execute(db);
    },
    async down(db: Kysely<unknown>) {
      await db.schema.alterTable("import_runs").dropColumn("progress_at").execute();
    },
  };
}
