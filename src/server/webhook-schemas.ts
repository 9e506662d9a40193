import { z } from "@hono/zod-openapi";
import { NOTIFICATION_EVENT_TYPES } from "../domain/notification-events.ts";

/** Wire schemas of outgoing webhooks and notification settings (issue 12, notifications). */

const known = NOTIFICATION_EVENT_TYPES.join(", ");

const WebhookUrl = z
  .string()
  .max(2000)
  .refine(
    (v) => {
      try {
        const u = new URL(v);
        return (u.protocol === "http:" || u.protocol === "https:") && u.hostname !== "";
      } catch {
        return false;
      }
    },
    { message: "must be an http:// or https:// URL" },
  )
  .openapi({ example: "https://hooks.example.org/kohtaamo" });

const EventList = z
  .array(
    z.string().refine((v) => (NOTIFICATION_EVENT_TYPES as readonly string[]).includes(v), {
      message: `unknown event type; known: ${known}`,
    }),
  )
  .min(1, `name at least one event type (${known})`)
  .max(NOTIFICATION_EVENT_TYPES.length * 2)
  .transform((list) => [...new Set(list)] as (typeof NOTIFICATION_EVENT_TYPES)[number][])
  .openapi({ example: ["case.opened"], description: `event types to receive: ${known}` });

export const NewWebhook = z
  .object({
    url: WebhookUrl,
    events: EventList,
    enabled: z.boolean().default(true),
    description: z.string().max(500).nullable().optional(),
  })
  .openapi("NewWebhook");

export const WebhookChangeBody = z
  .object({
    url: WebhookUrl.optional(),
    events: EventList.optional(),
    enabled: z.boolean().optional(),
    description: z.string().max(500).nullable().optional(),
  })
  .openapi("WebhookChange");

export const WebhookBody = z
  .object({
    id: z.string(),
    url: z.string(),
    events: z.array(z.enum(NOTIFICATION_EVENT_TYPES)),
    enabled: z.boolean(),
    description: z.string().nullable(),
    disabled_reason: z.string().nullable().openapi({
      description: "why the dispatcher switched it off (a 410 Gone); cleared when enabled again",
    }),
    created_at: z.string(),
    updated_at: z.string(),
  })
  .openapi("Webhook");

export const CreatedWebhook = WebhookBody.extend({
  secret: z.string().openapi({
    description: "whsec_…: verifies the webhook-signature header (Standard Webhooks). Shown only now.",
  }),
}).openapi("CreatedWebhook");

export const WebhookList = z.object({ items: z.array(WebhookBody) });

export const WebhookSecret = z.object({ secret: z.string() });

export const DeliveryQuery = z.object({
  limit: z.coerce.number().int().min(1).max(200).optional().openapi({ description: "1–200 (default 50)" }),
  before: z.coerce
    .number()
    .int()
    .positive()
    .optional()
    .openapi({ description: "a delivery id to page back from" }),
});

const Attempt = z.object({
  attempt: z.number(),
  at: z.string(),
  status_code: z.number().nullable().openapi({ description: "HTTP status (webhooks) or SMTP reply code" }),
  duration_ms: z.number(),
  error: z.string().nullable(),
  next_attempt_at: z.string().nullable(),
});

export const DeliveryLog = z
  .object({
    items: z.array(
      z.object({
        id: z.number(),
        event_id: z.string().openapi({ description: "also the webhook-id header (msg_<event_id>)" }),
        event_type: z.string(),
        status: z.enum(["pending", "delivered", "failed", "cancelled"]),
        attempts: z.number(),
        next_attempt_at: z.string().nullable(),
        created_at: z.string(),
        recipient: z
          .string()
          .nullable()
          .optional()
          .openapi({ description: "e-mail deliveries: the address" }),
        log: z.array(Attempt),
      }),
    ),
    next_before: z.number().nullable(),
  })
  .openapi("DeliveryLog");

export const NotificationStatus = z
  .object({
    email: z.object({
      enabled: z.boolean(),
      reason: z.string().nullable().openapi({ description: "why e-mail is off" }),
      from: z.string().nullable(),
    }),
    public_url: z
      .string()
      .openapi({ description: "links in notifications start with it (KOHTAAMO_PUBLIC_URL)" }),
    event_types: z.array(z.string()),
    webhooks: z.object({ total: z.number(), enabled: z.number() }),
    outbox: z.object({
      events_waiting: z.number(),
      deliveries: z.array(z.object({ channel: z.string(), status: z.string(), n: z.number() })),
    }),
  })
  .openapi("NotificationStatus");

export const EmailDeliveryQuery = DeliveryQuery;

export const NotificationPreferences = z
  .object({
    language: z.enum(["fi", "en"]).openapi({ description: "the language of e-mails to the caller" }),
    email_enabled: z.boolean().openapi({ description: "whether this server sends e-mail at all" }),
  })
  .openapi("NotificationPreferences");

export const PreferencesChange = z.object({ language: z.enum(["fi", "en"]) });
