import { z } from "@hono/zod-openapi";
import { INITIATIVE_GOALS, INITIATIVE_STATUSES } from "../store/initiative-repository.ts";
import { FILTER_PARAMS } from "../workflows/report-params.ts";

/** Wire schemas of the development initiatives (issue 13). Field names as the API names them. */

const day = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, "a day as YYYY-MM-DD")
  .refine((s) => {
    const d = new Date(`${s}T00:00:00Z`);
    return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === s;
  }, "not a day of the calendar");

const fields = {
  title: z.string().trim().min(1).max(200),
  description: z.string().trim().max(4000).nullable().optional(),
  cost: z
    .number()
    .int("whole euros")
    .min(0)
    .max(1_000_000_000)
    .openapi({ description: "whole euros", example: 12000 }),
  goal: z.enum(INITIATIVE_GOALS).openapi({ description: "cx, efficiency or both" }),
  themeIds: z
    .array(z.string().min(1).max(100))
    .max(20)
    .optional()
    .openapi({ example: ["billing"] }),
  expectedShareRemoved: z
    .number()
    .min(0)
    .max(1)
    .optional()
    .openapi({ description: "share of the linked themes' problem removed, 0–1 (default 0.5)" }),
  expectedNpsGain: z
    .number()
    .min(-100)
    .max(200)
    .nullable()
    .optional()
    .openapi({ description: "the owner's own estimate in NPS points; overrides the derived gain" }),
  owner: z.string().trim().min(1).max(320).nullable().optional(),
  status: z.enum(INITIATIVE_STATUSES).optional().openapi({ description: "default idea" }),
  doneOn: day
    .nullable()
    .optional()
    .openapi({ description: "the day it was done (YYYY-MM-DD); needed with status done" }),
};

export const InitiativeCreate = z.object(fields).strict().openapi("InitiativeCreate");
export const InitiativePatch = z
  .object(fields)
  .partial()
  .strict()
  .refine((b) => Object.keys(b).length > 0, { message: "say what to change" })
  .openapi("InitiativePatch");

const Interval = z.object({ low: z.number().nullable(), high: z.number().nullable() });

const Impact = z.object({ value: z.number(), low: z.number(), high: z.number(), significant: z.boolean() });

export const Gain = z
  .object({
    value: z.number().openapi({ description: "expected NPS points" }),
    low: z.number().nullable(),
    high: z.number().nullable(),
    source: z.enum(["themes", "owner", "none"]).openapi({
      description: "themes: derived from the linked themes' measured impact; owner: the owner's estimate",
    }),
    themes: z.array(z.object({ theme: z.string(), impact: Impact.nullable(), contribution: z.number() })),
    noMeasurableEffect: z.boolean(),
  })
  .openapi("InitiativeGain");

export const InitiativeView = z
  .object({
    id: z.string(),
    title: z.string(),
    description: z.string().nullable(),
    cost: z.number(),
    goal: z.enum(INITIATIVE_GOALS),
    themeIds: z.array(z.string()),
    expectedShareRemoved: z.number(),
    expectedNpsGain: z.number().nullable(),
    owner: z.string().nullable(),
    status: z.enum(INITIATIVE_STATUSES),
    doneOn: z.string().nullable(),
    createdBy: z.string(),
    createdAt: z.string(),
    updatedAt: z.string(),
    gain: Gain,
    valueEur: z.number().openapi({ description: "expected gain × the price of a point, euros a year" }),
  })
  .openapi("Initiative");

const PointPrice = z.object({
  customers: z.number(),
  yearlyValueEur: z.number(),
  churnGap: z.number(),
  sources: z.object({ customers: z.string(), yearlyValueEur: z.string(), churnGap: z.string() }),
  valueAtStakeEur: z.number(),
  perNpsPointEur: z.number(),
});

const Caveat = z.object({ id: z.string(), text: z.object({ fi: z.string(), en: z.string() }) });

export const InitiativeList = z
  .object({ items: z.array(InitiativeView), pointPrice: PointPrice, caveats: z.array(Caveat) })
  .openapi("InitiativeList");

const Mix = z.object({
  cx: z.number(),
  efficiency: z.number(),
  both: z.number(),
  efficiencyShare: z.number().nullable(),
  mostlyEfficiency: z.boolean(),
});

export const PortfolioResult = z
  .object({
    budget: z.number(),
    goal: z.enum(INITIATIVE_GOALS).nullable(),
    selected: z.array(z.string()),
    totalCost: z.number(),
    totalGain: z.number(),
    gainInterval: Interval,
    valueAtStake: PointPrice.extend({
      portfolioValueEur: z.number(),
      portfolioValueIntervalEur: z.object({ low: z.number(), high: z.number() }),
    }),
    method: z.enum(["dynamic-programming", "branch-and-bound"]),
    alternatives: z.array(
      z.object({
        budget: z.number(),
        move: z.number(),
        selected: z.array(z.string()),
        totalCost: z.number(),
        totalGain: z.number(),
        added: z.array(z.string()),
        removed: z.array(z.string()),
      }),
    ),
    leftOut: z.array(
      z.object({ id: z.string(), reason: z.enum(["no_gain", "over_budget_alone", "not_in_optimum"]) }),
    ),
    balance: z.object({ portfolio: Mix, planned: Mix, noMeasurableEffect: z.array(z.string()) }),
    caveats: z.array(Caveat),
  })
  .openapi("Portfolio");

export const PortfolioQuery = z.object({
  budget: z.coerce
    .number()
    .int("whole euros")
    .min(0)
    .max(1_000_000_000)
    .openapi({ description: "whole euros", example: 50000 }),
  goal: z.enum(INITIATIVE_GOALS).optional(),
  from: FILTER_PARAMS.from,
  to: FILTER_PARAMS.to,
});

export const BusinessCaseQuery = PortfolioQuery.extend({
  lang: z.enum(["fi", "en"]).optional().openapi({ description: "the document's language (default en)" }),
  format: z.enum(["html", "pdf"]).optional().openapi({ description: "html (default) or pdf" }),
});

export const ImpactQuery = z.object({ from: FILTER_PARAMS.from, to: FILTER_PARAMS.to });

export const ExportQuery = ImpactQuery.extend({ format: z.enum(["csv", "xlsx"]).optional() });

export const SettingsBody = z
  .object({
    customers: z.number().int().min(0).max(1_000_000_000).nullable(),
    yearlyValueEur: z.number().min(0).max(10_000_000).nullable(),
    churnGap: z.number().min(0).max(1).nullable(),
  })
  .strict()
  .openapi("InitiativeSettings");

export const SettingsView = SettingsBody.extend({
  updatedBy: z.string().nullable(),
  updatedAt: z.string().nullable(),
  pointPrice: PointPrice,
});
