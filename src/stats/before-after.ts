import normalQuantile from "@stdlib/stats-base-dists-normal-quantile";
import { type Estimate, type NpsEstimate, npsEstimate, npsTally, SMALL_SAMPLE } from "./nps-estimate.ts";
import { proportionEstimate } from "./proportion-estimate.ts";
import { proportionDifferenceTest } from "./two-sample-tests.ts";

/**
 * Did it work? The measured effect of a change made on a date (issue 13, follow-through): a
 * difference-in-differences of NPS between the answers the change was meant for (treated) and the
 * rest (comparison), before vs after the date, and the change in how often the problem is mentioned.
 *
 * Method: Angrist, J. D. & Pischke, J.-S. (2009), Mostly Harmless Econometrics, ch. 5.2; Wing, C.,
 * Simon, K. & Bello-Gomez, R. A. (2018), "Designing Difference in Difference Studies: Best Practices
 * for Public Health Policy Research", Annual Review of Public Health 39, 453–469. The comparison
 * group stands in for what would have happened to the treated answers without the change, which
 * holds only if both groups would have moved alike (parallel trends); a placebo DiD inside the
 * before window (its first half vs its second) is the check Wing et al. recommend, and it is
 * reported beside the estimate.
 */

/** Fewer answers than this in any of the four cells and the verdict is "not enough data". */
export const MIN_ANSWERS_PER_CELL = SMALL_SAMPLE;

export type EffectVerdict = "improved" | "worsened" | "no measurable change" | "not enough data";
export type Group = "treated" | "comparison";
export type Period = "before" | "after";

/** Score counts (index 0–10) of one group before and after the date. */
export interface PeriodScores {
  before: readonly number[];
  after: readonly number[];
}

export interface DidInput {
  treated: PeriodScores;
  comparison: PeriodScores;
}

export interface GroupChange {
  before: NpsEstimate;
  after: NpsEstimate;
  /** after − before in NPS points; null when a period has no answers. */
  change: number | null;
}

export interface DidEffect {
  /** (treated after − before) − (comparison after − before), NPS points; null when a cell is empty. */
  estimate: number | null;
  low: number | null;
  high: number | null;
  /** Standard error of the estimate, NPS points: the larger of the two below. */
  se: number | null;
  /** Standard error with every answer independent (the four cells' multinomial variances). */
  seAnswers?: number | null;
  /** Cluster-robust standard error with each customer's answers as one cluster, when customers were given. */
  seCustomers?: number | null;
}

export interface ShortCell {
  group: Group;
  period: Period;
  n: number;
  needed: number;
}

export interface DidResult {
  treated: GroupChange;
  comparison: GroupChange;
  effect: DidEffect;
  verdict: EffectVerdict;
  /** The cells below the minimum, which make the verdict "not enough data". */
  shortCells: ShortCell[];
  minPerCell: number;
}

/**
 * Difference-in-differences of NPS with a 95% interval:
 *   DiD = (NPS_T,after − NPS_T,before) − (NPS_C,after − NPS_C,before).
 *
 * Interval: each cell's NPS is 100 × the mean of a +1/0/−1 coding of its answers, and the four cells
 * hold different answers, so Var(DiD) = Σ Var(NPS_cell) with the multinomial variance
 * Var(NPS) = 100² (p + d − (p − d)²)/n (Rocks 2016, as in npsEstimate). The delta method is exact
 * here because the DiD is linear in the four cells' means; the interval is DiD ± z·se (Wald), whose
 * normal approximation the minimum of MIN_ANSWERS_PER_CELL answers per cell supports. Why not a
 * bootstrap over answers: for a linear statistic of independent cells it estimates the same variance
 * with resampling noise and O(n × replicates) work (before-after.test.ts checks that a seeded
 * bootstrap gives the same standard error). Each cell's p and d in the variance are Rocks' adjusted
 * shares ((x + ¾)/(n + 3)), so a cell of only promoters does not claim zero variance.
 * A customer who answers several times gives correlated answers, which the multinomial variance
 * ignores; given each customer's answers per cell (options.customers), the standard error is also
 * computed cluster-robust by customer (clusteredDidSe), and the larger of the two is used, so the
 * interval is never narrower than with independent answers. Clusters other than customers (one
 * campaign, one outage) are not covered.
 *
 * Verdict: "not enough data" when any cell has fewer than minPerCell answers (shortCells says which);
 * otherwise "improved" when the interval lies above 0, "worsened" below 0, else "no measurable change".
 *
 * Example: treated 30/20/50 → 50/20/30 (NPS −20 → +20), comparison 40/30/30 → 40/30/30 (+10 → +10),
 * 100 answers a cell: DiD = 40, se ≈ 16.96, 95% CI ≈ [6.76, 73.24] → "improved".
 */
export function npsDifferenceInDifferences(
  input: DidInput,
  options: { minPerCell?: number; level?: number; customers?: readonly CustomerCell[] } = {},
): DidResult {
  const minPerCell = options.minPerCell ?? MIN_ANSWERS_PER_CELL;
  const z = normalQuantile(1 - (1 - (options.level ?? 0.95)) / 2, 0, 1);
  const group = (s: PeriodScores): GroupChange => {
    const before = npsEstimate(s.before);
    const after = npsEstimate(s.after);
    return {
      before,
      after,
      change: before.n > 0 && after.n > 0 ? round(npsOf(s.after) - npsOf(s.before)) : null,
    };
  };
  const treated = group(input.treated);
  const comparison = group(input.comparison);
  const cells: [Group, Period, readonly number[]][] = [
    ["treated", "before", input.treated.before],
    ["treated", "after", input.treated.after],
    ["comparison", "before", input.comparison.before],
    ["comparison", "after", input.comparison.after],
  ];
  const shortCells: ShortCell[] = cells
    .map(([g, p, counts]) => ({ group: g, period: p, n: npsTally(counts).n, needed: minPerCell }))
    .filter((c) => c.n < minPerCell);
  const effect: DidEffect = { estimate: null, low: null, high: null, se: null };
  if (cells.every(([, , counts]) => npsTally(counts).n > 0)) {
    const estimate =
      npsOf(input.treated.after) -
      npsOf(input.treated.before) -
      (npsOf(input.comparison.after) - npsOf(input.comparison.before));
    const seAnswers = Math.sqrt(cells.reduce((s, [, , counts]) => s + cellVariance(counts), 0));
    const clustered = options.customers ? clusteredDidSe(options.customers) : Number.NaN;
    const seCustomers = Number.isFinite(clustered) ? clustered : null;
    const se = Math.max(seAnswers, seCustomers ?? 0);
    effect.estimate = round(estimate);
    effect.low = round(estimate - z * se);
    effect.high = round(estimate + z * se);
    effect.se = round(se);
    effect.seAnswers = round(seAnswers);
    if (options.customers) effect.seCustomers = seCustomers === null ? null : round(seCustomers);
  }
  return {
    treated,
    comparison,
    effect,
    verdict: verdictOf(effect, shortCells.length > 0),
    shortCells,
    minPerCell,
  };
}

/** One stratum (a team) of the data: its four cells, and its customers' answers for the clustered error. */
export interface Stratum {
  key: string;
  input: DidInput;
  customers?: readonly CustomerCell[];
}

export interface StratifiedEffect extends DidEffect {
  /** Strata that had answers in all four cells, and those left out (with their treated answers). */
  strata: number;
  strataLeftOut: number;
  treatedLeftOut: number;
}

/**
 * The DiD within strata (teams), averaged with weights of each stratum's treated answers: a shock
 * that hits one team's answers alike (a team's bad quarter, a channel's outage) cancels within that
 * team instead of moving the comparison group of every other team, as it does in the pooled DiD.
 * This is the DiD with stratum × period fixed effects of Wing, Simon & Bello-Gomez (2018), with the
 * effect averaged over the treated (ATT weights). Strata without answers in all four cells carry no
 * within-stratum contrast and are left out (counted). Variance: Σ (w_s/W)² se_s², the strata taken as
 * independent, with each se_s the larger of the independent and customer-clustered errors.
 * Example: team A +10 (100 treated answers), team B −20 (50) → (100·10 + 50·(−20))/150 = 0.
 */
export function stratifiedDid(
  strata: readonly Stratum[],
  options: { level?: number } = {},
): StratifiedEffect {
  const z = normalQuantile(1 - (1 - (options.level ?? 0.95)) / 2, 0, 1);
  let weight = 0;
  let sum = 0;
  let variance = 0;
  let kept = 0;
  let treatedLeftOut = 0;
  const parts: { w: number; se: number; effect: DidEffect }[] = [];
  for (const s of strata) {
    const w = npsTally(s.input.treated.before).n + npsTally(s.input.treated.after).n;
    const r = npsDifferenceInDifferences(s.input, {
      minPerCell: 0,
      ...(s.customers ? { customers: s.customers } : {}),
    });
    if (r.effect.estimate === null || r.effect.se === null || w === 0) {
      treatedLeftOut += w;
      continue;
    }
    kept++;
    weight += w;
    sum += w * r.effect.estimate;
    parts.push({ w, se: r.effect.se, effect: r.effect });
  }
  const out: StratifiedEffect = {
    estimate: null,
    low: null,
    high: null,
    se: null,
    strata: kept,
    strataLeftOut: strata.length - kept,
    treatedLeftOut,
  };
  if (kept === 0) return out;
  // One stratum: its own figures, not re-rounded.
  if (parts.length === 1) return { ...out, ...(parts[0] as { effect: DidEffect }).effect };
  for (const p of parts) variance += (p.w / weight) ** 2 * p.se ** 2;
  const estimate = sum / weight;
  const se = Math.sqrt(variance);
  out.estimate = round(estimate);
  out.low = round(estimate - z * se);
  out.high = round(estimate + z * se);
  out.se = round(se);
  return out;
}

/** The verdict of an estimate's interval; "not enough data" when told the cells are too small. */
export function verdictOf(
  effect: { low: number | null; high: number | null },
  tooFew: boolean,
): EffectVerdict {
  if (tooFew || effect.low === null || effect.high === null) return "not enough data";
  if (effect.low > 0) return "improved";
  if (effect.high < 0) return "worsened";
  return "no measurable change";
}

/** One customer's answers in one cell; customer null: answers of no known customer, each its own cluster. */
export interface CustomerCell {
  customer: string | null;
  group: Group;
  period: Period;
  n: number;
  promoters: number;
  detractors: number;
}

/**
 * Cluster-robust standard error of the NPS DiD with customers as clusters (Liang & Zeger 1986,
 * Biometrika 73(1), 13–22; for DiD, Bertrand, Duflo & Mullainathan 2004, QJE 119(1), 249–275).
 * With xᵢ = +1/0/−1 (promoter/passive/detractor), cell means μ_c over N_c answers and the DiD's
 * weights w = +1 for treated after and comparison before, −1 for the other two, the DiD is
 * 100 Σᵢ (w_c(i) / N_c(i)) xᵢ, so its variance with independent customers g is
 *   100² · G/(G − 1) · Σ_g ( Σ_{i∈g} (w_c(i)/N_c(i)) (xᵢ − μ_c(i)) )²,
 * summed from each customer's n, promoters and detractors per cell; an answer of no known customer
 * is a cluster of its own. With one answer per customer it equals the plug-in multinomial variance
 * (times G/(G − 1)); when a customer's answers agree it grows towards counting them once.
 * NaN when a cell is empty.
 * Example: every answer given twice by the same customer → about √2 × the standard error computed
 * as if the answers were independent, the same as for the data without the copies.
 */
export function clusteredDidSe(rows: readonly CustomerCell[]): number {
  const index = (r: CustomerCell) => (r.group === "treated" ? 0 : 2) + (r.period === "before" ? 0 : 1);
  const weight = [-1, 1, 1, -1];
  const n = [0, 0, 0, 0];
  const net = [0, 0, 0, 0];
  for (const r of rows) {
    const c = index(r);
    n[c] = (n[c] as number) + r.n;
    net[c] = (net[c] as number) + r.promoters - r.detractors;
  }
  if (n.some((x) => x === 0)) return Number.NaN;
  const mean = net.map((x, c) => x / (n[c] as number));
  const a = weight.map((w, c) => w / (n[c] as number));
  const byCustomer = new Map<string, number>();
  let sum = 0;
  let clusters = 0;
  for (const r of rows) {
    const c = index(r);
    const mu = mean[c] as number;
    const ac = a[c] as number;
    if (r.customer === null) {
      // Each answer alone: Σ (x − μ)² = Σx² − 2μΣx + nμ², with x² = 1 for promoters and detractors.
      const s = r.promoters - r.detractors;
      sum += ac * ac * (r.promoters + r.detractors - 2 * mu * s + r.n * mu * mu);
      clusters += r.n;
    } else {
      const part = ac * (r.promoters - r.detractors - r.n * mu);
      byCustomer.set(r.customer, (byCustomer.get(r.customer) ?? 0) + part);
    }
  }
  for (const part of byCustomer.values()) sum += part * part;
  clusters += byCustomer.size;
  if (clusters < 2) return Number.NaN;
  return 100 * Math.sqrt((sum * clusters) / (clusters - 1));
}

export interface ShareChange {
  /** Share of records mentioning the themes, percent with its Wilson interval. */
  before: Estimate;
  after: Estimate;
  /** after − before in percentage points, Newcombe's hybrid score interval; nulls when a period is empty. */
  change: { estimate: number | null; low: number | null; high: number | null; pValue: number | null };
  significant: boolean;
}

/**
 * How the share of records that mention the problem moved: after − before, in percentage points,
 * with Newcombe's (1998) hybrid score interval and the two-proportion z test (proportionDifferenceTest).
 * Example: 200 of 1,000 before, 120 of 1,000 after → −8 points, 95% CI ≈ [−11.2, −4.8].
 */
export function shareChange(
  before: { mentions: number; n: number },
  after: { mentions: number; n: number },
): ShareChange {
  const b = proportionEstimate(before.mentions, before.n);
  const a = proportionEstimate(after.mentions, after.n);
  if (before.n === 0 || after.n === 0)
    return {
      before: b,
      after: a,
      change: { estimate: null, low: null, high: null, pValue: null },
      significant: false,
    };
  const t = proportionDifferenceTest(after.mentions, after.n, before.mentions, before.n);
  return {
    before: b,
    after: a,
    change: { estimate: round(t.difference), low: round(t.low), high: round(t.high), pValue: t.pValue },
    significant: t.significant,
  };
}

/** 100 (p − d) of a score distribution; NaN when empty. */
function npsOf(counts: readonly number[]): number {
  const t = npsTally(counts);
  return t.n > 0 ? (100 * (t.promoters - t.detractors)) / t.n : Number.NaN;
}

/** Var(NPS) of one cell in NPS points², with Rocks' adjusted shares (see npsDifferenceInDifferences). */
function cellVariance(counts: readonly number[]): number {
  const t = npsTally(counts);
  const p = (t.promoters + 0.75) / (t.n + 3);
  const d = (t.detractors + 0.75) / (t.n + 3);
  return (10_000 * Math.max(0, p + d - (p - d) ** 2)) / t.n;
}

function round(x: number): number {
  return Math.round(x * 100) / 100;
}
