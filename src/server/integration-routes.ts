import { createRoute, OpenAPIHono } from "@hono/zod-openapi";
import { type SecretBox, sealingKey, secretBox } from "../auth/secret-box.ts";
import { config } from "../config.ts";
import { KohtaamoError } from "../domain/index.ts";
import { knownIgnoreCode } from "../ingest/sources/ignore-reasons.ts";
import { knownErrorCode } from "../ingest/sources/integration-errors.ts";
import { startIntegrationPull } from "../jobs/integration-pull-job.ts";
import type { Store } from "../store/index.ts";
import { IntegrationCursorRepository } from "../store/integration-cursor-repository.ts";
import { IntegrationRepository, type IntegrationView } from "../store/integration-repository.ts";
import { ErrorBody, IdParam } from "./api-schemas.ts";
import { principal } from "./auth-context.ts";
import {
  IntegrationBody,
  IntegrationChangeBody,
  IntegrationDetail,
  IntegrationList,
  integrationProblems,
  NewIntegration,
  PullStarted,
} from "./integration-schemas.ts";
import type { ServerContext } from "./server-context.ts";

const json = <T>(schema: T, description: string) => ({
  content: { "application/json": { schema } },
  description,
});
const error = (description: string) => json(ErrorBody, description);
const notFound = (id: string) => new KohtaamoError("not_found", `integration ${id} not found`);

export interface IntegrationRoutesContext extends ServerContext {
  notifications?: { publicUrl: string } | undefined;
}

/** The integrations repository with its sealing key: KOHTAAMO_SECRET_KEY or the data dir's key file. */
export function integrationRepository(ctx: {
  store: Store;
  secretKey?: Uint8Array | undefined;
}): IntegrationRepository {
  let box: SecretBox | undefined;
  return new IntegrationRepository(ctx.store.db, () => {
    box ??= secretBox(ctx.secretKey ?? sealingKey(config()));
    return box;
  });
}

/**
 * `/integrations`: inbound sources (Formbricks, Chatwoot, Zendesk, signed webhooks), admins only
 * (route-rules.ts). Each gets its own inbound URL, `/api/v1/hooks/{id}` (hook-routes.ts); its
 * secret is sealed at rest and never returned; every change is audited.
 */
export function integrationRoutes(ctx: IntegrationRoutesContext): OpenAPIHono {
  const app = new OpenAPIHono();
  const integrations = integrationRepository(ctx);
  const now = () => new Date().toISOString();
  const shown = (v: IntegrationView) => ({
    ...v,
    last_error_code: knownErrorCode(v.last_error_code),
    url: `/api/v1/hooks/${v.id}`,
    inbound_url: ctx.notifications ? `${ctx.notifications.publicUrl}/api/v1/hooks/${v.id}` : null,
  });
  const refuse = (problems: { field: string; reason: string }[]) => {
    if (problems.length === 0) return;
    throw new KohtaamoError(
      "bad_request",
      `invalid request: ${problems.map((p) => `${p.field}: ${p.reason}`).join("; ")}`,
      { problems },
    );
  };

  app.openapi(
    createRoute({
      method: "get",
      path: "/integrations",
      tags: ["integrations"],
      summary:
        "Every inbound integration with its inbound URL, last delivery and last error (never its secret)",
      responses: { 200: json(IntegrationList, "the integrations, oldest first") },
    }),
    async (c) => c.json({ items: (await integrations.list()).map(shown) }, 200),
  );

  app.openapi(
    createRoute({
      method: "post",
      path: "/integrations",
      tags: ["integrations"],
      summary: "Add an inbound integration; the answer names its inbound URL (audited)",
      request: { body: { content: { "application/json": { schema: NewIntegration } }, required: true } },
      responses: {
        201: json(IntegrationBody, "the integration"),
        400: error("a field does not fit the kind (mapping, settings, secret); the message names it"),
      },
    }),
    async (c) => {
      const body = c.req.valid("json");
      refuse(integrationProblems(body.kind, body));
      const created = await integrations.create(
        {
          kind: body.kind,
          name: body.name,
          secret: body.secret ?? null,
          mapping: body.mapping,
          settings: body.settings,
          enabled: body.enabled,
        },
        principal(c).email,
        now(),
      );
      return c.json(shown(created), 201);
    },
  );

  app.openapi(
    createRoute({
      method: "get",
      path: "/integrations/{id}",
      tags: ["integrations"],
      summary:
        "One integration, its 20 newest deliveries, its last pull and its pull cursors (never its secret)",
      request: { params: IdParam },
      responses: { 200: json(IntegrationDetail, "the integration"), 404: error("no such integration") },
    }),
    async (c) => {
      const { id } = c.req.valid("param");
      const found = await integrations.get(id);
      if (!found) throw notFound(id);
      const [deliveries, pulls, cursors] = await Promise.all([
        integrations.deliveries(id, 20),
        integrations.deliveries(id, 1, "pull"),
        new IntegrationCursorRepository(ctx.store.db).list(id),
      ]);
      return c.json(
        {
          ...shown(found),
          // A code this version does not know reads as none: the English outcome still says why.
          deliveries: deliveries.map((d) => ({ ...d, code: knownIgnoreCode(d.code) })),
          last_pull: pulls[0] ? { ...pulls[0], code: null } : null,
          cursors: cursors.map((k) => ({ stream: k.stream, position: k.cursor, updated_at: k.updated_at })),
        },
        200,
      );
    },
  );

  app.openapi(
    createRoute({
      method: "patch",
      path: "/integrations/{id}",
      tags: ["integrations"],
      summary: "Rename, remap, switch on or off, or replace the secret of an integration (audited)",
      request: {
        params: IdParam,
        body: { content: { "application/json": { schema: IntegrationChangeBody } }, required: true },
      },
      responses: {
        200: json(IntegrationBody, "the integration as changed"),
        400: error("a field does not fit the kind"),
        404: error("no such integration"),
      },
    }),
    async (c) => {
      const { id } = c.req.valid("param");
      const body = c.req.valid("json");
      const found = await integrations.get(id);
      if (!found) throw notFound(id);
      refuse(integrationProblems(found.kind, body));
      const changed = await integrations.update(
        id,
        {
          ...(body.name !== undefined ? { name: body.name } : {}),
          ...(body.secret !== undefined ? { secret: body.secret } : {}),
          ...(body.mapping !== undefined ? { mapping: body.mapping } : {}),
          ...(body.settings !== undefined ? { settings: body.settings } : {}),
          ...(body.enabled !== undefined ? { enabled: body.enabled } : {}),
        },
        principal(c).email,
        now(),
      );
      if (!changed) throw notFound(id);
      return c.json(shown(changed), 200);
    },
  );

  app.openapi(
    createRoute({
      method: "post",
      path: "/integrations/{id}/pull",
      tags: ["integrations"],
      summary:
        "Pull a Zendesk (tickets, comments, ratings) or Chatwoot (conversations, messages, CSAT) integration from its saved cursors, in the background",
      request: { params: IdParam },
      responses: {
        202: json(
          PullStarted,
          "queued as a job, or started in this process; the outcome lands in deliveries",
        ),
        400: error("the integration cannot be pulled; the message names the setting or secret missing"),
        403: error("the integration is switched off"),
        404: error("no such integration"),
      },
    }),
    async (c) => {
      const { id } = c.req.valid("param");
      const found = await integrations.forHook(id);
      if (!found) throw notFound(id);
      return c.json(await startIntegrationPull(found, { ...ctx, integrations }), 202);
    },
  );

  app.openapi(
    createRoute({
      method: "delete",
      path: "/integrations/{id}",
      tags: ["integrations"],
      summary: "Delete an integration and its delivery log; the records it brought in stay (audited)",
      request: { params: IdParam },
      responses: { 204: { description: "deleted" }, 404: error("no such integration") },
    }),
    async (c) => {
      const { id } = c.req.valid("param");
      if (!(await integrations.remove(id, principal(c).email, now()))) throw notFound(id);
      return c.body(null, 204);
    },
  );
  return app;
}
