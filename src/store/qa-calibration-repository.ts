import { randomUUID } from "node:crypto";
import type { Kysely } from "kysely";
import { KohtaamoError } from "../domain/index.ts";
import { nameMatches } from "./name-filter.ts";
import type { QaDatabase } from "./qa-repository.ts";
import type { QaTables } from "./qa-schema.ts";
import type { Database } from "./schema.ts";

export interface RoundView {
  id: string;
  scorecard_id: string;
  scorecard_version: number;
  encounter_id: string;
  team: string | null;
  status: "open" | "closed";
  created_by: string;
  created_at: string;
  closed_at: string | null;
  reviewers: { email: string; submitted: boolean }[];
}

/** One reviewer's score of one criterion in a round (null: not applicable). */
export interface RoundScore {
  round_id: string;
  reviewer: string;
  criterion_id: string;
  score: number | null;
}

/** Calibration rounds (migration 0013): one encounter, several reviewers scoring it blind. */
export class QaCalibrationRepository {
  private readonly db: Kysely<QaDatabase>;

  constructor(db: Kysely<Database>) {
    this.db = db.withTables<QaTables>();
  }

  async createRound(
    round: {
      scorecardId: string;
      scorecardVersion: number;
      encounterId: string;
      team: string | null;
      reviewers: readonly string[];
    },
    actor: string,
    now: string,
  ): Promise<string> {
    const id = randomUUID();
    await this.db.transaction().execute(async (trx) => {
      await trx
        .insertInto("qa_calibration_rounds")
        .values({
          id,
          scorecard_id: round.scorecardId,
          scorecard_version: round.scorecardVersion,
          encounter_id: round.encounterId,
          team: round.team,
          status: "open",
          created_by: actor,
          created_at: now,
          closed_at: null,
        })
        .execute();
      await trx
        .insertInto("qa_calibration_reviewers")
        .values([...new Set(round.reviewers)].map((reviewer) => ({ round_id: id, reviewer })))
        .execute();
      await trx
        .insertInto("audit_log")
        .values({
          at: now,
          actor,
          action: "qa.calibration.create",
          target: `calibration:${id}`,
          details: JSON.stringify({ encounter: round.encounterId, reviewers: round.reviewers.length }),
        })
        .execute();
    });
    return id;
  }

  async getRound(id: string): Promise<RoundView | undefined> {
    const [round] = await this.withReviewers(
      await this.db.selectFrom("qa_calibration_rounds").selectAll().where("id", "=", id).execute(),
    );
    return round;
  }

  /**
   * Rounds newest first: a reviewer's own (participant), and all of the given teams' or every
   * round for coordinators (`all`).
   */
  async listRounds(scope: {
    participant: string;
    teamIn?: readonly string[];
    all?: boolean;
  }): Promise<RoundView[]> {
    const rows = await this.db
      .selectFrom("qa_calibration_rounds as r")
      .selectAll("r")
      .where((eb) => {
        const mine = eb.exists(
          eb
            .selectFrom("qa_calibration_reviewers as p")
            .select("p.round_id")
            .whereRef("p.round_id", "=", "r.id")
            .where("p.reviewer", "=", scope.participant),
        );
        if (scope.all) return eb.lit(true);
        if (scope.teamIn) return eb.or([mine, nameMatches("r.team", "team", scope.teamIn)]);
        return mine;
      })
      .orderBy("r.created_at", "desc")
      .orderBy("r.id", "desc")
      .limit(200)
      .execute();
    return this.withReviewers(rows);
  }

  /** Closes an open round: everyone may then see everyone's scores. False when it was not open. */
  async closeRound(id: string, actor: string, now: string): Promise<boolean> {
    return this.db.transaction().execute(async (trx) => {
      const r = await trx
        .updateTable("qa_calibration_rounds")
        .set({ status: "closed", closed_at: now })
        .where("id", "=", id)
        .where("status", "=", "open")
        .executeTakeFirst();
      if (Number(r.numUpdatedRows) === 0) return false;
      await trx
        .insertInto("audit_log")
        .values({
          at: now,
          actor,
          action: "qa.calibration.close",
          target: `calibration:${id}`,
          details: null,
        })
        .execute();
      return true;
    });
  }

  /** Refuses a submission to a closed round or by someone who is not one of its reviewers. */
  async checkCanSubmit(id: string, reviewer: string): Promise<RoundView> {
    const round = await this.getRound(id);
    if (!round) throw new KohtaamoError("not_found", `calibration round ${id} not found`);
    if (!round.reviewers.some((r) => r.email === reviewer)) {
      throw new KohtaamoError("forbidden", "you are not one of this calibration round's reviewers");
    }
    if (round.status !== "open") throw new KohtaamoError("conflict", "this calibration round is closed");
    return round;
  }

  /**
   * The per-criterion scores of the reviews in these rounds' scorecard: this round's and, for
   * pooling agreement across encounters, every other closed round of the same scorecard.
   */
  async scorecardRoundScores(scorecardId: string, includeRound: string): Promise<RoundScore[]> {
    const rows = await this.db
      .selectFrom("qa_review_scores as s")
      .innerJoin("qa_reviews as v", "v.id", "s.review_id")
      .innerJoin("qa_calibration_rounds as r", "r.id", "v.round_id")
      .select(["v.round_id", "v.reviewer", "s.criterion_id", "s.score"])
      .where("r.scorecard_id", "=", scorecardId)
      .where((eb) => eb.or([eb("r.status", "=", "closed"), eb("r.id", "=", includeRound)]))
      .orderBy("v.round_id")
      .orderBy("v.reviewer")
      .execute();
    return rows.map((r) => ({
      round_id: r.round_id as string,
      reviewer: r.reviewer,
      criterion_id: r.criterion_id,
      score: r.score === null ? null : Number(r.score),
    }));
  }

  private async withReviewers(
    rows: {
      id: string;
      scorecard_id: string;
      scorecard_version: number;
      encounter_id: string;
      team: string | null;
      status: string;
      created_by: string;
      created_at: string;
      closed_at: string | null;
    }[],
  ): Promise<RoundView[]> {
    if (rows.length === 0) return [];
    const ids = rows.map((r) => r.id);
    const [reviewers, submitted] = await Promise.all([
      this.db
        .selectFrom("qa_calibration_reviewers")
        .selectAll()
        .where("round_id", "in", ids)
        .orderBy("reviewer")
        .execute(),
      this.db
        .selectFrom("qa_reviews")
        .select(["round_id", "reviewer"])
        .where("round_id", "in", ids)
        .execute(),
    ]);
    const done = new Set(submitted.map((s) => `${s.round_id}\n${s.reviewer}`));
    return rows.map((r) => ({
      id: r.id,
      scorecard_id: r.scorecard_id,
      scorecard_version: Number(r.scorecard_version),
      encounter_id: r.encounter_id,
      team: r.team,
      status: r.status === "closed" ? "closed" : "open",
      created_by: r.created_by,
      created_at: r.created_at,
      closed_at: r.closed_at,
      reviewers: reviewers
        .filter((p) => p.round_id === r.id)
        .map((p) => ({ email: p.reviewer, submitted: done.has(`${r.id}\n${p.reviewer}`) })),
    }));
  }
}
