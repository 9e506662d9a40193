import type { ListFilter, Store } from "../store/index.ts";
import { type ConsistencyReport, consistencyReport } from "../workflows/consistency-report.ts";
import { type DriversReport, driversReport } from "../workflows/drivers-report.ts";
import { type ExLinkReport, exLinkReport } from "../workflows/exlink-report.ts";
import { type ThemesReport, themesReport } from "../workflows/themes-report.ts";

export type InsightMetric = "themes" | "drivers" | "exlink" | "consistency";
export type InsightReport = ThemesReport | DriversReport | ExLinkReport | ConsistencyReport;

export function insightReport(
  store: Store,
  metric: InsightMetric,
  filter: ListFilter,
): Promise<InsightReport> {
  switch (metric) {
    case "themes":
      return themesReport(store, filter);
    case "drivers":
      return driversReport(store, filter);
    case "exlink":
      return exLinkReport(store, filter);
    case "consistency":
      return consistencyReport(store, filter);
  }
}

/** A short human-readable summary of an insight report on stdout; --json prints everything. */
export function printInsight(report: InsightReport): void {
  const out: string[] = [report.definition, ""];
  const iv = (low: number, high: number, digits = 1) => `[${low.toFixed(digits)}, ${high.toFixed(digits)}]`;
  switch (report.metric) {
    case "themes":
      out.push(`NPS ${report.nps.value.toFixed(1)} ${iv(report.nps.low, report.nps.high)}, n=${report.n}`);
      out.push(`${"theme".padEnd(28)} ${"volume".padStart(7)} ${"share%".padStart(7)}  NPS impact`);
      for (const t of report.themes) {
        const flag = t.emerging ? `  ↑ emerging since ${t.emerging.month}` : "";
        const sig = t.npsImpact.significant ? "" : " (not significant)";
        out.push(
          `${t.theme.padEnd(28)} ${String(t.volume).padStart(7)} ${t.share.toFixed(1).padStart(7)}  ${t.npsImpact.value.toFixed(1).padStart(6)} ${iv(t.npsImpact.low, t.npsImpact.high)}${sig}${flag}`,
        );
      }
      break;
    case "drivers":
      out.push(`R² ${report.r2.toFixed(3)}, n=${report.n}${report.warning ? `  ⚠ ${report.warning}` : ""}`);
      out.push(`${"driver".padEnd(34)} importance  95% interval      quadrant`);
      for (const d of report.drivers) {
        out.push(
          `${d.driver.padEnd(34)} ${d.importance.toFixed(4).padStart(10)}  ${iv(d.low, d.high, 4).padEnd(16)}  ${d.quadrantName.en}`,
        );
      }
      out.push("", `${"theme group".padEnd(34)} importance  95% interval`);
      for (const g of report.groups) {
        out.push(`${g.name.en.padEnd(34)} ${g.importance.toFixed(4).padStart(10)}  ${iv(g.low, g.high, 4)}`);
      }
      break;
    case "exlink":
      out.push(report.conclusion);
      for (const t of report.teams) out.push(`  ${t.conclusion}`);
      for (const b of report.byTouch)
        out.push(`${b.touch}-touch teams (${b.teams.join(", ") || "none"}): ${b.conclusion}`);
      break;
    case "consistency":
      out.push(report.conclusion);
      for (const c of report.channels) {
        out.push(
          `  ${c.channel.padEnd(14)} NPS ${c.nps.value.toFixed(1).padStart(6)} ${iv(c.nps.low, c.nps.high)}  tone ${c.tone.value.toFixed(2)}  n=${c.nps.n}`,
        );
      }
      break;
  }
  process.stdout.write(`${out.join("\n")}\n`);
}
