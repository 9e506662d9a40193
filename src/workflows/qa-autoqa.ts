import { isFaultBehaviour, QA_SCALES, type QaCriterion } from "../domain/qa-scorecard.ts";

/** A turn of the encounter with the behaviours its stored analysis found (null: not analysed). */
export interface QaTurn {
  seq: number;
  speaker: string;
  text: string;
  behaviours: readonly string[] | null;
}

export interface QaPrefill {
  criterion: string;
  /** The automatic score on the criterion's scale; null when the criterion has no behaviour or the encounter no analysis. */
  auto_score: number | null;
  /** Whether the analysis found the linked behaviour on an agent turn. */
  found: boolean | null;
  /** The first agent turn with the behaviour, as the reviewer should read it; null when not found. */
  evidence: { seq: number; speaker: string; text: string } | null;
}

/**
 * AutoQA: pre-scores each criterion linked to an agent behaviour from the encounter's analysis.
 * A criterion linked to a good behaviour (greeting, empathy, ownership, next steps…) gets its scale's
 * top step when an agent turn carries the behaviour and its lowest step when none does; one linked to
 * a fault (blame_customer, interrupting) the other way round. The evidence is the first agent turn
 * that carries the behaviour, so a reviewer can read it before confirming or overriding.
 * Without an analysis (not analysed, or turns changed since) nothing is pre-scored.
 * Example: criterion "greeting" (pass/fail), turn 1 of the agent says "Hei, miten voin auttaa?" →
 * { auto_score: 1, found: true, evidence: { seq: 1, … } }.
 */
export function autoScores(criteria: readonly QaCriterion[], turns: readonly QaTurn[] | null): QaPrefill[] {
  return criteria.map((c) => {
    if (!c.behaviour || turns === null) {
      return { criterion: c.id, auto_score: null, found: null, evidence: null };
    }
    const behaviour = c.behaviour;
    const turn = turns.find((t) => t.speaker === "agent" && (t.behaviours ?? []).includes(behaviour));
    const found = turn !== undefined;
    const { min, max } = QA_SCALES[c.scale];
    const good = isFaultBehaviour(behaviour) ? !found : found;
    return {
      criterion: c.id,
      auto_score: good ? max : min,
      found,
      evidence: turn ? { seq: turn.seq, speaker: turn.speaker, text: turn.text } : null,
    };
  });
}
