import { createRoute, OpenAPIHono, z } from "@hono/zod-openapi";
import { reportFilter } from "../workflows/report-params.ts";
import { ErrorBody, IdParam } from "./api-schemas.ts";
import { principal } from "./auth-context.ts";
import type { ServerContext } from "./server-context.ts";

const AuditEntry = z
  .object({
    id: z.number(),
    at: z.string(),
    actor: z.string(),
    action: z.string(),
    target: z.string().nullable(),
    details: z.unknown(),
  })
  .openapi("AuditEntry");

/** The audit log, and erasure of a customer's data (GDPR art. 17). Admins only (route-rules.ts). */
export function adminRoutes(ctx: ServerContext): OpenAPIHono {
  const app = new OpenAPIHono();
  app.openapi(
    createRoute({
      method: "get",
      path: "/audit",
      tags: ["admin"],
      summary:
        "Audit log, newest first: sign-ins, exports, erasures, role changes, tokens, reads of other teams' text",
      request: {
        query: z.object({
          limit: z.coerce.number().int().min(1).max(500).optional(),
          before: z.coerce
            .number()
            .int()
            .optional()
            .openapi({ description: "id of the oldest entry already seen" }),
          action: z.string().optional(),
          actor: z.string().max(320).optional().openapi({ description: "who did it, exactly as logged" }),
          from: z.string().optional().openapi({
            description: "first instant included (ISO 8601 or d.m.yyyy; a date starts at local midnight)",
          }),
          to: z.string().optional().openapi({ description: "first instant excluded (ISO 8601 or d.m.yyyy)" }),
        }),
      },
      responses: {
        200: {
          content: { "application/json": { schema: z.object({ items: z.array(AuditEntry) }) } },
          description: "entries",
        },
        403: { content: { "application/json": { schema: ErrorBody } }, description: "not an admin" },
      },
    }),
    async (c) => {
      const q = c.req.valid("query");
      const period = reportFilter({ from: q.from, to: q.to }, ctx.timeZone);
      const items = await ctx.store.access.auditEntries({
        limit: q.limit ?? 100,
        ...(q.before !== undefined ? { before: q.before } : {}),
        ...(q.action ? { action: q.action } : {}),
        ...(q.actor ? { actor: q.actor.trim() } : {}),
        ...(period.from ? { from: period.from } : {}),
        ...(period.to ? { to: period.to } : {}),
      });
      return c.json({ items }, 200);
    },
  );
  app.openapi(
    createRoute({
      method: "post",
      path: "/customers/{id}/erase",
      tags: ["admin"],
      summary:
        "Erase everything stored about a customer: encounters, answers, invitations, analyses (audited)",
      request: { params: IdParam },
      responses: {
        200: {
          content: {
            "application/json": {
              schema: z.object({
                customer: z.string(),
                encounters: z.number(),
                responses: z.number(),
                invitations: z.number(),
                analyses: z.number(),
              }),
            },
          },
          description: "what was erased",
        },
      },
    }),
    async (c) => {
      const { id } = c.req.valid("param");
      const { customer: _found, ...counts } = await ctx.store.privacy.eraseCustomer(id);
      await ctx.store.access.audit({
        actor: principal(c).email,
        action: "customer.erase",
        target: id,
        details: counts,
      });
      return c.json({ customer: id, ...counts }, 200);
    },
  );
  return app;
}
