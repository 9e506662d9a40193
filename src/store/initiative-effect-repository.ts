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

export interface PeriodAnswerCounts {
  /** Index of the period; per score 0–10, the answers mentioning a theme and the others. */
  period: number;
  treated: number[];
  comparison: number[];
}

export interface PeriodEncounterCounts {
  period: number;
  mentions: number;
  n: number;
}

export class InitiativeEffectRepository {
  constructor(private readonly db: Kysely<Database>) {}

  /** NPS score counts per period, split by whether the answer mentions one of `themeIds`. */
  async answerCounts(
    periods: readonly EffectPeriod[],
    themeIds: readonly string[],
  ): Promise<PeriodAnswerCounts[]> {
    const out = periods.map((_, period) => ({
      period,
      treated: new Array(11).fill(0) as number[],
      comparison: new Array(11).fill(0) as number[],
    }));
    if (periods.length === 0) return out;
    const treated = mentionsAny(["theme_codes", "enc_theme_codes"], themeIds);
    const rows = await sql<{
      period: number | string;
      treated: number | string;
      score: number;
      n: number | string;
    }>`
      select ${periodOf("answered_at", periods)} as effect_period,
             case when ${treated} then 1 else 0 end as effect_treated,
             score, count(*) as n
      from survey_responses
      where kind = 'nps' and ${inPeriods("answered_at", periods)}
      group by effect_period, effect_treated, score`.execute(this.db);
    for (const r of rows.rows as unknown as Record<string, number | string>[]) {
      const cell = out[Number(r.effect_period)];
      const score = Number(r.score);
      if (!cell || !(score >= 0 && score <= 10)) continue;
      const counts = Number(r.effect_treated) === 1 ? cell.treated : cell.comparison;
      counts[score] = (counts[score] as number) + Number(r.n);
    }
    return out;
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
