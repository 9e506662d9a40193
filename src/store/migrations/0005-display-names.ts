import { type Kysely, type Migration, sql } from "kysely";

// Why: teams, agents, channels, touchpoints and segments are names people write ("Asiakaspalvelu
// Tampere", "Laskutus" / "laskutus "). Records keep the display name in their own columns; this
// table holds one canonical display name per case- and whitespace-folded key, so every spelling
// of a name is stored as one. Existing data is folded the same way: the table is filled from the
// stored values and rows spelled differently from their key's canonical name are rewritten.
// Frozen: the key function below is a copy on purpose; a landed migration never changes.

/** [dimension, table, column]: where each kind of name is stored. */
const SOURCES: readonly (readonly [string, string, string])[] = [
  ["team", "encounters", "team_id"],
  ["team", "survey_responses", "team_id"],
  ["team", "pulse_answers", "team_id"],
  ["team", "agents", "team_id"],
  ["team", "teams", "id"],
  ["agent", "encounters", "agent_id"],
  ["agent", "survey_responses", "agent_id"],
  ["agent", "agents", "id"],
  ["channel", "encounters", "channel"],
  ["channel", "survey_responses", "channel"],
  ["channel", "survey_invitations", "channel"],
  ["touchpoint", "encounters", "touchpoint"],
  ["touchpoint", "survey_responses", "touchpoint"],
  ["segment", "customers", "segment"],
];

const displayOf = (text: string): string => text.normalize("NFC").replace(/\s+/gu, " ").trim();
const keyOf = (text: string): string => displayOf(text).toLowerCase().normalize("NFC");

export function displayNamesSchema(): Migration {
  return {
    async up(db: Kysely<unknown>) {
      await db.schema
        .createTable("dimension_names")
        .addColumn("dimension", "text", (c) => c.notNull())
        .addColumn("key", "text", (c) => c.notNull())
        .addColumn("display", "text", (c) => c.notNull())
        .addPrimaryKeyConstraint("dimension_names_pk", ["dimension", "key"])
        .execute();

      // How often each stored spelling is used, per dimension and key.
      const uses = new Map<string, Map<string, Map<string, number>>>();
      for (const [dimension, table, column] of SOURCES) {
        const rows = await sql<{ v: string; n: number | string }>`
          select ${sql.ref(column)} as v, count(*) as n from ${sql.table(table)}
          where ${sql.ref(column)} is not null group by ${sql.ref(column)}`.execute(db);
        const byKey = uses.get(dimension) ?? new Map<string, Map<string, number>>();
        uses.set(dimension, byKey);
        for (const { v, n } of rows.rows) {
          if (displayOf(v) === "") continue;
          const spellings = byKey.get(keyOf(v)) ?? new Map<string, number>();
          byKey.set(keyOf(v), spellings);
          spellings.set(v, (spellings.get(v) ?? 0) + Number(n));
        }
      }

      // The canonical name of a key is its most used spelling (ties: the first in code-point order).
      const canonical = new Map<string, Map<string, string>>();
      for (const [dimension, byKey] of uses) {
        const names = new Map<string, string>();
        canonical.set(dimension, names);
        for (const [key, spellings] of byKey) {
          const [best] = [...spellings].sort(
            (a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0),
          );
          if (!best) continue;
          const display = displayOf(best[0]);
          names.set(key, display);
          await sql`insert into dimension_names (dimension, key, display)
            values (${dimension}, ${key}, ${display})`.execute(db);
        }
      }

      for (const [dimension, table, column] of SOURCES) {
        const names = canonical.get(dimension);
        const spellings = [...(uses.get(dimension)?.values() ?? [])].flatMap((s) => [...s.keys()]);
        for (const old of spellings) {
          const display = names?.get(keyOf(old));
          if (display === undefined || display === old) continue;
          if (column === "id") await mergeDirectoryRow(db, table, old, display);
          else {
            await sql`update ${sql.table(table)} set ${sql.ref(column)} = ${display}
              where ${sql.ref(column)} = ${old}`.execute(db);
          }
        }
      }
    },
    async down(db: Kysely<unknown>) {
      await db.schema.dropTable("dimension_names").ifExists().execute();
    },
  };
}

/**
 * Renames a team or agent row to its canonical id. When that id exists already the two rows are
 * one: the explicitly imported one (with a content hash) is kept over a placeholder.
 */
async function mergeDirectoryRow(db: Kysely<unknown>, table: string, old: string, display: string) {
  const hashed = table === "agents";
  const existing = await sql<{ id: string; h: string | null }>`
    select id, ${hashed ? sql.ref("content_hash") : sql`null`} as h from ${sql.table(table)}
    where id in (${old}, ${display})`.execute(db);
  const canonicalRow = existing.rows.find((r) => r.id === display);
  const oldRow = existing.rows.find((r) => r.id === old);
  if (!oldRow) return;
  if (canonicalRow) {
    const keepOld = canonicalRow.h === null && oldRow.h !== null;
    await sql`delete from ${sql.table(table)} where id = ${keepOld ? display : old}`.execute(db);
    if (!keepOld) return;
  }
  await sql`update ${sql.table(table)} set id = ${display} where id = ${old}`.execute(db);
}
