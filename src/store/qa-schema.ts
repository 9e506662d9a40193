/**
 * The QA tables (migration 0013), as Kysely sees them. They are added to the store's Database
 * type with `db.withTables<QaTables>()` in qa-repository.ts. Timestamps are ISO text; booleans 0/1.
 */
// A type, not an interface: Kysely's withTables wants an index-compatible record.
export type QaTables = {
  qa_scorecards: {
    id: string;
    name: string;
    team: string | null;
    channel: string | null;
    /** The current version (the newest row of qa_scorecard_versions). */
    version: number;
    deleted_at: string | null;
    created_at: string;
    created_by: string;
    updated_at: string;
    updated_by: string;
  };
  qa_scorecard_versions: {
    scorecard_id: string;
    version: number;
    name: string;
    /** JSON array of QaCriterion (domain/qa-scorecard.ts). */
    criteria: string;
    created_at: string;
    created_by: string;
  };
  qa_calibration_rounds: {
    id: string;
    scorecard_id: string;
    scorecard_version: number;
    encounter_id: string;
    team: string | null;
    /** "open" or "closed". */
    status: string;
    created_by: string;
    created_at: string;
    closed_at: string | null;
  };
  qa_calibration_reviewers: {
    round_id: string;
    /** The reviewer's e-mail. */
    reviewer: string;
  };
  qa_reviews: {
    id: string;
    scorecard_id: string;
    scorecard_version: number;
    encounter_id: string;
    /** The encounter's start, which sets the month of the agent's trend. */
    encounter_at: string;
    team: string | null;
    channel: string | null;
    agent: string | null;
    customer_id: string | null;
    /** The reviewer's e-mail. */
    reviewer: string;
    round_id: string | null;
    total: number | null;
    critical_failed: number;
    comment: string | null;
    created_at: string;
  };
  qa_review_scores: {
    review_id: string;
    criterion_id: string;
    /** The criterion's place on the scorecard version. */
    position: number;
    score: number | null;
    auto_score: number | null;
    overridden: number;
    evidence_seq: number | null;
    comment: string | null;
  };
};
