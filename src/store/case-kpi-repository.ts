import { type Kysely, sql } from "kysely";
import { nameMatches } from "./name-filter.ts";
import type { ListFilter } from "./page-cursor.ts";
import type { Database } from "./schema.ts";

/** What the case KPIs (workflows/case-kpis.ts) read of one case. */
export interface CaseKpiRow {
  id: string;
  rule: string;
  source_kind: string;
  team: string | null;
  customer_id: string | null;
  status: string;
  /** The source record's time (answered, or the encounter's end, else its start): the case's period. */
  record_at: string;
  due_at: string;
  contacted_at: string | null;
  closed_at: string | null;
}

/** One NPS answer of a customer, for "their next answer" after a detractor case. */
export interface CustomerAnswer {
  customer_id: string;
  id: string;
  answered_at: string;
  score: number;
}

const CHUNK = 500;

/**
 * Reads for the closed-loop KPIs. The cases table is small next to the answers, so the cases of a
 * team and period are loaded whole and the KPIs computed in the workflow; only the period (on the
 * source record's time, joined once) and the team names are filtered here.
 */
export class CaseKpiRepository {
  constructor(private readonly db: Kysely<Database>) {}

  async rows(filter: ListFilter): Promise<CaseKpiRow[]> {
    const recordAt = sql<string>`coalesce(r.answered_at, e.ended_at, e.started_at, cases.created_at)`;
    let q = this.db
      .selectFrom("cases")
      .leftJoin("survey_responses as r", (j) =>
        j.onRef("r.id", "=", "cases.source_id").on("cases.source_kind", "=", "response"),
      )
      .leftJoin("encounters as e", (j) =>
        j.onRef("e.id", "=", "cases.source_id").on("cases.source_kind", "=", "encounter"),
      )
      .select([
        "cases.id",
        "cases.rule_id as rule",
        "cases.source_kind",
        "cases.team",
        "cases.customer_id",
        "cases.status",
        "cases.due_at",
        "cases.contacted_at",
        "cases.closed_at",
      ])
      .select(recordAt.as("record_at"))
      .orderBy("cases.id");
    if (filter.from) q = q.where(recordAt, ">=", filter.from);
    if (filter.to) q = q.where(recordAt, "<", filter.to);
    if (filter.team) q = q.where(nameMatches("cases.team", "team", [filter.team]));
    if (filter.teamIn) q = q.where(nameMatches("cases.team", "team", filter.teamIn));
    return q.execute();
  }

  /** Every NPS answer of these customers (any team, any time), oldest first per customer. */
  async npsAnswersOf(customerIds: readonly string[]): Promise<CustomerAnswer[]> {
    const ids = [...new Set(customerIds)];
    const out: CustomerAnswer[] = [];
    for (let i = 0; i < ids.length; i += CHUNK) {
      const rows = await this.db
        .selectFrom("survey_responses")
        .select(["customer_id", "id", "answered_at", "score"])
        .where("kind", "=", "nps")
        .where("customer_id", "in", ids.slice(i, i + CHUNK))
        .orderBy("customer_id")
        .orderBy("answered_at")
        .orderBy("id")
        .execute();
      for (const r of rows) if (r.customer_id) out.push({ ...r, customer_id: r.customer_id });
    }
    return out;
  }
}
