import { z } from "@hono/zod-openapi";
import { EstimateWithSe, maybeNumber, suppressedForm, Verdict } from "./report-schema-parts.ts";

/** Cochran's Q test of whether groups differ more than sampling noise explains, with I². */
export const Heterogeneity = z
  .strictObject({
    q: maybeNumber.describe("Cochran's Q"),
    df: z.number().int(),
    pValue: maybeNumber,
    i2: maybeNumber.describe("I² in %: the share of the spread that is real difference rather than noise"),
    pooled: maybeNumber.describe("inverse-variance weighted mean of the groups"),
    spread: maybeNumber.describe("unweighted standard deviation of the group values"),
    range: maybeNumber,
    significant: z.boolean(),
    verdict: Verdict,
    warning: z.string().optional(),
  })
  .openapi("Heterogeneity");

export const ChannelFigure = z
  .strictObject({
    channel: z.string(),
    nps: EstimateWithSe,
    tone: EstimateWithSe.describe("mean analysed customer tone of the channel's encounters (−1..1)"),
  })
  .openapi("ChannelFigure");

export const MonthSpread = z
  .strictObject({
    month: z.string(),
    channels: z.number().int(),
    npsSpread: maybeNumber.describe("standard deviation of the channels' NPS that month"),
    npsTest: Heterogeneity,
    toneSpread: maybeNumber,
    smallestGroup: z
      .number()
      .int()
      .describe("answers or encounters of the smallest channel figure the month's spread rests on"),
  })
  .openapi("MonthSpread");

export const ConsistencyReport = z
  .strictObject({
    metric: z.literal("consistency"),
    definition: z.string(),
    channels: z.array(ChannelFigure),
    nps: Heterogeneity.describe("do channels' NPS differ beyond sampling noise?"),
    tone: Heterogeneity,
    months: z.array(MonthSpread),
    trend: z
      .strictObject({
        r: maybeNumber,
        pValue: maybeNumber,
        verdict: Verdict,
        months: z.number().int(),
        warning: z.string().optional(),
      })
      .describe("is the gap between channels growing? Spearman of month order vs NPS spread"),
    conclusion: z.string(),
  })
  .openapi("ConsistencyReport");

/** What is served: channels and months below the privacy floor suppressed. */
export const ConsistencyReportResult = ConsistencyReport.extend({
  channels: z.array(z.union([ChannelFigure, suppressedForm({ channel: z.string() })])),
  months: z.array(z.union([MonthSpread, suppressedForm({ month: z.string() })])),
}).openapi("ConsistencyReportResult");

export type ConsistencyReport = z.infer<typeof ConsistencyReport>;
export type ConsistencyReportResult = z.infer<typeof ConsistencyReportResult>;
export type ChannelFigure = z.infer<typeof ChannelFigure>;
export type MonthSpread = z.infer<typeof MonthSpread>;
