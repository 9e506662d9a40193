import { type Kysely, sql } from "kysely";
import type { ScoreGrouping } from "../domain/index.ts";
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

type CellDb = Kysely<Database & { score_detail_cells: ScoreDetailCellsTable }>;

/** The filter fields and groupings the score cells answer: everything a survey report takes but the segment. */
export type ScoreCellFilter = Pick<ListFilter, "team" | "teamIn" | "channel" | "agent" | "touchpoint">;
export const SCORE_CELL_GROUPINGS = ["month", "team", "channel", "agent", "touchpoint"] as const;
export type ScoreCellGrouping = (typeof SCORE_CELL_GROUPINGS)[number];

/**
 * Rebuilds one month of the zone, [from, to) in UTC, of both score tables from the answers: the
 * coarse score_cells (month × kind × team × channel), which the unfiltered overview reads, and the
 * detail cells with agent and touchpoint, read only when a report filters or groups by them (a few
 * hundred times more rows at hundreds of agents, which the overview need not sum).
 */
export async function countScoreCells(db: Kysely<Database>, month: string, from: string, to: string) {
  const trx = db as CellDb;
  await trx.deleteFrom("score_cells").where("month", "=", month).execute();
  await trx.deleteFrom("score_detail_cells").where("month", "=", month).execute();
  const detail = trx
    .selectFrom("survey_responses")
    .select([
      "kind",
      sql<string>`coalesce(agent_id, '')`.as("agent"),
      sql<string>`${month}`.as("month"),
      sql<string>`coalesce(touchpoint, '')`.as("touchpoint"),
      sql<string>`coalesce(team_id, '')`.as("team"),
      sql<string>`coalesce(channel, '')`.as("channel"),
      "score",
      (eb) => eb.fn.countAll<number>().as("n"),
    ])
    .where("answered_at", ">=", from)
    .where("answered_at", "<", to)
    // By the stored key, so a null and an empty name never make two rows of one cell.
    .groupBy(
      ["kind", "agent_id", "touchpoint", "team_id", "channel"].map((c) =>
        c === "kind" ? sql`kind` : sql`coalesce(${sql.ref(c)}, '')`,
      ),
    )
    .groupBy("score");
  await trx
    .insertInto("score_detail_cells")
    .columns(["kind", "agent", "month", "touchpoint", "team", "channel", "score", "n"])
    .expression(detail)
    .execute();
  // The coarse cells from the detail just written: one pass over the answers, not two.
  const coarse = trx
    .selectFrom("score_detail_cells")
    .select(["month", "kind", "team", "channel", "score", (eb) => eb.fn.sum<number>("n").as("n")])
    .where("month", "=", month)
    .groupBy(["month", "kind", "team", "channel", "score"]);
  await trx
    .insertInto("score_cells")
    .columns(["month", "kind", "team", "channel", "score", "n"])
    .expression(coarse)
    .execute();
}

/**
 * Score counts of a survey kind over cube months, overall or by a grouping (null for none), as
 * (group, score, n) rows: from score_cells unless an agent or touchpoint is asked for.
 */
export async function readScoreCells(
  db: Kysely<Database>,
  kind: string,
  months: { from: string | null; to: string | null },
  filter: ScoreCellFilter,
  by?: ScoreCellGrouping,
): Promise<ScoreCounts[]> {
  const detail = !!(filter.agent || filter.touchpoint || by === "agent" || by === "touchpoint");
  const grp = by ? sql<string>`${sql.ref(by)}` : sql<string | null>`null`;
  let q = (db as CellDb)
    .selectFrom(detail ? "score_detail_cells" : "score_cells")
    .select([grp.as("grp"), "score", (eb) => eb.fn.sum<number>("n").as("n")])
    .where("kind", "=", kind);
  if (months.from) q = q.where("month", ">=", months.from);
  if (months.to) q = q.where("month", "<", months.to);
  const names = { team: "team", channel: "channel" };
  q = whereNames(q, filter, detail ? { ...names, agent: "agent", touchpoint: "touchpoint" } : names);
  const rows = await q.groupBy(["grp", "score"]).execute();
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
