import { type Kysely, type Migration, sql } from "kysely";
import type { StoreDialect } from "../dialects/store-dialect.ts";

const COLUMNS = [
  ["enc_theme_codes", "text"],
  ["enc_wait_seconds", "real"],
  ["enc_transfers", "integer"],
  ["enc_resolved", "integer"],
  ["enc_repeat_contact", "integer"],
  ["enc_linked", "integer"],
] as const;

// Why: the driver and theme reports read every answer with its encounter's facts. Looking each
// encounter up made a million-answer report spend most of its time in the join (measured: 2.2 s
// of scan vs 0.8 s without it, bench/insight-reports.ts), so the answer keeps a copy, refreshed
// in the same transaction whenever the answer, its encounter or the encounter's analysis changes.
//
// Frozen: the backfill is a snapshot of refreshAnswerEncounterFacts(db, "all") from
// store/analysis-facts.ts as it was when this migration landed; a migration databases have run
// must not change with live code (test: migration-imports.test.ts).
export function answerEncounterFactsSchema(dialect: StoreDialect): Migration {
  return {
    async up(db: Kysely<unknown>) {
      for (const [column, type] of COLUMNS) {
        await db.schema
          .alterTable("survey_responses")
          .addColumn(column, (type === "real" ? dialect.types.real : type) as "text")
          .execute();
      }
      await sql`update survey_responses set
        (enc_theme_codes, enc_wait_seconds, enc_transfers, enc_resolved, enc_repeat_contact, enc_linked) =
        (select e.theme_codes, e.wait_seconds, e.transfers, e.resolved, e.repeat_contact, 1
           from encounters e where e.id = survey_responses.encounter_id)`.execute(db);
    },
    async down(db: Kysely<unknown>) {
      for (const [column] of COLUMNS)
        await db.schema.alterTable("survey_responses").dropColumn(column).execute();
    },
  };
}
