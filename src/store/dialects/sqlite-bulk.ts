import type SQLite from "better-sqlite3";
import { type SqlBool, sql } from "kysely";
import { type BulkWriter, rowValues } from "./store-dialect.ts";

/**
 * Bulk inserts on SQLite: one prepared statement per table and column list, prepared once and
 * run per row, which is what the raw floor of `npm run bench:import` does. Building one multi-row
 * statement per chunk through Kysely instead costs a compile and a prepare per chunk and ties the
 * batch to SQLite's bound-parameter limit. Rows run on the one connection, so they land in the
 * transaction Kysely has open on it (StoreDialect.bulkTransaction).
 */
export function sqliteBulkWriter(native: SQLite.Database): BulkWriter {
  const statements = new Map<string, SQLite.Statement>();
  const statementFor = (table: string, columns: readonly string[]) => {
    const key = `${table}(${columns.join(",")})`;
    let statement = statements.get(key);
    if (!statement) {
      const list = columns.map((c) => `"${c}"`).join(", ");
      statement = native.prepare(
        `insert into "${table}" (${list}) values (${columns.map(() => "?").join(", ")}) on conflict do nothing`,
      );
      statements.set(key, statement);
    }
    return statement;
  };
  return {
    async insert(table, rows, returnIds = false) {
      const first = rows[0];
      if (!first) return [];
      const columns = Object.keys(first);
      const statement = statementFor(table, columns);
      const inserted: string[] = [];
      for (const row of rows) {
        // `changes` counts this row only, not what the report-cube triggers write.
        const { changes } = statement.run(rowValues(row, columns));
        if (returnIds && changes > 0) inserted.push(row.id as string);
      }
      return inserted;
    },
    oneOf: (column, values) =>
      sql<SqlBool>`${sql.ref(column)} in (select value from json_each(${JSON.stringify(values)}))`,
  };
}
