import { Readable } from "node:stream";
import { pipeline } from "node:stream/promises";
import { Kysely, PostgresDialect, type PostgresPool, type Transaction } from "kysely";
import type pg from "pg";
import { from as copyFrom } from "pg-copy-streams";
import type { Database } from "../schema.ts";
import { type BulkWriter, rowValues } from "./store-dialect.ts";

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
 * COPY into a temporary staging table (dropped at commit), then one INSERT … SELECT … ON CONFLICT
 * DO NOTHING into the table: COPY's speed, and a row another writer stored meanwhile is skipped
 * instead of failing the batch. RETURNING tells the caller which rows were really inserted.
 */
function copyWriter(client: pg.PoolClient): BulkWriter {
  return {
    async insert(table, rows, returnIds = false) {
      const first = rows[0];
      if (!first) return [];
      const columns = Object.keys(first);
      const list = columns.map(quoteIdent).join(", ");
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
  };
}

function quoteIdent(name: string): string {
  return `"${name.replace(/"/g, '""')}"`;
}

/** Rows in COPY's text format, joined into chunks of about 256 KiB (one stream write each). */
function* copyText(rows: readonly Record<string, unknown>[], columns: readonly string[]): Generator<string> {
  let chunk = "";
  for (const row of rows) {
    chunk += `${rowValues(row, columns).map(copyValue).join("\t")}\n`;
    if (chunk.length >= 256 * 1024) {
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
  if (typeof value === "string") return value.replace(/[\\\t\n\r]/g, escapeChar);
  if (typeof value === "number" || typeof value === "bigint" || typeof value === "boolean")
    return String(value);
  if (value instanceof Date) return value.toISOString();
  throw new TypeError(`COPY cannot write a value of type ${typeof value}`);
}

const ESCAPES: Record<string, string> = { "\\": "\\\\", "\t": "\\t", "\n": "\\n", "\r": "\\r" };
const escapeChar = (c: string) => ESCAPES[c] as string;
