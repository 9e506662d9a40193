import { type Kysely, sql } from "kysely";
import { refreshAnswerEncounterFacts } from "./analysis-facts.ts";
import type { Database } from "./schema.ts";

export interface ErasureCounts {
  encounters: number;
  responses: number;
  invitations: number;
  analyses: number;
  customer: boolean;
}

export interface RetentionCounts {
  turns: number;
  comments: number;
  pulseComments: number;
}

/** GDPR erasure of one customer, and retention of raw text. Each runs in one transaction. */
export class PrivacyRepository {
  constructor(private readonly db: Kysely<Database>) {}

  /**
   * Removes everything stored about a customer: encounters (with their turns), survey answers,
   * invitations, their analyses, and the customer record. Aggregates computed later no longer
   * include them. Other answers that pointed at an erased encounter lose their copy of its facts.
   */
  eraseCustomer(customerId: string): Promise<ErasureCounts> {
    return this.db.transaction().execute(async (trx) => {
      const encounterIds = (
        await trx.selectFrom("encounters").select("id").where("customer_id", "=", customerId).execute()
      ).map((r) => r.id);
      const responseIds = (
        await trx.selectFrom("survey_responses").select("id").where("customer_id", "=", customerId).execute()
      ).map((r) => r.id);
      let analyses = 0;
      for (const [kind, ids] of [
        ["encounter", encounterIds],
        ["response", responseIds],
      ] as const) {
        for (let i = 0; i < ids.length; i += 500) {
          const r = await trx
            .deleteFrom("analysis_results")
            .where("subject_kind", "=", kind)
            .where("subject_id", "in", ids.slice(i, i + 500))
            .executeTakeFirst();
          analyses += Number(r.numDeletedRows);
        }
      }
      for (let i = 0; i < encounterIds.length; i += 500) {
        await trx
          .deleteFrom("turns")
          .where("encounter_id", "in", encounterIds.slice(i, i + 500))
          .execute();
      }
      const responses = await trx
        .deleteFrom("survey_responses")
        .where("customer_id", "=", customerId)
        .executeTakeFirst();
      const invitations = await trx
        .deleteFrom("survey_invitations")
        .where("customer_id", "=", customerId)
        .executeTakeFirst();
      const encounters = await trx
        .deleteFrom("encounters")
        .where("customer_id", "=", customerId)
        .executeTakeFirst();
      // Follow-up cases name the customer and hold what was said to them (outcome, history).
      const cases = trx.selectFrom("cases").select("id").where("customer_id", "=", customerId);
      await trx.deleteFrom("case_history").where("case_id", "in", cases).execute();
      await trx.deleteFrom("cases").where("customer_id", "=", customerId).execute();
      // Coaching picks of their encounters: the session keeps its notes, the pick of an erased encounter goes.
      for (let i = 0; i < encounterIds.length; i += 500) {
        await sql`delete from coaching_picks where encounter_id in (${sql.join(encounterIds.slice(i, i + 500))})`.execute(
          trx,
        );
      }
      // QA reviews of their encounters (reviewers' comments on them); scores cascade (migration 0013).
      await sql`delete from qa_reviews where customer_id = ${customerId}`.execute(trx);
      const customer = await trx.deleteFrom("customers").where("id", "=", customerId).executeTakeFirst();
      if (encounterIds.length > 0) {
        await refreshAnswerEncounterFacts(trx as unknown as Kysely<unknown>, { encounterIds });
      }
      return {
        encounters: Number(encounters.numDeletedRows),
        responses: Number(responses.numDeletedRows),
        invitations: Number(invitations.numDeletedRows),
        analyses,
        customer: Number(customer.numDeletedRows) > 0,
      };
    });
  }

  /**
   * Deletes raw text older than the cutoff: encounter turns, survey comments and pulse comments.
   * Records, scores, analysis results and the facts derived from them stay, so every aggregate
   * (NPS, themes, drivers, tone) is unchanged. Their `analyzer_version` becomes "" (migration 0033):
   * no analyzer can read the text again, so the status does not count it as awaiting a reanalysis.
   */
  applyRetention(cutoff: string): Promise<RetentionCounts> {
    return this.db.transaction().execute(async (trx) => {
      const turns = await trx
        .deleteFrom("turns")
        .where("encounter_id", "in", (eb) =>
          eb.selectFrom("encounters").select("id").where("started_at", "<", cutoff),
        )
        .executeTakeFirst();
      await trx
        .updateTable("encounters")
        .set({ analyzer_version: "" })
        .where("started_at", "<", cutoff)
        .where("turn_count", ">", 0)
        .where((eb) => eb.or([eb("analyzer_version", "is", null), eb("analyzer_version", "<>", "")]))
        .execute();
      const comments = await trx
        .updateTable("survey_responses")
        .set({ comment: null, analyzer_version: "" })
        .where("answered_at", "<", cutoff)
        .where("comment", "is not", null)
        .executeTakeFirst();
      const pulseComments = await trx
        .updateTable("pulse_answers")
        .set({ comment: null, analyzer_version: "" })
        .where("period", "<", cutoff.slice(0, 7))
        .where("comment", "is not", null)
        .executeTakeFirst();
      return {
        turns: Number(turns.numDeletedRows),
        comments: Number(comments.numUpdatedRows),
        pulseComments: Number(pulseComments.numUpdatedRows),
      };
    });
  }

  /** Whether any raw text older than the cutoff remains (for tests and the retention report). */
  async textOlderThan(cutoff: string): Promise<number> {
    const r = await sql<{
      n: number;
    }>`select count(*) as n from turns t join encounters e on e.id = t.encounter_id
      where e.started_at < ${cutoff}`.execute(this.db);
    return Number(r.rows[0]?.n ?? 0);
  }
}
