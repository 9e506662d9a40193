import type { Kysely, Migration } from "kysely";
import type { StoreDialect } from "../dialects/store-dialect.ts";

// Why: coaching sessions built from real encounters (issue 12). A session is one team's (and
// optionally one agent's) review of a period: the encounters picked for it, each with the reason
// kind, the reason's figures and the turn that matters, and what the team agreed. The picks are
// stored, not recomputed, so a session reads the same after a reanalysis or a late import.
// Nothing here holds message text: reasons are kinds and numbers, notes are the team lead's own words.
export function coachingSchema(dialect: StoreDialect): Migration {
  const { timestamp: ts } = dialect.types;
  return {
    async up(db: Kysely<unknown>) {
      await db.schema
        .createTable("coaching_sessions")
        .addColumn("id", "text", (c) => c.primaryKey())
        .addColumn("team", "text", (c) => c.notNull())
        .addColumn("agent", "text")
        .addColumn("period_from", ts as "text", (c) => c.notNull())
        .addColumn("period_to", ts as "text", (c) => c.notNull())
        .addColumn("created_by", "text", (c) => c.notNull())
        .addColumn("status", "text", (c) => c.notNull())
        .addColumn("notes", "text")
        // JSON array of strings: what the team agreed, shown again by the next session.
        .addColumn("agreements", "text", (c) => c.notNull())
        // JSON array of the suggested questions (template id, pick, turn, fi/en text).
        .addColumn("questions", "text", (c) => c.notNull())
        // JSON array of the kinds that found no encounter, and why (a small team or period).
        .addColumn("shortfalls", "text", (c) => c.notNull())
        .addColumn("follow_up_date", "text")
        .addColumn("created_at", ts as "text", (c) => c.notNull())
        .addColumn("updated_at", ts as "text", (c) => c.notNull())
        .execute();
      await db.schema
        .createIndex("coaching_sessions_team_idx")
        .on("coaching_sessions")
        .columns(["team", "created_at"])
        .execute();
      await db.schema
        .createIndex("coaching_sessions_agent_idx")
        .on("coaching_sessions")
        .columns(["agent", "created_at"])
        .execute();
      await db.schema
        .createTable("coaching_picks")
        .addColumn("session_id", "text", (c) =>
          c.notNull().references("coaching_sessions.id").onDelete("cascade"),
        )
        .addColumn("position", "integer", (c) => c.notNull())
        .addColumn("encounter_id", "text", (c) => c.notNull())
        .addColumn("reason_kind", "text", (c) => c.notNull())
        // JSON object of the reason's figures (tones, effort signals, turns): never message text.
        .addColumn("reason_data", "text", (c) => c.notNull())
        // 0-based index of the turn that matters, as in the analysis (the encounter view's #turn-N is N = index + 1).
        .addColumn("turn_index", "integer")
        .addPrimaryKeyConstraint("coaching_picks_pkey", ["session_id", "position"])
        .execute();
      await db.schema
        .createIndex("coaching_picks_encounter_idx")
        .on("coaching_picks")
        .columns(["encounter_id"])
        .execute();
    },
    async down(db: Kysely<unknown>) {
      await db.schema.dropTable("coaching_picks").ifExists().execute();
      await db.schema.dropTable("coaching_sessions").ifExists().execute();
    },
  };
}
