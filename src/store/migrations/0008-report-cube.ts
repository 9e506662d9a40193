import { type Kysely, type Migration, sql } from "kysely";
import type { StoreDialect } from "../dialects/store-dialect.ts";

// Why: the dashboard's theme and driver reports read every NPS answer (and the theme volumes every
// analysed encounter); at a million answers that is seconds per call. They now read a cube: per
// month (in the workspace's time zone, recorded in cube_meta) × team × channel × bucket (a hash of
// the answer id, 16 per cell) the sufficient statistics
// the reports need (score counts, per-theme score counts, the moment matrix of the driver design),
// kept as one binary vector per cell (workflows/answer-cells.ts names its layout). Triggers mark a
// month dirty in the same transaction as any write to its answers or encounters, whichever code path
// writes (import, reanalysis, erasure, retention); a report first recomputes the dirty months from
// the rows (store/cube-repository.ts), so the cube can never disagree with the facts it summarises.
// score_cells holds the score counts of every survey kind per month × team × channel (the overview's
// NPS, CSAT and CES). Theme ids get a stable column index in cube_themes. Every month holding data is marked dirty here,
// so an upgraded database builds its cube on first use.
//
// Written per dialect here, not through store/dialects/, because a landed migration must not change
// with live code.
export function reportCubeSchema(dialect: StoreDialect): Migration {
  const pg = dialect.name === "postgres";
  const blob = pg ? "bytea" : "blob";
  return {
    async up(db: Kysely<unknown>) {
      await db.schema
        .createTable("cube_dirty")
        .addColumn("source", "text", (c) => c.notNull())
        .addColumn("month", "text", (c) => c.notNull())
        .addPrimaryKeyConstraint("cube_dirty_pk", ["source", "month"])
        .execute();
      await db.schema
        .createTable("cube_meta")
        .addColumn("key", "text", (c) => c.primaryKey())
        .addColumn("value", "text", (c) => c.notNull())
        .execute();
      await db.schema
        .createTable("cube_themes")
        .addColumn("theme", "text", (c) => c.primaryKey())
        .addColumn("idx", "integer", (c) => c.notNull().unique())
        .execute();
      await db.schema
        .createTable("answer_cells")
        .addColumn("month", "text", (c) => c.notNull())
        .addColumn("team", "text", (c) => c.notNull())
        .addColumn("channel", "text", (c) => c.notNull())
        .addColumn("bucket", "integer", (c) => c.notNull())
        .addColumn("themes", "integer", (c) => c.notNull())
        .addColumn("stats", sql.raw(blob), (c) => c.notNull())
        .addPrimaryKeyConstraint("answer_cells_pk", ["month", "team", "channel", "bucket"])
        .execute();
      await db.schema
        .createTable("score_cells")
        .addColumn("month", "text", (c) => c.notNull())
        .addColumn("kind", "text", (c) => c.notNull())
        .addColumn("team", "text", (c) => c.notNull())
        .addColumn("channel", "text", (c) => c.notNull())
        .addColumn("score", "integer", (c) => c.notNull())
        .addColumn("n", "integer", (c) => c.notNull())
        .addPrimaryKeyConstraint("score_cells_pk", ["month", "kind", "team", "channel", "score"])
        .execute();
      await db.schema
        .createTable("encounter_cells")
        .addColumn("month", "text", (c) => c.notNull())
        .addColumn("team", "text", (c) => c.notNull())
        .addColumn("channel", "text", (c) => c.notNull())
        .addColumn("themes", "integer", (c) => c.notNull())
        .addColumn("stats", sql.raw(blob), (c) => c.notNull())
        .addPrimaryKeyConstraint("encounter_cells_pk", ["month", "team", "channel"])
        .execute();

      if (pg) {
        const month = (row: string, column: string) =>
          `to_char(${row}.${column} at time zone 'UTC', 'YYYY-MM')`;
        await sql`create function cube_mark_answers() returns trigger language plpgsql as $$
          begin
            if tg_op <> 'DELETE' then
              insert into cube_dirty (source, month) values ('answers', ${sql.raw(month("new", "answered_at"))})
                on conflict do nothing;
            end if;
            if tg_op = 'DELETE' or (tg_op = 'UPDATE' and new.answered_at <> old.answered_at) then
              insert into cube_dirty (source, month) values ('answers', ${sql.raw(month("old", "answered_at"))})
                on conflict do nothing;
            end if;
            return null;
          end $$`.execute(db);
        await sql`create function cube_mark_encounters() returns trigger language plpgsql as $$
          begin
            if tg_op <> 'DELETE' then
              insert into cube_dirty (source, month) values ('encounters', ${sql.raw(month("new", "started_at"))})
                on conflict do nothing;
            end if;
            if tg_op = 'DELETE' or (tg_op = 'UPDATE' and new.started_at <> old.started_at) then
              insert into cube_dirty (source, month) values ('encounters', ${sql.raw(month("old", "started_at"))})
                on conflict do nothing;
            end if;
            return null;
          end $$`.execute(db);
        await sql`create trigger survey_responses_cube after insert or update or delete on survey_responses
          for each row execute function cube_mark_answers()`.execute(db);
        await sql`create trigger encounters_cube after insert or update or delete on encounters
          for each row execute function cube_mark_encounters()`.execute(db);
        await sql`insert into cube_dirty (source, month)
          select distinct 'answers', ${sql.raw(month("survey_responses", "answered_at"))} from survey_responses
          on conflict do nothing`.execute(db);
        await sql`insert into cube_dirty (source, month)
          select distinct 'encounters', ${sql.raw(month("encounters", "started_at"))} from encounters
          on conflict do nothing`.execute(db);
        return;
      }
      const mark = (source: string, row: string, column: string) =>
        `insert or ignore into cube_dirty (source, month) values ('${source}', substr(${row}.${column}, 1, 7));`;
      await sql`create trigger survey_responses_cube_insert after insert on survey_responses
        begin ${sql.raw(mark("answers", "new", "answered_at"))} end`.execute(db);
      await sql`create trigger survey_responses_cube_update after update on survey_responses
        begin ${sql.raw(mark("answers", "new", "answered_at"))} ${sql.raw(mark("answers", "old", "answered_at"))} end`.execute(
        db,
      );
      await sql`create trigger survey_responses_cube_delete after delete on survey_responses
        begin ${sql.raw(mark("answers", "old", "answered_at"))} end`.execute(db);
      await sql`create trigger encounters_cube_insert after insert on encounters
        begin ${sql.raw(mark("encounters", "new", "started_at"))} end`.execute(db);
      await sql`create trigger encounters_cube_update after update on encounters
        begin ${sql.raw(mark("encounters", "new", "started_at"))} ${sql.raw(mark("encounters", "old", "started_at"))} end`.execute(
        db,
      );
      await sql`create trigger encounters_cube_delete after delete on encounters
        begin ${sql.raw(mark("encounters", "old", "started_at"))} end`.execute(db);
      await sql`insert or ignore into cube_dirty (source, month)
        select distinct 'answers', substr(answered_at, 1, 7) from survey_responses`.execute(db);
      await sql`insert or ignore into cube_dirty (source, month)
        select distinct 'encounters', substr(started_at, 1, 7) from encounters`.execute(db);
    },
    async down(db: Kysely<unknown>) {
      if (pg) {
        await sql`drop trigger if exists survey_responses_cube on survey_responses`.execute(db);
        await sql`drop trigger if exists encounters_cube on encounters`.execute(db);
        await sql`drop function if exists cube_mark_answers()`.execute(db);
        await sql`drop function if exists cube_mark_encounters()`.execute(db);
      } else {
        for (const t of ["survey_responses", "encounters"])
          for (const e of ["insert", "update", "delete"])
            await sql`drop trigger if exists ${sql.raw(`${t}_cube_${e}`)}`.execute(db);
      }
      for (const t of [
        "encounter_cells",
        "score_cells",
        "answer_cells",
        "cube_themes",
        "cube_meta",
        "cube_dirty",
      ])
        await db.schema.dropTable(t).ifExists().execute();
    },
  };
}
