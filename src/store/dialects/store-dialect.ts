import type { CompiledQuery, Kysely, RawBuilder, SqlBool } from "kysely";
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
  /** Human-readable location for messages ("./data/kohtaamo.db", "postgres://host/db"). */
  readonly location: string;
}

export interface OpenedDatabase {
  db: Kysely<Database>;
  dialect: StoreDialect;
}

/** A LIKE pattern (escape character backslash) that matches `needle` anywhere, its `%`, `_` and backslashes literally. */
export function likePattern(needle: string): string {
  return `%${needle.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
}
