import fs from "node:fs";
import path from "node:path";
import SQLite from "better-sqlite3";
import { Kysely, type SqlBool, SqliteDialect, sql } from "kysely";
import type { Database } from "../schema.ts";
import { sqliteBulkWriter } from "./sqlite-bulk.ts";
import { likePattern, type OpenedDatabase, type StoreDialect } from "./store-dialect.ts";

/**
 * Embedded SQLite in WAL mode. synchronous=NORMAL keeps every committed transaction across a
 * process crash or SIGKILL (only an OS crash can lose the last commits), at a fraction of FULL's cost.
 */
export function openSqlite(file: string): OpenedDatabase {
  fs.mkdirSync(path.dirname(file), { recursive: true });
  const native = new SQLite(file);
  native.pragma("journal_mode = WAL");
  native.pragma("synchronous = NORMAL");
  native.pragma("foreign_keys = ON");
  native.pragma("busy_timeout = 10000");
  // Sorts and groupings of report queries stay in memory instead of temporary files.
  native.pragma("temp_store = MEMORY");
  // Case folding beyond ASCII for containsText; deterministic, so SQLite may use it freely.
  native.function("kohtaamo_fold", { deterministic: true }, (text: unknown) =>
    typeof text === "string" ? text.toLowerCase() : text,
  );
  const db = new Kysely<Database>({ dialect: new SqliteDialect({ database: native }) });
  const bulk = sqliteBulkWriter(native);
  const dialect: StoreDialect = {
    name: "sqlite",
    types: { timestamp: "text", real: "real", text: "text", autoId: "integer" },
    monthOf: (column) => sql<string>`substr(${sql.ref(column)}, 1, 7)`,
    containsText: (column, needle) =>
      sql<SqlBool>`kohtaamo_fold(${sql.ref(column)}) like ${likePattern(needle.toLowerCase())} escape '\\'`,
    shiftDays: (column, days) =>
      sql<string>`strftime('%Y-%m-%dT%H:%M:%fZ', ${sql.ref(column)}, ${sql.lit(`${days} days`)})`,
    async scanRows(query, onRow) {
      // Raw arrays straight from the native iterator: no per-row object or promise.
      let n = 0;
      const statement = native.prepare(query.sql).raw(true);
      for (const row of statement.iterate(...(query.parameters as unknown[]))) {
        onRow(row as unknown[]);
        n++;
      }
      return n;
    },
    // One connection: native statements run inside the transaction Kysely has open on it.
    bulkTransaction: (db, fn) => db.transaction().execute((trx) => fn(trx, bulk)),
    location: file,
  };
  return { db, dialect };
}
