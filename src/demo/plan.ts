import type { Channel } from "../domain/index.ts";
import { helsinkiToUtcMs, type MonthSpan, weekday } from "./calendar.ts";
import type { AgentProfile, CustomerProfile } from "./people.ts";
import { STAR_AGENT_TEAM, WeightedPicker } from "./people.ts";
import { CHANNEL_WEIGHTS, PLANT, SEASONAL_VOLUME } from "./plant.ts";
import type { Rng } from "./prng.ts";
import {
  BASE_THEME_WEIGHTS,
  type EncounterTheme,
  LONG_WAIT_SECONDS,
  routeTeam,
  type TeamId,
  type ThemeId,
  TOUCHPOINTS,
} from "./themes.ts";

/** Everything decided about an encounter before any text is written or any score is drawn. */
export interface EncounterPlan {
  id: string;
  monthIndex: number;
  startMs: number;
  channel: Channel;
  customer: CustomerProfile;
  theme: EncounterTheme;
  /** Primary theme first, then secondary ones (a long wait adds "waiting", a failed bot "chatbot"). */
  themes: ThemeId[];
  touchpoint: string;
  team: TeamId;
  agent: AgentProfile | undefined;
  /** Queue time before `startMs` (the moment the conversation began). */
  waitSeconds: number | undefined;
  transfers: number;
  resolved: boolean;
  angryStart: boolean;
  recovered: boolean;
  /** app_login after the update: the text talks about the update. */
  emerging: boolean;
  botOutcome: "solved" | "handoff" | "abandoned" | undefined;
}

export interface PlanSetup {
  months: MonthSpan[];
  scale: number;
  customers: CustomerProfile[];
  agents: AgentProfile[];
  indices: { enpsDrop: number; npsDrop: number; emerging: number };
}

/** Opening hours (Helsinki) per channel and weekday group; undefined = closed. */
function hoursFor(channel: Channel, wd: number): [number, number] | undefined {
  const weekend = wd === 0 || wd === 6;
  if (channel === "phone") return weekend ? undefined : [8, 18];
  if (channel === "chat") return wd === 0 ? undefined : wd === 6 ? [10, 16] : [8, 20];
  if (channel === "visit") return wd === 0 ? undefined : wd === 6 ? [10, 16] : [10, 18];
  return [0, 24];
}

function pickStart(rng: Rng, span: MonthSpan, channel: Channel): number {
  for (;;) {
    const day = rng.int(1, span.days);
    const hours = hoursFor(channel, weekday(span.year, span.month, day));
    if (!hours) continue;
    let [open, close] = hours;
    if (close - open === 24 && rng.chance(0.85)) [open, close] = [7, 23];
    const seconds = rng.int(open * 3600, close * 3600 - 900);
    return helsinkiToUtcMs(span.year, span.month, day, seconds);
  }
}

function themeWeights(monthIndex: number, emergingIndex: number): Record<EncounterTheme, number> {
  const base = Object.values(BASE_THEME_WEIGHTS).reduce((a, b) => a + b, 0);
  const share = monthIndex >= emergingIndex ? PLANT.appLoginShareAfter : PLANT.appLoginShareBefore;
  return { ...BASE_THEME_WEIGHTS, app_login: (share * base) / (1 - share) };
}

function queueWait(rng: Rng, longChance: number): number {
  if (rng.chance(longChance)) return rng.int(LONG_WAIT_SECONDS + 20, 2700);
  return 10 + Math.floor(rng.float() ** 1.8 * 560);
}

function agentPickers(agents: AgentProfile[]): Map<TeamId, WeightedPicker<AgentProfile>> {
  const map = new Map<TeamId, WeightedPicker<AgentProfile>>();
  for (const team of new Set(agents.map((a) => a.team))) {
    map.set(
      team,
      new WeightedPicker(
        agents.filter((a) => a.team === team),
        (a) => a.weight,
      ),
    );
  }
  return map;
}

/** Plans all encounters, sorted by start time and numbered enc-000001… in that order. */
export function planEncounters(rng: Rng, setup: PlanSetup): EncounterPlan[] {
  const customers = new WeightedPicker(setup.customers, (c) => c.activity);
  const pickers = agentPickers(setup.agents);
  const pickAgent = (team: TeamId): AgentProfile =>
    (pickers.get(team) as WeightedPicker<AgentProfile>).pick(rng);
  const plans: EncounterPlan[] = [];
  setup.months.forEach((span, m) => {
    const weights = themeWeights(m, setup.indices.emerging);
    const appShare = m >= setup.indices.emerging ? PLANT.appLoginShareAfter : PLANT.appLoginShareBefore;
    const volume =
      (PLANT.encountersPerMonth * setup.scale * (SEASONAL_VOLUME[span.month - 1] ?? 1)) / (1 - appShare);
    const busy = (SEASONAL_VOLUME[span.month - 1] ?? 1) > 1.04;
    const count = Math.max(1, Math.round(volume));
    const leadDropped = m >= setup.indices.npsDrop;
    for (let i = 0; i < count; i++) {
      const customer = customers.pick(rng);
      const channel = rng.weighted(CHANNEL_WEIGHTS as Record<Channel, number>);
      const theme = rng.weighted(weights);
      const themes: ThemeId[] = [theme];
      let team: TeamId = channel === "bot" ? "Digipalvelut" : routeTeam(rng, theme);
      let agent: AgentProfile | undefined;
      let waitSeconds: number | undefined;
      let botOutcome: EncounterPlan["botOutcome"];
      const conversational = channel === "phone" || channel === "chat" || channel === "visit";
      if (conversational) {
        agent = pickAgent(team);
        const longChance = theme === "waiting" ? 1 : theme === "callback" ? 0.4 : busy ? 0.15 : 0.09;
        waitSeconds = channel === "visit" ? rng.int(0, 900) : queueWait(rng, longChance);
      } else if (channel === "bot") {
        const solveChance =
          theme === "information" || theme === "opening_hours" ? 0.5 : theme === "chatbot" ? 0 : 0.15;
        botOutcome = rng.chance(solveChance) ? "solved" : rng.chance(0.85) ? "handoff" : "abandoned";
        if (botOutcome !== "solved" && theme !== "chatbot") themes.push("chatbot");
        if (botOutcome === "handoff") {
          team = "Digipalvelut";
          agent = pickAgent(team);
          waitSeconds = queueWait(rng, 0.1);
        }
      } else if (channel === "email" || rng.chance(0.75)) {
        agent = pickAgent(team);
      }
      const longWait = waitSeconds !== undefined && waitSeconds > LONG_WAIT_SECONDS;
      if (longWait && theme !== "waiting") themes.push("waiting");
      const leadTeamLate = team === PLANT.leadTeam && leadDropped;
      const transferRoll = rng.float();
      const [p1, p2] = leadTeamLate ? [0.25, 0.08] : channel === "email" ? [0.05, 0] : [0.1, 0.025];
      const transfers =
        !conversational && channel !== "email" ? 0 : transferRoll < p2 ? 2 : transferRoll < p2 + p1 ? 1 : 0;
      const emerging = theme === "app_login" && m >= setup.indices.emerging;
      let resolvedChance =
        theme === "billing"
          ? 0.62
          : theme === "product_defect"
            ? 0.65
            : emerging
              ? 0.45
              : theme === "waiting"
                ? 0.9
                : 0.82;
      resolvedChance -= 0.1 * transfers;
      if (leadTeamLate) resolvedChance = Math.min(resolvedChance, PLANT.leadTeamResolvedAfterDrop);
      let angryChance = PLANT.angryBase;
      if (theme === "billing") angryChance += PLANT.angryIfBilling;
      if (longWait) angryChance += PLANT.angryIfLongWait;
      if (theme === "product_defect" || theme === "callback" || theme === "contract_cancellation")
        angryChance += 0.1;
      const angryStart = conversational && rng.chance(angryChance);
      // team leads route some angry callers to their most experienced agent
      if (angryStart && team === STAR_AGENT_TEAM && rng.chance(0.3))
        agent = setup.agents.find((x) => x.star) ?? agent;
      const recovered =
        angryStart && rng.chance(agent?.star ? PLANT.starRecoveryRate : PLANT.otherRecoveryRate);
      if (recovered) resolvedChance = Math.max(resolvedChance, 0.92);
      let resolved = rng.chance(resolvedChance);
      if (botOutcome === "solved") resolved = true;
      if (botOutcome === "abandoned" || (channel === "self_service" && !agent)) resolved = false;
      plans.push({
        id: "",
        monthIndex: m,
        startMs: pickStart(rng, span, channel),
        channel,
        customer,
        theme,
        themes,
        touchpoint: rng.pick(TOUCHPOINTS[theme]),
        team,
        agent,
        waitSeconds,
        transfers,
        resolved,
        angryStart,
        recovered,
        emerging,
        botOutcome,
      });
    }
  });
  plans.sort((a, b) => a.startMs - b.startMs);
  plans.forEach((p, i) => {
    p.id = `enc-${String(i + 1).padStart(6, "0")}`;
  });
  return plans;
}
