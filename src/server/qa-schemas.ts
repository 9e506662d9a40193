import { z } from "@hono/zod-openapi";
import { QA_BEHAVIOURS, QA_SCALE_IDS } from "../domain/qa-scorecard.ts";

/** Wire schemas of QA scorecards, reviews and calibration (issue 12). */

const TeamName = z.string().trim().min(1).max(200).openapi({ example: "Asiakaspalvelu Tampere" });

export const CriterionBody = z
  .object({
    id: z
      .string()
      .regex(/^[a-z0-9][a-z0-9_-]{0,63}$/)
      .openapi({
        description: "stable across versions (lower-case letters, digits, _ and -)",
        example: "greeting",
      }),
    name: z.string().trim().min(1).max(200).openapi({ example: "Tervehdys" }),
    weight: z.number().positive().max(100),
    critical: z
      .boolean()
      .default(false)
      .openapi({ description: "scored at its scale's lowest step, it sets the review's total to 0" }),
    scale: z
      .enum(QA_SCALE_IDS)
      .default("pass_fail")
      .openapi({ description: "pass_fail (1 pass, 0 fail), 1-3, 1-5 or 0-10" }),
    behaviour: z.enum(QA_BEHAVIOURS).nullable().default(null).openapi({
      description: "the analysed agent behaviour that pre-scores it (AutoQA); null: scored by hand",
    }),
  })
  .strict()
  .openapi("QaCriterion");

export const ScorecardBody = z
  .object({
    name: z.string().trim().min(1).max(200),
    team: TeamName.nullable()
      .default(null)
      .openapi({ description: "only this team's encounters; null: any" }),
    channel: z.string().trim().min(1).max(100).nullable().default(null),
    criteria: z.array(CriterionBody).min(1).max(50),
  })
  .strict()
  .openapi("QaScorecardCreate");

export const ScorecardPatch = z
  .object({
    name: z.string().trim().min(1).max(200).optional(),
    team: TeamName.nullable().optional(),
    channel: z.string().trim().min(1).max(100).nullable().optional(),
    criteria: z.array(CriterionBody).min(1).max(50).optional(),
  })
  .strict()
  .refine((b) => Object.keys(b).length > 0, {
    message: "say what to change: name, team, channel or criteria",
  })
  .openapi("QaScorecardPatch");

export const Scorecard = z
  .object({
    id: z.string(),
    name: z.string(),
    team: z.string().nullable(),
    channel: z.string().nullable(),
    version: z.number().int(),
    criteria: z.array(CriterionBody),
    deleted: z.boolean(),
    created_at: z.string(),
    updated_at: z.string(),
    updated_by: z.string(),
  })
  .openapi("QaScorecard");

export const ScorecardList = z.object({ items: z.array(Scorecard) }).openapi("QaScorecardList");

export const ScorecardQuery = z.object({
  version: z.coerce
    .number()
    .int()
    .min(1)
    .optional()
    .openapi({ description: "an earlier version's criteria" }),
});

export const PrefillQuery = z.object({
  scorecard: z.string().min(1).max(200).openapi({ description: "the scorecard's id" }),
});

const Evidence = z.object({ seq: z.number().int(), speaker: z.string(), text: z.string() }).nullable();

export const Prefill = z
  .object({
    encounter: z.object({
      id: z.string(),
      started_at: z.string(),
      team: z.string().nullable(),
      channel: z.string(),
      agent: z.string().nullable(),
    }),
    scorecard: z.object({ id: z.string(), version: z.number().int(), name: z.string() }),
    analysed: z
      .boolean()
      .openapi({ description: "false: the encounter has no usable analysis, nothing is pre-scored" }),
    criteria: z.array(
      CriterionBody.extend({
        auto_score: z.number().int().nullable(),
        found: z.boolean().nullable(),
        evidence: Evidence,
      }),
    ),
  })
  .openapi("QaPrefill");

export const ReviewBody = z
  .object({
    encounter_id: z.string().min(1).max(200),
    scorecard_id: z.string().min(1).max(200),
    round_id: z
      .string()
      .min(1)
      .max(200)
      .optional()
      .openapi({ description: "a calibration round to score in" }),
    comment: z.string().trim().max(4000).optional(),
    scores: z
      .array(
        z
          .object({
            criterion: z.string().min(1).max(64),
            score: z
              .number()
              .int()
              .nullable()
              .openapi({ description: "on the criterion's scale; null: not applicable" }),
            evidence_seq: z.number().int().min(0).nullable().optional().openapi({
              description: "the turn that shows it; default: AutoQA's evidence turn",
            }),
            comment: z.string().trim().max(2000).optional(),
          })
          .strict(),
      )
      .min(1)
      .max(50),
  })
  .strict()
  .openapi("QaReviewCreate");

export const Review = z
  .object({
    id: z.string(),
    scorecard: z.object({ id: z.string(), version: z.number().int(), name: z.string() }),
    encounter_id: z.string(),
    encounter_at: z.string(),
    team: z.string().nullable(),
    channel: z.string().nullable(),
    agent: z.string().nullable(),
    reviewer: z.string(),
    round_id: z.string().nullable(),
    total: z
      .number()
      .nullable()
      .openapi({ description: "0–100, weighted; 0 when a critical criterion failed" }),
    critical_failed: z.boolean(),
    comment: z.string().nullable(),
    created_at: z.string(),
    scores: z.array(
      z.object({
        criterion: z.string(),
        name: z.string().openapi({ description: "as the scorecard version scored on names it" }),
        scale: z.enum(QA_SCALE_IDS),
        critical: z.boolean(),
        score: z.number().nullable(),
        auto_score: z.number().nullable(),
        overridden: z.boolean(),
        evidence_seq: z.number().nullable(),
        comment: z.string().nullable(),
      }),
    ),
  })
  .openapi("QaReview");

export const ReviewListQuery = z.object({
  agent: z.string().min(1).max(200).optional(),
  team: TeamName.optional(),
  encounter: z.string().min(1).max(200).optional(),
  scorecard: z.string().min(1).max(200).optional(),
  from: z.string().optional(),
  to: z.string().optional(),
  cursor: z.string().optional(),
  limit: z.coerce.number().int().min(1).max(500).optional(),
});

export const ReviewPage = z
  .object({ items: z.array(Review), next_cursor: z.string().nullable() })
  .openapi("QaReviewPage");

export const OverridesQuery = z.object({
  scorecard: z.string().min(1).max(200).optional(),
  team: TeamName.optional(),
  from: z.string().optional(),
  to: z.string().optional(),
});

export const Overrides = z
  .object({
    items: z.array(
      z.object({
        scorecard_id: z.string(),
        scorecard: z.string(),
        criterion: z.string(),
        name: z.string(),
        behaviour: z.string().nullable(),
        n: z.number().int(),
        overridden: z.number().int(),
        share: z.object({
          value: z.number().nullable(),
          low: z.number(),
          high: z.number(),
          n: z.number().int(),
        }),
      }),
    ),
  })
  .openapi("QaOverrides");

export const TrendParam = z.object({
  agent: z
    .string()
    .min(1)
    .max(200)
    .openapi({ param: { name: "agent", in: "path" } }),
});

export const TrendQuery = z.object({
  scorecard: z.string().min(1).max(200).optional(),
  from: z.string().optional(),
  to: z.string().optional(),
});

export const Trend = z
  .object({
    agent: z.string(),
    months: z.array(
      z.object({
        month: z.string(),
        mean: z.number(),
        low: z.number().nullable(),
        high: z.number().nullable(),
        n: z.number().int(),
      }),
    ),
    reviews: z.number().int(),
  })
  .openapi("QaTrend");
