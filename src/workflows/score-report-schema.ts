import { z } from "@hono/zod-openapi";
import {
  AdjustedComparison,
  Comparison,
  maybeNumber,
  ScoreEstimate,
  SuppressedGroup,
  scoreEstimateFields,
  suppressedForm,
} from "./report-schema-parts.ts";

export const SCORE_METRICS = ["nps", "csat", "ces", "enps"] as const;
export type ScoreMetric = (typeof SCORE_METRICS)[number];

export const ScoreGroup = z
  .strictObject({
    group: z.string().nullable(),
    ...scoreEstimateFields,
    vsRest: AdjustedComparison.optional().describe("this group against all other answers, Holm-adjusted"),
    change: AdjustedComparison.optional().describe(
      "by month: this month against the previous one, Holm-adjusted",
    ),
  })
  .openapi("ScoreGroup");

const Side = z.enum(["above", "below"]);

export const ChartPoint = z
  .strictObject({
    period: z.string(),
    value: maybeNumber,
    n: z.number().int(),
    centre: maybeNumber,
    lower: maybeNumber.describe("lower control limit; null when unbounded"),
    upper: maybeNumber.describe("upper control limit; null when unbounded"),
    signal: Side.nullable().describe("outside the limits: news; null: ordinary noise"),
  })
  .openapi("ChartPoint");

export const ControlChart = z
  .strictObject({
    centre: maybeNumber,
    sigma: maybeNumber,
    k: z.number(),
    points: z.array(ChartPoint),
    shifts: z.array(
      z.strictObject({
        rule: z.literal("shift"),
        side: Side,
        firstPeriod: z.string(),
        lastPeriod: z.string(),
        length: z.number().int(),
      }),
    ),
    warning: z.string().optional(),
  })
  .openapi("ControlChart");

/**
 * NPS, CSAT, CES or eNPS as built. The overall estimate's fields (value, low, high, n, …) are at the
 * top level, as `kohtaamo report nps --json` has printed them since the first release.
 */
export const ScoreReport = z
  .strictObject({
    metric: z.enum(SCORE_METRICS),
    ...scoreEstimateFields,
    definition: z.string().describe("what the value means"),
    by: z.string().nullable().describe("the grouping asked for, if any"),
    groups: z.array(ScoreGroup),
    controlChart: ControlChart.optional().describe(
      "by month: 3σ limits within which a month is ordinary noise",
    ),
    previous: z
      .strictObject({ from: z.string(), to: z.string(), estimate: ScoreEstimate, change: Comparison })
      .optional()
      .describe("with from and to: the preceding period of equal length, and the change"),
  })
  .openapi("ScoreReport");

const suppressibleParts = {
  groups: z.array(z.union([ScoreGroup, SuppressedGroup])),
  controlChart: ControlChart.extend({
    points: z.array(z.union([ChartPoint, suppressedForm({ period: z.string() })])),
  })
    .optional()
    .describe("by month: 3σ limits within which a month is ordinary noise"),
  previous: z
    .union([ScoreReport.shape.previous.unwrap(), suppressedForm({ from: z.string(), to: z.string() })])
    .optional(),
};

/** What is served: groups below the privacy floor suppressed, or the whole selection when it is below it. */
export const ScoreReportResult = z
  .union([
    ScoreReport.extend(suppressibleParts),
    ScoreReport.pick({ metric: true, definition: true, by: true }).extend({
      ...suppressibleParts,
      suppressed: z.literal(true).describe("the whole selection is below the privacy floor"),
    }),
  ])
  .openapi("ScoreReportResult");

export type ScoreReport = z.infer<typeof ScoreReport>;
export type ScoreReportResult = z.infer<typeof ScoreReportResult>;
export type ScoreGroup = z.infer<typeof ScoreGroup>;
export type ControlChart = z.infer<typeof ControlChart>;
