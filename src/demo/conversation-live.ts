import type { Channel } from "../domain/index.ts";
import { FI_FIRST } from "./names.ts";
import type { EncounterPlan } from "./plan.ts";
import type { Rng } from "./prng.ts";
import { type FillContext, fill, join, withFiller } from "./template.ts";
import type { LanguageBank } from "./text-types.ts";
import { LONG_WAIT_SECONDS } from "./themes.ts";
import { TurnWriter } from "./turn-writer.ts";

/** Themes that are often a quick question: these conversations are sometimes only 4–5 turns. */
const QUICK_THEMES = new Set(["information", "opening_hours", "prices"]);

/**
 * A phone call, chat or store visit: greeting, the customer's problem (with a queue complaint after
 * a long wait, an outburst if they start angry), clarification, the agent's action, the outcome and
 * goodbyes. An angry start either calms down (recovered) or stays sour, and the text shows which.
 */
export function liveConversation(
  rng: Rng,
  plan: EncounterPlan,
  bank: LanguageBank,
  ctx: FillContext,
): TurnWriter {
  const { common } = bank;
  const lines = bank.themes[plan.theme];
  const problems = plan.emerging && lines.emerging ? lines.emerging.problem : lines.problem;
  const mode = plan.channel === "phone" ? "spoken" : plan.channel === "chat" ? "typed" : "none";
  const w = new TurnWriter(rng, mode);
  const f = (text: string): string => fill(text, ctx);
  const spoken = plan.customer.language === "fi" ? 0.35 : 0.2;
  const customer = (text: string): void => {
    w.say("customer", rng.chance(spoken) ? withFiller(rng.pick(common.fillers), f(text)) : f(text));
  };

  w.say("agent", f(rng.pick(greetingsFor(plan.channel, bank))));
  const longWait = (plan.waitSeconds ?? 0) > LONG_WAIT_SECONDS;
  // some customers give the specifics straight away; they then add something else when asked
  const inlineDetail = rng.chance(0.3) ? rng.pick(lines.detail) : undefined;
  const laterDetail = (): string => {
    const others = lines.detail.filter((d) => d !== inlineDetail);
    return rng.pick(others.length > 0 ? others : common.customerOk);
  };
  const intro = rng.chance(plan.channel === "chat" ? 0.12 : 0.35)
    ? f(rng.pick(common.customerIntro))
    : undefined;
  const opening = join(
    !plan.angryStart && rng.chance(0.4) ? rng.pick(common.situation) : undefined,
    longWait && (plan.theme === "waiting" || rng.chance(0.8)) ? f(rng.pick(common.waitComplaint)) : undefined,
    plan.angryStart ? rng.pick(common.angry) : undefined,
    f(rng.pick(problems)),
    inlineDetail !== undefined ? f(inlineDetail) : undefined,
    rng.chance(0.45) ? rng.pick(common.askSuffix) : undefined,
    rng.chance(0.08) ? f(rng.pick(common.contactDetails)) : undefined,
  );
  const hello = plan.angryStart || intro ? "" : rng.pick(common.customerHello);
  w.say("customer", join(intro, withFiller(hello, opening)));

  const quick = !plan.angryStart && plan.transfers === 0 && QUICK_THEMES.has(plan.theme) && rng.chance(0.45);
  if (quick) {
    w.say(
      "agent",
      f(join(rng.pick(lines.action), plan.resolved ? rng.pick(lines.fix) : rng.pick(lines.pending))),
    );
    customer(plan.resolved ? rng.pick(common.thanksGood) : rng.pick(common.customerDoubt));
    if (rng.chance(0.6)) w.say("agent", f(rng.pick(common.agentBye)));
    return w;
  }

  if (plan.angryStart) {
    w.say("agent", f(rng.pick(common.calming)));
    customer(join(rng.pick(plan.recovered ? common.calmed : common.stillAngry), laterDetail()));
  } else {
    w.say("agent", f(rng.pick(common.agentAsk)));
    customer(join(laterDetail(), rng.chance(0.1) ? rng.pick(common.contactDetails) : undefined));
  }
  w.pause(mode === "spoken" ? rng.int(15, 150) : rng.int(20, 120));
  w.say("agent", f(rng.pick(lines.action)));

  for (let t = 0; t < plan.transfers; t++) {
    w.say("agent", f(rng.pick(common.transfer)));
    w.pause(rng.int(40, 240));
    // the colleague who picks up has their own name; the customer explains again only once
    w.say("agent", fill(rng.pick(greetingsFor(plan.channel, bank)), { ...ctx, agent: rng.pick(FI_FIRST) }));
    if (t === 0) customer(join(rng.chance(0.4) ? rng.pick(common.customerDoubt) : undefined, laterDetail()));
  }

  if (rng.chance(0.5)) {
    customer(plan.resolved || plan.recovered ? rng.pick(common.customerOk) : rng.pick(common.customerDoubt));
  }
  w.say("agent", f(plan.resolved ? rng.pick(lines.fix) : rng.pick(lines.pending)));

  const sour = (plan.angryStart && !plan.recovered) || (!plan.resolved && rng.chance(0.6));
  customer(
    sour ? rng.pick(plan.angryStart ? common.stillAngry : common.thanksBad) : rng.pick(common.thanksGood),
  );
  if (!sour || rng.chance(0.7)) w.say("agent", f(rng.pick(common.agentBye)));
  return w;
}

function greetingsFor(channel: Channel, bank: LanguageBank): readonly string[] {
  if (channel === "phone") return bank.common.agentGreetingPhone;
  if (channel === "chat") return bank.common.agentGreetingChat;
  return bank.common.agentGreetingVisit;
}
