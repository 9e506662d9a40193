import { type Kysely, type Selectable, sql } from "kysely";
import type {
  PulseAnswer,
  ScoreGrouping,
  SurveyInvitation,
  SurveyKind,
  SurveyResponse,
} from "../domain/index.ts";
import type { StoreDialect } from "./dialects/store-dialect.ts";
import { FlatRecordRepository } from "./flat-record-repository.ts";
import { INVITATION_NAMES, whereNames } from "./name-filter.ts";
import type { ListFilter } from "./page-cursor.ts";
import { type ListFacts, listFacts, responseConditions } from "./record-filter.ts";
import type { Database, SurveyResponseTable } from "./schema.ts";
import { contentHash } from "./upsert-batch.ts";

/** A survey answer as the API and exports show it: the import format's field names. */
export interface ResponseView {
  id: string;
  kind: string;
  score: number;
  comment: string | null;
  answered_at: string;
  channel: string | null;
  touchpoint: string | null;
  team: string | null;
  agent: string | null;
  customer_id: string | null;
  encounter_id: string | null;
  /** In lists only: the comment's analysis facts. */
  facts?: ListFacts;
}

export interface InvitationView {
  id: string;
  sent_at: string;
  channel: string;
  kind: string | null;
  customer_id: string | null;
  encounter_id: string | null;
}

export interface PulseView {
  id: string;
  team: string;
  period: string;
  score: number;
  comment: string | null;
}

/**
 * An answer's stored columns but its content hash and update time: what toRow writes, and what the
 * case opener reads of the answers an import just stored (case-opener.ts) instead of reading them back.
 */
export function responseColumns(r: SurveyResponse) {
  return {
    id: r.id,
    kind: r.kind,
    score: r.score,
    comment: r.comment ?? null,
    answered_at: r.answeredAt,
    channel: r.channel ?? null,
    touchpoint: r.touchpoint ?? null,
    team_id: r.team ?? null,
    agent_id: r.agent ?? null,
    customer_id: r.customerId ?? null,
    encounter_id: r.encounterId ?? null,
  };
}

function responseView(r: Selectable<SurveyResponseTable>): ResponseView {
  return {
    id: r.id,
    kind: r.kind,
    score: r.score,
    comment: r.comment,
    answered_at: r.answered_at,
    channel: r.channel,
    touchpoint: r.touchpoint,
    team: r.team_id,
    agent: r.agent_id,
    customer_id: r.customer_id,
    encounter_id: r.encounter_id,
  };
}

/** Score distribution of one group: enough for NPS, CSAT and CES estimates without loading rows. */
export interface ScoreCounts {
  group: string | null;
  n: number;
  counts: number[];
}

export type { ScoreGrouping };

export class ResponseRepository extends FlatRecordRepository<
  "survey_responses",
  SurveyResponse,
  ResponseView
> {
  constructor(
    db: Kysely<Database>,
    private readonly dialect: StoreDialect,
  ) {
    super(db, {
      table: "survey_responses",
      timeColumn: "answered_at",
      filterColumns: {
        team: "team_id",
        agent: "agent_id",
        channel: "channel",
        touchpoint: "touchpoint",
        customerId: "customer_id",
        kind: "kind",
      },
      conditions: (filter) => responseConditions(filter, dialect),
      toRow: (r, now) => ({ ...responseColumns(r), content_hash: contentHash(r), updated_at: now }),
      toView: responseView,
      toListItem: (r) => ({ ...responseView(r), facts: listFacts(r) }),
    });
  }

  /**
   * Counts of each score value of one survey kind, optionally per group. Aggregated in the
   * database so a report over millions of answers moves a few hundred numbers, not the rows.
   */
  async scoreCounts(kind: SurveyKind, filter: ListFilter, by?: ScoreGrouping): Promise<ScoreCounts[]> {
    const groupExpr = by ? this.groupExpression(by) : sql<string | null>`null`;
    let q = this.db
      .selectFrom("survey_responses")
      .select([groupExpr.as("grp"), "score", (eb) => eb.fn.countAll<number>().as("n")])
      .where("kind", "=", kind);
    if (filter.from) q = q.where("answered_at", ">=", filter.from);
    if (filter.to) q = q.where("answered_at", "<", filter.to);
    q = whereNames(q, filter, { team: "team_id", agent: "agent_id", channel: "channel" });
    return groupCounts(await q.groupBy(["grp", "score"]).execute());
  }

  private groupExpression(by: ScoreGrouping) {
    switch (by) {
      case "month":
        return this.dialect.monthOf("answered_at");
      case "team":
        return sql<string | null>`${sql.ref("team_id")}`;
      case "agent":
        return sql<string | null>`${sql.ref("agent_id")}`;
      case "channel":
        return sql<string | null>`${sql.ref("channel")}`;
      case "touchpoint":
        return sql<string | null>`${sql.ref("touchpoint")}`;
      case "segment":
        // The answering customer's segment; a correlated lookup keeps the query one statement for both databases.
        return sql<
          string | null
        >`(select c.segment from customers c where c.id = ${sql.ref("survey_responses.customer_id")})`;
    }
  }
}

/** (group, score, count) rows → one score distribution per group, sorted by group. */
export function groupCounts(
  rows: { grp: string | null; score: number; n: number | string }[],
): ScoreCounts[] {
  const groups = new Map<string | null, ScoreCounts>();
  for (const row of rows) {
    const key = row.grp ?? null;
    const g = groups.get(key) ?? { group: key, n: 0, counts: new Array(11).fill(0) };
    const n = Number(row.n);
    g.counts[row.score] = (g.counts[row.score] ?? 0) + n;
    g.n += n;
    groups.set(key, g);
  }
  return [...groups.values()].sort((a, b) => String(a.group).localeCompare(String(b.group)));
}

export class InvitationRepository extends FlatRecordRepository<
  "survey_invitations",
  SurveyInvitation,
  InvitationView
> {
  /**
   * Invitations and how many of them were answered, per group. An invitation counts as answered
   * when a survey answer refers to the same encounter (answers carry the encounter, not the
   * invitation); invitations without an encounter cannot be matched and count as unanswered.
   * An invitation's team and agent are its encounter's: a team filter, and a manager's scope to
   * their teams, count the invitations of those teams' encounters (one without an encounter has no
   * team, so a scoped reader never sees it).
   */
  async responseCounts(
    filter: ListFilter,
    by?: "channel" | "month" | "segment",
  ): Promise<{ group: string | null; invited: number; answered: number }[]> {
    const grp =
      by === "channel"
        ? sql<string | null>`${sql.ref("i.channel")}`
        : by === "month"
          ? this.monthOf("i.sent_at")
          : by === "segment"
            ? sql<string | null>`(select c.segment from customers c where c.id = ${sql.ref("i.customer_id")})`
            : sql<string | null>`null`;
    let q = this.db
      .selectFrom("survey_invitations as i")
      .leftJoin("encounters as e", "e.id", "i.encounter_id")
      .select((eb) => [
        grp.as("grp"),
        eb.fn.countAll<number>().as("invited"),
        eb.fn
          .sum<number>(
            eb
              .case()
              .when(
                eb.exists(
                  eb
                    .selectFrom("survey_responses as r")
                    .select("r.id")
                    .whereRef("r.encounter_id", "=", "i.encounter_id"),
                ),
              )
              .then(1)
              .else(0)
              .end(),
          )
          .as("answered"),
      ]);
    if (filter.from) q = q.where("i.sent_at", ">=", filter.from);
    if (filter.to) q = q.where("i.sent_at", "<", filter.to);
    q = whereNames(q, filter, INVITATION_NAMES);
    const rows = await q.groupBy("grp").execute();
    return rows
      .map((r) => ({ group: r.grp ?? null, invited: Number(r.invited), answered: Number(r.answered ?? 0) }))
      .sort((a, b) => String(a.group).localeCompare(String(b.group)));
  }

  private monthOf(column: string) {
    return this.dialect.monthOf(column);
  }

  constructor(
    db: Kysely<Database>,
    private readonly dialect: StoreDialect,
  ) {
    super(db, {
      table: "survey_invitations",
      timeColumn: "sent_at",
      filterColumns: { channel: "channel", customerId: "customer_id", kind: "kind" },
      toRow: (r, now) => ({
        id: r.id,
        sent_at: r.sentAt,
        channel: r.channel,
        kind: r.kind ?? null,
        customer_id: r.customerId ?? null,
        encounter_id: r.encounterId ?? null,
        content_hash: contentHash(r),
        updated_at: now,
      }),
      toView: (r) => ({
        id: r.id,
        sent_at: r.sent_at,
        channel: r.channel,
        kind: r.kind,
        customer_id: r.customer_id,
        encounter_id: r.encounter_id,
      }),
    });
  }
}

export class PulseRepository extends FlatRecordRepository<"pulse_answers", PulseAnswer, PulseView> {
  /** Counts of each 0–10 score, optionally per team or month (for eNPS). `from`/`to` compare months. */
  async scoreCounts(filter: ListFilter, by?: "team" | "month"): Promise<ScoreCounts[]> {
    let q = this.db
      .selectFrom("pulse_answers")
      .select([
        (by === "team"
          ? sql<string | null>`${sql.ref("team_id")}`
          : by === "month"
            ? sql<string | null>`${sql.ref("period")}`
            : sql<string | null>`null`
        ).as("grp"),
        "score",
        (eb) => eb.fn.countAll<number>().as("n"),
      ]);
    if (filter.from) q = q.where("period", ">=", filter.from.slice(0, 7));
    if (filter.to) q = q.where("period", "<", filter.to.slice(0, 7));
    q = whereNames(q, filter, { team: "team_id" });
    return groupCounts(await q.groupBy(["grp", "score"]).execute());
  }

  constructor(db: Kysely<Database>) {
    super(db, {
      table: "pulse_answers",
      timeColumn: "period",
      filterColumns: { team: "team_id" },
      toRow: (r, now) => ({
        id: r.id,
        team_id: r.team,
        period: r.period,
        score: r.score,
        comment: r.comment ?? null,
        content_hash: contentHash(r),
        updated_at: now,
      }),
      toView: (r) => ({ id: r.id, team: r.team_id, period: r.period, score: r.score, comment: r.comment }),
    });
  }
}
