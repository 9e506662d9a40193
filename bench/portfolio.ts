/**
 * Time of the optimal portfolio (src/stats/portfolio.ts) for 200 initiatives (issue 13: "200
 * initiatives answer within 1 s"), beside the floor a greedy planner costs in the same run: sorting
 * by gain per euro and taking what fits, which is fast but not optimal. Printed per budget: the
 * median milliseconds of dynamic programming, of branch and bound and of greedy, their ratio to
 * greedy, and how much expected gain greedy leaves on the table.
 *
 *   npm run bench:portfolio                  # 200 initiatives, 15 repetitions
 *   npm run bench:portfolio -- --n 500 --reps 9
 */
import {
  type Candidate,
  knapsackBranchAndBound,
  knapsackDynamic,
  optimalPortfolio,
} from "../src/stats/portfolio.ts";

const args = process.argv.slice(2);
const option = (name: string, fallback: number) => {
  const at = args.indexOf(name);
  return at >= 0 ? Number(args[at + 1]) || fallback : fallback;
};
const N = option("--n", 200);
const REPS = option("--reps", 15);

/** A seeded stream (mulberry32), so every run times the same problems. */
function seeded(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Costs in whole euros as people budget them (to the nearest 100 € for most, some to the euro), gains 0–4 points. */
function initiatives(n: number, seed: number, exactEuros: boolean): Candidate[] {
  const r = seeded(seed);
  return Array.from({ length: n }, (_, i) => ({
    id: `i${i}`,
    cost: exactEuros ? 1_000 + Math.floor(r() * 99_000) : 100 * (10 + Math.floor(r() * 990)),
    gain: Math.round(r() * 400) / 100,
  }));
}

function greedy(items: readonly Candidate[], budget: number): number {
  let room = budget;
  let gain = 0;
  for (const i of [...items].sort((a, b) => b.gain / b.cost - a.gain / a.cost)) {
    if (i.cost <= room && i.gain > 0) {
      room -= i.cost;
      gain += i.gain;
    }
  }
  return gain;
}

function medianMs(run: () => unknown): number {
  const times: number[] = [];
  for (let k = 0; k < REPS; k++) {
    const t0 = performance.now();
    run();
    times.push(performance.now() - t0);
  }
  times.sort((a, b) => a - b);
  return times[Math.floor(times.length / 2)] as number;
}

const f = (x: number, d = 2) => x.toFixed(d);
console.log(`portfolio of ${N} initiatives, median of ${REPS} runs (ms)`);
for (const exactEuros of [false, true]) {
  const items = initiatives(N, 42, exactEuros);
  const total = items.reduce((s, i) => s + i.cost, 0);
  for (const share of [0.05, 0.2, 0.5]) {
    const budget = Math.round(total * share);
    const best = optimalPortfolio(items, budget);
    const bb = knapsackBranchAndBound(items, budget);
    if (Math.abs(best.totalGain - bb.totalGain) > 1e-6) throw new Error("the two exact methods disagree");
    const g = greedy(items, budget);
    const tg = medianMs(() => greedy(items, budget));
    const to = medianMs(() => optimalPortfolio(items, budget));
    // Dynamic programming on its own only where its table fits (otherwise the optimum uses branch and bound).
    const td = best.method === "dynamic-programming" ? medianMs(() => knapsackDynamic(items, budget)) : null;
    const tb = medianMs(() => knapsackBranchAndBound(items, budget));
    console.log(
      `  costs ${exactEuros ? "to the euro" : "to 100 €  "}  budget ${String(Math.round(share * 100)).padStart(2)}%` +
        `   optimal (${best.method}) ${f(to)} ms = ${f(to / tg, 0)}× greedy` +
        `   [dynamic ${td === null ? "table too large" : f(td)}, branch-and-bound ${f(tb)}]   greedy ${f(tg, 3)}` +
        `   gain optimal ${f(best.totalGain)} vs greedy ${f(g)} (${f((100 * (best.totalGain - g)) / best.totalGain, 1)}% left by greedy)`,
    );
  }
}
