import type { Kysely, Migration } from "kysely";
import type { StoreDialect } from "../dialects/store-dialect.ts";

// Why: QA scorecards with AutoQA and calibration (issue 12). A scorecard's criteria live in
// immutable versions, and each review points at the version it was scored on, so editing a
// scorecard never changes an old result. A review keeps, per criterion, the reviewer's score, the
// automatic score it started from and whether it was overridden (the override report reads them).
// Calibration rounds score one encounter blind by several reviewers (one review per reviewer).
// Reviews copy the encounter's team, channel, agent, customer and time: encounters are replaced
// on re-import, so no foreign key points at them.
export function qaSchema(dialect: StoreDialect): Migration {
  const { timestamp: ts } = dialect.types;
  return {
    async up(db: Kysely<unknown>) {
      await db.schema
        .createTable("qa_scorecards")
        .addColumn("id", "text", (c) => c.primaryKey())
        .addColumn("name", "text", (c) => c.notNull())
        .addColumn("team", "text")
        .addColumn("channel", "text")
        .addColumn("version", "integer", (c) => c.notNull())
        .addColumn("deleted_at", ts as "text")
        .addColumn("created_at", ts as "text", (c) => c.notNull())
        .addColumn("created_by", "text", (c) => c.notNull())
        .addColumn("updated_at", ts as "text", (c) => c.notNull())
        .addColumn("updated_by", "text", (c) => c.notNull())
        .execute();
      await db.schema
        .createTable("qa_scorecard_versions")
        .addColumn("scorecard_id", "text", (c) => c.notNull().references("qa_scorecards.id"))
        .addColumn("version", "integer", (c) => c.notNull())
        .addColumn("name", "text", (c) => c.notNull())
        .addColumn("criteria", "text", (c) => c.notNull())
        .addColumn("created_at", ts as "text", (c) => c.notNull())
        .addColumn("created_by", "text", (c) => c.notNull())
        .addPrimaryKeyConstraint("qa_scorecard_versions_pk", ["scorecard_id", "version"])
        .execute();
      await db.schema
        .createTable("qa_calibration_rounds")
        .addColumn("id", "text", (c) => c.primaryKey())
        .addColumn("scorecard_id", "text", (c) => c.notNull().references("qa_scorecards.id"))
        .addColumn("scorecard_version", "integer", (c) => c.notNull())
        .addColumn("encounter_id", "text", (c) => c.notNull())
        .addColumn("team", "text")
        .addColumn("status", "text", (c) => c.notNull())
        .addColumn("created_by", "text", (c) => c.notNull())
        .addColumn("created_at", ts as "text", (c) => c.notNull())
        .addColumn("closed_at", ts as "text")
        .execute();
      await db.schema
        .createTable("qa_calibration_reviewers")
        .addColumn("round_id", "text", (c) =>
          c.notNull().references("qa_calibration_rounds.id").onDelete("cascade"),
        )
        .addColumn("reviewer", "text", (c) => c.notNull())
        .addPrimaryKeyConstraint("qa_calibration_reviewers_pk", ["round_id", "reviewer"])
        .execute();
      await db.schema
        .createTable("qa_reviews")
        .addColumn("id", "text", (c) => c.primaryKey())
        .addColumn("scorecard_id", "text", (c) => c.notNull().references("qa_scorecards.id"))
        .addColumn("scorecard_version", "integer", (c) => c.notNull())
        .addColumn("encounter_id", "text", (c) => c.notNull())
        .addColumn("encounter_at", ts as "text", (c) => c.notNull())
        .addColumn("team", "text")
        .addColumn("channel", "text")
        .addColumn("agent", "text")
        .addColumn("customer_id", "text")
        .addColumn("reviewer", "text", (c) => c.notNull())
        .addColumn("round_id", "text", (c) => c.references("qa_calibration_rounds.id").onDelete("cascade"))
        .addColumn("total", dialect.types.real as "real")
        .addColumn("critical_failed", "integer", (c) => c.notNull())
        .addColumn("comment", "text")
        .addColumn("created_at", ts as "text", (c) => c.notNull())
        .addUniqueConstraint("qa_reviews_round_reviewer_key", ["round_id", "reviewer"])
        .execute();
      await db.schema
        .createIndex("qa_reviews_agent_idx")
        .on("qa_reviews")
        .columns(["agent", "encounter_at"])
        .execute();
      await db.schema
        .createIndex("qa_reviews_team_idx")
        .on("qa_reviews")
        .columns(["team", "encounter_at"])
        .execute();
      await db.schema
        .createIndex("qa_reviews_encounter_idx")
        .on("qa_reviews")
        .columns(["encounter_id"])
        .execute();
      await db.schema
        .createIndex("qa_reviews_customer_idx")
        .on("qa_reviews")
        .columns(["customer_id"])
        .execute();
      await db.schema
        .createTable("qa_review_scores")
        .addColumn("review_id", "text", (c) => c.notNull().references("qa_reviews.id").onDelete("cascade"))
        .addColumn("criterion_id", "text", (c) => c.notNull())
        .addColumn("position", "integer", (c) => c.notNull())
        .addColumn("score", "integer")
        .addColumn("auto_score", "integer")
        .addColumn("overridden", "integer", (c) => c.notNull())
        .addColumn("evidence_seq", "integer")
        .addColumn("comment", "text")
        .addPrimaryKeyConstraint("qa_review_scores_pk", ["review_id", "criterion_id"])
        .execute();
    },
    async down(db: Kysely<unknown>) {
      for (const table of [
        "qa_review_scores",
        "qa_reviews",
        "qa_calibration_reviewers",
        "qa_calibration_rounds",
        "qa_scorecard_versions",
        "qa_scorecards",
      ]) {
        await db.schema.dropTable(table).ifExists().execute();
      }
    },
  };
}
