import { type Kysely, type Migration, sql } from "kysely";
import type { StoreDialect } from "../dialects/store-dialect.ts";

// Why: issue 14 item 4 asks for aggregates updated in the same transaction as the facts they
// summarise. The score counts (score_cells, score_detail_cells) are integers, so a write's exact
// inverse is cheap: these triggers add every written answer's +1 to its cells and every removed or
// changed answer's -1, in the writer's own transaction, whatever code path writes (import, batch API,
// erasure, retention, a console). Until now a trigger only marked the month dirty and the next report
// recounted the month (2.1 s at 1,000,000 answers on SQLite, 25.5 s at 10,000,000 on PostgreSQL).
//
// The month of an answer is its month in the workspace's zone, read from zone_months (one row per
// month of 1900–2199, its UTC start and end, written by store/score-cells.ts from luxon, the same
// boundaries the cube's months and the reports' period filters use); outside that range, its UTC month.
//
// SQLite (one writer at a time): row triggers add to the cells directly and delete a cell that
// reaches 0. PostgreSQL: statement-level triggers read the statement's transition tables and append
// the statement's net change per cell to score_cell_deltas, which no two writers ever update (no row
// locks held on hot cells until a long import commits, no deadlock between two imports touching cells
// in other orders); readers add the pending deltas to the cells, and store/score-cells.ts folds them
// into the cells. Each trigger first takes score_cell_deltas' ROW EXCLUSIVE lock, so a recount in a
// new zone (which holds EXCLUSIVE) is waited for before the zone's months are read.
//
// The cells are recounted in the configured zone on first use (cube_meta's scores.zone is removed
// here), so nothing is recounted in this migration.
//
// Written per dialect here, not through store/dialects/, because a landed migration must not change
// with live code.
const KEY = ["kind", "agent", "month", "touchpoint", "team", "channel", "score"] as const;
const COARSE = ["month", "kind", "team", "channel", "score"] as const;
/** The columns a score cell is keyed on, in survey_responses. */
const SOURCE = ["kind", "agent_id", "answered_at", "touchpoint", "team_id", "channel", "score"] as const;

export function scoreCellDeltasSchema(dialect: StoreDialect): Migration {
  const pg = dialect.name === "postgres";
  const { timestamp: ts } = dialect.types;
  return {
    async up(db: Kysely<unknown>) {
      await db.schema
        .createTable("zone_months")
        .addColumn("month", "text", (c) => c.primaryKey())
        .addColumn("starts", ts as "text", (c) => c.notNull().unique())
        .addColumn("ends", ts as "text", (c) => c.notNull())
        .execute();
      await db.schema
        .createTable("score_cell_deltas")
        .addColumn("kind", "text", (c) => c.notNull())
        .addColumn("agent", "text", (c) => c.notNull())
        .addColumn("month", "text", (c) => c.notNull())
        .addColumn("touchpoint", "text", (c) => c.notNull())
        .addColumn("team", "text", (c) => c.notNull())
        .addColumn("channel", "text", (c) => c.notNull())
        .addColumn("score", "integer", (c) => c.notNull())
        .addColumn("n", "integer", (c) => c.notNull())
        .execute();
      await sql`delete from cube_meta where key = 'scores.zone'`.execute(db);
      if (pg) await postgresTriggers(db);
      else await sqliteTriggers(db);
    },
    async down(db: Kysely<unknown>) {
      for (const op of ["insert", "update", "delete"]) {
        await sql`drop trigger if exists ${sql.raw(`survey_responses_scores_${op}`)}${sql.raw(pg ? " on survey_responses" : "")}`.execute(
          db,
        );
        if (pg) await sql`drop function if exists ${sql.raw(`score_cells_${op}`)}()`.execute(db);
      }
      await db.schema.dropTable("score_cell_deltas").ifExists().execute();
      await db.schema.dropTable("zone_months").ifExists().execute();
      // Recounted per dirty month again, as 0021 left it: every month marked.
      const month = pg ? "to_char(answered_at at time zone 'UTC', 'YYYY-MM')" : "substr(answered_at, 1, 7)";
      await sql`insert ${sql.raw(pg ? "" : "or ignore ")}into cube_dirty (source, month)
        select distinct 'answers', ${sql.raw(month)} from survey_responses
        ${sql.raw(pg ? "on conflict do nothing" : "")}`.execute(db);
    },
  };
}

/** The cell key of row `r` (new or old) as values in KEY's order. */
function keyOf(r: string, month: string): string[] {
  const name = (c: string) => `coalesce(${r}.${c}, '')`;
  return [
    `${r}.kind`,
    name("agent_id"),
    month,
    name("touchpoint"),
    name("team_id"),
    name("channel"),
    `${r}.score`,
  ];
}

async function sqliteTriggers(db: Kysely<unknown>): Promise<void> {
  const monthOf = (r: string) =>
    `coalesce((select case when ends > ${r}.answered_at then month end from zone_months
       where starts <= ${r}.answered_at order by starts desc limit 1), substr(${r}.answered_at, 1, 7))`;
  /** Adds `sign` to both cells of row `r`, then deletes them if they reached 0. */
  const add = (r: string, sign: 1 | -1) => {
    const key = keyOf(r, monthOf(r));
    const coarse = COARSE.map((c) => key[KEY.indexOf(c)] as string);
    const where = (cols: readonly string[], values: string[]) =>
      cols.map((c, i) => `${c} = ${values[i]}`).join(" and ");
    const upsert = (table: string, cols: readonly string[], values: string[]) =>
      `insert into ${table} (${cols.join(", ")}, n) values (${values.join(", ")}, ${sign})
         on conflict (${cols.join(", ")}) do update set n = n + ${sign};`;
    const drop = (table: string, cols: readonly string[], values: string[]) =>
      sign < 0 ? `delete from ${table} where ${where(cols, values)} and n = 0;` : "";
    return [
      upsert("score_detail_cells", KEY, key),
      drop("score_detail_cells", KEY, key),
      upsert("score_cells", COARSE, coarse),
      drop("score_cells", COARSE, coarse),
    ].join("\n");
  };
  await sql`create trigger survey_responses_scores_insert after insert on survey_responses
    begin ${sql.raw(add("new", 1))} end`.execute(db);
  await sql`create trigger survey_responses_scores_delete after delete on survey_responses
    begin ${sql.raw(add("old", -1))} end`.execute(db);
  const changed = SOURCE.map((c) => `old.${c} is not new.${c}`).join(" or ");
  await sql`create trigger survey_responses_scores_update after update of ${sql.raw(SOURCE.join(", "))}
    on survey_responses when ${sql.raw(changed)}
    begin ${sql.raw(add("new", 1))} ${sql.raw(add("old", -1))} end`.execute(db);
}

async function postgresTriggers(db: Kysely<unknown>): Promise<void> {
  const monthOf = (r: string) =>
    `coalesce((select case when m.ends > ${r}.answered_at then m.month end from zone_months m
       where m.starts <= ${r}.answered_at order by m.starts desc limit 1),
       to_char(${r}.answered_at at time zone 'UTC', 'YYYY-MM'))`;
  const signed = (rows: string, sign: 1 | -1, unless?: string) => {
    // An updated row whose cell columns did not change (a re-analysis) cancels out before any
    // month is looked up: only rows without an identical counterpart on the other side count.
    const same = SOURCE.map((c) => `u.${c} is not distinct from r.${c}`).join(" and ");
    const filter = unless
      ? ` where not exists (select 1 from ${unless} u where u.id = r.id and ${same})`
      : "";
    return `select ${keyOf("r", monthOf("r"))
      .map((v, i) => `${v} as ${KEY[i]}`)
      .join(", ")}, ${sign} as n from ${rows} r${filter}`;
  };
  const body = (rows: string) => `begin
      lock table score_cell_deltas in row exclusive mode;
      insert into score_cell_deltas (${KEY.join(", ")}, n)
        select ${KEY.join(", ")}, sum(n) from (${rows}) d
        group by ${KEY.join(", ")} having sum(n) <> 0;
      return null;
    end`;
  const ops = {
    insert: { rows: signed("new_rows", 1), referencing: "new table as new_rows" },
    delete: { rows: signed("old_rows", -1), referencing: "old table as old_rows" },
    update: {
      rows: `${signed("new_rows", 1, "old_rows")} union all ${signed("old_rows", -1, "new_rows")}`,
      referencing: "old table as old_rows new table as new_rows",
    },
  };
  for (const [op, { rows, referencing }] of Object.entries(ops)) {
    await sql`create function ${sql.raw(`score_cells_${op}`)}() returns trigger language plpgsql as $$
      ${sql.raw(body(rows))} $$`.execute(db);
    await sql`create trigger ${sql.raw(`survey_responses_scores_${op}`)} after ${sql.raw(op)} on survey_responses
      referencing ${sql.raw(referencing)} for each statement execute function ${sql.raw(`score_cells_${op}`)}()`.execute(
      db,
    );
  }
}
