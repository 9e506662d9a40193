import type { EncounterPlan } from "./plan.ts";
import type { Rng } from "./prng.ts";
import { type FillContext, fill, join } from "./template.ts";
import type { LanguageBank } from "./text-types.ts";
import { TurnWriter } from "./turn-writer.ts";

const HOUR = 3600;

/** How people often type to a bot: no capital, no final full stop. */
function casual(text: string): string {
  return (text.charAt(0).toLowerCase() + text.slice(1)).replace(/\.$/, "");
}

export interface AsyncResult {
  writer: TurnWriter;
  /** Seconds from start to the last message (email replies come hours later). */
  durationSeconds: number;
}

function signature(plan: EncounterPlan, bank: LanguageBank, rng: Rng, ctx: FillContext): string {
  const c = plan.customer;
  const contact = rng.chance(0.35) ? `\n${fill("{phone}", ctx)}` : "";
  const name = rng.chance(0.8) ? `${c.firstName} ${c.lastName}` : c.firstName;
  return `${rng.pick(bank.common.emailClose)}\n${name}${contact}`;
}

/**
 * Email in formal register: the customer's letter, the agent's reply (action + outcome), and
 * sometimes a follow-up and a final answer: 2–4 turns, hours apart, no offsets.
 */
export function emailThread(
  rng: Rng,
  plan: EncounterPlan,
  bank: LanguageBank,
  ctx: FillContext,
): AsyncResult {
  const { common } = bank;
  const lines = bank.themes[plan.theme];
  const bodies = plan.emerging && lines.emerging ? lines.emerging.email : lines.email;
  const w = new TurnWriter(rng, "none");
  const f = (text: string): string => fill(text, ctx);
  const detail = rng.chance(0.3) ? f(rng.pick(lines.detail)) : undefined;
  const body = join(
    f(rng.pick(bodies)),
    plan.theme === "billing" || plan.theme === "information" ? detail : undefined,
  );
  w.say("customer", `${rng.pick(common.emailOpen)}\n\n${body}\n\n${signature(plan, bank, rng, ctx)}`);
  let duration = rng.int(1 * HOUR, 48 * HOUR);
  const outcome = plan.resolved ? rng.pick(lines.fix) : rng.pick(lines.pending);
  const reply = `${f(rng.pick(common.emailAgentOpen))} ${f(rng.pick(lines.action))} ${f(outcome)}\n\n${f(rng.pick(common.emailAgentClose))}`;
  w.say("agent", reply);
  if (rng.chance(0.45)) {
    const follow = plan.resolved ? rng.pick(common.emailFollowUpGood) : rng.pick(common.emailFollowUpBad);
    w.say("customer", `${follow}\n\n${signature(plan, bank, rng, ctx)}`);
    duration += rng.int(1 * HOUR, 30 * HOUR);
    if (!plan.resolved || rng.chance(0.3)) {
      const last = plan.resolved ? rng.pick(common.agentBye) : rng.pick(lines.pending);
      w.say(
        "agent",
        `${f(rng.pick(common.emailAgentOpen))} ${f(last)}\n\n${f(rng.pick(common.emailAgentClose))}`,
      );
      duration += rng.int(2 * HOUR, 40 * HOUR);
    }
  }
  return { writer: w, durationSeconds: duration };
}

/** A web form: the customer's message, an automatic receipt, and usually an agent's answer later. */
export function webForm(rng: Rng, plan: EncounterPlan, bank: LanguageBank, ctx: FillContext): AsyncResult {
  const { common } = bank;
  const lines = bank.themes[plan.theme];
  const emerging = plan.emerging ? lines.emerging : undefined;
  const w = new TurnWriter(rng, "none");
  const f = (text: string): string => fill(text, ctx);
  const message = rng.chance(0.5)
    ? join(
        rng.pick(emerging?.email ?? lines.email),
        rng.chance(0.5) ? rng.pick(common.contactDetails) : undefined,
      )
    : join(
        rng.chance(0.3) ? rng.pick(common.situation) : undefined,
        rng.pick(emerging?.problem ?? lines.problem),
        rng.pick(lines.detail),
      );
  w.say("customer", `${f(message)}\n\n${plan.customer.firstName} ${plan.customer.lastName}`);
  w.say("bot", rng.pick(common.autoReply));
  let duration = 5;
  if (plan.agent) {
    const outcome = plan.resolved ? rng.pick(lines.fix) : rng.pick(lines.pending);
    w.say("agent", `${f(rng.pick(common.emailAgentOpen))} ${f(rng.pick(lines.action))} ${f(outcome)}`);
    duration = rng.int(2 * HOUR, 72 * HOUR);
  }
  return { writer: w, durationSeconds: duration };
}

/**
 * The chatbot: the customer's question (usually a sentence, sometimes a keyword), canned answers and
 * fallbacks; then solved, handed to a human (who continues like a chat) or abandoned.
 */
export function botChat(rng: Rng, plan: EncounterPlan, bank: LanguageBank, ctx: FillContext): AsyncResult {
  const { common } = bank;
  const lines = bank.themes[plan.theme];
  const emerging = plan.emerging ? lines.emerging : undefined;
  const shorts = emerging?.short ?? lines.short;
  const w = new TurnWriter(rng, "bot");
  const f = (text: string): string => fill(text, ctx);
  w.say("bot", rng.pick(common.botGreeting));
  const question = join(
    rng.chance(0.4) ? rng.pick(common.situation) : undefined,
    rng.pick(emerging?.problem ?? lines.problem),
    rng.chance(0.3) ? rng.pick(lines.detail) : undefined,
    rng.chance(0.4) ? rng.pick(common.askSuffix) : undefined,
  );
  w.say(
    "customer",
    rng.chance(0.05) ? rng.pick(shorts) : rng.chance(0.5) ? casual(f(question)) : f(question),
  );
  if (plan.botOutcome === "solved") {
    w.say("bot", rng.pick(common.botAnswer));
    w.say("customer", rng.pick(common.customerOk));
    w.say("bot", rng.pick(common.botSolved));
    return { writer: w, durationSeconds: Math.round(w.clock) };
  }
  w.say("bot", rng.pick(rng.chance(0.5) ? common.botAnswer : common.botFallback));
  if (rng.chance(0.4)) {
    w.say("customer", rng.pick(shorts));
    w.say("bot", rng.pick(common.botFallback));
  }
  w.say("customer", rng.pick(common.wantHuman));
  w.say("bot", f(rng.pick(common.botHandoff)));
  if (plan.botOutcome === "abandoned" || !plan.agent) {
    return { writer: w, durationSeconds: Math.round(w.clock) + rng.int(60, 600) };
  }
  w.pause(plan.waitSeconds ?? 60);
  w.say("agent", f(rng.pick(common.agentGreetingChat)));
  const complaint = rng.chance(0.3) ? rng.pick(bank.themes.chatbot.problem) : undefined;
  w.say("customer", f(join(complaint, rng.pick(lines.detail))));
  w.say("agent", f(rng.pick(lines.action)));
  w.say("agent", f(plan.resolved ? rng.pick(lines.fix) : rng.pick(lines.pending)));
  w.say("customer", rng.pick(plan.resolved ? common.thanksGood : common.thanksBad));
  return { writer: w, durationSeconds: Math.round(w.clock) };
}
