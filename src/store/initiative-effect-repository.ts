import { type Kysely, type RawBuilder, sql } from "kysely";
import type { Database } from "./schema.ts";

/**
 * The counts an initiative's follow-through needs (workflows/initiative-effect.ts), aggregated in the
 * database: NPS answers per period, score and whether they mention one of the given themes, and
 * analysed encounters per period and the same. One range query each, through the (kind, answered_at)
 * and (started_at, id) indexes, instead of a scan of every answer per period: the answers around one
 * date are a small part of a large workspace.
 *
 * A record mentions a theme when its theme codes ("billing:-1 waiting:-1") hold `<id>:`; for answers,
 * in the comment's codes or the encounter's copy (enc_theme_codes), as in the themes report. The
 * match is LIKE with the id's own `%`, `_` and `\` escaped, written once for both databases.
 */

/** Periods by instants (ISO UTC, from included, to excluded); periods must not overlap. */
export interface EffectPeriod {
  from: string;
  to: string;
}

export interface AnswerGroup {
  /** Index of the period. */
  period: number;
  treated: boolean;
  team: string | null;
  customer: string | null;
  n: number;
  promoters: number;
  detractors: number;
}

export interface PeriodEncounterCounts {
  period: number;
  mentions: number;
  n: number;
}

export class InitiativeEffectRepository {
  constructor(private readonly db: Kysely<Database>) {}

  /**
   * NPS answers per period, whether they mention one of `themeIds`, team and customer: how many,
   * and how many promoters (9–10) and detractors (0–6). Per team, so that the effect can be measured
   * within teams; per customer, so that the interval can count a customer's answers as one cluster
   * (customer null holds the answers of no known customer).
   */
  async answerGroups(periods: readonly EffectPeriod[], themeIds: readonly string[]): Promise<AnswerGroup[]> {
    if (periods.length === 0) return [];
    const treated = mentionsAny(["theme_codes", "enc_theme_codes"], themeIds);
    const rows = await sql<Record<string, number | string | null>>`
      select ${periodOf("answered_at", periods)} as effect_period,
             case when ${treated} then 1 else 0 end as effect_treated,
             team_id,
             customer_id,
             count(*) as n,
             sum(case when score >= 9 then 1 else 0 end) as promoters,
             sum(case when score <= 6 then 1 else 0 end) as detractors
      from survey_responses
      where kind = 'nps' and ${inPeriods("answered_at", periods)}
      group by effect_period, effect_treated, team_id, customer_id`.execute(this.db);
    return rows.rows.map((r) => ({
      period: Number(r.effect_period),
      treated: Number(r.effect_treated) === 1,
      team: r.team_id === null || r.team_id === undefined ? null : String(r.team_id),
      customer: r.customer_id === null || r.customer_id === undefined ? null : String(r.customer_id),
      n: Number(r.n),
      promoters: Number(r.promoters ?? 0),
      detractors: Number(r.detractors ?? 0),
    }));
  }

  /** Analysed encounters (those with a tone, as in the themes report) per period, and those mentioning a theme. */
  async encounterCounts(
    periods: readonly EffectPeriod[],
    themeIds: readonly string[],
  ): Promise<PeriodEncounterCounts[]> {
    const out = periods.map((_, period) => ({ period, mentions: 0, n: 0 }));
    if (periods.length === 0) return out;
    const rows = await sql<Record<string, number | string>>`
      select ${periodOf("started_at", periods)} as effect_period,
             sum(case when ${mentionsAny(["theme_codes"], themeIds)} then 1 else 0 end) as mentions,
             count(*) as n
      from encounters
      where tone_score is not null and ${inPeriods("started_at", periods)}
      group by effect_period`.execute(this.db);
    for (const r of rows.rows) {
      const cell = out[Number(r.effect_period)];
      if (!cell) continue;
      cell.mentions = Number(r.mentions ?? 0);
      cell.n = Number(r.n);
    }
    return out;
  }
}

/** `(c >= from and c < to) or …` over the periods. */
function inPeriods(column: string, periods: readonly EffectPeriod[]): RawBuilder<boolean> {
  const parts = periods.map((p) => sql`(${sql.ref(column)} >= ${p.from} and ${sql.ref(column)} < ${p.to})`);
  return sql<boolean>`(${sql.join(parts, sql` or `)})`;
}

/** The index of the period the column's instant falls in (the where clause keeps only those in one). */
function periodOf(column: string, periods: readonly EffectPeriod[]): RawBuilder<number> {
  const whens = periods.map(
    (p, k) => sql`when ${sql.ref(column)} >= ${p.from} and ${sql.ref(column)} < ${p.to} then ${sql.lit(k)}`,
  );
  return sql<number>`case ${sql.join(whens, sql` `)} else -1 end`;
}

/** Whether any of the columns' theme codes names one of the themes. False for no themes. */
function mentionsAny(columns: readonly string[], themeIds: readonly string[]): RawBuilder<boolean> {
  if (themeIds.length === 0) return sql<boolean>`1 = 0`;
  const parts = columns.flatMap((c) =>
    themeIds.map(
      (id) => sql`(' ' || coalesce(${sql.ref(c)}, '')) like ${`% ${escapeLike(id)}:%`} escape '\\'`,
    ),
  );
  return sql<boolean>`(${sql.join(parts, sql` or `)})`;
}

function escapeLike(text: string): string {
  return text.replace(/[\\%_]/g, (c) => `\\${c}`);
}
