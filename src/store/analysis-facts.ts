import { type Kysely, type RawBuilder, sql } from "kysely";
import type { StoreDialect } from "./dialects/store-dialect.ts";

/** What reports need from one analysis, kept on the analysed record itself. */
export interface AnalysisFacts {
  /** Space-separated `themeId:polarity` with polarity −1, 0 or 1, e.g. "billing:-1 waiting:-1"; null when no theme. */
  themeCodes: string | null;
  /** −1..1: the text's tone, or for an encounter the mean tone of the customer's turns. */
  toneScore: number | null;
  /** The text's tone label, or for an encounter the label of its mean customer tone (encounterToneLabel). */
  toneLabel: string | null;
  /** An encounter's arc: recovered, deteriorated or steady; null for texts. */
  trajectory: string | null;
  /** Space-separated effort signals stated in the text (EFFORT_CODES), e.g. "transfer stated_wait"; null when none. */
  effortCodes: string | null;
  /**
   * The language ("sv", "other") of a text the analysis left unread (TextAnalysis.unread), or of an
   * encounter none of whose customer's turns it read (all its turns when the customer said nothing);
   * null when it read it.
   */
  unreadLang: string | null;
}

/** Effort signal ids as the facts columns and list filters name them (analysis/effort-signals.ts kinds). */
export const EFFORT_CODES = ["repeat_contact", "transfer", "explain_again", "stated_wait"] as const;

/**
 * An encounter has no tone of its own: its label is that of the customer's mean tone, neutral
 * within ±ENCOUNTER_NEUTRAL_BAND. 0.2 is where a single text's label stops being mostly neutral
 * on the tone model's P(positive) − P(negative) scale. Example: customer tones −0.6, 0.1 → −0.25 → negative.
 */
export const ENCOUNTER_NEUTRAL_BAND = 0.2;

export function encounterToneLabel(score: number): "negative" | "neutral" | "positive" {
  return score <= -ENCOUNTER_NEUTRAL_BAND
    ? "negative"
    : score >= ENCOUNTER_NEUTRAL_BAND
      ? "positive"
      : "neutral";
}

interface EffortLike {
  repeatContact?: boolean;
  transfer?: boolean;
  explainAgain?: boolean;
  statedWaitSeconds?: number | null;
}

function effortCodes(effort: EffortLike | undefined): string | null {
  if (!effort) return null;
  const codes = [
    effort.repeatContact ? "repeat_contact" : null,
    effort.transfer ? "transfer" : null,
    effort.explainAgain ? "explain_again" : null,
    effort.statedWaitSeconds !== null && effort.statedWaitSeconds !== undefined ? "stated_wait" : null,
  ].filter((c) => c !== null);
  return codes.length > 0 ? codes.join(" ") : null;
}

const POLARITY: Record<string, number> = { negative: -1, neutral: 0, positive: 1 };

interface ThemeLike {
  id: string;
  polarity: string;
}
interface ToneLike {
  label?: string;
  score: number;
}

/** The facts of one stored analysis result (the JSON the analyzer produced for an encounter or a text). */
export function analysisFacts(subjectKind: string, result: unknown): AnalysisFacts {
  const r = (result ?? {}) as {
    lang?: string;
    themes?: ThemeLike[];
    tone?: ToneLike;
    turns?: { speaker: string; tone: ToneLike; unread?: string; lang?: string }[];
    arc?: { trajectory?: string };
    effort?: EffortLike;
    unread?: string;
  };
  let unreadLang: string | null = r.unread ? (r.lang ?? "other") : null;
  const themes = (r.themes ?? []).map((t) => `${t.id}:${POLARITY[t.polarity] ?? 0}`);
  // A text in a language the analysis does not read has no tone to count (TextAnalysis.unread).
  let toneScore: number | null = r.unread ? null : (r.tone?.score ?? null);
  if (subjectKind === "encounter" && r.turns) {
    // The customer's turns, or every turn when the customer said nothing; of those, the ones read
    // (a customer who wrote only Swedish gets no tone, not the agent's).
    const said = r.turns.filter((t) => t.speaker === "customer");
    const pool = said.length > 0 ? said : r.turns;
    const turns = pool.filter((t) => !t.unread);
    toneScore = turns.length > 0 ? turns.reduce((s, t) => s + t.tone.score, 0) / turns.length : null;
    // Unread when the turns its tone would come from were all left unread for their language.
    const unread = pool.length > 0 && pool.every((t) => t.unread);
    unreadLang = unread ? (pool.find((t) => t.lang === "sv")?.lang ?? pool[0]?.lang ?? "other") : null;
  }
  const rounded = toneScore === null ? null : Math.round(toneScore * 1000) / 1000;
  const encounter = subjectKind === "encounter";
  return {
    themeCodes: themes.length > 0 ? themes.join(" ") : null,
    toneScore: rounded,
    toneLabel: encounter
      ? toneScore === null
        ? null
        : encounterToneLabel(toneScore)
      : toneScore === null
        ? null
        : (r.tone?.label ?? null),
    trajectory: encounter ? (r.arc?.trajectory ?? null) : null,
    effortCodes: effortCodes(r.effort),
    unreadLang: unreadLang === "sv" || unreadLang === null ? unreadLang : "other",
  };
}

/** Parses theme codes back into (theme, polarity) pairs. */
export function parseThemeCodes(codes: string | null | undefined): [string, number][] {
  if (!codes) return [];
  return codes.split(" ").map((code) => {
    const at = code.lastIndexOf(":");
    return [code.slice(0, at), Number(code.slice(at + 1))];
  });
}

const FACT_TABLE = { encounter: "encounters", response: "survey_responses" } as const;

/**
 * Writes the facts of freshly stored analyses onto their records, a few hundred per statement, with
 * the analyzer that wrote them (`analyzer_version`, migration 0033; a pulse answer keeps only that).
 * The answers' copies of encounter facts are refreshed by the caller, once per transaction.
 */
export async function writeAnalysisFacts(
  db: Kysely<unknown>,
  results: { subjectKind: string; subjectId: string; analyzerVersion: string; result: unknown }[],
): Promise<void> {
  for (const [kind, table] of Object.entries(FACT_TABLE)) {
    const rows = results.filter((r) => r.subjectKind === kind);
    for (let i = 0; i < rows.length; i += 300) {
      const values = rows.slice(i, i + 300).map((r) => {
        const f = analysisFacts(kind, r.result);
        const trajectory = kind === "encounter" ? [sql`, cast(${f.trajectory} as text)`] : [];
        return sql`(${r.subjectId}, ${f.themeCodes}, cast(${f.toneScore} as double precision),
          cast(${f.toneLabel} as text), cast(${f.effortCodes} as text), cast(${f.unreadLang} as text),
          cast(${r.analyzerVersion} as text)${sql.join(trajectory, sql``)})`;
      });
      const encounter = kind === "encounter";
      await sql`with v(id, codes, tone, label, effort, unread, version${encounter ? sql`, trajectory` : sql``}) as (values ${sql.join(values)})
        update ${sql.table(table)} set theme_codes = v.codes, tone_score = v.tone, tone_label = v.label,
          effort_codes = v.effort, unread_lang = v.unread, analyzer_version = v.version${encounter ? sql`, trajectory = v.trajectory` : sql``}
        from v where ${sql.ref(`${table}.id`)} = v.id`.execute(db);
    }
  }
  const pulse = results.filter((r) => r.subjectKind === "pulse");
  for (let i = 0; i < pulse.length; i += 300) {
    const values = pulse
      .slice(i, i + 300)
      .map((r) => sql`(${r.subjectId}, cast(${r.analyzerVersion} as text))`);
    await sql`with v(id, version) as (values ${sql.join(values)})
      update pulse_answers set analyzer_version = v.version from v where pulse_answers.id = v.id`.execute(db);
  }
}

/**
 * Copies the facts of each answer's encounter (themes, wait, transfers, resolved, repeat contact)
 * onto the answer, for the answers selected by `where`: a report over a million answers then
 * reads one table in order instead of looking each encounter up. Called whenever either side
 * changes, in the same transaction, so the copy is never stale.
 */
export async function refreshAnswerEncounterFacts(
  db: Kysely<unknown>,
  where:
    | { answerIds: readonly string[] }
    | { encounterIds: readonly string[] }
    | { customerIds: readonly string[] }
    | "all",
): Promise<void> {
  const update = (condition: RawBuilder<unknown> | null) =>
    sql`update survey_responses set
        (enc_theme_codes, enc_wait_seconds, enc_transfers, enc_resolved, enc_repeat_contact, enc_linked) =
        (select e.theme_codes, e.wait_seconds, e.transfers, e.resolved, e.repeat_contact, 1
           from encounters e where e.id = survey_responses.encounter_id)
      ${condition ? sql`where ${condition}` : sql``}`.execute(db);
  if (where === "all") {
    await update(null);
    return;
  }
  const [ids, condition] =
    "answerIds" in where
      ? [where.answerIds, (chunk: RawBuilder<unknown>) => sql`id in (${chunk})`]
      : "encounterIds" in where
        ? [where.encounterIds, (chunk: RawBuilder<unknown>) => sql`encounter_id in (${chunk})`]
        : [
            where.customerIds,
            (chunk: RawBuilder<unknown>) =>
              sql`encounter_id in (select id from encounters where customer_id in (${chunk}))`,
          ];
  for (let i = 0; i < ids.length; i += 500) {
    await update(condition(sql.join(ids.slice(i, i + 500))));
  }
}

/** Repeat contact: another encounter of the same customer started in the 7 days before. */
export const REPEAT_CONTACT_DAYS = 7;

/**
 * Recomputes the repeat-contact flag of every encounter of the given customers (all encounters
 * when null). Done per customer rather than per new encounter, because an import that brings an
 * older contact changes the flag of the customer's later ones too.
 */
export async function refreshRepeatContacts(
  db: Kysely<unknown>,
  dialect: StoreDialect,
  customerIds: readonly string[] | null,
): Promise<void> {
  const flag = sql`case when exists (
      select 1 from encounters p
      where p.customer_id = encounters.customer_id
        and p.started_at < encounters.started_at
        and p.started_at >= ${dialect.shiftDays("encounters.started_at", -REPEAT_CONTACT_DAYS)}
    ) then 1 else 0 end`;
  if (customerIds === null) {
    await sql`update encounters set repeat_contact = ${flag}`.execute(db);
    return;
  }
  for (let i = 0; i < customerIds.length; i += 500) {
    const chunk = customerIds.slice(i, i + 500);
    await sql`update encounters set repeat_contact = ${flag}
      where customer_id in (${sql.join(chunk)})`.execute(db);
  }
}
