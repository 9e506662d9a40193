import type { Command } from "commander";
import { KohtaamoError, SCORE_GROUPINGS } from "../domain/index.ts";
import type { ScoreGrouping } from "../store/index.ts";
import { SCORE_METRICS, type ScoreMetric } from "../workflows/score-reports.ts";
import { withStore } from "./store-session.ts";
import { parseInstantOption } from "./time-options.ts";

const INSIGHTS = ["themes", "drivers", "exlink", "consistency"] as const;
const METRICS = [...SCORE_METRICS, ...INSIGHTS, "response-rate"] as const;
const GROUPINGS = SCORE_GROUPINGS;

export function registerReport(program: Command): void {
  program
    .command("report")
    .description(
      "Report a metric with its 95% interval, overall and optionally per group: nps, csat, ces, enps and response-rate; themes (volume, tone, NPS impact, emerging), drivers (key drivers of NPS), exlink (employee ↔ customer experience) and consistency (across channels).",
    )
    .argument("<metric>", METRICS.join("|"))
    .option("--by <dimension>", GROUPINGS.join("|"))
    .option("--from <date>", "first day included (YYYY-MM-DD or d.m.yyyy)")
    .option("--to <date>", "first day excluded (YYYY-MM-DD or d.m.yyyy)")
    .option("--team <team>", "only this team")
    .option("--channel <channel>", "only this channel")
    .option("--json", "print JSON instead of a table")
    .action(async (metric: string, opts: ReportOptions) => {
      if (!(METRICS as readonly string[]).includes(metric)) {
        throw new KohtaamoError(
          "bad_request",
          `report: "${metric}" is not available yet; available: ${METRICS.join(", ")}`,
        );
      }
      if (opts.by && !(GROUPINGS as readonly string[]).includes(opts.by)) {
        throw new KohtaamoError("bad_request", `--by: "${opts.by}" is not one of ${GROUPINGS.join(", ")}`);
      }
      const filterOf = (cfg: { timeZone: string }) => ({
        ...(opts.from ? { from: parseInstantOption("--from", opts.from, cfg.timeZone) } : {}),
        ...(opts.to ? { to: parseInstantOption("--to", opts.to, cfg.timeZone) } : {}),
        ...(opts.team ? { team: opts.team } : {}),
        ...(opts.channel ? { channel: opts.channel } : {}),
      });
      if ((INSIGHTS as readonly string[]).includes(metric)) {
        if (opts.by) throw new KohtaamoError("bad_request", `--by does not apply to ${metric}`);
        const { insightReport, printInsight } = await import("./insight-output.ts");
        const report = await withStore((store, cfg) =>
          insightReport(store, metric as (typeof INSIGHTS)[number], filterOf(cfg)),
        );
        if (opts.json) process.stdout.write(`${JSON.stringify(report)}\n`);
        else printInsight(report);
        return;
      }
      const [{ scoreReport }, { responseRateReport }] = await Promise.all([
        import("../workflows/score-reports.ts"),
        import("../workflows/response-rate-report.ts"),
      ]);
      const report = await withStore(async (store, cfg) => {
        const filter = filterOf(cfg);
        try {
          if (metric === "response-rate") {
            if (opts.by && opts.by !== "channel" && opts.by !== "month" && opts.by !== "segment") {
              throw new Error(
                `response-rate can be broken down by channel, month or segment, not by ${opts.by}`,
              );
            }
            return await responseRateReport(
              store,
              filter,
              opts.by as "channel" | "month" | "segment" | undefined,
            );
          }
          return await scoreReport(
            store,
            metric as ScoreMetric,
            filter,
            opts.by as ScoreGrouping | undefined,
          );
        } catch (e) {
          throw new KohtaamoError("bad_request", (e as Error).message);
        }
      });
      if (opts.json) {
        // The overall estimate's fields stay at the top level (value, low, high, n), as since #2.
        const { overall, metric: name, ...rest } = report;
        process.stdout.write(`${JSON.stringify({ metric: name, ...overall, ...rest })}\n`);
        return;
      }
      const line = (
        label: string,
        e: { value: number; low: number; high: number; n: number; warning?: string },
      ) =>
        `${label.padEnd(24)} ${fmt(e.value).padStart(7)}  [${fmt(e.low)}, ${fmt(e.high)}]  n=${e.n}${e.warning ? `  ⚠ ${e.warning}` : ""}`;
      process.stdout.write(`${report.definition}\n${line("all", report.overall)}\n`);
      for (const g of report.groups) process.stdout.write(`${line(String(g.group ?? "(none)"), g)}\n`);
    });
}

interface ReportOptions {
  by?: string;
  from?: string;
  to?: string;
  team?: string;
  channel?: string;
  json?: boolean;
}

function fmt(x: number): string {
  return Number.isNaN(x) ? "–" : x.toFixed(1);
}
