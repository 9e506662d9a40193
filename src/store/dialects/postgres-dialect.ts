import { Kysely, PostgresDialect, type SqlBool, sql } from "kysely";
import pg from "pg";
import type { Database } from "../schema.ts";
import { copyTransaction } from "./postgres-copy.ts";
import { likePattern, type OpenedDatabase, type StoreDialect } from "./store-dialect.ts";

const TIMESTAMPTZ_OID = 1184;
const FLOAT8_OID = 701;
const INT8_OID = 20;
const NUMERIC_OID = 1700;

/**
 * PostgreSQL through a pg pool. Timestamps come back as ISO UTC strings and numbers as numbers,
 * so that rows look the same as SQLite's and repositories need no per-dialect mapping.
 */
export function openPostgres(url: string, options: { searchPath?: string } = {}): OpenedDatabase {
  const types = {
    getTypeParser(oid: number, format?: "text" | "binary") {
      if (oid === TIMESTAMPTZ_OID) return (v: string) => new Date(v).toISOString();
      if (oid === FLOAT8_OID || oid === INT8_OID || oid === NUMERIC_OID) return (v: string) => Number(v);
      return pg.types.getTypeParser(oid, format);
    },
  };
  const pool = new pg.Pool({
    connectionString: url,
    max: 10,
    types,
    ...(options.searchPath ? { options: `-c search_path=${options.searchPath}` } : {}),
  });
  // A connection that dies (database restart, network cut) emits "error" on its client, checked out
  // or idle, and the pool repeats it for idle ones: unheard, either event crashes the process. The
  // query in flight fails on its own (a 500 for its request); the next one gets a new connection.
  const lost = (e: Error) => process.stderr.write(`[database] connection lost: ${e.message}\n`);
  pool.on("connect", (client) => client.on("error", lost));
  pool.on("error", () => {}); // already reported by the client's own listener
  const db = new Kysely<Database>({ dialect: new PostgresDialect({ pool }) });
  const dialect: StoreDialect = {
    name: "postgres",
    types: { timestamp: "timestamptz", real: "double precision", text: "text", autoId: "bigserial" },
    monthOf: (column) => sql<string>`to_char(${sql.ref(column)} at time zone 'UTC', 'YYYY-MM')`,
    containsText: (column, needle) =>
      sql<SqlBool>`${sql.ref(column)} ilike ${likePattern(needle)} escape '\\'`,
    shiftDays: (column, days) => sql<string>`(${sql.ref(column)} + make_interval(days => ${sql.lit(days)}))`,
    async scanRows(query, onRow) {
      // Rows as arrays, read in pages through a server-side cursor so memory stays flat.
      const client = await pool.connect();
      try {
        await client.query("begin read only");
        await client.query({
          text: `declare kohtaamo_scan no scroll cursor for ${query.sql}`,
          values: [...query.parameters],
        });
        let n = 0;
        for (;;) {
          const page = await client.query({ text: "fetch 20000 from kohtaamo_scan", rowMode: "array" });
          for (const row of page.rows as unknown[][]) onRow(row);
          n += page.rows.length;
          if (page.rows.length === 0) break;
        }
        await client.query("commit");
        return n;
      } catch (error) {
        await client.query("rollback").catch(() => undefined);
        throw error;
      } finally {
        client.release();
      }
    },
    // The Kysely `db` is not used: the transaction runs on a connection whose pg client COPY needs.
    bulkTransaction: (_db, fn) => copyTransaction(pool, fn),
    location: redactPassword(url),
  };
  return { db, dialect };
}

function redactPassword(url: string): string {
  try {
    const u = new URL(url);
    if (u.password) u.password = "***";
    return u.toString();
  } catch {
    return "postgres://…";
  }
}
