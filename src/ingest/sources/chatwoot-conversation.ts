import type { EncounterWithTurns } from "../../store/encounter-repository.ts";
import type { ChatwootAction, ConversationFields } from "./chatwoot.ts";

/**
 * A Chatwoot conversation as one encounter that grows a turn per message: the stored encounter
 * (its turns already redacted — redaction is idempotent) plus the new message, in time order,
 * as a batch API item. Messages may arrive out of order, so the start moves back when an earlier
 * one comes and every offset is recomputed from absolute times. Pure.
 */

type TurnAction = Extract<ChatwootAction, { type: "turn" }>;
type ResolveAction = Extract<ChatwootAction, { type: "resolve" }>;
type CsatAction = Extract<ChatwootAction, { type: "csat" }>;

/** A CSAT survey response as a batch API answer, linked to its conversation's encounter. */
export function csatAnswer(action: CsatAction): Record<string, unknown> {
  return {
    id: action.answerId,
    kind: "csat",
    score: action.rating,
    answered_at: action.at,
    encounter_id: action.encounterId,
    channel: action.fields.channel,
    ...(action.feedback ? { comment: action.feedback } : {}),
    ...(action.fields.team ? { team: action.fields.team } : {}),
    ...(action.fields.agent ? { agent: action.fields.agent } : {}),
    ...(action.fields.customerId ? { customer_id: action.fields.customerId } : {}),
  };
}

interface TimedTurn {
  speaker: string;
  text: string;
  ms: number;
}

export function encounterWithTurn(
  stored: EncounterWithTurns | undefined,
  action: TurnAction,
): Record<string, unknown> {
  const turns = storedTurns(stored);
  const ms = Date.parse(action.at);
  // After every turn of the same moment or earlier, so equal timestamps keep their arrival order.
  const index = turns.findIndex((t) => t.ms > ms);
  const next = { speaker: action.speaker, text: action.text, ms };
  if (index === -1) turns.push(next);
  else turns.splice(index, 0, next);
  const candidates = [ms, ...turns.map((t) => t.ms)];
  if (stored) candidates.push(Date.parse(stored.started_at));
  if (action.conversationStartedAt) candidates.push(Date.parse(action.conversationStartedAt));
  const start = Math.min(...candidates);
  // A new message on a resolved conversation reopens it: it is analysed again when resolved again.
  return encounterItem(action.encounterId, stored, action.fields, start, turns, null);
}

/** The conversation closed: its end time and resolved flag; undefined when no turn was stored yet. */
export function resolvedEncounter(
  stored: EncounterWithTurns | undefined,
  action: ResolveAction,
): Record<string, unknown> | undefined {
  if (!stored) return undefined;
  const turns = storedTurns(stored);
  const start = Date.parse(stored.started_at);
  const end = Math.max(Date.parse(action.at), start, ...turns.map((t) => t.ms));
  return encounterItem(action.encounterId, stored, action.fields, start, turns, end);
}

/**
 * A whole conversation at once, as the pull reads it (chatwoot-pull.ts): the same encounter the
 * turn-by-turn deliveries build, from all its message actions (any order), closed when `resolve`
 * is given. Undefined when no message made a turn.
 */
export function conversationEncounter(
  actions: TurnAction[],
  resolve: ResolveAction | null,
): Record<string, unknown> | undefined {
  const first = actions[0];
  if (!first) return undefined;
  // Sorted by time, stable: messages of the same moment keep Chatwoot's order.
  const turns = actions
    .map((a) => ({ speaker: a.speaker, text: a.text, ms: Date.parse(a.at) }))
    .sort((a, b) => a.ms - b.ms);
  const started = actions.flatMap((a) =>
    a.conversationStartedAt ? [Date.parse(a.conversationStartedAt)] : [],
  );
  const start = Math.min(...turns.map((t) => t.ms), ...started);
  const end = resolve ? Math.max(Date.parse(resolve.at), start, ...turns.map((t) => t.ms)) : null;
  // As resolvedEncounter keeps what the turns stored: the status event names no inbox (team).
  const fields = { ...first.fields, ...resolve?.fields };
  return encounterItem(first.encounterId, undefined, fields, start, turns, end);
}

function storedTurns(stored: EncounterWithTurns | undefined): TimedTurn[] {
  if (!stored) return [];
  const start = Date.parse(stored.started_at);
  return stored.turns.map((t) => ({ speaker: t.speaker, text: t.text, ms: start + (t.at ?? 0) * 1000 }));
}

function encounterItem(
  id: string,
  stored: EncounterWithTurns | undefined,
  fields: ConversationFields,
  start: number,
  turns: TimedTurn[],
  end: number | null,
): Record<string, unknown> {
  const team = fields.team ?? stored?.team;
  const agent = fields.agent ?? stored?.agent;
  const customer = fields.customerId ?? stored?.customer_id;
  return {
    id,
    channel: stored?.channel ?? fields.channel,
    started_at: new Date(start).toISOString(),
    ...(end !== null ? { ended_at: new Date(end).toISOString(), resolved: true } : {}),
    ...(team ? { team } : {}),
    ...(agent ? { agent } : {}),
    ...(customer ? { customer_id: customer } : {}),
    turns: turns.map((t) => ({ speaker: t.speaker, text: t.text, at: (t.ms - start) / 1000 })),
  };
}
