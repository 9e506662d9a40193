import { z } from "@hono/zod-openapi";
import { CASE_RULE_IDS, CASE_STATUSES } from "../domain/case-rules.ts";

/** Wire schemas of the follow-up cases (closed loop, issue 12). */

export const CaseListQuery = z.object({
  status: z
    .enum([...CASE_STATUSES, "open"])
    .optional()
    .openapi({ description: 'a status, or "open": new or contacted (default: every status)' }),
  team: z.string().min(1).max(200).optional().openapi({ example: "Asiakaspalvelu Tampere" }),
  owner: z.string().min(1).max(320).optional().openapi({ description: "the owner's e-mail" }),
  overdue: z
    .enum(["true", "false"])
    .optional()
    .openapi({ description: "true: still new after the due date of its first contact" }),
  cursor: z.string().optional().openapi({ description: "next_cursor of the previous page" }),
  limit: z.coerce
    .number()
    .int()
    .min(1)
    .max(500)
    .optional()
    .openapi({ description: "page size, 1–500 (default 50)" }),
});

export const CaseExportQuery = CaseListQuery.omit({ cursor: true, limit: true }).extend({
  format: z
    .enum(["csv", "xlsx"])
    .optional()
    .openapi({ description: "csv (default) or xlsx (an Excel workbook with one sheet)" }),
});

export const CaseItem = z
  .object({
    id: z.string(),
    rule: z.enum(CASE_RULE_IDS),
    status: z.enum(CASE_STATUSES),
    source: z.object({ kind: z.enum(["response", "encounter"]), id: z.string() }),
    encounter_id: z.string().nullable(),
    customer_id: z.string().nullable(),
    team: z.string().nullable(),
    owner: z
      .string()
      .nullable()
      .openapi({ description: "the owner's e-mail; by default the team's manager" }),
    due_at: z.string().openapi({ description: "the source record's time plus the rule's SLA" }),
    overdue: z.boolean(),
    outcome: z.string().nullable(),
    root_cause_theme: z.string().nullable(),
    contacted_at: z.string().nullable(),
    closed_at: z.string().nullable(),
    created_at: z.string(),
    updated_at: z.string(),
  })
  .openapi("Case");

export const CaseChange = z
  .object({
    at: z.string(),
    actor: z.string().openapi({ description: "an e-mail, or rule:<id> for the rule that opened the case" }),
    field: z.string(),
    from: z.string().nullable(),
    to: z.string().nullable(),
  })
  .openapi("CaseChange");

export const CaseDetail = CaseItem.extend({ history: z.array(CaseChange) }).openapi("CaseDetail");

export const CasePage = z
  .object({ items: z.array(CaseItem), next_cursor: z.string().nullable() })
  .openapi("CasePage");

export const CasePatchBody = z
  .object({
    status: z.enum(CASE_STATUSES).optional().openapi({
      description:
        "new → contacted → resolved, or no_action_needed from new or contacted; resolved needs an outcome",
    }),
    owner: z
      .email()
      .max(320)
      .nullable()
      .optional()
      .openapi({ description: "an account's e-mail; null: nobody" }),
    outcome: z.string().trim().min(1).max(4000).nullable().optional(),
    root_cause_theme: z.string().min(1).max(100).nullable().optional().openapi({ description: "a theme id" }),
  })
  .strict()
  .refine((b) => Object.keys(b).length > 0, {
    message: "say what to change: status, owner, outcome or root_cause_theme",
  })
  .openapi("CasePatch");

export type CasePatchBody = z.infer<typeof CasePatchBody>;
