import { z } from "@hono/zod-openapi";
import type { FieldProblem } from "../domain/index.ts";
import { chatwootMapping, chatwootSettings } from "../ingest/sources/chatwoot.ts";
import { formbricksMapping, formbricksSettings } from "../ingest/sources/formbricks.ts";
import { IGNORE_CODES } from "../ingest/sources/ignore-reasons.ts";
import { INTEGRATION_ERROR_CODES } from "../ingest/sources/integration-errors.ts";
import { zendeskSecrets, zendeskSettings } from "../ingest/sources/zendesk.ts";
import { zendeskMapping } from "../ingest/sources/zendesk-records.ts";
import { INTEGRATION_KINDS, type IntegrationKind } from "../store/integration-repository.ts";

/** Wire schemas of inbound integrations (issue 15): the registry and the hook route's answer. */

/** Why a delivery stored nothing, as a stable code and its parameters beside the English text. */
function ignoreFields(whose: string) {
  return {
    code: z
      .enum(IGNORE_CODES)
      .nullable()
      .openapi({
        description: `${whose} reason as a stable code, for a UI to word in its language (null when stored, a duplicate, or noted before codes were kept); the English text stays as it was`,
      }),
    params: z
      .record(z.string(), z.string())
      .nullable()
      .openapi({ description: "the code's parameters: an event, a vendor status, type or rating word" }),
  };
}

const Json = z.record(z.string(), z.unknown());
const Secret = z.string().min(16, "must be at least 16 characters").max(500).openapi({
  description: "the vendor's signing secret (Formbricks and generic webhooks: whsec_…); never returned",
});

export const NewIntegration = z
  .object({
    kind: z.enum(INTEGRATION_KINDS),
    name: z.string().trim().min(1, "must not be empty").max(200),
    secret: Secret.nullable().optional(),
    mapping: Json.default({}).openapi({
      description:
        "formbricks: question ids {nps|csat|ces, comment} and field names {customer, team, channel, agent, touchpoint, encounter}; chatwoot and zendesk: {id_prefix, team, channel}",
    }),
    settings: Json.default({}).openapi({
      description:
        "formbricks: {allow_unsigned: true} for unsigned older releases; zendesk: {subdomain | base_url, email, requests_per_minute, page_size, start_time} for the pull; chatwoot: {base_url, account_id, requests_per_minute} for the pull",
    }),
    enabled: z.boolean().default(true),
  })
  .openapi("NewIntegration");

export const IntegrationChangeBody = z
  .object({
    name: z.string().trim().min(1, "must not be empty").max(200).optional(),
    secret: Secret.nullable().optional().openapi({ description: "a new secret; null removes it" }),
    mapping: Json.optional(),
    settings: Json.optional(),
    enabled: z.boolean().optional(),
  })
  .openapi("IntegrationChange");

export const IntegrationBody = z
  .object({
    id: z.string(),
    kind: z.enum(INTEGRATION_KINDS),
    name: z.string(),
    url: z.string().openapi({ description: "the inbound endpoint to give the vendor: /api/v1/hooks/{id}" }),
    inbound_url: z.string().nullable().openapi({ description: "the same with this server's public URL" }),
    has_secret: z.boolean(),
    mapping: Json,
    settings: Json,
    enabled: z.boolean(),
    created_by: z.string(),
    created_at: z.string(),
    updated_at: z.string(),
    last_delivery_at: z.string().nullable(),
    last_error: z
      .string()
      .nullable()
      .openapi({ description: "the last refused or failed delivery's reason" }),
    last_error_at: z.string().nullable(),
    last_error_code: z.enum(INTEGRATION_ERROR_CODES).nullable().openapi({
      description:
        "the last error's stable code, for a UI to word in its language (null when none, or noted before codes were kept); last_error keeps its English text",
    }),
    last_error_params: z
      .record(z.string(), z.union([z.string(), z.number()]))
      .nullable()
      .openapi({
        description: "the code's parameters: vendor, path, HTTP status, field (never payload text)",
      }),
  })
  .openapi("Integration");

export const IntegrationList = z.object({ items: z.array(IntegrationBody) });

const StreamCount = z.object({
  new: z.number().int(),
  updated: z.number().int(),
  unchanged: z.number().int(),
  rejected: z.number().int(),
});

const Delivery = z.object({
  delivery_id: z.string(),
  event: z.string(),
  received_at: z.string(),
  outcome: z
    .string()
    .openapi({ description: "stored, updated, unchanged, ignored (why), or processing; in English" }),
  counts: z.record(z.string(), StreamCount).nullable().openapi({
    description:
      "what a finished delivery or pull wrote, per stream: a pull's vendor listing (conversations, csat_survey_responses, tickets, satisfaction_ratings) or a webhook's record kind (responses, encounters); null while processing, when ignored, or logged before counts were kept",
  }),
  ...ignoreFields("an ignored delivery's"),
});

export const IntegrationDetail = IntegrationBody.extend({
  deliveries: z.array(Delivery),
  last_pull: Delivery.nullable().openapi({
    description:
      "the newest pull (Zendesk, Chatwoot), however many deliveries came after it: outcome processing while it runs, else its counts; a failed pull is not kept here but is the last_error ('pull: …', its code last_error_code)",
  }),
  cursors: z
    .array(
      z.object({
        stream: z.string().openapi({ description: "the vendor listing: tickets, conversations, …" }),
        position: Json.openapi({
          description: "where the next pull starts in it (the vendor's cursor, a page)",
        }),
        updated_at: z.string(),
      }),
    )
    .openapi({ description: "where pulls stopped, per stream; empty before the first pull saves one" }),
}).openapi("IntegrationDetail");

export const PullStarted = z
  .object({
    status: z.enum(["queued", "already_queued", "started", "already_running"]),
    job_id: z.string().nullable(),
  })
  .openapi("IntegrationPullStarted");

export const HookAnswer = z
  .object({
    status: z.enum(["stored", "duplicate", "ignored"]),
    delivery_id: z.string(),
    detail: z.string().openapi({ description: "what came of it, in English" }),
    ...ignoreFields("when ignored, the"),
  })
  .openapi("HookAnswer");

const WHSEC = /^whsec_([A-Za-z0-9+/]+={0,2})$/;

/** Whether a mapping, settings and secret fit the integration's kind; each problem names its field. */
export function integrationProblems(
  kind: IntegrationKind,
  parts: { secret?: string | null; mapping?: Record<string, unknown>; settings?: Record<string, unknown> },
): FieldProblem[] {
  const problems: FieldProblem[] = [];
  const check = (field: string, result: z.ZodSafeParseResult<unknown>) => {
    if (result.success) return;
    for (const i of result.error.issues) {
      problems.push({ field: [field, ...i.path].join("."), reason: i.message });
    }
  };
  if (parts.mapping !== undefined) {
    if (kind === "formbricks") check("mapping", formbricksMapping.safeParse(parts.mapping));
    if (kind === "chatwoot") check("mapping", chatwootMapping.safeParse(parts.mapping));
    if (kind === "zendesk") check("mapping", zendeskMapping.safeParse(parts.mapping));
  }
  if (parts.settings !== undefined) {
    const schema =
      kind === "formbricks"
        ? formbricksSettings
        : kind === "zendesk"
          ? zendeskSettings
          : kind === "chatwoot"
            ? chatwootSettings
            : z.object({}).strict();
    check("settings", schema.safeParse(parts.settings));
  }
  if (parts.secret && (kind === "zendesk" || kind === "chatwoot")) {
    const secrets = zendeskSecrets(parts.secret);
    if ("problem" in secrets) problems.push({ field: "secret", reason: secrets.problem });
  }
  if (parts.secret && (kind === "formbricks" || kind === "webhook")) {
    const bytes = Buffer.from(WHSEC.exec(parts.secret)?.[1] ?? "", "base64").length;
    if (bytes < 24 || bytes > 64) {
      problems.push({
        field: "secret",
        reason: "must be whsec_ and base64 of 24–64 bytes (Standard Webhooks)",
      });
    }
  }
  return problems;
}
