import { type Kysely, type Migration, sql } from "kysely";
import type { StoreDialect } from "../dialects/store-dialect.ts";

// Why: background jobs (issue 14). On SQLite `jobs` is the queue the in-process runner claims from;
// on PostgreSQL graphile-worker keeps its own queue and `jobs` records the jobs it finished (it
// deletes them), so `kohtaamo jobs` reports on both. `job_workers` holds one row per live runner
// (pid, host, heartbeat) so a killed worker's jobs are handed back at once, not after a timeout.
export function jobsSchema(dialect: StoreDialect): Migration {
  const { timestamp: ts, autoId } = dialect.types;
  return {
    async up(db: Kysely<unknown>) {
      await db.schema
        .createTable("jobs")
        .addColumn("id", autoId as "integer", (c) => c.primaryKey())
        .addColumn("kind", "text", (c) => c.notNull())
        .addColumn("payload", "text", (c) => c.notNull())
        .addColumn("job_key", "text")
        .addColumn("status", "text", (c) => c.notNull())
        .addColumn("attempts", "integer", (c) => c.notNull())
        .addColumn("max_attempts", "integer", (c) => c.notNull())
        .addColumn("run_at", ts as "text", (c) => c.notNull())
        .addColumn("locked_at", ts as "text")
        .addColumn("locked_by", "text")
        .addColumn("last_error", "text")
        .addColumn("created_at", ts as "text", (c) => c.notNull())
        .addColumn("updated_at", ts as "text", (c) => c.notNull())
        .addColumn("finished_at", ts as "text")
        .execute();
      await db.schema.createIndex("jobs_due_idx").on("jobs").columns(["status", "run_at"]).execute();
      // A key names work that must not be waiting twice (a periodic kind, one reanalysis run).
      await sql`create unique index jobs_live_key_idx on jobs (job_key) where status in ('queued', 'running')`.execute(
        db,
      );
      await db.schema
        .createTable("job_workers")
        .addColumn("id", "text", (c) => c.primaryKey())
        .addColumn("token", "text", (c) => c.notNull())
        .addColumn("pid", "integer", (c) => c.notNull())
        .addColumn("host", "text", (c) => c.notNull())
        .addColumn("concurrency", "integer", (c) => c.notNull())
        .addColumn("queue_worker_ids", "text", (c) => c.notNull())
        .addColumn("started_at", ts as "text", (c) => c.notNull())
        .addColumn("heartbeat_at", ts as "text", (c) => c.notNull())
        .execute();
    },
    async down(db: Kysely<unknown>) {
      await db.schema.dropTable("job_workers").ifExists().execute();
      await db.schema.dropTable("jobs").ifExists().execute();
    },
  };
}
