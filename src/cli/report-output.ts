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
export function printReport(built: unknown, timeZone = "Europe/Helsinki"): void {
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
      if (report.metric !== "response-rate") {
        const signals = new Map(
          (report.controlChart?.points ?? []).flatMap((p) => (p.signal ? [[p.period, p.signal]] : [])),
        );
        for (const g of report.groups) {
          const test = g.vsRest ?? g.change;
          const against = g.vsRest ? "vs rest" : "vs previous";
          const verdict = test ? `  ${against} ${signed(test.difference)} ${verdictOf(test)}` : "";
          const signal = signals.get(String(g.group));
          out.push(
            `${line(String(g.group ?? "(none)"), g)}${verdict}${signal ? `  ◆ ${signal} the control limits` : ""}`,
          );
        }
        if (report.previous && "change" in report.previous) {
          const { from, to, estimate, change } = report.previous;
          // `to` is the first instant left out: the period's last day is the one before it.
          const day = (at: number) => new Date(at).toLocaleDateString("sv-SE", { timeZone });
          const period = `previous ${day(Date.parse(from))}…${day(Date.parse(to) - 1)}`;
          out.push(
            "",
            line(period, estimate),
            `change ${signed(change.difference)} ${iv(change.low, change.high)} ${verdictOf(change)}`,
          );
        }
      } else for (const g of report.groups) out.push(line(String(g.group ?? "(none)"), g));
      break;
    case "themes":
      out.push("", `NPS ${fmt(report.nps.value)} ${iv(report.nps.low, report.nps.high)}, n=${report.n}`);
      out.push(
        `${"theme".padEnd(28)} ${"volume".padStart(7)} ${"share%".padStart(7)} ${"answers".padStart(8)}  NPS impact`,
      );
      for (const t of report.themes) {
        const flag = t.emerging ? `  ↑ emerging since ${t.emerging.month}` : "";
        // A theme no survey answer mentions (only encounters do) has no NPS impact to show.
        const impact =
          t.answers === 0
            ? "–  (no survey answer mentions it)"
            : `${fmt(t.npsImpact.value).padStart(6)} ${iv(t.npsImpact.low, t.npsImpact.high)}${t.npsImpact.significant ? " (significant)" : " (not significant)"}${t.npsImpact.warning ? `  ⚠ ${t.npsImpact.warning}` : ""}`;
        out.push(
          `${t.theme.padEnd(28)} ${String(t.volume).padStart(7)} ${t.share.toFixed(1).padStart(7)} ${String(t.answers).padStart(8)}  ${impact}${flag}`,
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

function signed(x: number): string {
  return Number.isFinite(x) ? `${x > 0 ? "+" : ""}${x.toFixed(1)}` : "–";
}

/** "significant (p 0.003)" or "not significant (p 0.41)", as the JSON's verdict and p-value say. */
function verdictOf(test: { verdict: string; pValue: number }): string {
  const p = test.pValue < 0.001 ? "p < 0.001" : `p ${test.pValue.toFixed(3)}`;
  return `${test.verdict} (${p})`;
}
