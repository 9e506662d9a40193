import type { Command } from "commander";
import { KohtaamoError } from "../domain/index.ts";
import { npsEstimate } from "../stats/nps-estimate.ts";
import type { ScoreGrouping } from "../store/index.ts";
import { withStore } from "./store-session.ts";
import { parseInstantOption } from "./time-options.ts";

const METRICS = ["nps"] as const;
const GROUPINGS: ScoreGrouping[] = ["team", "channel", "month", "agent", "touchpoint"];

export function registerReport(program: Command): void {
  program
    .command("report")
    .description("Report a metric with its 95% interval. Metrics so far: nps.")
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
      if (opts.by && !(GROUPINGS as string[]).includes(opts.by)) {
        throw new KohtaamoError("bad_request", `--by: "${opts.by}" is not one of ${GROUPINGS.join(", ")}`);
      }
      const report = await withStore(async (store, cfg) => {
        const filter = {
          ...(opts.from ? { from: parseInstantOption("--from", opts.from, cfg.timeZone) } : {}),
          ...(opts.to ? { to: parseInstantOption("--to", opts.to, cfg.timeZone) } : {}),
          ...(opts.team ? { team: opts.team } : {}),
          ...(opts.channel ? { channel: opts.channel } : {}),
        };
        const [overall] = await store.responses.scoreCounts("nps", filter);
        const total = npsEstimate(overall?.counts ?? []);
        if (!opts.by) return { metric, ...total };
        const groups = await store.responses.scoreCounts("nps", filter, opts.by as ScoreGrouping);
        return {
          metric,
          ...total,
          by: opts.by,
          groups: groups.map((g) => ({ group: g.group, ...npsEstimate(g.counts) })),
        };
      });
      if (opts.json) {
        process.stdout.write(`${JSON.stringify(report)}\n`);
        return;
      }
      const line = (
        label: string,
        e: { value: number; low: number; high: number; n: number; warning?: string },
      ) =>
        `${label.padEnd(24)} ${fmt(e.value).padStart(7)}  [${fmt(e.low)}, ${fmt(e.high)}]  n=${e.n}${e.warning ? `  ⚠ ${e.warning}` : ""}`;
      process.stdout.write(`NPS (95% interval)\n${line("all", report)}\n`);
      for (const g of "groups" in report ? report.groups : [])
        process.stdout.write(`${line(String(g.group ?? "(none)"), g)}\n`);
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
