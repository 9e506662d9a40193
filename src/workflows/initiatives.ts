/**
 * Where the little budget goes (issue 13): each initiative's expected NPS gain from the measured
 * impact of the themes it addresses, what a point of NPS is worth in euros, the optimal portfolio
 * under a budget (src/stats/portfolio.ts, exact), how it moves when the budget moves, and a balance
 * check of what the money is spent on.
 */

import { optimalPortfolio } from "../stats/portfolio.ts";
import type { Initiative, InitiativeGoal, InitiativeSettings } from "../store/initiative-repository.ts";

/**
 * Default churn gap: a detractor leaves within a year this much more often than a promoter (0.10 =
 * 10 percentage points). An assumption to replace with the workspace's own figure (settings); the
 * published gaps vary by industry, so the default is deliberately modest.
 */
export const DEFAULT_CHURN_GAP = 0.1;
/** Default yearly value of a customer when the data has none (customers.yearly_value_eur). */
export const DEFAULT_YEARLY_VALUE_EUR = 300;
/** Budget moves shown beside the chosen portfolio (the sensitivity view). */
export const BUDGET_MOVES = [-0.2, -0.1, 0.1, 0.2] as const;

/** A theme's measured NPS impact (themes report): NPS(all) − NPS(without the theme), with its interval. */
export interface ThemeImpact {
  value: number;
  low: number;
  high: number;
  significant: boolean;
}

export interface GainEstimate {
  /** Expected NPS points gained. */
  value: number;
  /** The interval carried from the themes' impact intervals; null for the owner's own estimate. */
  low: number | null;
  high: number | null;
  source: "themes" | "owner" | "none";
  themes: { theme: string; impact: ThemeImpact | null; contribution: number }[];
  /** No linked theme has a measurable (significant, harmful) effect on NPS. */
  noMeasurableEffect: boolean;
}

/**
 * Removing a share s of a theme's problem is expected to win back s × its harm: −impact × s, with
 * the interval's ends scaled the same way. A theme that does not lower NPS (impact ≥ 0) wins nothing
 * back. Several linked themes add up; where the same answers mention several of them this counts
 * their overlap more than once, which the caveat in the API says.
 */
export function expectedGain(i: Initiative, impacts: ReadonlyMap<string, ThemeImpact>): GainEstimate {
  const share = i.expectedShareRemoved;
  const themes = i.themeIds.map((theme) => {
    const impact = impacts.get(theme) ?? null;
    return { theme, impact, contribution: impact ? round(Math.max(0, -impact.value) * share) : 0 };
  });
  const measurable = themes.some((t) => t.impact?.significant && t.impact.value < 0);
  if (i.expectedNpsGain !== null)
    return {
      value: i.expectedNpsGain,
      low: null,
      high: null,
      source: "owner",
      themes,
      noMeasurableEffect: !measurable,
    };
  if (themes.length === 0)
    return { value: 0, low: 0, high: 0, source: "none", themes, noMeasurableEffect: true };
  let low = 0;
  let high = 0;
  for (const t of themes) {
    if (!t.impact) continue;
    low += Math.max(0, -t.impact.high) * share;
    high += Math.max(0, -t.impact.low) * share;
  }
  return {
    value: round(themes.reduce((s, t) => s + t.contribution, 0)),
    low: round(low),
    high: round(high),
    source: "themes",
    themes,
    noMeasurableEffect: !measurable,
  };
}

export interface PointPrice {
  customers: number;
  yearlyValueEur: number;
  churnGap: number;
  /** Where each figure came from: the settings, the data, or the default. */
  sources: {
    customers: "settings" | "data";
    yearlyValueEur: "settings" | "data" | "default";
    churnGap: "settings" | "default";
  };
  /** customers × yearly value × churn gap: what moving every detractor to promoter would keep a year. */
  valueAtStakeEur: number;
  /** One NPS point in euros a year: the value at stake over the NPS scale's 200 points. */
  perNpsPointEur: number;
}

/**
 * What a point of NPS is worth. NPS runs over 200 points (−100 … +100); moving every customer from
 * detractor to promoter keeps customers × yearly value × churn gap a year, so one point is worth that
 * over 200. One point is also 1% of customers moving one step (detractor → passive or passive →
 * promoter), each step taken as half the churn gap: the same figure.
 */
export function pointPrice(
  settings: Pick<InitiativeSettings, "customers" | "yearlyValueEur" | "churnGap">,
  data: { customers: number; meanYearlyValueEur: number | null },
): PointPrice {
  const customers = settings.customers ?? data.customers;
  const yearlyValueEur = settings.yearlyValueEur ?? data.meanYearlyValueEur ?? DEFAULT_YEARLY_VALUE_EUR;
  const churnGap = settings.churnGap ?? DEFAULT_CHURN_GAP;
  const valueAtStakeEur = customers * yearlyValueEur * churnGap;
  return {
    customers,
    yearlyValueEur: round(yearlyValueEur),
    churnGap,
    sources: {
      customers: settings.customers !== null ? "settings" : "data",
      yearlyValueEur:
        settings.yearlyValueEur !== null ? "settings" : data.meanYearlyValueEur !== null ? "data" : "default",
      churnGap: settings.churnGap !== null ? "settings" : "default",
    },
    valueAtStakeEur: Math.round(valueAtStakeEur),
    perNpsPointEur: Math.round(valueAtStakeEur / 200),
  };
}

/** Initiatives a portfolio chooses from: not done or dropped, and of the asked goal ("both" serves either). */
export function candidatesFor(all: readonly Initiative[], goal?: InitiativeGoal): Initiative[] {
  return all.filter(
    (i) =>
      i.status !== "done" &&
      i.status !== "dropped" &&
      (goal === undefined || goal === "both" || i.goal === goal || i.goal === "both"),
  );
}

export interface Ranked {
  initiative: Initiative;
  gain: GainEstimate;
  /** Expected gain × the price of a point, a year. */
  valueEur: number;
}

export function rank(
  all: readonly Initiative[],
  impacts: ReadonlyMap<string, ThemeImpact>,
  price: PointPrice,
): Ranked[] {
  return all
    .map((initiative) => {
      const gain = expectedGain(initiative, impacts);
      return { initiative, gain, valueEur: Math.round(gain.value * price.perNpsPointEur) };
    })
    .sort(
      (a, b) =>
        b.gain.value - a.gain.value ||
        a.initiative.cost - b.initiative.cost ||
        a.initiative.title.localeCompare(b.initiative.title),
    );
}

export type LeftOutReason = "no_gain" | "over_budget_alone" | "not_in_optimum";

export interface GoalMix {
  cx: number;
  efficiency: number;
  both: number;
  /** Share of the euros spent on efficiency-only work, 0–1 (null when nothing is spent). */
  efficiencyShare: number | null;
  /** Most of the money goes to efficiency-only work. */
  mostlyEfficiency: boolean;
}

export interface PortfolioAnswer {
  budget: number;
  goal: InitiativeGoal | null;
  selected: string[];
  totalCost: number;
  totalGain: number;
  gainInterval: { low: number; high: number };
  /** Yearly euros: the portfolio's gain × the price of a point, and the price itself. */
  valueAtStake: PointPrice & {
    portfolioValueEur: number;
    portfolioValueIntervalEur: { low: number; high: number };
  };
  method: "dynamic-programming" | "branch-and-bound";
  alternatives: {
    budget: number;
    move: number;
    selected: string[];
    totalCost: number;
    totalGain: number;
    added: string[];
    removed: string[];
  }[];
  leftOut: { id: string; reason: LeftOutReason }[];
  balance: {
    /** Goal mix by euros of the chosen portfolio. */
    portfolio: GoalMix;
    /** Goal mix by euros of what is planned or in progress now. */
    planned: GoalMix;
    /** Chosen or planned initiatives whose linked themes show no measurable effect on NPS. */
    noMeasurableEffect: string[];
  };
}

function mix(items: readonly Initiative[]): GoalMix {
  const euros = { cx: 0, efficiency: 0, both: 0 };
  for (const i of items) euros[i.goal] += i.cost;
  const total = euros.cx + euros.efficiency + euros.both;
  const efficiencyShare = total > 0 ? round(euros.efficiency / total) : null;
  return { ...euros, efficiencyShare, mostlyEfficiency: efficiencyShare !== null && efficiencyShare > 0.5 };
}

/**
 * The optimal portfolio under the budget, the same at budgets moved by BUDGET_MOVES, what was left
 * out and why, and the balance check. The interval of the total gain adds the ends of the chosen
 * initiatives' intervals (their estimates come from the same answers, so they are not independent);
 * an owner's estimate counts with no spread.
 */
export function portfolio(
  all: readonly Initiative[],
  impacts: ReadonlyMap<string, ThemeImpact>,
  price: PointPrice,
  budget: number,
  goal?: InitiativeGoal,
): PortfolioAnswer {
  const ranked = rank(candidatesFor(all, goal), impacts, price);
  const byId = new Map(ranked.map((r) => [r.initiative.id, r]));
  const solve = (b: number) =>
    optimalPortfolio(
      ranked.map((r) => ({ id: r.initiative.id, cost: r.initiative.cost, gain: r.gain.value })),
      b,
    );
  const best = solve(budget);
  const chosen = best.selected.map((id) => byId.get(id) as Ranked);
  const low = chosen.reduce((s, r) => s + (r.gain.low ?? r.gain.value), 0);
  const high = chosen.reduce((s, r) => s + (r.gain.high ?? r.gain.value), 0);
  const alternatives = BUDGET_MOVES.map((move) => {
    const b = Math.max(0, Math.round(budget * (1 + move)));
    const alt = solve(b);
    return {
      budget: b,
      move,
      selected: alt.selected,
      totalCost: alt.totalCost,
      totalGain: round(alt.totalGain),
      added: alt.selected.filter((id) => !best.selected.includes(id)),
      removed: best.selected.filter((id) => !alt.selected.includes(id)),
    };
  });
  const leftOut = ranked
    .filter((r) => !best.selected.includes(r.initiative.id))
    .map((r) => ({
      id: r.initiative.id,
      reason: (r.gain.value <= 0
        ? "no_gain"
        : r.initiative.cost > budget
          ? "over_budget_alone"
          : "not_in_optimum") as LeftOutReason,
    }));
  const planned = all.filter((i) => i.status === "planned" || i.status === "in_progress");
  const flagged = new Set<string>();
  for (const r of [...chosen, ...planned.map((i) => byId.get(i.id)).filter((x): x is Ranked => !!x)])
    if (r.gain.noMeasurableEffect) flagged.add(r.initiative.id);
  return {
    budget,
    goal: goal ?? null,
    selected: best.selected,
    totalCost: best.totalCost,
    totalGain: round(best.totalGain),
    gainInterval: { low: round(low), high: round(high) },
    valueAtStake: {
      ...price,
      portfolioValueEur: Math.round(best.totalGain * price.perNpsPointEur),
      portfolioValueIntervalEur: {
        low: Math.round(low * price.perNpsPointEur),
        high: Math.round(high * price.perNpsPointEur),
      },
    },
    method: best.method,
    alternatives,
    leftOut,
    balance: {
      portfolio: mix(chosen.map((r) => r.initiative)),
      planned: mix(planned),
      noMeasurableEffect: [...flagged].sort(),
    },
  };
}

function round(x: number): number {
  return Math.round(x * 1000) / 1000;
}
