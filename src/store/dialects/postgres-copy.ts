import { Readable } from "node:stream";
import { pipeline } from "node:stream/promises";
import { Kysely, PostgresDialect, type PostgresPool, type SqlBool, sql, type Transaction } from "kysely";
import type pg from "pg";
import { from as copyFrom } from "pg-copy-streams";
import type { Database } from "../schema.ts";
import type { BulkWriter } from "./store-dialect.ts";

/**
 * Runs `fn` in one transaction on one connection of `pool`, with a BulkWriter that COPYs on that
 * same connection. Kysely's transaction does not hand out its pg client, so the transaction runs
 * on a Kysely bound to a single checked-out client: every query of `fn` and every COPY then share
 * one BEGIN … COMMIT, and a failure anywhere rolls all of it back.
 */
export async function copyTransaction<T>(
  pool: pg.Pool,
  fn: (trx: Transaction<Database>, bulk: BulkWriter) => Promise<T>,
): Promise<T> {
  const client = await pool.connect();
  // Kysely releases with an error when a rollback failed: the connection is then discarded.
  let discard: Error | boolean | undefined;
  const single: PostgresPool = {
    connect: async () =>
      ({
        query: client.query.bind(client),
        release: (error?: Error | boolean) => {
          discard = error;
        },
      }) as unknown as Awaited<ReturnType<PostgresPool["connect"]>>,
    end: async () => {},
  };
  try {
    const db = new Kysely<Database>({ dialect: new PostgresDialect({ pool: single }) });
    return await db.transaction().execute((trx) => fn(trx, copyWriter(client)));
  } finally {
    client.release(discard);
  }
}

let stages = 0;

/**
 * COPY straight into the table when no row collides with a stored one (the rule for an import:
 * upsertByHash has already set aside the ids that are stored, and the case opener the cases that
 * exist), else into a temporary staging table and one INSERT … SELECT … ON CONFLICT DO NOTHING.
 * The direct COPY runs under a savepoint: a duplicate key (another writer stored the same row
 * meanwhile) rolls back just the COPY, and the rows go through the staging merge instead, which
 * skips what is stored. Either way the write is idempotent and the caller learns which rows were
 * really inserted (RETURNING on the merge; every row when the direct COPY succeeded).
 *
 * Round trips: after a COPY that succeeded its savepoint stays, and the next COPY releases it and
 * sets its own in one message (a rollback to it then still undoes only that COPY; the commit ends
 * it). The COPY text is made as the connection takes it, in chunks of 64 KiB, so PostgreSQL starts
 * on the first rows while the rest are still being encoded.
 */
function copyWriter(client: pg.PoolClient): BulkWriter {
  let savepointHeld = false;
  return {
    async insert(table, rows, returnIds = false) {
      const first = rows[0];
      if (!first) return [];
      const columns = Object.keys(first);
      const list = columns.map(quoteIdent).join(", ");
      await client.query(
        savepointHeld
          ? "release savepoint kohtaamo_copy; savepoint kohtaamo_copy"
          : "savepoint kohtaamo_copy",
      );
      savepointHeld = true;
      try {
        await pipeline(
          Readable.from(copyText(rows, columns)),
          client.query(copyFrom(`copy ${quoteIdent(table)} (${list}) from stdin`)),
        );
        return returnIds ? rows.map((r) => r.id as string) : [];
      } catch (error) {
        if ((error as { code?: string }).code !== UNIQUE_VIOLATION) throw error;
        await client.query("rollback to savepoint kohtaamo_copy; release savepoint kohtaamo_copy");
        savepointHeld = false;
      }
      const stage = `kohtaamo_stage_${++stages}`;
      await client.query(
        `create temp table ${stage} on commit drop as select ${list} from ${quoteIdent(table)} with no data`,
      );
      await pipeline(
        Readable.from(copyText(rows, columns)),
        client.query(copyFrom(`copy ${stage} (${list}) from stdin`)),
      );
      const inserted = await client.query<[string]>({
        text: `insert into ${quoteIdent(table)} (${list}) select ${list} from ${stage}
          on conflict do nothing${returnIds ? " returning id" : ""}`,
        rowMode: "array",
      });
      return returnIds ? inserted.rows.map((r) => r[0]) : [];
    },
    oneOf: (column, values) => sql<SqlBool>`${sql.ref(column)} = any(${values}::text[])`,
  };
}

const UNIQUE_VIOLATION = "23505";

function quoteIdent(name: string): string {
  return `"${name.replace(/"/g, '""')}"`;
}

/** Rows in COPY's text format, in chunks of about 64 KiB (one stream write each), made as they are read. */
function* copyText(rows: readonly Record<string, unknown>[], columns: readonly string[]): Generator<string> {
  let chunk = "";
  const last = columns.length - 1;
  for (const row of rows) {
    for (let i = 0; i < last; i++) chunk += `${copyValue(row[columns[i] as string])}\t`;
    chunk += `${copyValue(row[columns[last] as string])}\n`;
    if (chunk.length >= 64 * 1024) {
      yield chunk;
      chunk = "";
    }
  }
  if (chunk.length > 0) yield chunk;
}

/**
 * One value in COPY's text format: \N is NULL; backslash, tab, newline and carriage return are
 * escaped, so any text (a turn with line breaks) arrives as it was. Values are what the
 * repositories' rows hold: text, numbers, null.
 */
export function copyValue(value: unknown): string {
  if (value === null || value === undefined) return "\\N";
  if (typeof value === "string") return NEEDS_ESCAPE.test(value) ? value.replace(ESCAPED, escapeChar) : value;
  if (typeof value === "number" || typeof value === "bigint" || typeof value === "boolean")
    return String(value);
  if (value instanceof Date) return value.toISOString();
  throw new TypeError(`COPY cannot write a value of type ${typeof value}`);
}

const NEEDS_ESCAPE = /[\\\t\n\r]/;
const ESCAPED = /[\\\t\n\r]/g;
const ESCAPES: Record<string, string> = { "\\": "\\\\", "\t": "\\t", "\n": "\\n", "\r": "\\r" };
const escapeChar = (c: string) => ESCAPES[c] as string;
