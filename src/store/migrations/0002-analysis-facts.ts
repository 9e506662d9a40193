import { type Kysely, type Migration, sql } from "kysely";
import type { StoreDialect } from "../dialects/store-dialect.ts";

// Why: reports over a million answers cannot parse analysis JSON or run a per-row subquery. The
// facts they need from the latest analysis (theme codes, tone) and the repeat-contact flag are
// kept on the record itself, written in the same transaction as the analysis.
//
// Frozen: the backfill below is a snapshot of store/analysis-facts.ts (analysisFacts,
// refreshRepeatContacts) and of the dialects' shiftDays as they were when this migration landed.
// A migration that databases have already run must not change when that live code changes, so it
// imports nothing but kysely and the dialect's type (test: migration-imports.test.ts).
export function analysisFactsSchema(dialect: StoreDialect): Migration {
  const { real } = dialect.types;
  return {
    async up(db: Kysely<unknown>) {
      for (const table of ["encounters", "survey_responses"]) {
        await db.schema.alterTable(table).addColumn("theme_codes", "text").execute();
        await db.schema
          .alterTable(table)
          .addColumn("tone_score", real as "real")
          .execute();
      }
      await db.schema.alterTable("encounters").addColumn("repeat_contact", "integer").execute();
      await db.schema
        .createIndex("encounters_customer_time_idx")
        .on("encounters")
        .columns(["customer_id", "started_at"])
        .execute();
      // Backfill from analyses already stored: the newest per subject wins.
      const rows = await sql<{ subject_kind: string; subject_id: string; result: string }>`
        select subject_kind, subject_id, result from analysis_results
        where subject_kind in ('encounter', 'response') order by created_at`.execute(db);
      for (const row of rows.rows) {
        const facts = analysisFacts(row.subject_kind, JSON.parse(row.result));
        const table = row.subject_kind === "encounter" ? "encounters" : "survey_responses";
        await sql`update ${sql.table(table)} set theme_codes = ${facts.themeCodes}, tone_score = ${facts.toneScore}
          where id = ${row.subject_id}`.execute(db);
      }
      // Repeat contact: another encounter of the same customer started in the 7 days before.
      const weekBefore =
        dialect.name === "postgres"
          ? sql`(${sql.ref("encounters.started_at")} + make_interval(days => ${sql.lit(-7)}))`
          : sql`strftime('%Y-%m-%dT%H:%M:%fZ', ${sql.ref("encounters.started_at")}, ${sql.lit("-7 days")})`;
      await sql`update encounters set repeat_contact = case when exists (
          select 1 from encounters p
          where p.customer_id = encounters.customer_id
            and p.started_at < encounters.started_at
            and p.started_at >= ${weekBefore}
        ) then 1 else 0 end`.execute(db);
    },
    async down(db: Kysely<unknown>) {
      await db.schema.dropIndex("encounters_customer_time_idx").execute();
      await db.schema.alterTable("encounters").dropColumn("repeat_contact").execute();
      for (const table of ["encounters", "survey_responses"]) {
        await db.schema.alterTable(table).dropColumn("tone_score").execute();
        await db.schema.alterTable(table).dropColumn("theme_codes").execute();
      }
    },
  };
}

const POLARITY: Record<string, number> = { negative: -1, neutral: 0, positive: 1 };

/** Snapshot of analysisFacts(): theme codes `id:polarity` and the tone of one stored analysis. */
function analysisFacts(
  subjectKind: string,
  result: unknown,
): { themeCodes: string | null; toneScore: number | null } {
  const r = (result ?? {}) as {
    themes?: { id: string; polarity: string }[];
    tone?: { score: number };
    turns?: { speaker: string; tone: { score: number } }[];
  };
  const themes = (r.themes ?? []).map((t) => `${t.id}:${POLARITY[t.polarity] ?? 0}`);
  let toneScore: number | null = r.tone?.score ?? null;
  if (subjectKind === "encounter" && r.turns) {
    const customer = r.turns.filter((t) => t.speaker === "customer");
    const turns = customer.length > 0 ? customer : r.turns;
    toneScore = turns.length > 0 ? turns.reduce((s, t) => s + t.tone.score, 0) / turns.length : null;
  }
  return {
    themeCodes: themes.length > 0 ? themes.join(" ") : null,
    toneScore: toneScore === null ? null : Math.round(toneScore * 1000) / 1000,
  };
}
