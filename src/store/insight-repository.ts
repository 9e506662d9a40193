import { type Expression, type Kysely, type SqlBool, sql } from "kysely";
import type { StoreDialect } from "./dialects/store-dialect.ts";
import { INVITATION_NAMES, whereNames } from "./name-filter.ts";
import type { ListFilter } from "./page-cursor.ts";
import type { Database } from "./schema.ts";

/**
 * One NPS answer with what may explain it, as the array scanNpsAnswers hands out (arrays, not
 * objects, because a report reads a million of them): the answer's own comment themes, and the
 * facts of the encounter it rates. NPS_ANSWER_COLUMNS names the positions.
 */
export type NpsAnswerRow = unknown[];

export const NPS_ANSWER_COLUMNS = {
  score: 0,
  month: 1,
  team: 2,
  channel: 3,
  commentThemes: 4,
  encounterThemes: 5,
  waitSeconds: 6,
  transfers: 7,
  resolved: 8,
  repeatContact: 9,
  /** 1 when the answer links to a stored encounter, else null. */
  encounterLinked: 10,
  id: 11,
  /** The cube's agent cells (migration 0025) are built from the same scan. */
  agent: 12,
} as const;

/** Rows of a (group, score) → count aggregate, two grouping levels deep. */
export interface PairedScoreCounts {
  key: string | null;
  month: string;
  counts: number[];
}

/** Mean and spread of the analysed tone of a group of encounters. */
export interface ToneMoments {
  n: number;
  sum: number;
  sumSquares: number;
}

/**
 * Read-only aggregate queries behind the insight reports (themes, drivers, EX–CX link,
 * non-response, consistency). Each returns aggregates or streams rows; none loads a table.
 */
export class InsightRepository {
  constructor(
    private readonly db: Kysely<Database>,
    private readonly dialect: StoreDialect,
  ) {}

  /** Streams every NPS answer in the filter with its encounter's operational facts. Returns the count. */
  scanNpsAnswers(filter: ListFilter, onRow: (row: NpsAnswerRow) => void): Promise<number> {
    // The encounter's facts are read from the answer's own copy (enc_*), kept in step on every
    // write: no per-answer lookup of the encounter (see migration 0003).
    let q = this.db
      .selectFrom("survey_responses as r")
      .select([
        "r.score",
        this.dialect.monthOf("r.answered_at").as("month"),
        "r.team_id",
        "r.channel",
        "r.theme_codes",
        "r.enc_theme_codes",
        "r.enc_wait_seconds",
        "r.enc_transfers",
        "r.enc_resolved",
        "r.enc_repeat_contact",
        "r.enc_linked",
        "r.id",
        "r.agent_id",
      ])
      // `kind || ''` keeps SQLite from walking the (kind, answered_at) index and then fetching every
      // row at random: for a scan of most answers, reading the table in order is 3× faster.
      .where(sql<string>`${sql.ref("r.kind")} || ''`, "=", "nps");
    if (filter.from) q = q.where("r.answered_at", ">=", filter.from);
    if (filter.to) q = q.where("r.answered_at", "<", filter.to);
    q = whereNames(q, filter, { team: "r.team_id", agent: "r.agent_id", channel: "r.channel" });
    return this.dialect.scanRows(q.compile(), onRow);
  }

  /**
   * Analysed encounters per month and theme-code combination: theme volume. Counted while
   * streaming rather than with GROUP BY, which would sort every encounter first. Encounters not
   * analysed yet (no tone) are left out, so they do not dilute theme shares.
   */
  async encounterThemeMonths(
    filter: ListFilter,
  ): Promise<{ month: string; themeCodes: string | null; n: number }[]> {
    let q = this.db
      .selectFrom("encounters")
      .select([this.dialect.monthOf("started_at").as("month"), "theme_codes"])
      .where("tone_score", "is not", null);
    q = this.filtered(q, filter, "started_at");
    const counts = new Map<string, { month: string; themeCodes: string | null; n: number }>();
    await this.dialect.scanRows(q.compile(), (row) => {
      const key = `${row[0]}|${row[1] ?? ""}`;
      const seen = counts.get(key);
      if (seen) seen.n++;
      else counts.set(key, { month: row[0] as string, themeCodes: (row[1] as string | null) ?? null, n: 1 });
    });
    return [...counts.values()];
  }

  /** Streams the analysed encounters in the filter as [team, channel, theme codes, agent]. */
  scanAnalysedEncounters(filter: ListFilter, onRow: (row: unknown[]) => void): Promise<number> {
    let q = this.db
      .selectFrom("encounters")
      .select(["team_id", "channel", "theme_codes", "agent_id"])
      .where("tone_score", "is not", null);
    q = this.filtered(q, filter, "started_at");
    return this.dialect.scanRows(q.compile(), onRow);
  }

  /** NPS score counts per team (or channel) and month: the customer side of the EX–CX link. */
  async npsByMonth(by: "team" | "channel", filter: ListFilter): Promise<PairedScoreCounts[]> {
    const month = this.dialect.monthOf("answered_at");
    const key = sql<string | null>`${sql.ref(by === "team" ? "team_id" : "channel")}`;
    let q = this.db
      .selectFrom("survey_responses")
      .select([key.as("grp"), month.as("month"), "score", (eb) => eb.fn.countAll<number>().as("n")])
      .where("kind", "=", "nps");
    q = this.filtered(q, filter, "answered_at");
    const rows = await q.groupBy(["grp", "month", "score"]).execute();
    return pairCounts(rows.map((r) => ({ key: r.grp, month: r.month, score: r.score, n: Number(r.n) })));
  }

  /** Pulse (eNPS) score counts per team and month. */
  async pulseByTeamMonth(filter: ListFilter): Promise<PairedScoreCounts[]> {
    let q = this.db
      .selectFrom("pulse_answers")
      .select(["team_id", "period", "score", (eb) => eb.fn.countAll<number>().as("n")]);
    if (filter.from) q = q.where("period", ">=", filter.from.slice(0, 7));
    if (filter.to) q = q.where("period", "<", filter.to.slice(0, 7));
    q = whereNames(q, filter, { team: "team_id" });
    const rows = await q.groupBy(["team_id", "period", "score"]).execute();
    return pairCounts(rows.map((r) => ({ key: r.team_id, month: r.period, score: r.score, n: Number(r.n) })));
  }

  /**
   * Analysed customer tone of encounters per group and month, with how many of them were
   * human-assisted (any channel but the bot and self-service), for the high/low-touch split.
   */
  async encounterToneBy(
    by: "team" | "channel",
    filter: ListFilter,
  ): Promise<(ToneMoments & { key: string | null; month: string; encounters: number; assisted: number })[]> {
    const key = by === "team" ? sql.ref("team_id") : sql.ref("channel");
    let q = this.db.selectFrom("encounters").select((eb) => [
      sql<string | null>`${key}`.as("grp"),
      this.dialect.monthOf("started_at").as("month"),
      eb.fn.countAll<number>().as("encounters"),
      eb.fn.count<number>("tone_score").as("n"),
      eb.fn.sum<number>("tone_score").as("sum"),
      eb.fn.sum<number>(sql`tone_score * tone_score`).as("sum_squares"),
      eb.fn
        .sum<number>(
          eb
            .case()
            .when(eb("channel", "in", ["bot", "self_service"]))
            .then(0)
            .else(1)
            .end(),
        )
        .as("assisted"),
    ]);
    q = this.filtered(q, filter, "started_at");
    const rows = await q.groupBy(["grp", "month"]).execute();
    return rows.map((r) => ({
      key: r.grp,
      month: r.month,
      encounters: Number(r.encounters),
      assisted: Number(r.assisted ?? 0),
      n: Number(r.n),
      sum: Number(r.sum ?? 0),
      sumSquares: Number(r.sum_squares ?? 0),
    }));
  }

  /**
   * Analysed tone of invited encounters, split by whether the customer answered the survey, per
   * channel: the data for a non-response bias estimate.
   */
  async invitedTone(
    filter: ListFilter,
  ): Promise<(ToneMoments & { channel: string; answered: boolean; invited: number })[]> {
    let q = this.db
      .selectFrom("survey_invitations as i")
      .innerJoin("encounters as e", "e.id", "i.encounter_id")
      .select((eb) => {
        const answered = eb.exists(
          eb
            .selectFrom("survey_responses as r")
            .select("r.id")
            .whereRef("r.encounter_id", "=", "i.encounter_id"),
        );
        return [
          "i.channel",
          eb.case().when(answered).then(1).else(0).end().as("answered"),
          eb.fn.countAll<number>().as("invited"),
          eb.fn.count<number>("e.tone_score").as("n"),
          eb.fn.sum<number>("e.tone_score").as("sum"),
          eb.fn.sum<number>(sql`e.tone_score * e.tone_score`).as("sum_squares"),
        ];
      });
    if (filter.from) q = q.where("i.sent_at", ">=", filter.from);
    if (filter.to) q = q.where("i.sent_at", "<", filter.to);
    q = whereNames(q, filter, INVITATION_NAMES);
    const rows = await q.groupBy(["i.channel", "answered"]).execute();
    return rows.map((r) => ({
      channel: r.channel,
      answered: Number(r.answered) === 1,
      invited: Number(r.invited),
      n: Number(r.n),
      sum: Number(r.sum ?? 0),
      sumSquares: Number(r.sum_squares ?? 0),
    }));
  }

  // biome-ignore lint/suspicious/noExplicitAny: the helper applies the same filters to several query shapes.
  private filtered<Q extends { where: (...args: any[]) => Q }>(
    q: Q,
    filter: ListFilter,
    timeColumn: string,
  ): Q {
    const col = (c: string) => sql.ref(c) as unknown as Expression<unknown>;
    const cond = (c: string, op: string, v: string) =>
      sql<SqlBool>`${col(c)} ${sql.raw(op)} ${v}` as unknown as Expression<SqlBool>;
    let out = q;
    if (filter.from) out = out.where(cond(timeColumn, ">=", filter.from));
    if (filter.to) out = out.where(cond(timeColumn, "<", filter.to));
    return whereNames(out, filter, { team: "team_id", agent: "agent_id", channel: "channel" });
  }
}

function pairCounts(
  rows: { key: string | null; month: string; score: number; n: number }[],
): PairedScoreCounts[] {
  const out = new Map<string, PairedScoreCounts>();
  for (const r of rows) {
    const id = `${r.key}\u0000${r.month}`;
    const g = out.get(id) ?? { key: r.key, month: r.month, counts: new Array(11).fill(0) };
    g.counts[r.score] = (g.counts[r.score] ?? 0) + r.n;
    out.set(id, g);
  }
  return [...out.values()].sort((a, b) => `${a.key}${a.month}`.localeCompare(`${b.key}${b.month}`));
}
