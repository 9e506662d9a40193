import type {
  Agent,
  Customer,
  Encounter,
  PulseAnswer,
  SurveyInvitation,
  SurveyResponse,
} from "../domain/index.ts";
import { monthRange } from "./calendar.ts";
import { buildEncounter } from "./encounters.ts";
import { buildAgents, buildCustomers, toAgentRecord, toCustomerRecord } from "./people.ts";
import { planEncounters } from "./plan.ts";
import { PLANT, plantedMonthIndices } from "./plant.ts";
import { Rng, saltOf } from "./prng.ts";
import { buildPulse } from "./pulse.ts";
import { calibrateParity, latentMean, type ScoreModel } from "./scoring.ts";
import { type ResponseLabel, runSurveys } from "./surveys.ts";
import type { Language } from "./text-types.ts";
import { type EncounterTheme, LONG_WAIT_SECONDS, TEAMS, type ThemeId } from "./themes.ts";
import { buildTruths, type DemoTruths } from "./truths.ts";

export interface DemoOptions {
  seed?: number;
  /** Last month of data, "YYYY-MM" (default "2026-10"). */
  endMonth?: string;
  /** Number of months (default 12, at least 6 so every planted event fits). */
  months?: number;
  /** Volume multiplier for customers and encounters (default 1 ≈ 7,500 encounters). */
  scale?: number;
}

export interface DemoWorkspace {
  teams: { id: string; name: string }[];
  agents: Agent[];
  customers: Customer[];
  encounters: Encounter[];
  responses: SurveyResponse[];
  invitations: SurveyInvitation[];
  pulse: PulseAnswer[];
  truths: DemoTruths;
}

/** Ground truth per record that the records themselves do not carry (language, themes, mood). */
export interface EncounterLabel {
  language: Language;
  theme: EncounterTheme;
  themes: ThemeId[];
  longWait: boolean;
  angryStart: boolean;
  recovered: boolean;
  emerging: boolean;
  latentMean: number;
}

export interface DemoLabels {
  encounters: Record<string, EncounterLabel>;
  responses: Record<string, ResponseLabel>;
  customers: Record<string, { language: Language; name: string; email: string; phone: string }>;
}

export const DEFAULT_DEMO_OPTIONS = { seed: 20261, endMonth: "2026-10", months: 12, scale: 1 } as const;

function normalise(opts: DemoOptions): Required<DemoOptions> {
  const d = DEFAULT_DEMO_OPTIONS;
  const o = {
    seed: opts.seed ?? d.seed,
    endMonth: opts.endMonth ?? d.endMonth,
    months: opts.months ?? d.months,
    scale: opts.scale ?? d.scale,
  };
  if (!Number.isInteger(o.seed)) throw new Error(`seed must be an integer (got ${o.seed})`);
  if (!Number.isInteger(o.months) || o.months < 6 || o.months > 60)
    throw new Error(`months must be 6–60 (got ${o.months})`);
  if (!(o.scale > 0 && o.scale <= 50)) throw new Error(`scale must be > 0 and ≤ 50 (got ${o.scale})`);
  return o;
}

/** Independent stream per stage, so changing the text banks does not change any score or count. */
function stream(seed: number, label: string): Rng {
  return new Rng((seed ^ saltOf(label)) >>> 0);
}

/** Generates the demo workspace together with per-record ground-truth labels (for tests and docs). */
export function generateDemoWithLabels(opts: DemoOptions = {}): {
  workspace: DemoWorkspace;
  labels: DemoLabels;
} {
  const o = normalise(opts);
  const months = monthRange(o.endMonth, o.months);
  const indices = plantedMonthIndices(o.months);
  const peopleRng = stream(o.seed, "people");
  const agents = buildAgents(peopleRng);
  const customers = buildCustomers(peopleRng, Math.max(20, Math.round(PLANT.customers * o.scale)));
  const plans = planEncounters(stream(o.seed, "plan"), {
    months,
    scale: o.scale,
    customers,
    agents,
    indices,
  });

  const scoreRng = stream(o.seed, "score");
  const model: ScoreModel = {
    monthShift: months.map(() => scoreRng.normal(0, PLANT.monthWobbleSd)),
    teamOffset: {},
    npsDropIndex: indices.npsDrop,
  };
  calibrateParity(plans, model);

  const textRng = stream(o.seed, "text");
  const built = plans.map((p) => buildEncounter(textRng, p));
  const surveys = runSurveys(stream(o.seed, "survey"), built, model);
  const pulse = buildPulse(stream(o.seed, "pulse"), months, indices.enpsDrop);

  const star = agents.find((a) => a.star);
  if (!star) throw new Error("no star agent was chosen");
  const encounters = built.map((b) => b.record);
  const truths = buildTruths({
    options: o,
    months: months.map((m) => m.key),
    counts: {
      teams: TEAMS.length,
      agents: agents.length,
      customers: customers.length,
      encounters: encounters.length,
      invitations: surveys.invitations.length,
      responses: surveys.responses.length,
      npsResponses: surveys.responses.filter((r) => r.kind === "nps").length,
      pulse: pulse.length,
    },
    indices,
    starAgent: { id: star.id, team: star.team },
    parityOffset: model.teamOffset[PLANT.parityTeams[1]] ?? 0,
    monthShift: model.monthShift,
  });

  const labels: DemoLabels = { encounters: {}, responses: surveys.responseLabels, customers: {} };
  for (const p of plans) {
    labels.encounters[p.id] = {
      language: p.customer.language,
      theme: p.theme,
      themes: p.themes,
      longWait: (p.waitSeconds ?? 0) > LONG_WAIT_SECONDS,
      angryStart: p.angryStart,
      recovered: p.recovered,
      emerging: p.emerging,
      latentMean: Math.round(latentMean(p, model) * 1000) / 1000,
    };
  }
  for (const c of customers) {
    labels.customers[c.id] = {
      language: c.language,
      name: `${c.firstName} ${c.lastName}`,
      email: c.email,
      phone: c.phone,
    };
  }

  const workspace: DemoWorkspace = {
    teams: TEAMS.map((t) => ({ id: t.id, name: t.name })),
    agents: agents.map(toAgentRecord),
    customers: customers.map(toCustomerRecord),
    encounters,
    responses: surveys.responses,
    invitations: surveys.invitations,
    pulse,
    truths,
  };
  return { workspace, labels };
}

/** The deterministic demo workspace: same options → byte-identical JSON. */
export function generateDemo(opts: DemoOptions = {}): DemoWorkspace {
  return generateDemoWithLabels(opts).workspace;
}
