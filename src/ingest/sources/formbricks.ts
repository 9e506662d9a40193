import { z } from "zod";
import {
  bodyDigest,
  type HookHeaders,
  header,
  type Verified,
  verifyStandardWebhook,
} from "./hook-verification.ts";
import { type Ignored, ignored } from "./ignore-reasons.ts";

/**
 * Formbricks survey responses (webhook events responseCreated, responseUpdated, responseFinished)
 * → survey answers in the batch API's item shape, so they go through the same validation,
 * redaction, idempotency and analysis as imports. The response's own id is the answer's id, so an
 * update rewrites the same answer. Pure: no I/O.
 *
 * A delivery (Formbricks' docs, "Webhooks"): `{ webhookId, event, data: <response> }`, the
 * response carrying `id`, `createdAt`, `updatedAt`, `surveyId`, `finished`, `data` (answers by
 * question id, hidden fields by their id), `contact`, `contactAttributes`, `meta`, `variables`.
 */

export const FORMBRICKS_EVENTS = ["responseCreated", "responseUpdated", "responseFinished"] as const;

/** Which question or field feeds what: question ids for scores and the comment, field names for the rest. */
export const formbricksMapping = z
  .object({
    nps: z.string().min(1).optional(),
    csat: z.string().min(1).optional(),
    ces: z.string().min(1).optional(),
    comment: z.string().min(1).optional(),
    customer: z.string().min(1).optional(),
    team: z.string().min(1).optional(),
    channel: z.string().min(1).optional(),
    agent: z.string().min(1).optional(),
    touchpoint: z.string().min(1).optional(),
    encounter: z.string().min(1).optional(),
  })
  .strict()
  .refine((m) => m.nps || m.csat || m.ces, {
    message: "name the question id of at least one score: nps, csat or ces",
  });
export type FormbricksMapping = z.infer<typeof formbricksMapping>;

export const formbricksSettings = z
  .object({
    /** Older Formbricks releases send no signature; accept those only when switched on here. */
    allow_unsigned: z.boolean().optional(),
  })
  .strict();

const text = z.union([z.string(), z.number()]).transform(String);
const record = z.record(z.string(), z.unknown());

const responseShape = z.object({
  id: z.string().min(1),
  createdAt: z.string(),
  updatedAt: z.string().optional(),
  surveyId: z.string().optional(),
  finished: z.boolean().optional(),
  data: record.default({}),
  contact: z.object({ id: text.optional(), userId: text.nullish() }).passthrough().nullish(),
  contactAttributes: record.nullish(),
  meta: record.nullish(),
  variables: record.nullish(),
  survey: z.object({ title: z.string().optional() }).passthrough().nullish(),
});

const deliveryShape = z.object({
  webhookId: z.string().optional(),
  event: z.enum(FORMBRICKS_EVENTS),
  data: responseShape,
});

/**
 * Standard Webhooks verification (webhook-id, webhook-timestamp, webhook-signature with the
 * whsec_ secret; the library refuses timestamps over 5 minutes away). The webhook-id is the dedupe
 * key. Without a signature header the delivery is accepted only when `allowUnsigned` is on, keyed
 * by the body's SHA-256.
 */
export function verifyFormbricks(
  secret: string | null,
  body: string,
  headers: HookHeaders,
  allowUnsigned: boolean,
): Verified {
  if (!header(headers, "webhook-signature")) {
    if (allowUnsigned) return { ok: true, deliveryId: `unsigned-${bodyDigest(body)}` };
    return { ok: false, reason: "no webhook-signature header (unsigned deliveries are not allowed)" };
  }
  return verifyStandardWebhook(secret, body, headers);
}

export type FormbricksResult =
  | { ok: true; event: string; items: Record<string, unknown>[]; skipped: Ignored | null }
  | { ok: false; problems: { field: string; reason: string }[] };

/** A delivery's JSON → answers as batch API items (snake_case), or why nothing is stored. */
export function formbricksAnswers(payload: unknown, mapping: FormbricksMapping): FormbricksResult {
  const parsed = deliveryShape.safeParse(payload);
  if (!parsed.success) {
    return {
      ok: false,
      problems: parsed.error.issues.map((i) => ({ field: i.path.join(".") || "(body)", reason: i.message })),
    };
  }
  const { event, data: response } = parsed.data;
  const lookup = (key: string | undefined): unknown => {
    if (!key) return undefined;
    for (const source of [response.data, response.contactAttributes, response.variables, response.meta]) {
      const value = source?.[key];
      if (value !== undefined && value !== null && value !== "") return value;
    }
    return undefined;
  };
  const kinds = (["nps", "csat", "ces"] as const).filter((k) => lookup(mapping[k]) !== undefined);
  if (kinds.length === 0)
    return {
      ok: true,
      event,
      items: [],
      skipped: ignored("response.no_score_yet", "no score question answered yet"),
    };

  const customer =
    lookup(mapping.customer) ??
    response.contact?.userId ??
    response.contactAttributes?.userId ??
    response.contact?.id;
  const shared: Record<string, unknown> = {
    answered_at: response.createdAt,
    ...defined("customer_id", customer),
    ...defined("team", lookup(mapping.team ?? "team")),
    ...defined("channel", lookup(mapping.channel ?? "channel")),
    ...defined("agent", lookup(mapping.agent ?? "agent")),
    ...defined("touchpoint", lookup(mapping.touchpoint) ?? response.survey?.title),
    ...defined("encounter_id", lookup(mapping.encounter ?? "encounter_id")),
  };
  const comment = lookup(mapping.comment);
  // One answer per mapped score: the first keeps the response's id (and the comment), so the
  // answer is found at /responses/{formbricks response id}; further scores get a suffix.
  const items = kinds.map((kind, index) => ({
    id: index === 0 ? response.id : `${response.id}-${kind}`,
    kind,
    score: lookup(mapping[kind]),
    ...(index === 0 ? defined("comment", typeof comment === "string" ? comment : undefined) : {}),
    ...shared,
  }));
  return { ok: true, event, items, skipped: null };
}

function defined(key: string, value: unknown): Record<string, unknown> {
  if (value === undefined || value === null || value === "") return {};
  return { [key]: typeof value === "number" ? String(value) : value };
}
