/**
 * The best set of initiatives under a budget: the 0/1 knapsack problem, solved exactly.
 *
 * Each candidate has a whole-unit cost (euros, or whatever unit the workspace counts in) and an
 * expected gain (NPS points). The optimum maximises the total gain with the total cost within the
 * budget. Greedy by gain per euro is not optimal (a cheap initiative can crowd out a better pair), so
 * two exact methods are used:
 *   - dynamic programming over cost (Bellman; Kellerer, Pferschy & Pisinger 2004, Knapsack Problems,
 *     ch. 2.3), on costs and budget divided by their greatest common divisor, while the table
 *     (candidates × budget steps) stays small enough;
 *   - depth-first branch and bound with the LP-relaxation (Dantzig) bound otherwise (ibid. ch. 2.5).
 * Both compare gains as whole millionths of a point, so equal portfolios compare equal rather than by
 * floating-point noise, and both prefer the higher gain, then the lower cost. Portfolios equal in
 * both are rare with measured gains; each method then answers deterministically (the same input, the
 * same choice: dynamic programming keeps the earlier-by-id entry, branch and bound the set whose
 * sorted ids come first), though the two may name different ones.
 */

export interface Candidate {
  id: string;
  /** Whole currency units, ≥ 0. */
  cost: number;
  /** Expected gain; candidates with gain ≤ 0 are never chosen. */
  gain: number;
}

export interface Portfolio {
  /** Ids of the chosen candidates, sorted. */
  selected: string[];
  totalCost: number;
  totalGain: number;
  method: "dynamic-programming" | "branch-and-bound";
}

/** Gains are compared in whole millionths, so ties are exact. */
const SCALE = 1_000_000;
/** Most table cells (candidates × budget steps) dynamic programming may use before branch and bound takes over. */
export const MAX_TABLE_CELLS = 40_000_000;

interface Item {
  id: string;
  cost: number;
  gain: number;
}

function gcd(a: number, b: number): number {
  let x = a;
  let y = b;
  while (y !== 0) [x, y] = [y, x % y];
  return x;
}

function checked(candidates: readonly Candidate[], budget: number): Item[] {
  if (!Number.isSafeInteger(budget) || budget < 0)
    throw new RangeError(`budget must be a whole number ≥ 0, got ${budget}`);
  const seen = new Set<string>();
  for (const c of candidates) {
    if (seen.has(c.id)) throw new RangeError(`candidate ${c.id} is listed twice`);
    seen.add(c.id);
    if (!Number.isSafeInteger(c.cost) || c.cost < 0)
      throw new RangeError(`candidate ${c.id}: cost must be a whole number ≥ 0, got ${c.cost}`);
    if (!Number.isFinite(c.gain)) throw new RangeError(`candidate ${c.id}: gain must be a number`);
  }
  // Only what could be chosen: it gains something and fits on its own.
  return candidates
    .filter((c) => c.gain > 0 && c.cost <= budget)
    .map((c) => ({ id: c.id, cost: c.cost, gain: Math.round(c.gain * SCALE) }))
    .filter((c) => c.gain > 0)
    .sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
}

/** Is (gain, cost, ids) a better portfolio than the best so far? Higher gain, lower cost, earlier ids. */
function better(gain: number, cost: number, ids: readonly string[], best: Best): boolean {
  if (gain !== best.gain) return gain > best.gain;
  if (cost !== best.cost) return cost < best.cost;
  return compareIds(ids, best.ids) < 0;
}

function compareIds(a: readonly string[], b: readonly string[]): number {
  for (let i = 0; i < Math.min(a.length, b.length); i++) {
    const x = a[i] as string;
    const y = b[i] as string;
    if (x !== y) return x < y ? -1 : 1;
  }
  return a.length - b.length;
}

interface Best {
  gain: number;
  cost: number;
  ids: string[];
}

function result(best: Best, items: readonly Item[], method: Portfolio["method"]): Portfolio {
  const costOf = new Map(items.map((i) => [i.id, i.cost]));
  const gainOf = new Map(items.map((i) => [i.id, i.gain]));
  const selected = [...best.ids].sort();
  return {
    selected,
    totalCost: selected.reduce((s, id) => s + (costOf.get(id) ?? 0), 0),
    totalGain: selected.reduce((s, id) => s + (gainOf.get(id) ?? 0), 0) / SCALE,
    method,
  };
}

/**
 * Dynamic programming over cost. best[c] is the best (gain, then cost) using capacity c; the
 * table `took` remembers, per candidate and capacity, whether taking it improved the entry, and the
 * selection is read back from the full budget. Ties within the table keep the earlier choice, which
 * prefers leaving out later (by id) candidates; the final tie-break on ids is applied among the
 * capacities that reach the best gain at the lowest cost.
 */
export function knapsackDynamic(candidates: readonly Candidate[], budget: number): Portfolio {
  const items = checked(candidates, budget);
  const free = items.filter((i) => i.cost === 0);
  const paid = items.filter((i) => i.cost > 0);
  const step = paid.reduce((g, i) => gcd(g, i.cost), 0) || 1;
  const capacity = Math.floor(budget / step);
  const n = paid.length;
  if (n * (capacity + 1) > MAX_TABLE_CELLS)
    throw new RangeError(`the table would need ${n * (capacity + 1)} cells (most ${MAX_TABLE_CELLS})`);
  const gain = new Float64Array(capacity + 1);
  const cost = new Float64Array(capacity + 1);
  const took = new Uint8Array(n * (capacity + 1));
  paid.forEach((item, k) => {
    const w = item.cost / step;
    for (let c = capacity; c >= w; c--) {
      const g = (gain[c - w] as number) + item.gain;
      const co = (cost[c - w] as number) + item.cost;
      if (g > (gain[c] as number) || (g === gain[c] && co < (cost[c] as number))) {
        gain[c] = g;
        cost[c] = co;
        took[k * (capacity + 1) + c] = 1;
      }
    }
  });
  const ids: string[] = free.map((i) => i.id);
  let c = capacity;
  for (let k = n - 1; k >= 0; k--) {
    if (took[k * (capacity + 1) + c]) {
      const item = paid[k] as Item;
      ids.push(item.id);
      c -= item.cost / step;
    }
  }
  return result({ gain: 0, cost: 0, ids }, items, "dynamic-programming");
}

/**
 * Branch and bound: candidates by gain per unit of cost (best first), depth first taking before
 * leaving, pruned when the fractional (LP) bound cannot beat the best found. Exact; fast on the
 * sizes people plan with, though exponential in the worst case.
 */
export function knapsackBranchAndBound(candidates: readonly Candidate[], budget: number): Portfolio {
  const items = checked(candidates, budget);
  const free = items.filter((i) => i.cost === 0);
  const paid = items
    .filter((i) => i.cost > 0)
    .sort((a, b) => b.gain / b.cost - a.gain / a.cost || (a.id < b.id ? -1 : 1));
  const best: Best = { gain: -1, cost: 0, ids: [] };
  const chosen: string[] = [];
  const bound = (k: number, room: number, gain: number): number => {
    let g = gain;
    let r = room;
    for (let i = k; i < paid.length; i++) {
      const item = paid[i] as Item;
      if (item.cost <= r) {
        r -= item.cost;
        g += item.gain;
      } else {
        g += (item.gain * r) / item.cost;
        break;
      }
    }
    return g;
  };
  const visit = (k: number, room: number, gain: number, cost: number) => {
    if (k === paid.length) {
      const ids = [...chosen].sort();
      if (better(gain, cost, ids, best)) {
        best.gain = gain;
        best.cost = cost;
        best.ids = ids;
      }
      return;
    }
    // Prune only when the bound is strictly below the best: an equal gain may still win the tie.
    if (bound(k, room, gain) < best.gain) return;
    const item = paid[k] as Item;
    if (item.cost <= room) {
      chosen.push(item.id);
      visit(k + 1, room - item.cost, gain + item.gain, cost + item.cost);
      chosen.pop();
    }
    visit(k + 1, room, gain, cost);
  };
  visit(0, budget, 0, 0);
  return result({ ...best, ids: [...free.map((i) => i.id), ...best.ids] }, items, "branch-and-bound");
}

/** The optimum: dynamic programming while its table is small enough, branch and bound beyond. */
export function optimalPortfolio(candidates: readonly Candidate[], budget: number): Portfolio {
  const items = checked(candidates, budget);
  const paid = items.filter((i) => i.cost > 0);
  const step = paid.reduce((g, i) => gcd(g, i.cost), 0) || 1;
  return paid.length * (Math.floor(budget / step) + 1) <= MAX_TABLE_CELLS
    ? knapsackDynamic(candidates, budget)
    : knapsackBranchAndBound(candidates, budget);
}
