import { z } from "@hono/zod-openapi";
import {
  BootstrapSettings,
  IntervalsPending,
  LocalName,
  maybeNumber,
  suppressedForm,
} from "./report-schema-parts.ts";

export const QUADRANTS = ["fix_first", "strength", "monitor", "low_priority"] as const;

export const Driver = z
  .strictObject({
    driver: z
      .string()
      .describe("`theme:<id>` or an operational factor (waitMinutes, transfers, repeatContact, resolved)"),
    name: LocalName,
    importance: z
      .number()
      .describe("Johnson's relative weight: the driver's share of R² (the importances sum to r2)"),
    low: maybeNumber.describe("bootstrap 95% interval of the importance (null while pending)"),
    high: maybeNumber,
    share: maybeNumber.describe("importance as % of R²"),
    beta: maybeNumber.describe(
      "standardized regression coefficient: > 0 means a higher driver value goes with a higher score",
    ),
    n: z
      .number()
      .int()
      .describe("answers where the driver is non-zero (theme mentioned with a tone, waited, transferred, …)"),
    performance: maybeNumber.describe(
      "0–100: how often the driver is in a good state (see performanceDefinition)",
    ),
    quadrant: z.enum(QUADRANTS),
    quadrantName: LocalName,
  })
  .openapi("Driver");

export const DriverArea = z
  .strictObject({
    area: z.string(),
    name: LocalName,
    importance: z.number(),
    low: maybeNumber,
    high: maybeNumber,
    share: maybeNumber.optional().describe("importance as % of R²"),
    shareLow: maybeNumber
      .optional()
      .describe(
        "bootstrap 95% interval of the share (each replicate's importance over its own R²; null while pending)",
      ),
    shareHigh: maybeNumber.optional(),
    drivers: z.array(z.string()),
  })
  .openapi("DriverArea");

export const DriversReport = z
  .strictObject({
    metric: z.literal("drivers"),
    definition: z.string(),
    outcome: z.literal("nps score (0–10)"),
    r2: z.number().describe("R² of the outcome on all drivers"),
    n: z.number().int().describe("answers used (NPS answers with every included operational factor known)"),
    answers: z.number().int(),
    drivers: z.array(Driver),
    areas: z.array(DriverArea).describe("importance summed per area (a theme and its operational measure)"),
    groups: z.array(DriverArea).describe("importance summed per taxonomy group"),
    crossCheck: z
      .strictObject({
        drivers: z.array(z.string()),
        relativeWeights: z.array(z.number()),
        shapley: z.array(z.number()),
        maxDifference: z.number(),
      })
      .nullable()
      .describe("Shapley R² (LMG) of the most important drivers, next to their relative weights"),
    performanceDefinition: z.string(),
    performanceTarget: z.number().describe("the performance line (%) between good and poor"),
    bootstrap: BootstrapSettings,
    intervals: IntervalsPending,
    warning: z.string().optional(),
  })
  .openapi("DriversReport");

/** What is served: drivers that apply to fewer answers than the privacy floor suppressed. */
export const DriversReportResult = DriversReport.extend({
  drivers: z.array(z.union([Driver, suppressedForm({ driver: z.string(), name: LocalName })])),
}).openapi("DriversReportResult");

export type DriversReport = z.infer<typeof DriversReport>;
export type DriversReportResult = z.infer<typeof DriversReportResult>;
export type Driver = z.infer<typeof Driver>;
export type DriverArea = z.infer<typeof DriverArea>;
