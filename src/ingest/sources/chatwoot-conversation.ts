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
