import { z } from "@hono/zod-openapi";

/**
 * The pieces every report's result schema is made of. Each report's shape is written once, as a
 * strict zod schema (unknown keys are an error); its TypeScript type is `z.infer` of it, the HTTP
 * route answers with it, the OpenAPI document describes it, and the tests validate real output
 * against it. The schemas describe the JSON: a figure that cannot be computed (NaN, an unbounded
 * limit) is written by JSON.stringify as null, so such fields are nullable.
 */

/**
 * A figure that is null in JSON when it cannot be computed (no answers, one answer, no limit). In
 * TypeScript it stays a number (NaN or ±Infinity), which is what the statistics produce; reading JSON
 * back through the schema turns null into NaN.
 */
export const maybeNumber = z
  .number()
  .nullable()
  .transform((v) => v ?? Number.NaN);

export const LocalName = z.strictObject({ fi: z.string(), en: z.string() }).openapi("LocalName");

export const Verdict = z.enum(["significant", "not significant"]);

const estimateFields = {
  value: maybeNumber.describe("the point estimate; null when there is nothing to estimate from"),
  low: maybeNumber.describe("lower end of the 95% interval"),
  high: maybeNumber.describe("upper end of the 95% interval"),
  n: z.number().int().describe("answers (or encounters) the estimate is based on"),
};

/**
 * Present when a report's bootstrap intervals are not computed yet: its interval ends are null and
 * nothing is called significant until the reports.intervals job has run (workflows/report-intervals.ts).
 */
export const IntervalsPending = z
  .literal("pending")
  .optional()
  .describe("bootstrap intervals still being computed by a background job: ask again in a few seconds");

/** `{value, low, high, n}`: every estimate in a report reads the same way (CONTRACT.md). */
export const Estimate = z.strictObject(estimateFields).openapi("Estimate");

/** A mean with its standard error (tone, NPS on a channel). */
export const EstimateWithSe = z
  .strictObject({ ...estimateFields, se: maybeNumber.describe("standard error") })
  .openapi("EstimateWithSe");

const npsFields = {
  promoters: z.number().int().describe("answers 9–10"),
  passives: z.number().int().describe("answers 7–8"),
  detractors: z.number().int().describe("answers 0–6"),
  se: maybeNumber.describe("standard error in NPS points"),
  method: z.enum(["wald", "adjusted-wald"]).describe("how the interval was computed"),
};

/** NPS with its tally and how its interval was computed. */
export const NpsEstimate = z
  .strictObject({ ...estimateFields, ...npsFields, warning: z.string().optional() })
  .openapi("NpsEstimate");

/**
 * The fields of a score estimate, shared by NPS, CSAT, CES and eNPS: the NPS tally only for NPS and
 * eNPS, the standard deviation only for CES. Spread into a report's top level and into its groups.
 */
export const scoreEstimateFields = {
  ...estimateFields,
  promoters: npsFields.promoters.optional(),
  passives: npsFields.passives.optional(),
  detractors: npsFields.detractors.optional(),
  se: npsFields.se.optional(),
  method: npsFields.method.optional(),
  sd: maybeNumber.optional().describe("CES: standard deviation of the answers"),
  warning: z.string().optional().describe("set when n is too small for the figure to mean much"),
};

export const ScoreEstimate = z.strictObject(scoreEstimateFields).openapi("ScoreEstimate");

const comparisonFields = {
  test: z.string().describe("the two-sample test used"),
  difference: maybeNumber.describe("A − B in the unit of the figure"),
  low: maybeNumber,
  high: maybeNumber,
  pValue: maybeNumber.describe("two-sided p-value"),
  significant: z.boolean(),
  verdict: Verdict,
  effectSize: z.strictObject({ name: z.string(), value: maybeNumber }),
  nA: z.number().int(),
  nB: z.number().int(),
  warning: z.string().optional(),
};

/** A − B with its 95% interval, p-value and effect size. */
export const Comparison = z.strictObject(comparisonFields).openapi("Comparison");

/** A comparison whose p-value was adjusted (Holm) for the comparisons made alongside it. */
export const AdjustedComparison = z
  .strictObject({
    ...comparisonFields,
    pValueUnadjusted: maybeNumber,
    adjustment: z.literal("holm"),
  })
  .openapi("AdjustedComparison");

/** Bootstrap settings, so a result can be reproduced. */
export const BootstrapSettings = z.strictObject({
  replicates: z.number().int(),
  groups: z.number().int(),
  seed: z.number().int(),
});

/**
 * How a group below the privacy floor is listed for viewers, managers and agents: its key and
 * `suppressed: true`, nothing else — no value, interval, test or count (docs/security.md).
 */
export function suppressedForm<K extends z.ZodRawShape>(key: K) {
  return z.strictObject({
    ...key,
    suppressed: z
      .literal(true)
      .describe("fewer answers or encounters than the privacy floor (KOHTAAMO_MIN_GROUP): no figures shown"),
  });
}

export const SuppressedGroup = suppressedForm({ group: z.string().nullable() }).openapi("SuppressedGroup");

export type SuppressedGroup = z.infer<typeof SuppressedGroup>;
