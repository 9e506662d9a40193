import { type Kysely, type Migration, sql } from "kysely";
import type { StoreDialect } from "../dialects/store-dialect.ts";

// Why: issue 14 item 6 (bench:load). A list filtered by a theme (`GET /responses?theme=billing`, the
// Themes page) matches `(' ' || theme_codes || ' ') like '% billing:%'`, newest first. PostgreSQL keeps
// no statistics for that expression, so it guessed 80 matching answers of 930,000 (151,000 matched),
// chose a parallel sequential scan and a sort over the index on answered_at, and took 0.4–1.4 s per
// page under load; 20 dashboard readers in it held every pooled connection, and every other call
// waited behind them. Statistics on the expressions (PostgreSQL 14 and later; ANALYZE and autovacuum
// keep them) give the planner the codes' real frequencies: the same page then walks the index
// backward (2–35 ms), and a rare theme still gets the sequential scan, which is right for it. SQLite
// plans these lists by the index already; nothing changes there.
//
// Written here in full, not through store/dialects/, because a landed migration must not change
// with live code.
const EXPRESSIONS = [
  { name: "responses_theme_codes_match", table: "survey_responses", column: "theme_codes" },
  { name: "encounters_theme_codes_match", table: "encounters", column: "theme_codes" },
  { name: "encounters_effort_codes_match", table: "encounters", column: "effort_codes" },
] as const;

export function codeMatchStatisticsSchema(dialect: StoreDialect): Migration {
  const pg = dialect.name === "postgres";
  return {
    async up(db: Kysely<unknown>) {
      if (!pg) return;
      const version = await sql<{ v: string }>`select current_setting('server_version_num') as v`.execute(db);
      // Statistics on expressions came with PostgreSQL 14; older servers keep the planner's guess.
      if (Number(version.rows[0]?.v ?? 0) < 140000) return;
      for (const { name, table, column } of EXPRESSIONS) {
        // The exact expression store/record-filter.ts writes (codeMatches), or the planner ignores it.
        await sql`create statistics if not exists ${sql.raw(name)}
          on ((' ' || ${sql.ref(column)} || ' ')) from ${sql.table(table)}`.execute(db);
      }
      // A database that already holds many rows plans well at once (ANALYZE samples 30,000 rows a
      // table); a new or small one is left to autovacuum, as before this migration.
      for (const table of ["survey_responses", "encounters"]) {
        const size = await sql<{ n: number }>`select reltuples::float8 as n from pg_class
          where oid = to_regclass(${table})`.execute(db);
        if (Number(size.rows[0]?.n ?? 0) >= 100_000) await sql`analyze ${sql.table(table)}`.execute(db);
      }
    },
    async down(db: Kysely<unknown>) {
      if (!pg) return;
      for (const { name } of EXPRESSIONS) await sql`drop statistics if exists ${sql.raw(name)}`.execute(db);
    },
  };
}
