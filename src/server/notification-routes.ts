import { createRoute, OpenAPIHono } from "@hono/zod-openapi";
import { NOTIFICATION_EVENT_TYPES } from "../domain/notification-events.ts";
import { DeliveryRepository } from "../store/delivery-repository.ts";
import { WebhookRepository } from "../store/webhook-repository.ts";
import { emailStatus, type NotificationSettings } from "../workflows/notification-settings.ts";
import { ErrorBody } from "./api-schemas.ts";
import { principal } from "./auth-context.ts";
import type { ServerContext } from "./server-context.ts";
import {
  DeliveryLog,
  EmailDeliveryQuery,
  NotificationPreferences,
  NotificationStatus,
  PreferencesChange,
} from "./webhook-schemas.ts";

const json = <T>(schema: T, description: string) => ({
  content: { "application/json": { schema } },
  description,
});

export interface NotificationRoutesContext extends ServerContext {
  /** How notifications go out (config); without it e-mail shows as off and links as relative. */
  notifications?: NotificationSettings | undefined;
}

const OFF: NotificationSettings = {
  publicUrl: "",
  smtpUrl: undefined,
  mailFrom: undefined,
  mailLanguage: "fi",
  timeZone: "UTC",
};

/**
 * `/notifications`: whether e-mail is on and what the outbox holds (admins), the e-mail delivery
 * log (admins), and each user's e-mail language (anyone signed in, for themselves).
 */
export function notificationRoutes(ctx: NotificationRoutesContext): OpenAPIHono {
  const app = new OpenAPIHono();
  const settings = ctx.notifications ?? OFF;
  const webhooks = new WebhookRepository(ctx.store.db);
  const deliveries = new DeliveryRepository(ctx.store.db);

  app.openapi(
    createRoute({
      method: "get",
      path: "/notifications",
      tags: ["notifications"],
      summary: "Whether e-mail is on (and why not), the webhooks, and what waits in the outbox",
      responses: { 200: json(NotificationStatus, "the notification status") },
    }),
    async (c) => {
      const email = emailStatus(settings);
      const hooks = await webhooks.list();
      const counts = await deliveries.counts();
      return c.json(
        {
          email: { ...email, from: email.enabled ? (settings.mailFrom ?? null) : null },
          public_url: settings.publicUrl,
          event_types: [...NOTIFICATION_EVENT_TYPES],
          webhooks: { total: hooks.length, enabled: hooks.filter((w) => w.enabled).length },
          outbox: { events_waiting: counts.unfannedEvents, deliveries: counts.deliveries },
        },
        200,
      );
    },
  );

  app.openapi(
    createRoute({
      method: "get",
      path: "/notifications/email-deliveries",
      tags: ["notifications"],
      summary: "E-mail deliveries, newest first, each with every attempt",
      request: { query: EmailDeliveryQuery },
      responses: { 200: json(DeliveryLog, "a page of e-mail deliveries") },
    }),
    async (c) => {
      const q = c.req.valid("query");
      const limit = q.limit ?? 50;
      const items = await deliveries.log("email", undefined, {
        limit,
        ...(q.before !== undefined ? { before: q.before } : {}),
      });
      const ids = [...new Set(items.map((d) => d.target))];
      const users =
        ids.length === 0
          ? []
          : await ctx.store.db.selectFrom("users").select(["id", "email"]).where("id", "in", ids).execute();
      const emails = new Map(users.map((u) => [u.id, u.email]));
      const withRecipients = items.map((d) => ({ ...d, recipient: emails.get(d.target) ?? null }));
      return c.json(
        { items: withRecipients, next_before: items.length === limit ? (items.at(-1)?.id ?? null) : null },
        200,
      );
    },
  );

  app.openapi(
    createRoute({
      method: "get",
      path: "/notifications/preferences",
      tags: ["notifications"],
      summary: "The caller's e-mail language, and whether this server sends e-mail",
      responses: { 200: json(NotificationPreferences, "the caller's preferences") },
    }),
    async (c) => {
      const language = (await deliveries.language(principal(c).id)) ?? settings.mailLanguage;
      return c.json(
        { language: language === "en" ? "en" : "fi", email_enabled: emailStatus(settings).enabled } as const,
        200,
      );
    },
  );

  app.openapi(
    createRoute({
      method: "put",
      path: "/notifications/preferences",
      tags: ["notifications"],
      summary: "Set the language of the caller's e-mails (fi or en)",
      request: { body: { content: { "application/json": { schema: PreferencesChange } }, required: true } },
      responses: {
        200: json(NotificationPreferences, "the caller's preferences"),
        400: json(ErrorBody, "not fi or en"),
      },
    }),
    async (c) => {
      const { language } = c.req.valid("json");
      await deliveries.setLanguage(principal(c).id, language, new Date().toISOString());
      return c.json({ language, email_enabled: emailStatus(settings).enabled }, 200);
    },
  );
  return app;
}
