import { type Expression, type SqlBool, sql } from "kysely";
import { EFFORT_CODES } from "./analysis-facts.ts";
import { likePattern, type StoreDialect } from "./dialects/store-dialect.ts";
import type { ListFilter } from "./page-cursor.ts";

export const TONE_LABELS = ["negative", "neutral", "positive"] as const;
/** As analysis/encounter-arc.ts produces them. */
export const TRAJECTORIES = ["recovered", "deteriorated", "steady"] as const;
export const EFFORT_SIGNALS = EFFORT_CODES;
export const SCORE_BANDS = ["detractor", "passive", "promoter"] as const;

export type ToneLabel = (typeof TONE_LABELS)[number];
export type Trajectory = (typeof TRAJECTORIES)[number];
export type EffortSignalId = (typeof EFFORT_SIGNALS)[number];
export type ScoreBand = (typeof SCORE_BANDS)[number];
/** The values of the `unread` filter: a language the analysis left unread, or either. */
export const UNREAD_FILTERS = ["sv", "other", "any"] as const;
export type UnreadFilter = (typeof UNREAD_FILTERS)[number];

/** NPS bands (Reichheld 2003): 0–6 detractors, 7–8 passives, 9–10 promoters. */
export const SCORE_BAND_RANGE: Record<ScoreBand, [number, number]> = {
  detractor: [0, 6],
  passive: [7, 8],
  promoter: [9, 10],
};

/**
 * What a dashboard filters encounter and answer lists (and exports) by, on top of the common
 * ListFilter. Facts come from the latest analysis, kept on the record (analysis-facts.ts).
 */
export interface RecordFilter extends ListFilter {
  /** A theme id of the taxonomy; with `polarity`, only where the theme has that polarity. */
  theme?: string;
  /** Alone: any theme with this polarity. */
  polarity?: ToneLabel;
  tone?: ToneLabel;
  /** Encounters: their own arc; answers: the arc of their linked encounter. */
  trajectory?: Trajectory;
  effort?: EffortSignalId;
  /** NPS answers in the band; encounters with a linked NPS answer in it. */
  scoreBand?: ScoreBand;
  /** Records the analysis left unread for their language (unread_lang, migration 0032): one language or either. */
  unread?: UnreadFilter;
  /** Case-insensitive substring of the (redacted) turns of an encounter or an answer's comment. */
  text?: string;
  /** Survey kind (answers only). */
  kind?: string;
}

/** The unread filter on a table's unread_lang; `is not null` either way, the predicate of its partial index. */
function unreadCondition(column: string, unread: UnreadFilter | undefined): Expression<SqlBool> | null {
  if (!unread) return null;
  if (unread === "any") return sql<SqlBool>`${sql.ref(column)} is not null`;
  return sql<SqlBool>`(${sql.ref(column)} is not null and ${sql.ref(column)} = ${unread})`;
}

const POLARITY_CODE: Record<ToneLabel, number> = { negative: -1, neutral: 0, positive: 1 };

/** Whether a space-separated code column ("billing:-1 waiting:0") holds a code matching `fragment`. */
function codeMatches(column: string, fragment: string): Expression<SqlBool> {
  return sql<SqlBool>`(' ' || ${sql.ref(column)} || ' ') like ${likePattern(fragment)} escape '\\'`;
}

/**
 * A theme (and polarity) filter. It names `theme_codes is not null` though the match implies it: that is
 * the predicate of the partial (time, id) indexes of migration 0026, and SQLite uses a partial index
 * only when the query states its predicate. A page then walks only rows with themes, newest first,
 * instead of stepping over every unanalysed or theme-less row before the first match.
 */
function themeCondition(column: string, filter: RecordFilter): Expression<SqlBool> | null {
  const polarity = filter.polarity === undefined ? undefined : POLARITY_CODE[filter.polarity];
  const fragment = filter.theme
    ? polarity === undefined
      ? ` ${filter.theme}:`
      : ` ${filter.theme}:${polarity} `
    : polarity === undefined
      ? null
      : `:${polarity} `;
  if (fragment === null) return null;
  return sql<SqlBool>`(${sql.ref(column)} is not null and ${codeMatches(column, fragment)})`;
}

/**
 * The analysis-fact conditions of a filter on encounters (the query's table must be `encounters`,
 * unaliased). Written once for both databases; only the text search asks the dialect.
 */
export function encounterConditions(filter: RecordFilter, dialect: StoreDialect): Expression<SqlBool>[] {
  const out: (Expression<SqlBool> | null)[] = [
    themeCondition("encounters.theme_codes", filter),
    filter.tone ? sql<SqlBool>`${sql.ref("encounters.tone_label")} = ${filter.tone}` : null,
    unreadCondition("encounters.unread_lang", filter.unread),
    filter.trajectory ? sql<SqlBool>`${sql.ref("encounters.trajectory")} = ${filter.trajectory}` : null,
    filter.effort ? codeMatches("encounters.effort_codes", ` ${filter.effort} `) : null,
    filter.scoreBand
      ? sql<SqlBool>`exists (select 1 from survey_responses r where r.encounter_id = ${sql.ref("encounters.id")}
          and r.kind = 'nps' and r.score between ${SCORE_BAND_RANGE[filter.scoreBand][0]} and ${SCORE_BAND_RANGE[filter.scoreBand][1]})`
      : null,
    filter.text
      ? sql<SqlBool>`exists (select 1 from turns t where t.encounter_id = ${sql.ref("encounters.id")}
          and ${dialect.containsText("t.text", filter.text)})`
      : null,
  ];
  return out.filter((c) => c !== null);
}

/** The same for survey answers (table `survey_responses`, unaliased). */
export function responseConditions(filter: RecordFilter, dialect: StoreDialect): Expression<SqlBool>[] {
  const band = filter.scoreBand ? SCORE_BAND_RANGE[filter.scoreBand] : null;
  const out: (Expression<SqlBool> | null)[] = [
    themeCondition("survey_responses.theme_codes", filter),
    filter.tone ? sql<SqlBool>`${sql.ref("survey_responses.tone_label")} = ${filter.tone}` : null,
    unreadCondition("survey_responses.unread_lang", filter.unread),
    filter.trajectory
      ? sql<SqlBool>`exists (select 1 from encounters e where e.id = ${sql.ref("survey_responses.encounter_id")}
          and e.trajectory = ${filter.trajectory})`
      : null,
    filter.effort ? codeMatches("survey_responses.effort_codes", ` ${filter.effort} `) : null,
    band
      ? sql<SqlBool>`(${sql.ref("survey_responses.kind")} = 'nps' and ${sql.ref("survey_responses.score")} between ${band[0]} and ${band[1]})`
      : null,
    filter.text ? dialect.containsText("survey_responses.comment", filter.text) : null,
  ];
  return out.filter((c) => c !== null);
}

/** The analysis facts a list shows next to each record (the columns its filters read). */
export interface ListFacts {
  tone_label: string | null;
  tone_score: number | null;
  /** Space-separated `themeId:polarity` (analysis-facts.ts). */
  theme_codes: string | null;
  /** Encounters only. */
  trajectory: string | null;
  effort_codes: string | null;
  /** "sv" or "other" when the analysis left the record unread for its language (migration 0032). */
  unread_lang: string | null;
}

export function listFacts(row: {
  tone_label: string | null;
  tone_score: number | null;
  theme_codes: string | null;
  trajectory?: string | null;
  effort_codes: string | null;
  unread_lang?: string | null;
}): ListFacts {
  return {
    tone_label: row.tone_label,
    tone_score: row.tone_score,
    theme_codes: row.theme_codes,
    trajectory: row.trajectory ?? null,
    effort_codes: row.effort_codes,
    unread_lang: row.unread_lang ?? null,
  };
}
