import type { ConsistencyReport } from "../workflows/consistency-report-schema.ts";
import type { DriversReport } from "../workflows/drivers-report-schema.ts";
import type { ExLinkReport } from "../workflows/exlink-report-schema.ts";
import type { ResponseRateReport } from "../workflows/response-rate-report-schema.ts";
import type { ScoreReport } from "../workflows/score-report-schema.ts";
import type { ThemesReport } from "../workflows/themes-report-schema.ts";

/** Any report as built (the CLI never suppresses). */
export type BuiltReport =
  | ScoreReport
  | ResponseRateReport
  | ThemesReport
  | DriversReport
  | ExLinkReport
  | ConsistencyReport;

/** A short human-readable summary of a report on stdout; --json prints everything. */
export function printReport(built: unknown): void {
  const report = built as BuiltReport;
  const out: string[] = [report.definition];
  const iv = (low: number, high: number, digits = 1) => `[${fmt(low, digits)}, ${fmt(high, digits)}]`;
  const line = (
    label: string,
    e: { value: number; low: number; high: number; n: number; warning?: string },
  ) =>
    `${label.padEnd(24)} ${fmt(e.value).padStart(7)}  ${iv(e.low, e.high)}  n=${e.n}${e.warning ? `  ⚠ ${e.warning}` : ""}`;
  switch (report.metric) {
    case "nps":
    case "csat":
    case "ces":
    case "enps":
    case "response-rate":
      out.push(line("all", report));
      for (const g of report.groups) out.push(line(String(g.group ?? "(none)"), g));
      break;
    case "themes":
      out.push("", `NPS ${fmt(report.nps.value)} ${iv(report.nps.low, report.nps.high)}, n=${report.n}`);
      out.push(`${"theme".padEnd(28)} ${"volume".padStart(7)} ${"share%".padStart(7)}  NPS impact`);
      for (const t of report.themes) {
        const flag = t.emerging ? `  ↑ emerging since ${t.emerging.month}` : "";
        const sig = t.npsImpact.significant ? "" : " (not significant)";
        const few = t.npsImpact.warning ? `  ⚠ ${t.npsImpact.warning}` : "";
        out.push(
          `${t.theme.padEnd(28)} ${String(t.volume).padStart(7)} ${t.share.toFixed(1).padStart(7)}  ${fmt(t.npsImpact.value).padStart(6)} ${iv(t.npsImpact.low, t.npsImpact.high)}${sig}${few}${flag}`,
        );
      }
      break;
    case "drivers":
      out.push(
        "",
        `R² ${report.r2.toFixed(3)}, n=${report.n}${report.warning ? `  ⚠ ${report.warning}` : ""}`,
      );
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
      out.push("", report.conclusion);
      for (const t of report.teams) out.push(`  ${t.conclusion}`);
      for (const b of report.byTouch)
        out.push(`${b.touch}-touch teams (${b.teams.join(", ") || "none"}): ${b.conclusion}`);
      break;
    case "consistency":
      out.push("", report.conclusion);
      for (const c of report.channels) {
        out.push(
          `  ${c.channel.padEnd(14)} NPS ${fmt(c.nps.value).padStart(6)} ${iv(c.nps.low, c.nps.high)}  tone ${fmt(c.tone.value, 2)}  n=${c.nps.n}`,
        );
      }
      break;
  }
  process.stdout.write(`${out.join("\n")}\n`);
}

function fmt(x: number, digits = 1): string {
  return Number.isFinite(x) ? x.toFixed(digits) : "–";
}
