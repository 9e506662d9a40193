/**
 * Theme figures for `npm run eval` (issue 11, "themes with precision"): on sentences that name one
 * topic, how often the right theme is found and how many themes are reported; over all sentences,
 * how often a reported theme is right; with --verbose, precision and recall per theme and which
 * themes are reported in place of their neighbours (the same taxonomy group) or of others.
 */

import type { Taxonomy } from "../src/analysis/model/model-set.ts";
import { proportionEstimate } from "../src/stats/proportion-estimate.ts";
import type { Utterance } from "../training/corpus.ts";

export interface ThemeFigures {
  single: number;
  singleFound: number;
  singlePerSentence: number;
  reported: number;
  reportedRight: number;
  perTheme: { id: string; reported: number; right: number; gold: number }[];
  /** gold theme → theme reported instead (not gold in that sentence), counted. */
  confusions: { gold: string; reported: string; n: number; neighbours: boolean }[];
}

export function themeFigures(
  set: readonly Utterance[],
  found: readonly string[][],
  taxonomy: Taxonomy,
): ThemeFigures {
  const groupOf = new Map(taxonomy.themes.map((t) => [t.id, t.group]));
  let single = 0;
  let singleFound = 0;
  let singleThemes = 0;
  let reported = 0;
  let reportedRight = 0;
  const perTheme = new Map<string, { id: string; reported: number; right: number; gold: number }>();
  const row = (id: string) => {
    const seen = perTheme.get(id);
    if (seen) return seen;
    const r = { id, reported: 0, right: 0, gold: 0 };
    perTheme.set(id, r);
    return r;
  };
  const confusions = new Map<string, { gold: string; reported: string; n: number; neighbours: boolean }>();
  set.forEach((u, i) => {
    const gold = new Set(u.themes.map((t) => t.id));
    const got = found[i] ?? [];
    for (const g of gold) row(g).gold++;
    for (const t of got) {
      reported++;
      row(t).reported++;
      if (gold.has(t)) {
        reportedRight++;
        row(t).right++;
        continue;
      }
      for (const g of gold) {
        if (got.includes(g)) continue;
        const key = `${g}>${t}`;
        const c = confusions.get(key) ?? {
          gold: g,
          reported: t,
          n: 0,
          neighbours: groupOf.get(g) !== undefined && groupOf.get(g) === groupOf.get(t),
        };
        c.n++;
        confusions.set(key, c);
      }
    }
    if (gold.size === 1) {
      single++;
      singleThemes += got.length;
      if (got.some((t) => gold.has(t))) singleFound++;
    }
  });
  return {
    single,
    singleFound: singleFound / Math.max(1, single),
    singlePerSentence: singleThemes / Math.max(1, single),
    reported,
    reportedRight,
    perTheme: [...perTheme.values()].sort((a, b) => a.id.localeCompare(b.id)),
    confusions: [...confusions.values()].sort((a, b) => b.n - a.n),
  };
}

export function printThemeFigures(f: ThemeFigures, verbose: boolean): void {
  const pct = (x: number) => x.toFixed(3);
  console.log(
    `    themes, single-topic right theme found ${pct(f.singleFound)} of ${f.single}   themes per single-topic sentence ${f.singlePerSentence.toFixed(2)}   reported themes right ${pct(f.reportedRight / Math.max(1, f.reported))} of ${f.reported}`,
  );
  // With 10–40 lines per theme a precision of 0.75 may be 0.95 or 0.5: the 95% Wilson interval says
  // which themes are surely below 0.8 and which cannot be told apart from it at this size.
  const judged = f.perTheme.filter((t) => t.gold > 0 && t.reported > 0);
  const atTarget = judged.filter((t) => t.right / t.reported >= 0.8).length;
  const surelyBelow = judged.filter((t) => proportionEstimate(t.right, t.reported).high < 80);
  console.log(
    `    themes at P ≥ 0.8: ${atTarget} of ${f.perTheme.filter((t) => t.gold > 0).length}; surely below (95% Wilson upper limit < 0.8): ${surelyBelow.length === 0 ? "none" : surelyBelow.map((t) => `${t.id} ${t.right}/${t.reported}`).join(", ")}`,
  );
  if (!verbose) return;
  const rows = f.perTheme.map(
    (t) =>
      `${t.id} P ${t.reported > 0 ? pct(t.right / t.reported) : "–"} R ${t.gold > 0 ? pct(t.right / t.gold) : "–"} (${t.right}/${t.reported}/${t.gold})`,
  );
  console.log(`      per theme (right/reported/gold): ${rows.join(", ")}`);
  const neighbours = f.confusions.filter((c) => c.neighbours).slice(0, 12);
  console.log(
    `      reported instead of a neighbour (same group): ${neighbours.map((c) => `${c.gold}→${c.reported} ${c.n}`).join(", ")}`,
  );
  const others = f.confusions.filter((c) => !c.neighbours).slice(0, 8);
  console.log(
    `      reported instead of another group's theme: ${others.map((c) => `${c.gold}→${c.reported} ${c.n}`).join(", ")}`,
  );
}
