import { type Kysely, sql } from "kysely";
import { DateTime } from "luxon";
import type { ScoreGrouping } from "../domain/index.ts";
import type { StoreDialect } from "./dialects/store-dialect.ts";
import { whereNames } from "./name-filter.ts";
import type { ListFilter } from "./page-cursor.ts";
import type { Database } from "./schema.ts";
import { groupCounts, type ScoreCounts } from "./survey-repositories.ts";

/** Score counts per month × kind × team × channel × agent × touchpoint (migration 0021). */
export interface ScoreDetailCellsTable {
  kind: string;
  agent: string;
  month: string;
  touchpoint: string;
  team: string;
  channel: string;
  score: number;
  n: number;
}

/** The months of the score cells' zone (migration 0024): UTC start and end of each, 1900–2199. */
export interface ZoneMonthsTable {
  month: string;
  starts: string;
  ends: string;
}

type CellDb = Kysely<
  Database & {
    score_detail_cells: ScoreDetailCellsTable;
    score_cell_deltas: ScoreDetailCellsTable;
    zone_months: ZoneMonthsTable;
  }
>;

/** The filter fields and groupings the score cells answer: everything a survey report takes but the segment. */
export type ScoreCellFilter = Pick<ListFilter, "team" | "teamIn" | "channel" | "agent" | "touchpoint">;
export const SCORE_CELL_GROUPINGS = ["month", "team", "channel", "agent", "touchpoint"] as const;
export type ScoreCellGrouping = (typeof SCORE_CELL_GROUPINGS)[number];

const FIRST_YEAR = 1900;
const YEARS = 300;
/** cube_meta's key of the zone the score cells are counted in. */
export const SCORES_ZONE_KEY = "scores.zone";

/**
 * Every month of `timeZone` from 1900 to 2199 with its UTC start and end (ISO strings), as the cube
 * and the reports' period filters bound a month of the zone (luxon). E.g. in Europe/Helsinki
 * 2026-01 starts 2025-12-31T22:00:00.000Z and ends 2026-01-31T22:00:00.000Z.
 */
export function zoneMonthRows(timeZone: string): ZoneMonthsTable[] {
  const out: ZoneMonthsTable[] = [];
  let start: DateTime = DateTime.fromObject({ year: FIRST_YEAR, month: 1, day: 1 }, { zone: timeZone });
  if (!start.isValid) throw new Error(`unknown time zone ${timeZone}`);
  for (let i = 0; i < YEARS * 12; i++) {
    const next: DateTime = start.plus({ months: 1 });
    out.push({
      month: start.toFormat("yyyy-MM"),
      starts: new Date(start.toMillis()).toISOString(),
      ends: new Date(next.toMillis()).toISOString(),
    });
    start = next;
  }
  return out;
}

/**
 * The month of the zone of an answer's time `r.answered_at` as the score cells' triggers find it
 * (migration 0024): from zone_months, or the UTC month outside 1900–2199.
 */
function monthOfAnswer(dialect: StoreDialect, r: string) {
  const utc =
    dialect.name === "postgres"
      ? `to_char(${r}.answered_at at time zone 'UTC', 'YYYY-MM')`
      : `substr(${r}.answered_at, 1, 7)`;
  return sql.raw(`coalesce((select case when m.ends > ${r}.answered_at then m.month end from zone_months m
    where m.starts <= ${r}.answered_at order by m.starts desc limit 1), ${utc})`);
}

/** PostgreSQL advisory lock of a recount of the score cells: this key ("scor") and the schema's hash. */
export const RECOUNT_LOCK = 0x73636f72;

/**
 * Recounts both score tables from the answers in `timeZone`: the reconciliation path, run when the
 * cells were counted in another zone (or never: migration 0024 leaves them to this), or when asked
 * (`force`). Writes zone_months for the zone, so the triggers count later writes in it. Returns
 * whether it recounted; false when the cells were already counted in the zone, or (PostgreSQL)
 * another process is recounting now, in which case this one waits for it outside any transaction.
 *
 * On PostgreSQL the recount holds score_cell_deltas' EXCLUSIVE lock: it waits for writers whose
 * triggers already appended deltas to commit (their rows are then counted), and writers arriving
 * meanwhile wait in their trigger until it commits, then read the new zone's months.
 */
export async function recountScoreCells(
  db: Kysely<Database>,
  dialect: StoreDialect,
  timeZone: string,
  force = false,
): Promise<boolean> {
  const rows = zoneMonthRows(timeZone);
  const pg = dialect.name === "postgres";
  const done = await db.transaction().execute(async (tx) => {
    const trx = tx as unknown as CellDb;
    if (pg) {
      const lock = await sql<{ taken: boolean }>`select
          pg_try_advisory_xact_lock(${RECOUNT_LOCK}, hashtext(current_schema())) as taken`.execute(trx);
      if (!lock.rows[0]?.taken) return null;
      await sql`lock table score_cell_deltas in exclusive mode`.execute(trx);
    }
    if (!force && (await scoresZone(trx)) === timeZone) return false;
    await trx.deleteFrom("zone_months").execute();
    for (let i = 0; i < rows.length; i += 500)
      await trx
        .insertInto("zone_months")
        .values(rows.slice(i, i + 500))
        .execute();
    await trx.deleteFrom("score_cell_deltas").execute();
    await trx.deleteFrom("score_cells").execute();
    await trx.deleteFrom("score_detail_cells").execute();
    await sql`insert into score_detail_cells (kind, agent, month, touchpoint, team, channel, score, n)
      select r.kind, coalesce(r.agent_id, ''), ${monthOfAnswer(dialect, "r")}, coalesce(r.touchpoint, ''),
        coalesce(r.team_id, ''), coalesce(r.channel, ''), r.score, count(*)
      from survey_responses r group by 1, 2, 3, 4, 5, 6, 7`.execute(trx);
    // The coarse cells from the detail just written: one pass over the answers, not two.
    await sql`insert into score_cells (month, kind, team, channel, score, n)
      select month, kind, team, channel, score, sum(n) from score_detail_cells
      group by month, kind, team, channel, score`.execute(trx);
    await trx.deleteFrom("cube_meta").where("key", "=", SCORES_ZONE_KEY).execute();
    await trx.insertInto("cube_meta").values({ key: SCORES_ZONE_KEY, value: timeZone }).execute();
    return true;
  });
  if (done !== null) return done;
  // Another process recounts: wait for it outside any transaction, then count again if it counted
  // in another zone (processes should share one zone; deployment.md).
  for (let wait = 20; await recountRunning(db); wait = Math.min(250, wait * 2))
    await new Promise((resolve) => setTimeout(resolve, wait));
  return (await scoresZone(db)) === timeZone ? false : recountScoreCells(db, dialect, timeZone, force);
}

/** Whether a recount holds its advisory lock (PostgreSQL), read without taking it. */
async function recountRunning(db: Kysely<Database>): Promise<boolean> {
  const held = await sql<{ busy: boolean }>`select exists (
      select 1 from pg_locks
      where locktype = 'advisory' and classid = ${RECOUNT_LOCK} and objid = hashtext(current_schema())::oid
        and objsubid = 2 and granted
        and database = (select oid from pg_database where datname = current_database())
    ) as busy`.execute(db);
  return held.rows[0]?.busy === true;
}

/** The zone the score cells are counted in, or null before the first count. */
async function scoresZone(db: Kysely<Database>): Promise<string | null> {
  const row = await db
    .selectFrom("cube_meta")
    .select("value")
    .where("key", "=", SCORES_ZONE_KEY)
    .executeTakeFirst();
  return row?.value ?? null;
}

/** The zone of the score cells and (PostgreSQL) whether more than `limit` deltas wait to be folded. */
export async function scoreCellsState(
  db: Kysely<Database>,
  dialect: StoreDialect,
  limit: number,
): Promise<{ zone: string | null; pending: boolean }> {
  const pending =
    dialect.name === "postgres" ? sql`exists (select 1 from score_cell_deltas offset ${limit})` : sql`${0}`;
  const row = await sql<{ zone: string | null; pending: boolean | number }>`select
      (select value from cube_meta where key = ${SCORES_ZONE_KEY}) as zone, ${pending} as pending`.execute(
    db,
  );
  const r = row.rows[0];
  return { zone: r?.zone ?? null, pending: r?.pending === true };
}

/**
 * PostgreSQL: folds the deltas the writers' triggers appended into the cells, in one statement (a
 * reader sees the deltas or the cells they went into, never both or neither), then deletes the
 * cells of the months touched that reached 0. Two folds at once cannot count a delta twice: the
 * second waits on the rows the first deleted and skips them. Returns the deltas folded.
 */
export async function foldScoreDeltas(db: Kysely<Database>): Promise<number> {
  const key = "kind, agent, month, touchpoint, team, channel, score";
  const coarse = "month, kind, team, channel, score";
  const folded = await sql<{ month: string; rows: string }>`with moved as (
        delete from score_cell_deltas returning kind, agent, month, touchpoint, team, channel, score, n
      ),
      detail as (
        insert into score_detail_cells (${sql.raw(key)}, n)
        select ${sql.raw(key)}, sum(n) from moved group by ${sql.raw(key)} having sum(n) <> 0
        order by ${sql.raw(key)}
        on conflict (${sql.raw(key)}) do update set n = score_detail_cells.n + excluded.n
      ),
      cells as (
        insert into score_cells (${sql.raw(coarse)}, n)
        select ${sql.raw(coarse)}, sum(n) from moved group by ${sql.raw(coarse)} having sum(n) <> 0
        order by ${sql.raw(coarse)}
        on conflict (${sql.raw(coarse)}) do update set n = score_cells.n + excluded.n
      )
      select month, count(*) as rows from moved group by month`.execute(db);
  const months = folded.rows.map((r) => r.month);
  if (months.length > 0) {
    const trx = db as CellDb;
    await trx.deleteFrom("score_detail_cells").where("month", "in", months).where("n", "=", 0).execute();
    await trx.deleteFrom("score_cells").where("month", "in", months).where("n", "=", 0).execute();
  }
  return folded.rows.reduce((s, r) => s + Number(r.rows), 0);
}

/**
 * Score counts of a survey kind over cube months, overall or by a grouping (null for none), as
 * (group, score, n) rows: from score_cells unless an agent or touchpoint is asked for. With `deltas`
 * (PostgreSQL) the deltas not yet folded into the cells are added, in the same statement.
 */
export async function readScoreCells(
  db: Kysely<Database>,
  kind: string,
  months: { from: string | null; to: string | null },
  filter: ScoreCellFilter,
  by: ScoreCellGrouping | undefined,
  deltas: boolean,
): Promise<ScoreCounts[]> {
  const detail = !!(filter.agent || filter.touchpoint || by === "agent" || by === "touchpoint");
  const grp = by ? sql<string>`${sql.ref(by)}` : sql<string | null>`null`;
  const names = { team: "team", channel: "channel" };
  const cells = (table: "score_cells" | "score_detail_cells" | "score_cell_deltas") => {
    let q = (db as CellDb)
      .selectFrom(table)
      .select([grp.as("grp"), "score", "n"])
      .where("kind", "=", kind);
    if (months.from) q = q.where("month", ">=", months.from);
    if (months.to) q = q.where("month", "<", months.to);
    return whereNames(q, filter, detail ? { ...names, agent: "agent", touchpoint: "touchpoint" } : names);
  };
  const table = detail ? "score_detail_cells" : "score_cells";
  const rows = await (db as CellDb)
    .selectFrom((deltas ? cells(table).unionAll(cells("score_cell_deltas")) : cells(table)).as("c"))
    .select(["grp", "score", (eb) => eb.fn.sum<number>("n").as("n")])
    .groupBy(["grp", "score"])
    .having((eb) => eb.fn.sum("n"), "<>", 0)
    .execute();
  return groupCounts(
    rows.map((r) => ({
      grp: by && by !== "month" && r.grp === "" ? null : r.grp,
      score: Number(r.score),
      n: Number(r.n),
    })),
  );
}

/** Whether the score cells can answer a grouping (the segment is the customer's, not the answer's). */
export function isScoreCellGrouping(by: ScoreGrouping | undefined): by is ScoreCellGrouping | undefined {
  return by === undefined || (SCORE_CELL_GROUPINGS as readonly string[]).includes(by);
}
