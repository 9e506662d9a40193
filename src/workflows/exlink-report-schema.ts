import { z } from "@hono/zod-openapi";
import { Comparison, maybeNumber, suppressedForm, Verdict } from "./report-schema-parts.ts";

const Touch = z.enum(["high", "low"]);

export const TeamMonth = z
  .strictObject({
    team: z.string(),
    month: z.string(),
    enps: z.number().nullable().describe("eNPS of the team's pulse that month; null: no pulse"),
    enpsN: z.number().int(),
    nps: z.number().nullable().describe("NPS of the team's answers that month; null: no answers"),
    npsN: z.number().int(),
    tone: z.number().nullable().describe("mean analysed customer tone of the team's encounters, −1..1"),
    encounters: z.number().int(),
  })
  .openapi("TeamMonth");

/** A correlation; `value` repeats r so that every estimate in a report reads value, low, high, n. */
export const LaggedCorrelation = z
  .strictObject({
    r: maybeNumber,
    value: maybeNumber,
    n: z.number().int().describe("team-month pairs used"),
    low: maybeNumber.describe("95% Fisher-z interval"),
    high: maybeNumber,
    pValue: maybeNumber,
    significant: z.boolean(),
    verdict: Verdict,
    warning: z.string().optional(),
    lag: z.number().int(),
    method: z.enum(["pearson", "spearman"]),
  })
  .openapi("LaggedCorrelation");

export const LaggedLink = z
  .strictObject({
    lag: z.number().int().describe("months by which eNPS leads"),
    outcome: z.enum(["nps", "tone"]),
    pearson: LaggedCorrelation,
    spearman: LaggedCorrelation,
  })
  .openapi("LaggedLink");

export const ChangePoint = z
  .strictObject({
    month: z.string().describe("first month of the new level"),
    before: maybeNumber,
    after: maybeNumber,
    test: Comparison.describe(
      "after − before on the pooled answers; p Bonferroni-adjusted over the candidate months",
    ),
  })
  .openapi("ChangePoint");

export const TeamLink = z
  .strictObject({
    team: z.string(),
    touch: Touch,
    assistedShare: z.number().describe("share of the team's encounters handled by people"),
    enpsChange: ChangePoint.nullable(),
    npsChange: ChangePoint.nullable(),
    leadMonths: z.number().int().nullable().describe("months from the eNPS change to the NPS change"),
    conclusion: z.string(),
  })
  .openapi("TeamLink");

export const ExLinkReport = z
  .strictObject({
    metric: z.literal("exlink"),
    definition: z.string(),
    n: z.number().int().describe("team-months with both a pulse and survey answers"),
    links: z.array(LaggedLink),
    byTouch: z.array(
      z.strictObject({
        touch: Touch,
        teams: z.array(z.string()),
        links: z.array(LaggedLink),
        conclusion: z.string(),
      }),
    ),
    teams: z.array(TeamLink),
    series: z.array(TeamMonth),
    conclusion: z.string(),
  })
  .openapi("ExLinkReport");

/** What is served: teams and team-months below the privacy floor suppressed. */
export const ExLinkReportResult = ExLinkReport.extend({
  teams: z.array(z.union([TeamLink, suppressedForm({ team: z.string() })])),
  series: z.array(z.union([TeamMonth, suppressedForm({ team: z.string(), month: z.string() })])),
}).openapi("ExLinkReportResult");

export type ExLinkReport = z.infer<typeof ExLinkReport>;
export type ExLinkReportResult = z.infer<typeof ExLinkReportResult>;
export type TeamMonth = z.infer<typeof TeamMonth>;
export type LaggedLink = z.infer<typeof LaggedLink>;
export type ChangePoint = z.infer<typeof ChangePoint>;
export type TeamLink = z.infer<typeof TeamLink>;
