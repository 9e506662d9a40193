import type { CompiledQuery, Kysely, RawBuilder, SqlBool, Transaction } from "kysely";
import type { Database } from "../schema.ts";

export type DialectName = "sqlite" | "postgres";

/**
 * Everything that differs between SQLite and PostgreSQL, by name. Queries elsewhere are written
 * once; when they need one of these differences they ask the dialect for it.
 */
export interface StoreDialect {
  readonly name: DialectName;
  /** Column type names used by migrations; autoId is an integer primary key that numbers itself. */
  readonly types: { timestamp: string; real: string; text: string; autoId: string };
  /** `YYYY-MM` of a timestamp column, in UTC. */
  monthOf(column: string): RawBuilder<string>;
  /**
   * Whether a text column contains `needle`, ignoring case (also of ä, ö, å): PostgreSQL's ILIKE;
   * SQLite's LIKE folds ASCII only, so it compares text folded by JavaScript. `%` and `_` in
   * the needle are matched literally.
   */
  containsText(column: string, needle: string): RawBuilder<SqlBool>;
  /** The timestamp column moved by a number of days (negative: earlier), comparable with the column. */
  shiftDays(column: string, days: number): RawBuilder<string>;
  /**
   * Runs a read query and hands each row to `onRow` as an array in select order, without building
   * the whole result first: reports over millions of answers read them once, as a stream.
   */
  scanRows(query: CompiledQuery, onRow: (row: unknown[]) => void): Promise<number>;
  /**
   * Runs `fn` in one transaction of `db`, with a BulkWriter that writes inside that same
   * transaction at the database's bulk speed: COPY into a staging table and a merge on
   * PostgreSQL, one reused prepared statement per table on SQLite. Import batches are written
   * through it (Store.writeBatch), so a batch is still stored whole or not at all.
   */
  bulkTransaction<T>(
    db: Kysely<Database>,
    fn: (trx: Transaction<Database>, bulk: BulkWriter) => Promise<T>,
  ): Promise<T>;
  /** Human-readable location for messages ("./data/kohtaamo.db", "postgres://host/db"). */
  readonly location: string;
}

/** Many rows into one table, inside the transaction the writer was made for (StoreDialect.bulkTransaction). */
export interface BulkWriter {
  /**
   * Inserts `rows` (each with the first row's columns) into `table`. A row whose unique key is
   * already stored is skipped (on conflict do nothing), so the write is idempotent. Returns the
   * `id` of every row actually inserted when `returnIds` is set (tables keyed by id), else [].
   */
  insert(
    table: keyof Database,
    rows: readonly Record<string, unknown>[],
    returnIds?: boolean,
  ): Promise<string[]>;
  /**
   * The condition "`column` is one of `values`" with the values bound as one parameter (an array
   * on PostgreSQL, a JSON list on SQLite): a batch's 10,000 ids make neither a 10,000-parameter
   * statement to compile and bind nor several chunks of one. The lookup still uses the column's index.
   */
  oneOf(column: string, values: readonly string[]): RawBuilder<SqlBool>;
}

/** The row's values in `columns` order, with undefined as null (a row may omit an optional column). */
export function rowValues(row: Record<string, unknown>, columns: readonly string[]): unknown[] {
  return columns.map((c) => row[c] ?? null);
}

export interface OpenedDatabase {
  db: Kysely<Database>;
  dialect: StoreDialect;
}

/** A LIKE pattern (escape character backslash) that matches `needle` anywhere, its `%`, `_` and backslashes literally. */
export function likePattern(needle: string): string {
  return `%${needle.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
}
