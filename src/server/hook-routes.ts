import { createRoute, OpenAPIHono } from "@hono/zod-openapi";
import { KohtaamoError } from "../domain/index.ts";
import { verifyChatwoot } from "../ingest/sources/chatwoot.ts";
import { verifyFormbricks } from "../ingest/sources/formbricks.ts";
import { takeIn } from "../ingest/sources/hook-intake.ts";
import {
  type HookHeaders,
  type Verified,
  verifyStandardWebhook,
} from "../ingest/sources/hook-verification.ts";
import { verifyZendesk } from "../ingest/sources/zendesk.ts";
import type { IntegrationForHook } from "../store/integration-repository.ts";
import { ErrorBody, IdParam } from "./api-schemas.ts";
import { integrationRepository } from "./integration-routes.ts";
import { HookAnswer } from "./integration-schemas.ts";
import type { ServerContext } from "./server-context.ts";

const json = <T>(schema: T, description: string) => ({
  content: { "application/json": { schema } },
  description,
});
const error = (description: string) => json(ErrorBody, description);

/**
 * `POST /hooks/{id}`: a vendor's delivery to one integration. Its access kind is "signature"
 * (route-rules.ts): no session or token, the body's signature with the integration's secret is the
 * credential. Order: verify (401, noted as the integration's last error) → parse → claim the
 * delivery id (a redelivery answers "duplicate" and stores nothing) → write through the ingest
 * path; a delivery that fails is released, so the vendor's retry is taken in.
 */
export function hookRoutes(ctx: ServerContext): OpenAPIHono {
  const app = new OpenAPIHono();
  const integrations = integrationRepository(ctx);

  app.openapi(
    createRoute({
      method: "post",
      path: "/hooks/{id}",
      tags: ["integrations"],
      summary: "Inbound delivery from Formbricks, Chatwoot or a signed webhook (verified by its signature)",
      request: { params: IdParam },
      responses: {
        200: json(HookAnswer, "taken in: stored, a duplicate of one taken in before, or ignored (with why)"),
        400: error("the body is not JSON"),
        401: error("unknown integration, or the signature, timestamp or headers do not verify"),
        403: error("the integration is switched off"),
        422: error("the payload does not make a valid record; the problems name the fields"),
      },
    }),
    async (c) => {
      const { id } = c.req.valid("param");
      const body = await c.req.text();
      const found = await integrations.forHook(id);
      // Unknown ids get the same answer as bad signatures: the URL alone reveals nothing.
      if (!found) throw new KohtaamoError("unauthenticated", "unknown integration or invalid signature");
      const now = new Date();
      const verified = verify(found, body, c.req.header(), now.getTime());
      if (!verified.ok) {
        await integrations.noteError(
          id,
          {
            text: `refused: ${verified.reason}`,
            code: "hook.signature",
            params: { reason: verified.reason },
          },
          now.toISOString(),
        );
        throw new KohtaamoError("unauthenticated", `signature check failed: ${verified.reason}`);
      }
      if (!found.view.enabled) throw new KohtaamoError("forbidden", "this integration is switched off");
      let payload: unknown;
      try {
        payload = JSON.parse(body);
      } catch {
        const text = "refused: the body is not JSON";
        await integrations.noteError(id, { text, code: "hook.not_json" }, now.toISOString());
        throw new KohtaamoError("bad_request", "the body is not JSON");
      }
      const event = eventName(payload);
      if (!(await integrations.claimDelivery(id, verified.deliveryId, event, now.toISOString()))) {
        return c.json(
          {
            status: "duplicate" as const,
            delivery_id: verified.deliveryId,
            detail: "taken in before; nothing stored",
            code: null,
            params: null,
          },
          200,
        );
      }
      try {
        const result = await takeIn(found.view, payload, {
          store: ctx.store,
          pipeline: ctx.pipeline,
          timeZone: ctx.timeZone,
          now: now.toISOString(),
          lease: (key, fn) => integrations.withLease(id, key, fn),
        });
        if (!result.ok) {
          await integrations.releaseDelivery(id, verified.deliveryId);
          const message = result.problems.map((p) => `${p.field}: ${p.reason}`).join("; ");
          const fields = result.problems.map((p) => p.field).join(", ");
          await integrations.noteError(
            id,
            {
              text: `${result.event}: ${message}`,
              code: "hook.invalid",
              params: { event: result.event, fields },
            },
            now.toISOString(),
          );
          throw new KohtaamoError(
            "validation_failed",
            `the ${result.event} delivery makes no valid record: ${message}`,
            {
              problems: result.problems,
            },
          );
        }
        const outcome = `${result.status}: ${result.detail}`;
        const why = result.status === "ignored" ? { code: result.code, params: result.params } : null;
        await integrations.finishDelivery(
          id,
          verified.deliveryId,
          outcome.slice(0, 500),
          now.toISOString(),
          result.status === "stored" ? result.counts : null,
          why,
        );
        return c.json(
          {
            status: result.status,
            delivery_id: verified.deliveryId,
            detail: result.detail,
            code: why?.code ?? null,
            params: why?.params ?? null,
          },
          200,
        );
      } catch (failure) {
        if (!(failure instanceof KohtaamoError)) {
          await integrations.releaseDelivery(id, verified.deliveryId);
          await integrations.noteError(
            id,
            {
              text: `${event}: failed to store (see the server log)`,
              code: "hook.failed",
              params: { event },
            },
            now.toISOString(),
          );
        }
        throw failure;
      }
    },
  );
  return app;
}

function verify(
  found: IntegrationForHook,
  body: string,
  raw: Record<string, string>,
  nowMs: number,
): Verified {
  const headers: HookHeaders = Object.fromEntries(Object.entries(raw).map(([k, v]) => [k.toLowerCase(), v]));
  switch (found.view.kind) {
    case "formbricks":
      return verifyFormbricks(found.secret, body, headers, found.view.settings.allow_unsigned === true);
    case "chatwoot":
      return verifyChatwoot(found.secret, body, headers, nowMs);
    case "webhook":
      return verifyStandardWebhook(found.secret, body, headers);
    case "zendesk":
      return verifyZendesk(found.secret, body, headers, nowMs);
  }
}

function eventName(payload: unknown): string {
  // Formbricks and Chatwoot name it `event`, generic webhooks `kind`, Zendesk's events `type`.
  const p = payload as { event?: unknown; kind?: unknown; type?: unknown } | null;
  const event = [p?.event, p?.kind, p?.type].find((v) => typeof v === "string");
  return typeof event === "string" ? event.slice(0, 100) : "(none)";
}
