import type { Agent, Customer } from "../domain/index.ts";
import { EMAIL_DOMAINS, EN_FIRST, EN_LAST, emailLocal, FI_FIRST, FI_LAST } from "./names.ts";
import type { Rng } from "./prng.ts";
import type { Language } from "./text-types.ts";
import { TEAMS, type TeamId } from "./themes.ts";

/** Agents per team at scale 1 (about 30 in all). */
const AGENTS_PER_TEAM: Record<TeamId, number> = {
  Laskutus: 6,
  "Tekninen tuki": 7,
  Asiakaspalvelu: 8,
  "Myynti ja sopimukset": 5,
  Digipalvelut: 4,
};

/** The star agent is senior and takes more contacts, so the recovery truth has enough cases. */
export const STAR_AGENT_TEAM: TeamId = "Asiakaspalvelu";
const STAR_AGENT_WEIGHT = 2.2;

export interface AgentProfile {
  id: string;
  team: TeamId;
  firstName: string;
  name: string;
  /** Relative share of the team's contacts (part-timers take fewer). */
  weight: number;
  star: boolean;
}

/** Customer segments as a Finnish CRM names them (the records carry these display names). */
export const SEGMENT_NAMES = { consumer: "Kuluttaja", sme: "Pk-yritys", enterprise: "Suuryritys" } as const;

export interface CustomerProfile {
  id: string;
  segment: keyof typeof SEGMENT_NAMES;
  yearlyValueEur: number;
  language: Language;
  firstName: string;
  lastName: string;
  email: string;
  phone: string;
  /** Relative contact frequency: a few customers contact the centre a lot. */
  activity: number;
}

export function buildAgents(rng: Rng): AgentProfile[] {
  const agents: AgentProfile[] = [];
  const used = new Set<string>();
  for (const team of TEAMS) {
    for (let i = 0; i < AGENTS_PER_TEAM[team.id]; i++) {
      let first = rng.pick(FI_FIRST);
      let last = rng.pick(FI_LAST);
      while (used.has(first) || last === "Esimerkki") {
        first = rng.pick(FI_FIRST);
        last = rng.pick(FI_LAST);
      }
      used.add(first);
      const id = `agent-${String(agents.length + 1).padStart(2, "0")}`;
      agents.push({
        id,
        team: team.id,
        firstName: first,
        name: `${first} ${last}`,
        weight: rng.chance(0.2) ? 0.5 : 1,
        star: false,
      });
    }
  }
  const candidates = agents.filter((a) => a.team === STAR_AGENT_TEAM);
  const star = rng.pick(candidates);
  star.star = true;
  star.weight = STAR_AGENT_WEIGHT;
  return agents;
}

/** A synthetic Finnish mobile number in one of the common written forms. */
function phoneNumber(rng: Rng): string {
  const prefix = rng.pick(["040", "050", "044", "045", "041"]);
  const a = String(rng.int(100, 999));
  const b = String(rng.int(1000, 9999));
  const form = rng.int(0, 3);
  if (form === 0) return `${prefix}${a}${b}`;
  if (form === 1) return `+358 ${prefix.slice(1)} ${a} ${b}`;
  return `${prefix} ${a} ${b}`;
}

const SEGMENT_VALUE: Record<CustomerProfile["segment"], { median: number; spread: number }> = {
  consumer: { median: 420, spread: 0.5 },
  sme: { median: 3600, spread: 0.6 },
  enterprise: { median: 48000, spread: 0.7 },
};

/** Finnish customers are ~70 %; language does not affect scores (a noise truth). */
export const FINNISH_SHARE = 0.7;

export function buildCustomers(rng: Rng, count: number): CustomerProfile[] {
  const out: CustomerProfile[] = [];
  for (let i = 0; i < count; i++) {
    const language: Language = rng.chance(FINNISH_SHARE) ? "fi" : "en";
    const firstName = rng.pick(language === "fi" ? FI_FIRST : EN_FIRST);
    const lastName = rng.pick(language === "fi" ? FI_LAST : rng.chance(0.25) ? FI_LAST : EN_LAST);
    const segment = rng.weighted({ consumer: 72, sme: 21, enterprise: 7 });
    const { median, spread } = SEGMENT_VALUE[segment];
    const value = Math.round(median * Math.exp(rng.normal(0, spread)) * 100) / 100;
    out.push({
      id: `cust-${String(i + 1).padStart(6, "0")}`,
      segment,
      yearlyValueEur: value,
      language,
      firstName,
      lastName,
      email: `${emailLocal(firstName, lastName)}${rng.chance(0.3) ? rng.int(1, 99) : ""}@${rng.pick(EMAIL_DOMAINS)}`,
      phone: phoneNumber(rng),
      activity: Math.exp(rng.normal(0, 0.9)),
    });
  }
  return out;
}

export function toAgentRecord(a: AgentProfile): Agent {
  return { id: a.id, name: a.name, team: a.team };
}

export function toCustomerRecord(c: CustomerProfile): Customer {
  return { id: c.id, segment: SEGMENT_NAMES[c.segment], yearlyValueEur: c.yearlyValueEur };
}

/** Weighted picking from a fixed list in O(log n), since we pick ~8,000 customers. */
export class WeightedPicker<T> {
  private readonly cumulative: number[] = [];
  private readonly total: number;

  constructor(
    private readonly items: readonly T[],
    weight: (item: T) => number,
  ) {
    let sum = 0;
    for (const item of items) {
      sum += weight(item);
      this.cumulative.push(sum);
    }
    this.total = sum;
  }

  pick(rng: Rng): T {
    const roll = rng.float() * this.total;
    let lo = 0;
    let hi = this.cumulative.length - 1;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if ((this.cumulative[mid] as number) > roll) hi = mid;
      else lo = mid + 1;
    }
    return this.items[lo] as T;
  }
}
