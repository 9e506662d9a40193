import type { Context } from "hono";
import { canViewEncounterText, isOtherTeamRead, type Principal } from "../auth/access-rules.ts";
import { KohtaamoError, sameName } from "../domain/index.ts";
import type { EncounterWithTurns } from "../store/encounter-repository.ts";
import { QaCalibrationRepository } from "../store/qa-calibration-repository.ts";
import { QaRepository, type ScorecardView } from "../store/qa-repository.ts";
import { autoScores, type QaPrefill } from "../workflows/qa-autoqa.ts";
import { encounterAnalysis } from "./analysis-view.ts";
import { principal } from "./auth-context.ts";
import type { ServerContext } from "./server-context.ts";

/** The QA repositories over the server's store (they add their tables to its Kysely type). */
export function qaStores(ctx: ServerContext): { qa: QaRepository; calibration: QaCalibrationRepository } {
  return { qa: new QaRepository(ctx.store.db), calibration: new QaCalibrationRepository(ctx.store.db) };
}

/**
 * An encounter the caller may read (someone else's looks missing), its read audited when it is
 * outside the caller's teams, as the encounter detail does.
 */
export async function readableEncounter(
  ctx: ServerContext,
  c: Context,
  id: string,
): Promise<EncounterWithTurns> {
  const p = principal(c);
  const encounter = await ctx.store.encounters.get(id);
  if (!encounter || !canViewEncounterText(p, encounter)) {
    throw new KohtaamoError("not_found", `encounter ${id} not found`);
  }
  if (isOtherTeamRead(p, encounter)) {
    await ctx.store.access.audit({
      actor: p.email,
      action: "text.read",
      target: `encounter:${id}`,
      details: { records: 1, teams: [encounter.team], via: "qa" },
    });
  }
  return encounter;
}

/** A scorecard's scope must include the encounter: its team and channel, when it names them. */
export function checkScope(card: ScorecardView, encounter: EncounterWithTurns): void {
  const problems: { field: string; reason: string }[] = [];
  if (card.team && !sameName(card.team, encounter.team)) {
    problems.push({ field: "scorecard", reason: `the scorecard is for team ${card.team}` });
  }
  if (card.channel && !sameName(card.channel, encounter.channel)) {
    problems.push({ field: "scorecard", reason: `the scorecard is for the ${card.channel} channel` });
  }
  if (problems.length > 0) {
    throw new KohtaamoError("bad_request", `invalid request: ${problems.map((p) => p.reason).join("; ")}`, {
      problems,
    });
  }
}

/** AutoQA's scores for this encounter from its stored analysis (none when it has no usable one). */
export async function prefillFor(
  ctx: ServerContext,
  card: ScorecardView,
  encounter: EncounterWithTurns,
): Promise<{ analysed: boolean; prefill: QaPrefill[] }> {
  const analysed = encounterAnalysis(
    await ctx.store.analysis.latest("encounter", encounter.id),
    encounter.turns,
  );
  const turns = analysed
    ? encounter.turns.map((t, i) => ({
        seq: t.seq,
        speaker: t.speaker,
        text: t.text,
        behaviours: analysed.turns[i]?.behaviours ?? [],
      }))
    : null;
  return { analysed: analysed !== null, prefill: autoScores(card.criteria, turns) };
}

/** Who may coordinate QA for a team: admins and analysts for all, a manager for their own teams. */
export function coordinates(p: Principal, team: string | null): boolean {
  if (p.role === "admin" || p.role === "analyst") return true;
  return p.role === "manager" && p.teams.some((t) => sameName(t, team));
}
