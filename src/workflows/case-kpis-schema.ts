import { z } from "@hono/zod-openapi";
import { LocalName, maybeNumber, NpsEstimate } from "./report-schema-parts.ts";

/** The result of the closed-loop KPIs (case-kpis.ts), written once: route, OpenAPI and tests use it. */

const share = {
  value: maybeNumber.describe("percent; null when no case is decided yet"),
  low: maybeNumber.describe("lower end of the Wilson 95% interval"),
  high: maybeNumber.describe("upper end of the Wilson 95% interval"),
  n: z.number().int().describe("decided cases (the denominator)"),
  warning: z.string().optional(),
};

export const ActionRate = z
  .strictObject({
    ...share,
    contacted_in_time: z.number().int().describe("contacted at or before the due date"),
    missed: z
      .number()
      .int()
      .describe("contacted after the due date, past due without contact, or closed without contact"),
    pending: z.number().int().describe("not contacted and not yet due: left out of n"),
  })
  .openapi("CaseActionRate");

export const WithoutAction = z
  .strictObject({
    ...share,
    nothing: z
      .number()
      .int()
      .describe("closed as no_action_needed, or still not contacted after the due date"),
    pending: z.number().int().describe("not contacted and not yet due: left out of n"),
  })
  .openapi("CaseWithoutAction");

export const Duration = z
  .strictObject({
    median_hours: maybeNumber,
    p90_hours: maybeNumber,
    n: z.number().int(),
  })
  .openapi("CaseDuration");

const kpiFields = {
  cases: z.number().int().describe("cases of any rule whose source record falls in the period"),
  action_rate: ActionRate,
  time_to_first_contact: Duration,
  time_to_close: Duration,
  without_action: WithoutAction,
};

export const CaseKpiBlock = z.strictObject(kpiFields).openapi("CaseKpiBlock");

const Suppressed = z.strictObject({ suppressed: z.literal(true) });

export const FollowUpNps = z
  .strictObject({
    followed_up: z.union([NpsEstimate, Suppressed]),
    not_followed_up: z.union([NpsEstimate, Suppressed]),
    without_next_answer: z.number().int().describe("detractor cases whose customer has not answered again"),
    caveat: z.strictObject({ id: z.string(), text: LocalName }),
  })
  .openapi("CaseFollowUpNps");

export const CaseKpis = z
  .strictObject({
    from: z.string().nullable(),
    to: z.string().nullable(),
    team: z.string().nullable(),
    definitions: z.record(z.string(), z.string()),
    ...kpiFields,
    teams: z.array(z.strictObject({ team: z.string().nullable(), ...kpiFields })),
    months: z.array(z.strictObject({ month: z.string(), ...kpiFields })),
    follow_up_nps: FollowUpNps,
  })
  .openapi("CaseKpis");

export type CaseKpis = z.input<typeof CaseKpis>;
export type CaseKpiBlock = z.input<typeof CaseKpiBlock>;
export type FollowUpNps = z.input<typeof FollowUpNps>;
