import type { Kysely, RawBuilder } from "kysely";
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
  /** Human-readable location for messages ("./data/kohtaamo.db", "postgres://host/db"). */
  readonly location: string;
}

export interface OpenedDatabase {
  db: Kysely<Database>;
  dialect: StoreDialect;
}
