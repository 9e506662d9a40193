import { z } from "@hono/zod-openapi";
import { Comparison, Estimate, SuppressedGroup, suppressedForm } from "./report-schema-parts.ts";

/** What response rates can be broken down by: invitations have a channel, a month and a customer segment. */
export const RATE_GROUPINGS = ["channel", "month", "segment"] as const;

const rateFields = {
  ...Estimate.shape,
  invited: z.number().int().describe("invitations sent"),
  answered: z.number().int().describe("invitations answered"),
  warning: z.string().optional(),
};

export const RateGroup = z
  .strictObject({ group: z.string().nullable(), ...rateFields })
  .openapi("ResponseRateGroup");

/** Tone of the encounters behind answered and unanswered invitations: who is heard, who is not. */
export const ToneComparison = z
  .strictObject({
    answered: Estimate,
    unanswered: Estimate,
    difference: Comparison.describe("answered − unanswered, Welch t test"),
  })
  .openapi("ToneComparison");

export const NonResponseBias = z
  .strictObject({
    definition: z.string(),
    overall: ToneComparison,
    byChannel: z.array(z.strictObject({ channel: z.string(), ...ToneComparison.shape })),
    conclusion: z.string(),
  })
  .openapi("NonResponseBias");

/** The overall rate's fields (value, low, high, n, invited, answered) are at the top level, like the score reports'. */
export const ResponseRateReport = z
  .strictObject({
    metric: z.literal("response-rate"),
    ...rateFields,
    definition: z.string(),
    by: z.enum(RATE_GROUPINGS).nullable(),
    groups: z.array(RateGroup),
    nonResponseBias: NonResponseBias.describe("analysed tone of answered vs unanswered invited encounters"),
  })
  .openapi("ResponseRateReport");

const suppressibleParts = {
  groups: z.array(z.union([RateGroup, SuppressedGroup])),
  nonResponseBias: NonResponseBias.extend({
    overall: z.union([ToneComparison, suppressedForm({})]),
    byChannel: z.array(
      z.union([NonResponseBias.shape.byChannel.element, suppressedForm({ channel: z.string() })]),
    ),
  }),
};

/** What is served: groups below the privacy floor suppressed, or the whole selection when it is below it. */
export const ResponseRateReportResult = z
  .union([
    ResponseRateReport.extend(suppressibleParts),
    ResponseRateReport.pick({ metric: true, definition: true, by: true }).extend({
      ...suppressibleParts,
      suppressed: z.literal(true).describe("the whole selection is below the privacy floor"),
    }),
  ])
  .openapi("ResponseRateReportResult");

export type ResponseRateReport = z.infer<typeof ResponseRateReport>;
export type ResponseRateReportResult = z.infer<typeof ResponseRateReportResult>;
export type ToneComparison = z.infer<typeof ToneComparison>;
export type NonResponseBias = z.infer<typeof NonResponseBias>;
