import { type Kysely, type Migration, sql } from "kysely";
import type { StoreDialect } from "../dialects/store-dialect.ts";

// Why: bulk import (issue 14 item 5). On PostgreSQL 0008's triggers marked a month of the report cube
// dirty once per written answer or encounter row, a PL/pgSQL call and an insert each: they added
// 30–55% to an insert of 100,000 answers. These statement-level triggers mark the same
// months once per statement, from its transition tables (the distinct months of the rows it
// inserted, updated or deleted), in the same transaction as before. SQLite has no statement-level
// triggers and keeps 0008's (in-process and cheap there); nothing changes on SQLite.
//
// Written here in full, not through store/dialects/, because a landed migration must not change
// with live code.
const SOURCES = [
  { table: "survey_responses", source: "answers", column: "answered_at", fn: "cube_mark_answers" },
  { table: "encounters", source: "encounters", column: "started_at", fn: "cube_mark_encounters" },
] as const;

const month = (row: string, column: string) => `to_char(${row}.${column} at time zone 'UTC', 'YYYY-MM')`;

export function cubeMarksPerStatementSchema(dialect: StoreDialect): Migration {
  const pg = dialect.name === "postgres";
  return {
    async up(db: Kysely<unknown>) {
      if (!pg) return;
      for (const { table, source, column, fn } of SOURCES) {
        await sql`drop trigger if exists ${sql.raw(`${table}_cube`)} on ${sql.table(table)}`.execute(db);
        await sql`drop function if exists ${sql.raw(fn)}()`.execute(db);
        const mark = (rows: string) =>
          `insert into cube_dirty (source, month) select distinct '${source}', ${month("r", column)}
             from ${rows} r on conflict do nothing;`;
        await sql`create function ${sql.raw(`${fn}_rows`)}() returns trigger language plpgsql as $$
          begin
            if tg_op <> 'DELETE' then ${sql.raw(mark("new_rows"))} end if;
            if tg_op <> 'INSERT' then ${sql.raw(mark("old_rows"))} end if;
            return null;
          end $$`.execute(db);
        const each = `for each statement execute function ${fn}_rows()`;
        await sql`create trigger ${sql.raw(`${table}_cube_insert`)} after insert on ${sql.table(table)}
          referencing new table as new_rows ${sql.raw(each)}`.execute(db);
        await sql`create trigger ${sql.raw(`${table}_cube_update`)} after update on ${sql.table(table)}
          referencing old table as old_rows new table as new_rows ${sql.raw(each)}`.execute(db);
        await sql`create trigger ${sql.raw(`${table}_cube_delete`)} after delete on ${sql.table(table)}
          referencing old table as old_rows ${sql.raw(each)}`.execute(db);
      }
    },
    async down(db: Kysely<unknown>) {
      if (!pg) return;
      // Back to 0008's row triggers.
      for (const { table, source, column, fn } of SOURCES) {
        for (const op of ["insert", "update", "delete"])
          await sql`drop trigger if exists ${sql.raw(`${table}_cube_${op}`)} on ${sql.table(table)}`.execute(
            db,
          );
        await sql`drop function if exists ${sql.raw(`${fn}_rows`)}()`.execute(db);
        const mark = (row: string) =>
          `insert into cube_dirty (source, month) values ('${source}', ${month(row, column)}) on conflict do nothing;`;
        await sql`create function ${sql.raw(fn)}() returns trigger language plpgsql as $$
          begin
            if tg_op <> 'DELETE' then ${sql.raw(mark("new"))} end if;
            if tg_op = 'DELETE' or (tg_op = 'UPDATE' and new.${sql.raw(column)} <> old.${sql.raw(column)}) then
              ${sql.raw(mark("old"))}
            end if;
            return null;
          end $$`.execute(db);
        await sql`create trigger ${sql.raw(`${table}_cube`)} after insert or update or delete on ${sql.table(table)}
          for each row execute function ${sql.raw(fn)}()`.execute(db);
      }
    },
  };
}
