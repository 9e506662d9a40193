import { type Kysely, type Migration, sql } from "kysely";

// Why: the dashboard's record lists filter by tone label, an encounter's trajectory and the effort
// signals stated in the text. These live only in the analysis JSON, which neither database can
// filter on with one query written for both; so, like theme codes and tone (0002), the latest
// analysis leaves them on the record. No index: lists walk the (time, id) index newest first and
// stop at a page; these filters only narrow what that walk keeps.
//
// Frozen: the backfill is a snapshot of analysisFacts() in store/analysis-facts.ts as it was when
// this migration landed; a migration databases have run must not change with live code
// (test: migration-imports.test.ts).
const COLUMNS: [table: string, column: string][] = [
  ["encounters", "tone_label"],
  ["encounters", "trajectory"],
  ["encounters", "effort_codes"],
  ["survey_responses", "tone_label"],
  ["survey_responses", "effort_codes"],
];

export function recordFilterFactsSchema(): Migration {
  return {
    async up(db: Kysely<unknown>) {
      for (const [table, column] of COLUMNS) {
        await db.schema.alterTable(table).addColumn(column, "text").execute();
      }
      // Backfill from analyses already stored: the newest per subject wins (later rows overwrite).
      const rows = await sql<{ subject_kind: string; subject_id: string; result: string }>`
        select subject_kind, subject_id, result from analysis_results
        where subject_kind in ('encounter', 'response') order by created_at`.execute(db);
      for (const row of rows.rows) {
        const f = filterFacts(row.subject_kind, JSON.parse(row.result));
        if (row.subject_kind === "encounter") {
          await sql`update encounters set tone_label = ${f.toneLabel}, trajectory = ${f.trajectory},
            effort_codes = ${f.effortCodes} where id = ${row.subject_id}`.execute(db);
        } else {
          await sql`update survey_responses set tone_label = ${f.toneLabel}, effort_codes = ${f.effortCodes}
            where id = ${row.subject_id}`.execute(db);
        }
      }
    },
    async down(db: Kysely<unknown>) {
      for (const [table, column] of COLUMNS) await db.schema.alterTable(table).dropColumn(column).execute();
    },
  };
}

interface Effort {
  repeatContact?: boolean;
  transfer?: boolean;
  explainAgain?: boolean;
  statedWaitSeconds?: number | null;
}

/** Snapshot of the tone label, trajectory and effort codes of analysisFacts(). */
function filterFacts(
  subjectKind: string,
  result: unknown,
): { toneLabel: string | null; trajectory: string | null; effortCodes: string | null } {
  const r = (result ?? {}) as {
    tone?: { label?: string; score: number };
    turns?: { speaker: string; tone: { score: number } }[];
    arc?: { trajectory?: string };
    effort?: Effort;
  };
  const e = r.effort;
  const codes = e
    ? [
        e.repeatContact ? "repeat_contact" : null,
        e.transfer ? "transfer" : null,
        e.explainAgain ? "explain_again" : null,
        e.statedWaitSeconds !== null && e.statedWaitSeconds !== undefined ? "stated_wait" : null,
      ].filter((c) => c !== null)
    : [];
  const effortCodes = codes.length > 0 ? codes.join(" ") : null;
  if (subjectKind !== "encounter") return { toneLabel: r.tone?.label ?? null, trajectory: null, effortCodes };
  let toneLabel: string | null = null;
  if (r.turns && r.turns.length > 0) {
    const customer = r.turns.filter((t) => t.speaker === "customer");
    const turns = customer.length > 0 ? customer : r.turns;
    const mean = turns.reduce((s, t) => s + t.tone.score, 0) / turns.length;
    toneLabel = mean <= -0.2 ? "negative" : mean >= 0.2 ? "positive" : "neutral";
  }
  return { toneLabel, trajectory: r.arc?.trajectory ?? null, effortCodes };
}
