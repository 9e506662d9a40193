import type { Kysely, Migration } from "kysely";
import type { StoreDialect } from "../dialects/store-dialect.ts";

// Why: the first schema — the records a CX team imports (encounters and turns, survey answers and
// invitations, employee pulse, customers, teams, agents), versioned analysis results and an import log.
export function initialSchema(dialect: StoreDialect): Migration {
  const { timestamp: ts, real } = dialect.types;
  return {
    async up(db: Kysely<unknown>) {
      await db.schema
        .createTable("teams")
        .addColumn("id", "text", (c) => c.primaryKey())
        .addColumn("name", "text", (c) => c.notNull())
        .execute();
      await db.schema
        .createTable("agents")
        .addColumn("id", "text", (c) => c.primaryKey())
        .addColumn("name", "text")
        .addColumn("team_id", "text")
        .addColumn("content_hash", "text")
        .execute();
      await db.schema
        .createTable("customers")
        .addColumn("id", "text", (c) => c.primaryKey())
        .addColumn("segment", "text")
        .addColumn("yearly_value_eur", real as "real")
        .addColumn("content_hash", "text")
        .execute();
      await db.schema
        .createTable("encounters")
        .addColumn("id", "text", (c) => c.primaryKey())
        .addColumn("channel", "text", (c) => c.notNull())
        .addColumn("touchpoint", "text")
        .addColumn("started_at", ts as "text", (c) => c.notNull())
        .addColumn("ended_at", ts as "text")
        .addColumn("team_id", "text")
        .addColumn("agent_id", "text")
        .addColumn("customer_id", "text")
        .addColumn("wait_seconds", real as "real")
        .addColumn("transfers", "integer")
        .addColumn("resolved", "integer")
        .addColumn("turn_count", "integer", (c) => c.notNull())
        .addColumn("content_hash", "text", (c) => c.notNull())
        .addColumn("updated_at", ts as "text", (c) => c.notNull())
        .execute();
      await db.schema
        .createTable("turns")
        .addColumn("encounter_id", "text", (c) => c.notNull().references("encounters.id").onDelete("cascade"))
        .addColumn("seq", "integer", (c) => c.notNull())
        .addColumn("speaker", "text", (c) => c.notNull())
        .addColumn("offset_seconds", real as "real")
        .addColumn("text", "text", (c) => c.notNull())
        .addPrimaryKeyConstraint("turns_pk", ["encounter_id", "seq"])
        .execute();
      await db.schema
        .createTable("survey_responses")
        .addColumn("id", "text", (c) => c.primaryKey())
        .addColumn("kind", "text", (c) => c.notNull())
        .addColumn("score", "integer", (c) => c.notNull())
        .addColumn("comment", "text")
        .addColumn("answered_at", ts as "text", (c) => c.notNull())
        .addColumn("channel", "text")
        .addColumn("touchpoint", "text")
        .addColumn("team_id", "text")
        .addColumn("agent_id", "text")
        .addColumn("customer_id", "text")
        .addColumn("encounter_id", "text")
        .addColumn("content_hash", "text", (c) => c.notNull())
        .addColumn("updated_at", ts as "text", (c) => c.notNull())
        .execute();
      await db.schema
        .createTable("survey_invitations")
        .addColumn("id", "text", (c) => c.primaryKey())
        .addColumn("sent_at", ts as "text", (c) => c.notNull())
        .addColumn("channel", "text", (c) => c.notNull())
        .addColumn("kind", "text")
        .addColumn("customer_id", "text")
        .addColumn("encounter_id", "text")
        .addColumn("content_hash", "text", (c) => c.notNull())
        .addColumn("updated_at", ts as "text", (c) => c.notNull())
        .execute();
      await db.schema
        .createTable("pulse_answers")
        .addColumn("id", "text", (c) => c.primaryKey())
        .addColumn("team_id", "text", (c) => c.notNull())
        .addColumn("period", "text", (c) => c.notNull())
        .addColumn("score", "integer", (c) => c.notNull())
        .addColumn("comment", "text")
        .addColumn("content_hash", "text", (c) => c.notNull())
        .addColumn("updated_at", ts as "text", (c) => c.notNull())
        .execute();
      await db.schema
        .createTable("analysis_results")
        .addColumn("subject_kind", "text", (c) => c.notNull())
        .addColumn("subject_id", "text", (c) => c.notNull())
        .addColumn("analyzer_version", "text", (c) => c.notNull())
        .addColumn("result", "text", (c) => c.notNull())
        .addColumn("created_at", ts as "text", (c) => c.notNull())
        .addPrimaryKeyConstraint("analysis_results_pk", ["subject_kind", "subject_id", "analyzer_version"])
        .execute();
      await db.schema
        .createTable("import_runs")
        .addColumn("id", dialect.types.autoId as "integer", (c) => c.primaryKey())
        .addColumn("kind", "text", (c) => c.notNull())
        .addColumn("source", "text", (c) => c.notNull())
        .addColumn("started_at", ts as "text", (c) => c.notNull())
        .addColumn("finished_at", ts as "text")
        .addColumn("imported", "integer", (c) => c.notNull().defaultTo(0))
        .addColumn("updated", "integer", (c) => c.notNull().defaultTo(0))
        .addColumn("unchanged", "integer", (c) => c.notNull().defaultTo(0))
        .addColumn("rejected", "integer", (c) => c.notNull().defaultTo(0))
        .addColumn("status", "text", (c) => c.notNull())
        .execute();

      const indexes: [string, string, string[]][] = [
        ["encounters_started_idx", "encounters", ["started_at", "id"]],
        ["encounters_team_idx", "encounters", ["team_id", "started_at"]],
        ["encounters_agent_idx", "encounters", ["agent_id", "started_at"]],
        ["encounters_customer_idx", "encounters", ["customer_id"]],
        ["responses_answered_idx", "survey_responses", ["answered_at", "id"]],
        ["responses_kind_idx", "survey_responses", ["kind", "answered_at"]],
        ["responses_encounter_idx", "survey_responses", ["encounter_id"]],
        ["responses_customer_idx", "survey_responses", ["customer_id"]],
        ["invitations_sent_idx", "survey_invitations", ["sent_at", "id"]],
        ["invitations_encounter_idx", "survey_invitations", ["encounter_id"]],
        ["pulse_team_period_idx", "pulse_answers", ["team_id", "period"]],
        ["agents_team_idx", "agents", ["team_id"]],
      ];
      for (const [name, table, columns] of indexes) {
        await db.schema.createIndex(name).on(table).columns(columns).execute();
      }
    },
    async down(db: Kysely<unknown>) {
      for (const t of [
        "import_runs",
        "analysis_results",
        "pulse_answers",
        "survey_invitations",
        "survey_responses",
        "turns",
        "encounters",
        "customers",
        "agents",
        "teams",
      ]) {
        await db.schema.dropTable(t).ifExists().execute();
      }
    },
  };
}
