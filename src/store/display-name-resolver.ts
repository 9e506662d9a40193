import type { Kysely, Transaction } from "kysely";
import {
  NAME_DIMENSIONS,
  type NameDimension,
  nameKey,
  type RecordKind,
  type RecordOfKind,
} from "../domain/index.ts";
import type { Database } from "./schema.ts";

type Db = Kysely<Database> | Transaction<Database>;

/** Which fields of each record kind hold a name, and of which dimension. */
const NAME_FIELDS: Record<RecordKind, readonly (readonly [field: string, dimension: NameDimension])[]> = {
  encounters: [
    ["team", "team"],
    ["agent", "agent"],
    ["channel", "channel"],
    ["touchpoint", "touchpoint"],
  ],
  responses: [
    ["team", "team"],
    ["agent", "agent"],
    ["channel", "channel"],
    ["touchpoint", "touchpoint"],
  ],
  invitations: [["channel", "channel"]],
  pulse: [["team", "team"]],
  customers: [["segment", "segment"]],
  // An agent's id is the name encounters and answers carry in `agent`.
  agents: [
    ["id", "agent"],
    ["team", "team"],
  ],
};

// Well below SQLite's 32,766 and PostgreSQL's 65,535 bound parameters (3 per inserted row).
const CHUNK = 5_000;

/**
 * The canonical display name of each name, by its key: the first spelling ever stored wins
 * (insert-or-ignore, then read), so "Laskutus" and "laskutus " become one team in every table.
 * Runs inside the caller's transaction; concurrent writers of the same new key agree because the
 * second insert waits for the first and then reads its row. Keys are inserted in sorted order
 * (and dimensions in NAME_DIMENSIONS order) so two such writers never wait for each other in a cycle.
 */
export async function resolveNames(
  db: Db,
  dimension: NameDimension,
  names: readonly string[],
): Promise<Map<string, string>> {
  // Each distinct spelling once: a batch of 10,000 answers names a handful of teams and channels.
  const distinct = new Set(names);
  const firstSpelling = new Map<string, string>();
  for (const name of distinct) {
    const key = nameKey(name);
    if (!firstSpelling.has(key)) firstSpelling.set(key, name);
  }
  const displayOf = new Map<string, string>();
  const entries = [...firstSpelling].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  for (let i = 0; i < entries.length; i += CHUNK) {
    const chunk = entries.slice(i, i + CHUNK);
    await db
      .insertInto("dimension_names")
      .values(chunk.map(([key, display]) => ({ dimension, key, display })))
      .onConflict((oc) => oc.columns(["dimension", "key"]).doNothing())
      .execute();
    const stored = await db
      .selectFrom("dimension_names")
      .select(["key", "display"])
      .where("dimension", "=", dimension)
      .where(
        "key",
        "in",
        chunk.map(([key]) => key),
      )
      .execute();
    for (const row of stored) displayOf.set(row.key, row.display);
  }
  const out = new Map<string, string>();
  for (const name of distinct) out.set(name, displayOf.get(nameKey(name)) ?? name);
  return out;
}

/**
 * The records with every name replaced by its canonical display name. Done before the content
 * hash is taken, so a re-import of the same file is "unchanged" whichever spelling it uses.
 */
export async function withCanonicalNames<K extends RecordKind>(
  db: Db,
  kind: K,
  records: RecordOfKind[K][],
): Promise<RecordOfKind[K][]> {
  const fields = NAME_FIELDS[kind];
  const resolved = new Map<NameDimension, Map<string, string>>();
  for (const dimension of NAME_DIMENSIONS) {
    const values: string[] = [];
    for (const r of records) {
      for (const [field, of] of fields) {
        const value = (r as Record<string, unknown>)[field];
        if (of === dimension && typeof value === "string") values.push(value);
      }
    }
    if (values.length > 0) resolved.set(dimension, await resolveNames(db, dimension, values));
  }
  return records.map((record) => {
    let copy: Record<string, unknown> | undefined;
    for (const [field, dimension] of fields) {
      const value = (record as Record<string, unknown>)[field];
      if (typeof value !== "string") continue;
      const display = resolved.get(dimension)?.get(value);
      if (display === undefined || display === value) continue;
      copy ??= { ...record };
      copy[field] = display;
    }
    return (copy ?? record) as RecordOfKind[K];
  });
}
