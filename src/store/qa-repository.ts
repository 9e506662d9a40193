import { randomUUID } from "node:crypto";
import type { Kysely, Transaction } from "kysely";
import { KohtaamoError } from "../domain/index.ts";
import { QaCriteria, type QaCriterion, type QaScale } from "../domain/qa-scorecard.ts";
import { nameMatches } from "./name-filter.ts";
import { decodeCursor, encodeCursor, type Page, pageLimit } from "./page-cursor.ts";
import type { QaTables } from "./qa-schema.ts";
import type { Database } from "./schema.ts";

export type QaDatabase = Database & QaTables;

export interface ScorecardView {
  id: string;
  name: string;
  team: string | null;
  channel: string | null;
  version: number;
  criteria: QaCriterion[];
  deleted: boolean;
  created_at: string;
  updated_at: string;
  updated_by: string;
}

export interface ScorecardInput {
  name: string;
  team: string | null;
  channel: string | null;
  criteria: QaCriterion[];
}

export interface ReviewScore {
  criterion: string;
  score: number | null;
  auto_score: number | null;
  overridden: boolean;
  evidence_seq: number | null;
  comment: string | null;
}

/** A stored score with its criterion's name and scale, as the scorecard version it was scored on has them. */
export interface ReviewScoreView extends ReviewScore {
  name: string;
  scale: QaScale;
  critical: boolean;
}

export interface ReviewView {
  id: string;
  scorecard: { id: string; version: number; name: string };
  encounter_id: string;
  encounter_at: string;
  team: string | null;
  channel: string | null;
  agent: string | null;
  reviewer: string;
  round_id: string | null;
  total: number | null;
  critical_failed: boolean;
  comment: string | null;
  created_at: string;
  scores: ReviewScoreView[];
}

export interface NewReview {
  scorecardId: string;
  scorecardVersion: number;
  encounter: {
    id: string;
    started_at: string;
    team: string | null;
    channel: string;
    agent: string | null;
    customer_id: string | null;
  };
  reviewer: string;
  roundId: string | null;
  total: number | null;
  criticalFailed: boolean;
  comment: string | null;
  scores: ReviewScore[];
}

export interface ReviewFilter {
  encounterId?: string;
  agent?: string;
  team?: string;
  /** A manager's scope: only these teams (empty: nothing). */
  teamIn?: readonly string[];
  scorecardId?: string;
  /** Calibration rounds' reviews are exercises: left out unless asked for by round. */
  roundId?: string;
  from?: string;
  to?: string;
  cursor?: string;
  limit?: number;
}

function parseCriteria(json: string): QaCriterion[] {
  return QaCriteria.parse(JSON.parse(json));
}

/** QA scorecards (versioned) and reviews (migration 0013). */
export class QaRepository {
  readonly db: Kysely<QaDatabase>;

  constructor(db: Kysely<Database>) {
    this.db = db.withTables<QaTables>();
  }

  async createScorecard(input: ScorecardInput, actor: string, now: string): Promise<string> {
    const id = randomUUID();
    await this.db.transaction().execute(async (trx) => {
      await trx
        .insertInto("qa_scorecards")
        .values({
          id,
          name: input.name,
          team: input.team,
          channel: input.channel,
          version: 1,
          deleted_at: null,
          created_at: now,
          created_by: actor,
          updated_at: now,
          updated_by: actor,
        })
        .execute();
      await insertVersion(trx, id, 1, input, actor, now);
      await audit(trx, actor, now, "qa.scorecard.create", id, { version: 1 });
    });
    return id;
  }

  async listScorecards(options: { includeDeleted?: boolean } = {}): Promise<ScorecardView[]> {
    let q = this.selectScorecards().orderBy("s.name").orderBy("s.id");
    if (!options.includeDeleted) q = q.where("s.deleted_at", "is", null);
    return (await q.execute()).map(scorecardView);
  }

  /** The scorecard with the criteria of `version` (default: the current one). */
  async getScorecard(id: string, version?: number): Promise<ScorecardView | undefined> {
    return readScorecard(this.db, id, version);
  }

  private selectScorecards(version?: number) {
    return selectScorecards(this.db, version);
  }
  /**
   * Changes a scorecard. A change of its name or criteria makes a new version (old reviews keep
   * theirs); a change of its scope (team, channel) does not, as it changes no result. Concurrent
   * edits: the version is compared and set in one update, the loser gets a 409.
   */
  async updateScorecard(
    id: string,
    patch: Partial<ScorecardInput>,
    actor: string,
    now: string,
  ): Promise<ScorecardView | undefined> {
    return this.db.transaction().execute(async (trx) => {
      const current = await readScorecard(trx, id);
      if (!current || current.deleted) return undefined;
      const next: ScorecardInput = {
        name: patch.name ?? current.name,
        team: patch.team === undefined ? current.team : patch.team,
        channel: patch.channel === undefined ? current.channel : patch.channel,
        criteria: patch.criteria ?? current.criteria,
      };
      const versioned =
        next.name !== current.name || JSON.stringify(next.criteria) !== JSON.stringify(current.criteria);
      const version = versioned ? current.version + 1 : current.version;
      const updated = await trx
        .updateTable("qa_scorecards")
        .set({
          name: next.name,
          team: next.team,
          channel: next.channel,
          version,
          updated_at: now,
          updated_by: actor,
        })
        .where("id", "=", id)
        .where("version", "=", current.version)
        .executeTakeFirst();
      if (Number(updated.numUpdatedRows) === 0) {
        throw new KohtaamoError("conflict", `scorecard ${id} was changed meanwhile; read it again`);
      }
      if (versioned) await insertVersion(trx, id, version, next, actor, now);
      await audit(trx, actor, now, "qa.scorecard.update", id, { version, new_version: versioned });
      return readScorecard(trx, id);
    });
  }

  /** Retires a scorecard: no new reviews on it; its reviews and versions stay. */
  async deleteScorecard(id: string, actor: string, now: string): Promise<boolean> {
    return this.db.transaction().execute(async (trx) => {
      const r = await trx
        .updateTable("qa_scorecards")
        .set({ deleted_at: now, updated_at: now, updated_by: actor })
        .where("id", "=", id)
        .where("deleted_at", "is", null)
        .executeTakeFirst();
      if (Number(r.numUpdatedRows) === 0) return false;
      await audit(trx, actor, now, "qa.scorecard.delete", id, {});
      return true;
    });
  }

  /**
   * Stores a review and its per-criterion scores in one transaction. In a calibration round each
   * reviewer submits once: a second submission is a 409 (the unique key on round and reviewer).
   */
  async addReview(review: NewReview, now: string): Promise<string> {
    const id = randomUUID();
    await this.db.transaction().execute(async (trx) => {
      if (review.roundId) {
        // Checked again in the transaction: a round closed meanwhile takes no more scores.
        const round = await trx
          .selectFrom("qa_calibration_rounds")
          .select("status")
          .where("id", "=", review.roundId)
          .executeTakeFirst();
        if (round?.status !== "open") throw new KohtaamoError("conflict", "this calibration round is closed");
      }
      const inserted = await trx
        .insertInto("qa_reviews")
        .values({
          id,
          scorecard_id: review.scorecardId,
          scorecard_version: review.scorecardVersion,
          encounter_id: review.encounter.id,
          encounter_at: review.encounter.started_at,
          team: review.encounter.team,
          channel: review.encounter.channel,
          agent: review.encounter.agent,
          customer_id: review.encounter.customer_id,
          reviewer: review.reviewer,
          round_id: review.roundId,
          total: review.total,
          critical_failed: review.criticalFailed ? 1 : 0,
          comment: review.comment,
          created_at: now,
        })
        .onConflict((oc) => oc.columns(["round_id", "reviewer"]).doNothing())
        .executeTakeFirst();
      if (Number(inserted.numInsertedOrUpdatedRows ?? 0n) === 0) {
        throw new KohtaamoError("conflict", "you have already scored this calibration round");
      }
      await trx
        .insertInto("qa_review_scores")
        .values(
          review.scores.map((s, position) => ({
            review_id: id,
            criterion_id: s.criterion,
            position,
            score: s.score,
            auto_score: s.auto_score,
            overridden: s.overridden ? 1 : 0,
            evidence_seq: s.evidence_seq,
            comment: s.comment,
          })),
        )
        .execute();
      await audit(trx, review.reviewer, now, "qa.review.create", id, {
        encounter: review.encounter.id,
        overridden: review.scores.filter((s) => s.overridden).map((s) => s.criterion),
        ...(review.roundId ? { round: review.roundId } : {}),
      });
    });
    return id;
  }

  async getReview(id: string): Promise<ReviewView | undefined> {
    const [review] = await this.reviewsWithScores(this.selectReviews().where("r.id", "=", id));
    return review;
  }

  /** Newest encounter first, paged by (encounter_at, id). */
  async listReviews(filter: ReviewFilter): Promise<Page<ReviewView>> {
    const limit = pageLimit(filter.limit);
    let q = this.selectReviews()
      .orderBy("r.encounter_at", "desc")
      .orderBy("r.id", "desc")
      .limit(limit + 1);
    q = filter.roundId ? q.where("r.round_id", "=", filter.roundId) : q.where("r.round_id", "is", null);
    if (filter.encounterId) q = q.where("r.encounter_id", "=", filter.encounterId);
    if (filter.scorecardId) q = q.where("r.scorecard_id", "=", filter.scorecardId);
    if (filter.agent) q = q.where(nameMatches("r.agent", "agent", [filter.agent]));
    if (filter.team) q = q.where(nameMatches("r.team", "team", [filter.team]));
    if (filter.teamIn) q = q.where(nameMatches("r.team", "team", filter.teamIn));
    if (filter.from) q = q.where("r.encounter_at", ">=", filter.from);
    if (filter.to) q = q.where("r.encounter_at", "<", filter.to);
    if (filter.cursor) {
      const [at, id] = decodeCursor(filter.cursor);
      q = q.where((eb) =>
        eb.or([eb("r.encounter_at", "<", at), eb.and([eb("r.encounter_at", "=", at), eb("r.id", "<", id)])]),
      );
    }
    const items = await this.reviewsWithScores(q);
    const more = items.length > limit;
    const page = items.slice(0, limit);
    const last = page[page.length - 1];
    return { items: page, nextCursor: more && last ? encodeCursor(last.encounter_at, last.id) : null };
  }

  /**
   * Per criterion, how many reviews had an automatic score and how many of those the reviewer
   * changed. Calibration rounds are left out (they are exercises, scored several times).
   */
  async overrideCounts(filter: {
    scorecardId?: string;
    team?: string;
    teamIn?: readonly string[];
    from?: string;
    to?: string;
  }): Promise<{ scorecard_id: string; criterion_id: string; n: number; overridden: number }[]> {
    let q = this.db
      .selectFrom("qa_review_scores as s")
      .innerJoin("qa_reviews as r", "r.id", "s.review_id")
      .where("r.round_id", "is", null)
      .where("s.auto_score", "is not", null)
      .select((eb) => [
        "r.scorecard_id",
        "s.criterion_id",
        eb.fn.countAll<number | string>().as("n"),
        eb.fn.sum<number | string>("s.overridden").as("overridden"),
      ])
      .groupBy(["r.scorecard_id", "s.criterion_id"])
      .orderBy("r.scorecard_id")
      .orderBy("s.criterion_id");
    if (filter.scorecardId) q = q.where("r.scorecard_id", "=", filter.scorecardId);
    if (filter.team) q = q.where(nameMatches("r.team", "team", [filter.team]));
    if (filter.teamIn) q = q.where(nameMatches("r.team", "team", filter.teamIn));
    if (filter.from) q = q.where("r.encounter_at", ">=", filter.from);
    if (filter.to) q = q.where("r.encounter_at", "<", filter.to);
    const rows = await q.execute();
    return rows.map((r) => ({
      scorecard_id: r.scorecard_id,
      criterion_id: r.criterion_id,
      n: Number(r.n),
      overridden: Number(r.overridden ?? 0),
    }));
  }

  /** An agent's reviewed totals (not calibration rounds), oldest first, optionally of one scorecard. */
  async agentTotals(
    agent: string,
    filter: { scorecardId?: string; teamIn?: readonly string[]; from?: string; to?: string },
  ): Promise<{ encounter_at: string; total: number; team: string | null }[]> {
    let q = this.db
      .selectFrom("qa_reviews as r")
      .select(["r.encounter_at", "r.total", "r.team"])
      .where("r.round_id", "is", null)
      .where("r.total", "is not", null)
      .where(nameMatches("r.agent", "agent", [agent]))
      .orderBy("r.encounter_at")
      .orderBy("r.id");
    if (filter.scorecardId) q = q.where("r.scorecard_id", "=", filter.scorecardId);
    if (filter.teamIn) q = q.where(nameMatches("r.team", "team", filter.teamIn));
    if (filter.from) q = q.where("r.encounter_at", ">=", filter.from);
    if (filter.to) q = q.where("r.encounter_at", "<", filter.to);
    const rows = await q.execute();
    return rows.map((r) => ({ encounter_at: r.encounter_at, total: Number(r.total), team: r.team }));
  }

  private selectReviews() {
    return this.db
      .selectFrom("qa_reviews as r")
      .innerJoin("qa_scorecard_versions as v", (j) =>
        j.onRef("v.scorecard_id", "=", "r.scorecard_id").onRef("v.version", "=", "r.scorecard_version"),
      )
      .selectAll("r")
      .select(["v.name as scorecard_name", "v.criteria as scorecard_criteria"]);
  }

  private async reviewsWithScores(q: ReturnType<QaRepository["selectReviews"]>): Promise<ReviewView[]> {
    const rows = await q.execute();
    if (rows.length === 0) return [];
    const scores = await this.db
      .selectFrom("qa_review_scores")
      .selectAll()
      .where(
        "review_id",
        "in",
        rows.map((r) => r.id),
      )
      .orderBy("review_id")
      .orderBy("position")
      .execute();
    const criteriaOf = new Map<string, Map<string, QaCriterion>>();
    for (const r of rows) {
      const key = `${r.scorecard_id}\n${r.scorecard_version}`;
      if (!criteriaOf.has(key))
        criteriaOf.set(key, new Map(parseCriteria(r.scorecard_criteria).map((c) => [c.id, c])));
    }
    const criteriaOfReview = new Map(
      rows.map((r) => [r.id, criteriaOf.get(`${r.scorecard_id}\n${r.scorecard_version}`)]),
    );
    const byReview = new Map<string, ReviewScoreView[]>();
    for (const s of scores) {
      const list = byReview.get(s.review_id) ?? [];
      const criterion = criteriaOfReview.get(s.review_id)?.get(s.criterion_id);
      list.push({
        name: criterion?.name ?? s.criterion_id,
        scale: criterion?.scale ?? "pass_fail",
        critical: criterion?.critical ?? false,
        criterion: s.criterion_id,
        score: s.score === null ? null : Number(s.score),
        auto_score: s.auto_score === null ? null : Number(s.auto_score),
        overridden: Number(s.overridden) === 1,
        evidence_seq: s.evidence_seq === null ? null : Number(s.evidence_seq),
        comment: s.comment,
      });
      byReview.set(s.review_id, list);
    }
    return rows.map((r) => ({
      id: r.id,
      scorecard: { id: r.scorecard_id, version: Number(r.scorecard_version), name: r.scorecard_name },
      encounter_id: r.encounter_id,
      encounter_at: r.encounter_at,
      team: r.team,
      channel: r.channel,
      agent: r.agent,
      reviewer: r.reviewer,
      round_id: r.round_id,
      total: r.total === null ? null : Number(r.total),
      critical_failed: Number(r.critical_failed) === 1,
      comment: r.comment,
      created_at: r.created_at,
      scores: byReview.get(r.id) ?? [],
    }));
  }
}

function selectScorecards(db: Kysely<QaDatabase>, version?: number) {
  return db
    .selectFrom("qa_scorecards as s")
    .innerJoin("qa_scorecard_versions as v", (j) =>
      j
        .onRef("v.scorecard_id", "=", "s.id")
        .on((eb) =>
          version === undefined ? eb("v.version", "=", eb.ref("s.version")) : eb("v.version", "=", version),
        ),
    )
    .select([
      "s.id",
      "s.team",
      "s.channel",
      "s.deleted_at",
      "s.created_at",
      "s.updated_at",
      "s.updated_by",
      "v.version",
      "v.name",
      "v.criteria",
    ]);
}

async function readScorecard(
  db: Kysely<QaDatabase>,
  id: string,
  version?: number,
): Promise<ScorecardView | undefined> {
  const row = await selectScorecards(db, version).where("s.id", "=", id).executeTakeFirst();
  return row ? scorecardView(row) : undefined;
}

async function insertVersion(
  trx: Transaction<QaDatabase>,
  id: string,
  version: number,
  input: ScorecardInput,
  actor: string,
  now: string,
): Promise<void> {
  await trx
    .insertInto("qa_scorecard_versions")
    .values({
      scorecard_id: id,
      version,
      name: input.name,
      criteria: JSON.stringify(input.criteria),
      created_at: now,
      created_by: actor,
    })
    .execute();
}

async function audit(
  trx: Transaction<QaDatabase>,
  actor: string,
  at: string,
  action: string,
  target: string,
  details: Record<string, unknown>,
): Promise<void> {
  await trx
    .insertInto("audit_log")
    .values({
      at,
      actor,
      action,
      target: `${action.split(".")[1]}:${target}`,
      details: JSON.stringify(details),
    })
    .execute();
}

function scorecardView(row: {
  id: string;
  name: string;
  team: string | null;
  channel: string | null;
  version: number;
  criteria: string;
  deleted_at: string | null;
  created_at: string;
  updated_at: string;
  updated_by: string;
}): ScorecardView {
  return {
    id: row.id,
    name: row.name,
    team: row.team,
    channel: row.channel,
    version: Number(row.version),
    criteria: parseCriteria(row.criteria),
    deleted: row.deleted_at !== null,
    created_at: row.created_at,
    updated_at: row.updated_at,
    updated_by: row.updated_by,
  };
}
