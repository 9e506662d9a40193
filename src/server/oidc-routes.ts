import { createRoute, OpenAPIHono, z } from "@hono/zod-openapi";
import { deleteCookie, getCookie, setCookie } from "hono/cookie";
import { newSecret, secretHash } from "../auth/secrets.ts";
import { KohtaamoError } from "../domain/index.ts";
import { ErrorBody } from "./api-schemas.ts";
import { startSession } from "./auth-routes.ts";
import type { ServerContext } from "./server-context.ts";

const PENDING_COOKIE = "kohtaamo_oidc";
const CALLBACK_PATH = "/api/v1/auth/oidc/callback";

/**
 * Single sign-on with OpenID Connect (Entra ID, Keycloak, Okta…): /auth/oidc/login sends the
 * browser to the identity provider; /auth/oidc/callback checks what comes back (state, nonce,
 * PKCE), maps the groups claim to a role, creates or refreshes the account and starts a session.
 * The pending login's checks wait in the database under the hash of a short-lived cookie.
 */
export function oidcRoutes(ctx: ServerContext): OpenAPIHono {
  const app = new OpenAPIHono();
  const client = () => {
    if (!ctx.oidc)
      throw new KohtaamoError("not_found", "single sign-on is not configured (KOHTAAMO_OIDC_ISSUER)");
    return ctx.oidc;
  };
  app.openapi(
    createRoute({
      method: "get",
      path: "/auth/oidc/login",
      tags: ["auth"],
      summary: "Start single sign-on: redirects to the identity provider",
      responses: {
        302: { description: "to the identity provider" },
        404: {
          content: { "application/json": { schema: ErrorBody } },
          description: "single sign-on not configured",
        },
      },
    }),
    async (c) => {
      const start = await client().startLogin();
      const id = newSecret();
      await ctx.store.access.savePendingLogin(secretHash(id), start);
      // Lax, not Strict: the identity provider's redirect back is a cross-site navigation.
      setCookie(c, PENDING_COOKIE, id, {
        httpOnly: true,
        sameSite: "Lax",
        secure: new URL(c.req.url).protocol === "https:",
        path: CALLBACK_PATH,
        maxAge: 600,
      });
      return c.redirect(start.url, 302);
    },
  );
  app.openapi(
    createRoute({
      method: "get",
      path: "/auth/oidc/callback",
      tags: ["auth"],
      summary:
        "Where the identity provider sends the browser back; starts a session and redirects to the app",
      request: { query: z.object({}).passthrough() },
      responses: {
        302: { description: "signed in: to the app" },
        401: {
          content: { "application/json": { schema: ErrorBody } },
          description: "the login could not be verified",
        },
        403: { content: { "application/json": { schema: ErrorBody } }, description: "no role for this user" },
      },
    }),
    async (c) => {
      const oidc = client();
      const id = getCookie(c, PENDING_COOKIE);
      deleteCookie(c, PENDING_COOKIE, { path: CALLBACK_PATH });
      const checks = id ? await ctx.store.access.takePendingLogin(secretHash(id)) : undefined;
      if (!checks)
        throw new KohtaamoError(
          "unauthenticated",
          "no single sign-on in progress: start again from the login page",
        );
      const identity = await oidc.finishLogin(new URL(c.req.url), checks);
      const { user, previousRole } = await ctx.store.access.upsertSsoUser(
        `${identity.issuer}|${identity.subject}`,
        identity,
      );
      if (previousRole !== identity.role) {
        await ctx.store.access.audit({
          actor: "oidc",
          action: "role.grant",
          target: user.email,
          details: { role: identity.role, previous: previousRole, teams: identity.teams },
        });
      }
      await startSession(ctx, c, user);
      await ctx.store.access.audit({ actor: user.email, action: "login", details: { method: "oidc" } });
      return c.redirect("/", 302);
    },
  );
  return app;
}
