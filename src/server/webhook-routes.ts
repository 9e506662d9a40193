import { createRoute, OpenAPIHono } from "@hono/zod-openapi";
import { KohtaamoError } from "../domain/index.ts";
import { DeliveryRepository } from "../store/delivery-repository.ts";
import { WebhookRepository } from "../store/webhook-repository.ts";
import { ErrorBody, IdParam } from "./api-schemas.ts";
import { principal } from "./auth-context.ts";
import type { ServerContext } from "./server-context.ts";
import {
  CreatedWebhook,
  DeliveryLog,
  DeliveryQuery,
  NewWebhook,
  WebhookBody,
  WebhookChangeBody,
  WebhookList,
  WebhookSecret,
} from "./webhook-schemas.ts";

const json = <T>(schema: T, description: string) => ({
  content: { "application/json": { schema } },
  description,
});
const error = (description: string) => json(ErrorBody, description);
const notFound = (id: string) => new KohtaamoError("not_found", `webhook ${id} not found`);

/**
 * `/webhooks`: outgoing, signed (Standard Webhooks) endpoints for notification events, admins
 * only (route-rules.ts). The secret is shown once, at creation or rotation; every change is
 * audited (webhook-repository.ts). Deliveries are made by workflows/notification-dispatcher.ts.
 */
export function webhookRoutes(ctx: ServerContext): OpenAPIHono {
  const app = new OpenAPIHono();
  const webhooks = new WebhookRepository(ctx.store.db);
  const deliveries = new DeliveryRepository(ctx.store.db);
  const now = () => new Date().toISOString();

  app.openapi(
    createRoute({
      method: "get",
      path: "/webhooks",
      tags: ["notifications"],
      summary: "Every outgoing webhook (never its secret)",
      responses: { 200: json(WebhookList, "the webhooks, oldest first") },
    }),
    async (c) => c.json({ items: await webhooks.list() }, 200),
  );

  app.openapi(
    createRoute({
      method: "post",
      path: "/webhooks",
      tags: ["notifications"],
      summary: "Add a webhook; the answer carries its signing secret, shown only this once",
      request: { body: { content: { "application/json": { schema: NewWebhook } }, required: true } },
      responses: {
        201: json(CreatedWebhook, "the webhook and its secret"),
        400: error("not an http(s) URL, or an unknown event type; the message names the field"),
      },
    }),
    async (c) => {
      const body = c.req.valid("json");
      const { webhook, secret } = await webhooks.create(
        { url: body.url, events: body.events, enabled: body.enabled, description: body.description ?? null },
        principal(c).email,
        now(),
      );
      return c.json({ ...webhook, secret }, 201);
    },
  );

  app.openapi(
    createRoute({
      method: "get",
      path: "/webhooks/{id}",
      tags: ["notifications"],
      summary: "One webhook (never its secret)",
      request: { params: IdParam },
      responses: { 200: json(WebhookBody, "the webhook"), 404: error("no such webhook") },
    }),
    async (c) => {
      const { id } = c.req.valid("param");
      const found = await webhooks.get(id);
      if (!found) throw notFound(id);
      return c.json(found, 200);
    },
  );

  app.openapi(
    createRoute({
      method: "patch",
      path: "/webhooks/{id}",
      tags: ["notifications"],
      summary: "Change a webhook's URL, events, description, or switch it on or off (audited)",
      request: {
        params: IdParam,
        body: { content: { "application/json": { schema: WebhookChangeBody } }, required: true },
      },
      responses: {
        200: json(WebhookBody, "the webhook as changed"),
        400: error("not an http(s) URL, or an unknown event type"),
        404: error("no such webhook"),
      },
    }),
    async (c) => {
      const { id } = c.req.valid("param");
      const body = c.req.valid("json");
      const changed = await webhooks.update(
        id,
        {
          ...(body.url !== undefined ? { url: body.url } : {}),
          ...(body.events !== undefined ? { events: body.events } : {}),
          ...(body.enabled !== undefined ? { enabled: body.enabled } : {}),
          ...(body.description !== undefined ? { description: body.description } : {}),
        },
        principal(c).email,
        now(),
      );
      if (!changed) throw notFound(id);
      return c.json(changed, 200);
    },
  );

  app.openapi(
    createRoute({
      method: "delete",
      path: "/webhooks/{id}",
      tags: ["notifications"],
      summary: "Delete a webhook and its delivery log (audited)",
      request: { params: IdParam },
      responses: { 204: { description: "deleted" }, 404: error("no such webhook") },
    }),
    async (c) => {
      const { id } = c.req.valid("param");
      if (!(await webhooks.remove(id, principal(c).email, now()))) throw notFound(id);
      return c.body(null, 204);
    },
  );

  app.openapi(
    createRoute({
      method: "post",
      path: "/webhooks/{id}/rotate-secret",
      tags: ["notifications"],
      summary: "Replace the signing secret; the new one is shown only this once (audited)",
      request: { params: IdParam },
      responses: { 200: json(WebhookSecret, "the new secret"), 404: error("no such webhook") },
    }),
    async (c) => {
      const { id } = c.req.valid("param");
      const secret = await webhooks.rotateSecret(id, principal(c).email, now());
      if (!secret) throw notFound(id);
      return c.json({ secret }, 200);
    },
  );

  app.openapi(
    createRoute({
      method: "get",
      path: "/webhooks/{id}/deliveries",
      tags: ["notifications"],
      summary:
        "The webhook's deliveries, newest first, each with every attempt (status, time taken, error, next try)",
      request: { params: IdParam, query: DeliveryQuery },
      responses: { 200: json(DeliveryLog, "a page of deliveries"), 404: error("no such webhook") },
    }),
    async (c) => {
      const { id } = c.req.valid("param");
      const q = c.req.valid("query");
      if (!(await webhooks.get(id))) throw notFound(id);
      const limit = q.limit ?? 50;
      const items = await deliveries.log("webhook", id, {
        limit,
        ...(q.before !== undefined ? { before: q.before } : {}),
      });
      return c.json({ items, next_before: items.length === limit ? (items.at(-1)?.id ?? null) : null }, 200);
    },
  );
  return app;
}
