import { z } from "@hono/zod-openapi";
import {
  BootstrapSettings,
  Estimate,
  IntervalsPending,
  LocalName,
  maybeNumber,
  NpsEstimate,
  suppressedForm,
} from "./report-schema-parts.ts";

export const EmergingTheme = z
  .strictObject({
    month: z.string().describe("the first month whose volume grew significantly over the baseline"),
    share: z.number().describe("% of the month's analysed encounters that mention the theme"),
    baselineShare: z.number(),
    ratio: maybeNumber,
    pValue: z.number().describe("Holm-adjusted over every theme and month tested"),
  })
  .openapi("EmergingTheme");

export const ThemeInsight = z
  .strictObject({
    theme: z.string(),
    name: LocalName,
    volume: z.number().int().describe("analysed encounters that mention the theme"),
    share: z.number().describe("% of analysed encounters that mention it"),
    tone: z
      .strictObject({ negative: z.number(), neutral: z.number(), positive: z.number() })
      .describe("% of the theme's mentions said in each tone"),
    answers: z.number().int().describe("NPS answers whose comment or rated encounter mention the theme"),
    nps: Estimate.describe("NPS of those answers"),
    npsImpact: z
      .strictObject({
        ...Estimate.shape,
        significant: z.boolean(),
        warning: z
          .string()
          .optional()
          .describe(
            "set when fewer than 30 answers mention the theme: too few to tell its impact from noise",
          ),
      })
      .describe("NPS(all answers) − NPS(answers without the theme), bootstrap 95% interval"),
    emerging: EmergingTheme.nullable(),
    monthly: z.array(z.strictObject({ month: z.string(), volume: z.number().int(), share: z.number() })),
  })
  .openapi("ThemeInsight");

export const ThemesReport = z
  .strictObject({
    metric: z.literal("themes"),
    definition: z.string(),
    nps: NpsEstimate.describe("NPS of all answers in the selection"),
    n: z.number().int().describe("NPS answers"),
    encounters: z.number().int().describe("analysed encounters"),
    bootstrap: BootstrapSettings,
    intervals: IntervalsPending,
    themes: z.array(ThemeInsight),
  })
  .openapi("ThemesReport");

/** What is served: themes below the privacy floor suppressed. */
export const ThemesReportResult = ThemesReport.extend({
  themes: z.array(z.union([ThemeInsight, suppressedForm({ theme: z.string(), name: LocalName })])),
}).openapi("ThemesReportResult");

export type ThemesReport = z.infer<typeof ThemesReport>;
export type ThemesReportResult = z.infer<typeof ThemesReportResult>;
export type ThemeInsight = z.infer<typeof ThemeInsight>;
export type EmergingTheme = z.infer<typeof EmergingTheme>;
