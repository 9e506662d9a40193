import { randomUUID } from "node:crypto";
import { type Kysely, sql } from "kysely";
import { DateTime } from "luxon";
import type { StoreDialect } from "./dialects/store-dialect.ts";
import { whereNames } from "./name-filter.ts";
import type { ListFilter } from "./page-cursor.ts";
import type { Database } from "./schema.ts";
import {
  foldScoreDeltas,
  readScoreCells,
  recountScoreCells,
  type ScoreCellFilter,
  type ScoreCellGrouping,
  scoreCellsState,
} from "./score-cells.ts";
import type { ScoreCounts } from "./survey-repositories.ts";

/** What a cube summarises: NPS answers (answer_cells) or analysed encounters (encounter_cells). */
export type CubeSource = "answers" | "encounters";

/** One cell: a month in the cube's time zone, team and channel ("" for none), a statistics vector. */
export interface CubeCell {
  month: string;
  team: string;
  channel: string;
  /** Always 0 for encounters. */
  bucket: number;
  /** The number of themes the vector's layout was built for. */
  themes: number;
  stats: Float64Array;
  /**
   * Set on the per-agent cells (answer_agent_cells, encounter_agent_cells; migration 0025): the same
   * vectors of one agent's rows, bucket 0. A builder returns both kinds; each goes to its table.
   */
  agent?: string;
}

/** Builds the cells of one month from its rows: the UTC range [from, to) and a stable theme index. */
export type MonthBuilder = (
  month: { month: string; from: string; to: string },
  themeIndex: (theme: string) => number,
) => Promise<CubeCell[]>;

const INSERT_CHUNK = 200;
/** Deltas of the score cells (PostgreSQL) a reader folds before reading when more wait. */
const PENDING_DELTAS = 5_000;
/** PostgreSQL advisory lock of the cube refresh: this key ("kube") and the schema name's hash. */
const CUBE_LOCK = 0x6b637562;

/**
 * The report cube (migration 0008): cells of sufficient statistics per month × team × channel,
 * recomputed from the rows for every month a trigger marked dirty. Knows nothing of the statistics
 * themselves: the workflows hand it a MonthBuilder and read the vectors back.
 */
export class CubeRepository {
  constructor(
    private readonly db: Kysely<Database>,
    private readonly dialect: StoreDialect,
  ) {}

  /**
   * Recomputes every dirty month of `source` in one transaction, in the months of `timeZone` (all
   * of them when the zone differs from the one the cube was built in). Returns the months rebuilt.
   * A dirty mark is taken before the rows are read, so a write that commits meanwhile leaves its own
   * mark for the next refresh: the cube can lag a write by one refresh, never lose it.
   *
   * On PostgreSQL, when a refresh is already running elsewhere this one returns at once (nothing
   * rebuilt) and the caller reads the cube as last committed, at most one refresh behind; only a cube
   * never built yet is waited for, outside any transaction and without holding a connection. Waiting
   * for the lock inside the transaction held a pooled connection while the running refresh needed one
   * from the same pool to read its rows: with 20 dashboard readers during an import (bench:load) every
   * connection ended up waiting and the server stopped answering.
   */
  async refresh(source: CubeSource, timeZone: string, build: MonthBuilder): Promise<string[]> {
    // Every report asks first: one read when there is nothing to do (the common case between writes),
    // rather than a transaction of five statements and, on PostgreSQL, a lock.
    if (await this.upToDate(source, timeZone)) return [];
    const done = await this.refreshIfFree(source, timeZone, build);
    if (done !== null) return done;
    // A cube built before is read as it stands while the other refresh runs (at most one refresh
    // behind): during a long import, readers waiting for every refresh made the dashboard wait seconds.
    if ((await this.generation()) !== null) return [];
    for (let wait = 20; await this.refreshRunning(); wait = Math.min(250, wait * 2))
      await new Promise((resolve) => setTimeout(resolve, wait));
    return [];
  }

  /** Whether the cube of `source` was built in `timeZone` and no month of it is marked dirty. */
  private async upToDate(source: CubeSource, timeZone: string): Promise<boolean> {
    const row = await sql<{ zone: string | null; dirty: number | boolean }>`select
        (select value from cube_meta where key = ${`${source}.zone`}) as zone,
        exists (select 1 from cube_dirty where source = ${source}) as dirty`.execute(this.db);
    const r = row.rows[0];
    return r?.zone === timeZone && !r.dirty;
  }

  /** Whether a cube refresh holds the lock (PostgreSQL), read without taking it. */
  private async refreshRunning(): Promise<boolean> {
    const held = await sql<{ busy: boolean }>`select exists (
        select 1 from pg_locks
        where locktype = 'advisory' and classid = ${CUBE_LOCK} and objid = hashtext(current_schema())::oid
          and objsubid = 2 and granted
          and database = (select oid from pg_database where datname = current_database())
      ) as busy`.execute(this.db);
    return held.rows[0]?.busy === true;
  }

  /** The refresh, or null without doing anything when another one holds the lock (PostgreSQL). */
  private refreshIfFree(source: CubeSource, timeZone: string, build: MonthBuilder): Promise<string[] | null> {
    const table = source === "answers" ? "answer_cells" : "encounter_cells";
    const agentTable = source === "answers" ? "answer_agent_cells" : "encounter_agent_cells";
    return this.db.transaction().execute(async (trx) => {
      // One refresh at a time across every process (SQLite's writer lock does this by itself):
      // concurrent ones would race for the same months and number a new theme twice. The lock is
      // the database's and the schema's (tests run workspaces side by side in one database).
      if (this.dialect.name === "postgres") {
        const lock = await sql<{
          taken: boolean;
        }>`select pg_try_advisory_xact_lock(${CUBE_LOCK}, hashtext(current_schema())) as taken`.execute(trx);
        if (!lock.rows[0]?.taken) return null;
      }
      const zoneKey = `${source}.zone`;
      const meta = await trx
        .selectFrom("cube_meta")
        .select("value")
        .where("key", "=", zoneKey)
        .executeTakeFirst();
      let utcMonths: string[];
      if (meta?.value !== timeZone) {
        await trx.deleteFrom("cube_dirty").where("source", "=", source).execute();
        await trx.deleteFrom(table).execute();
        await trx.deleteFrom(agentTable).execute();
        utcMonths = await this.allMonths(trx, source);
        if (meta)
          await trx.updateTable("cube_meta").set({ value: timeZone }).where("key", "=", zoneKey).execute();
        else await trx.insertInto("cube_meta").values({ key: zoneKey, value: timeZone }).execute();
      } else {
        const taken = await trx
          .deleteFrom("cube_dirty")
          .where("source", "=", source)
          .returning("month")
          .execute();
        utcMonths = taken.map((r) => r.month);
      }
      if (utcMonths.length === 0) return [];
      // A UTC month overlaps the zone's months its first and last instants fall in: itself and, a few
      // hours at one edge, the month after it (zones east of UTC) or before it (west), never both.
      const months = [...new Set(utcMonths.flatMap((m) => zoneMonthsOf(m, timeZone)))].sort();
      const known = await trx.selectFrom("cube_themes").select(["theme", "idx"]).execute();
      const index = new Map(known.map((r) => [r.theme, r.idx]));
      const added: { theme: string; idx: number }[] = [];
      const themeIndex = (theme: string): number => {
        let idx = index.get(theme);
        if (idx === undefined) {
          idx = index.size;
          index.set(theme, idx);
          added.push({ theme, idx });
        }
        return idx;
      };
      for (const month of months) {
        await trx.deleteFrom(table).where("month", "=", month).execute();
        await trx.deleteFrom(agentTable).where("month", "=", month).execute();
        const start = DateTime.fromISO(`${month}-01`, { zone: timeZone });
        const cells = await build(
          {
            month,
            from: start.toUTC().toISO() as string,
            to: start.plus({ months: 1 }).toUTC().toISO() as string,
          },
          themeIndex,
        );
        // Each cell to its table: the whole month's (answers by bucket) or an agent's (no bucket).
        const whole: Record<string, unknown>[] = [];
        const perAgent: Record<string, unknown>[] = [];
        for (const c of cells) {
          const row = {
            month: c.month,
            team: c.team,
            channel: c.channel,
            themes: c.themes,
            stats: new Uint8Array(c.stats.buffer, c.stats.byteOffset, c.stats.byteLength),
          };
          if (c.agent !== undefined) perAgent.push({ agent: c.agent, ...row });
          else whole.push(source === "answers" ? { ...row, bucket: c.bucket } : row);
        }
        for (const [into, all] of [
          [table, whole],
          [agentTable, perAgent],
        ] as const) {
          for (let i = 0; i < all.length; i += INSERT_CHUNK) {
            // Each table's rows have its own shape, built just above; Kysely cannot check a table
            // chosen at run time.
            await trx
              .insertInto(into)
              .values(all.slice(i, i + INSERT_CHUNK) as never)
              .execute();
          }
        }
      }
      if (added.length > 0) await trx.insertInto("cube_themes").values(added).execute();
      // A new generation: reports computed from the cube before this are out of date.
      await trx.deleteFrom("cube_meta").where("key", "=", "generation").execute();
      await trx.insertInto("cube_meta").values({ key: "generation", value: randomUUID() }).execute();
      return months;
    });
  }

  /**
   * Score counts of a survey kind over cube months, overall or by month, team, channel, agent or
   * touchpoint (null for none), as (group, score, n) rows (store/score-cells.ts). Every committed
   * write is in them (migration 0024's triggers): call readyScores first, not refresh.
   */
  scoreCounts(
    kind: string,
    months: { from: string | null; to: string | null },
    filter: ScoreCellFilter,
    by?: ScoreCellGrouping,
  ): Promise<ScoreCounts[]> {
    return readScoreCells(this.db, kind, months, filter, by, this.dialect.name === "postgres");
  }

  /**
   * Makes the score cells answer in `timeZone`: recounts them when they were counted in another zone
   * or never (after migration 0024, or a zone change), and on PostgreSQL folds the writers' deltas
   * into the cells when more than PENDING_DELTAS wait. One read when there is nothing to do.
   * Returns whether it recounted.
   */
  async readyScores(timeZone: string): Promise<boolean> {
    const state = await scoreCellsState(this.db, this.dialect, PENDING_DELTAS);
    if (state.zone !== timeZone) return recountScoreCells(this.db, this.dialect, timeZone);
    if (state.pending) await foldScoreDeltas(this.db);
    return false;
  }

  /**
   * The score cells' upkeep a refresh does: readyScores, and on PostgreSQL the writers' deltas
   * folded into the cells whatever their number. Returns the deltas folded.
   */
  async tidyScores(timeZone: string): Promise<number> {
    await this.readyScores(timeZone);
    return this.dialect.name === "postgres" ? foldScoreDeltas(this.db) : 0;
  }

  /**
   * Recounts the score cells from the answers (the reconciliation path; the triggers keep them
   * otherwise). Tests compare the cells the triggers kept with it.
   */
  recountScores(timeZone: string): Promise<boolean> {
    return recountScoreCells(this.db, this.dialect, timeZone, true);
  }

  /** Changes whenever a refresh rebuilt anything (null before the first). */
  async generation(): Promise<string | null> {
    const row = await this.db
      .selectFrom("cube_meta")
      .select("value")
      .where("key", "=", "generation")
      .executeTakeFirst();
    return row?.value ?? null;
  }

  /** Theme ids by their column in the vectors. */
  async themes(): Promise<string[]> {
    const rows = await this.db.selectFrom("cube_themes").select(["theme", "idx"]).orderBy("idx").execute();
    const out: string[] = [];
    for (const r of rows) out[r.idx] = r.theme;
    return out;
  }

  /** The cells of months [fromMonth, toMonth) (either open) matching the filter's team and channel. */
  async cells(
    source: CubeSource,
    months: { from: string | null; to: string | null },
    filter: Pick<ListFilter, "team" | "teamIn" | "channel">,
  ): Promise<CubeCell[]> {
    const rows =
      source === "answers"
        ? await this.cellQuery("answer_cells", months, filter).select("bucket").execute()
        : await this.cellQuery("encounter_cells", months, filter).execute();
    return rows.map((r) => ({
      month: r.month,
      team: r.team,
      channel: r.channel,
      bucket: "bucket" in r ? Number(r.bucket) : 0,
      themes: Number(r.themes),
      stats: decode(r.stats),
    }));
  }

  /**
   * One agent's cells (migration 0025) of months [fromMonth, toMonth) matching the filter's team,
   * teams and channel: the selection's point figures without reading its rows. Bucket 0.
   */
  async agentCells(
    source: CubeSource,
    months: { from: string | null; to: string | null },
    filter: Pick<ListFilter, "agent" | "team" | "teamIn" | "channel">,
  ): Promise<CubeCell[]> {
    let q = this.db
      .selectFrom(source === "answers" ? "answer_agent_cells" : "encounter_agent_cells")
      .select(["agent", "month", "team", "channel", "themes", "stats"]);
    if (months.from) q = q.where("month", ">=", months.from);
    if (months.to) q = q.where("month", "<", months.to);
    const rows = await whereNames(q, filter, { agent: "agent", team: "team", channel: "channel" }).execute();
    return rows.map((r) => ({
      month: r.month,
      team: r.team,
      channel: r.channel,
      bucket: 0,
      themes: Number(r.themes),
      stats: decode(r.stats),
      agent: r.agent,
    }));
  }

  private cellQuery(
    table: "answer_cells" | "encounter_cells",
    months: { from: string | null; to: string | null },
    filter: Pick<ListFilter, "team" | "teamIn" | "channel">,
  ) {
    let q = this.db.selectFrom(table).select(["month", "team", "channel", "themes", "stats"]);
    if (months.from) q = q.where("month", ">=", months.from);
    if (months.to) q = q.where("month", "<", months.to);
    return whereNames(q, filter, { team: "team", channel: "channel" });
  }

  private async allMonths(trx: Kysely<Database>, source: CubeSource): Promise<string[]> {
    const rows =
      source === "answers"
        ? await trx
            .selectFrom("survey_responses")
            .select(this.dialect.monthOf("answered_at").as("month"))
            .where("kind", "=", "nps")
            .distinct()
            .execute()
        : await trx
            .selectFrom("encounters")
            .select(this.dialect.monthOf("started_at").as("month"))
            .distinct()
            .execute();
    return rows.map((r) => r.month);
  }
}

/**
 * The months of `timeZone` that the UTC month `month` (YYYY-MM) overlaps: one or two. Why not its
 * neighbours on both sides: a rebuild reads every answer of each month, and during a large import
 * the third month was a third of the work (bench:load). E.g. 2026-01 in Europe/Helsinki (UTC+2):
 * 2026-01-01T00:00Z is January there, 2026-01-31T23:59Z is February: ["2026-01", "2026-02"].
 */
export function zoneMonthsOf(month: string, timeZone: string): string[] {
  const start = DateTime.fromISO(`${month}-01T00:00:00`, { zone: "utc" });
  const first = start.setZone(timeZone).startOf("month");
  const last = start.plus({ months: 1 }).minus({ milliseconds: 1 }).setZone(timeZone).startOf("month");
  const out: string[] = [];
  for (let m = first; m <= last; m = m.plus({ months: 1 })) out.push(m.toFormat("yyyy-MM"));
  return out;
}

/** A stored vector back as Float64 (copied: a driver's Buffer need not be 8-byte aligned). */
function decode(bytes: Uint8Array): Float64Array {
  const out = new Float64Array(bytes.byteLength / 8);
  new Uint8Array(out.buffer).set(bytes);
  return out;
}
