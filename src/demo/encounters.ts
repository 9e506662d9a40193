import type { Encounter } from "../domain/index.ts";
import { iso } from "./calendar.ts";
import { botChat, emailThread, webForm } from "./conversation-async.ts";
import { liveConversation } from "./conversation-live.ts";
import type { EncounterPlan } from "./plan.ts";
import type { Rng } from "./prng.ts";
import { buildContext, type FillContext } from "./template.ts";
import { BANKS } from "./text-bank.ts";

/** An encounter record with the plan it came from and the placeholder values its text used. */
export interface BuiltEncounter {
  plan: EncounterPlan;
  record: Encounter;
  ctx: FillContext;
}

/** Turns a plan into an `Encounter` record: writes the conversation and derives the end time. */
export function buildEncounter(rng: Rng, plan: EncounterPlan): BuiltEncounter {
  const bank = BANKS[plan.customer.language];
  const ctx = buildContext(rng, {
    language: plan.customer.language,
    startMs: plan.startMs,
    waitSeconds: plan.waitSeconds,
    agentFirstName: plan.agent?.firstName,
    customerFirstName: plan.customer.firstName,
    customerFullName: `${plan.customer.firstName} ${plan.customer.lastName}`,
    email: plan.customer.email,
    phone: plan.customer.phone,
  });
  let turns: Encounter["turns"];
  let duration: number;
  if (plan.channel === "email") {
    const r = emailThread(rng, plan, bank, ctx);
    turns = r.writer.turns;
    duration = r.durationSeconds;
  } else if (plan.channel === "self_service") {
    const r = webForm(rng, plan, bank, ctx);
    turns = r.writer.turns;
    duration = r.durationSeconds;
  } else if (plan.channel === "bot") {
    const r = botChat(rng, plan, bank, ctx);
    turns = r.writer.turns;
    duration = r.durationSeconds;
  } else {
    const w = liveConversation(rng, plan, bank, ctx);
    turns = w.turns;
    duration = Math.round(w.clock) + rng.int(5, 40);
  }
  const record: Encounter = {
    id: plan.id,
    channel: plan.channel,
    touchpoint: plan.touchpoint,
    startedAt: iso(plan.startMs),
    endedAt: iso(plan.startMs + duration * 1000),
    team: plan.team,
    ...(plan.agent ? { agent: plan.agent.id } : {}),
    customerId: plan.customer.id,
    ...(plan.waitSeconds !== undefined ? { waitSeconds: plan.waitSeconds } : {}),
    transfers: plan.transfers,
    resolved: plan.resolved,
    turns,
  };
  return { plan, record, ctx };
}
