import { type Kysely, type Migration, type SqlBool, sql } from "kysely";
import type { StoreDialect } from "../dialects/store-dialect.ts";

// Why: issue 14 item 1 (large imports as jobs). A web import's uploaded file waited in a temporary
// folder of the process that received it, and the run's progress and rejected rows lived in that
// process's memory: behind a load balancer every request of an import had to reach the same process,
// and a `kohtaamo worker` on another machine could not run it. Now the file is kept in the database
// in chunks (`import_files`, `import_file_chunks`; deleted once imported, and by the sweep after an
// hour), the run's owner, settings, progress and error are columns of `import_runs`, and its rejected
// rows are kept as a file of the same tables (`rejects_file_id`). Any process can then start, run,
// show and resume the import; a unique partial index on `import_runs.file_id` lets one run take an
// upload. Nullable: runs of the command line and from before have none of them.
//
// Written per dialect here, not through store/dialects/, because a landed migration must not change
// with live code.
export function importFilesSchema(dialect: StoreDialect): Migration {
  const pg = dialect.name === "postgres";
  const blob = pg ? "bytea" : "blob";
  const ts = pg ? "timestamptz" : "text";
  const RUN_COLUMNS: [string, string][] = [
    ["owner", "text"],
    ["actor", "text"],
    ["file_id", "text"],
    ["file_name", "text"],
    ["settings", "text"],
    ["bytes_read", "bigint"],
    ["total_bytes", "bigint"],
    ["processed", "bigint"],
    ["error", "text"],
    ["rejects_file_id", "text"],
  ];
  return {
    async up(db: Kysely<unknown>) {
      await db.schema
        .createTable("import_files")
        .addColumn("id", "text", (c) => c.primaryKey())
        .addColumn("owner", "text", (c) => c.notNull())
        .addColumn("name", "text", (c) => c.notNull())
        // "upload" (waiting to be imported) or "rejects" (a run's rejected rows).
        .addColumn("purpose", "text", (c) => c.notNull())
        .addColumn("bytes", "bigint", (c) => c.notNull())
        .addColumn("created_at", sql.raw(ts), (c) => c.notNull())
        .execute();
      await db.schema
        .createIndex("import_files_created_idx")
        .on("import_files")
        .column("created_at")
        .execute();
      await db.schema
        .createTable("import_file_chunks")
        .addColumn("file_id", "text", (c) => c.notNull())
        .addColumn("seq", "integer", (c) => c.notNull())
        .addColumn("data", sql.raw(blob), (c) => c.notNull())
        .addPrimaryKeyConstraint("import_file_chunks_pk", ["file_id", "seq"])
        .execute();
      for (const [name, type] of RUN_COLUMNS)
        await db.schema.alterTable("import_runs").addColumn(name, sql.raw(type)).execute();
      // An upload is imported by one run: a second start of the same file (a double click, or two
      // web processes) finds this index taken. A run lets go of its file when it ends.
      await db.schema
        .createIndex("import_runs_file_idx")
        .unique()
        .on("import_runs")
        .column("file_id")
        .where(sql<SqlBool>`file_id is not null`)
        .execute();
    },
    async down(db: Kysely<unknown>) {
      await db.schema.dropIndex("import_runs_file_idx").execute();
      for (const [name] of RUN_COLUMNS) await db.schema.alterTable("import_runs").dropColumn(name).execute();
      await db.schema.dropTable("import_file_chunks").execute();
      await db.schema.dropTable("import_files").execute();
    },
  };
}
