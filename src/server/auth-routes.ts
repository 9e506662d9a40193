import { createRoute, OpenAPIHono, z } from "@hono/zod-openapi";
import type { Context } from "hono";
import { deleteCookie, getCookie, setCookie } from "hono/cookie";
import type { Principal } from "../auth/access-rules.ts";
import { DEMO_PASSWORD, existingDemoUsers } from "../auth/demo-users.ts";
import { newSecret, secretHash, verifyPassword } from "../auth/secrets.ts";
import { KohtaamoError } from "../domain/index.ts";
import type { UserRecord } from "../store/index.ts";
import { ErrorBody } from "./api-schemas.ts";
import { maybePrincipal, principal } from "./auth-context.ts";
import { SESSION_COOKIE } from "./auth-middleware.ts";
import { clientAddressResolver, requestOrigin } from "./client-address.ts";
import type { ServerContext } from "./server-context.ts";

/** A session lasts a working day; sign in again after. */
export const SESSION_HOURS = 12;
/** Failed logins per e-mail (and per client address) within the window before 429. */
export const MAX_LOGIN_FAILURES = 10;
export const LOGIN_WINDOW_MINUTES = 15;

const Me = z
  .object({
    email: z.string(),
    role: z.string(),
    teams: z.array(z.string()),
    agent: z.string().nullable(),
    csrfToken: z
      .string()
      .optional()
      .openapi({ description: "for a session: send as X-CSRF-Token with writes" }),
  })
  .openapi("Me");
const LoginResult = Me.extend({
  csrfToken: z
    .string()
    .openapi({ description: "send as X-CSRF-Token with every write made with the session cookie" }),
}).openapi("LoginResult");

const Session = z.object({ user: Me.nullable(), singleSignOn: z.boolean() }).openapi("Session");

const DemoAccounts = z
  .object({
    accounts: z.array(z.object({ email: z.string(), role: z.string() })),
    password: z
      .string()
      .nullable()
      .openapi({ description: "the demo accounts' published password (README); null when there are none" }),
  })
  .openapi("DemoAccounts");

/** Login, logout and who-am-I. Login is throttled per e-mail and per client address. */
export function authRoutes(ctx: ServerContext): OpenAPIHono {
  const app = new OpenAPIHono();
  const clientAddress = clientAddressResolver(ctx.trustedProxies ?? []);
  app.openapi(
    createRoute({
      method: "post",
      path: "/auth/login",
      tags: ["auth"],
      summary: "Sign in with e-mail and password; sets an httpOnly session cookie",
      request: {
        body: {
          content: {
            "application/json": {
              schema: z.object({ email: z.string().min(1), password: z.string().min(1) }),
            },
          },
        },
      },
      responses: {
        200: { content: { "application/json": { schema: LoginResult } }, description: "signed in" },
        401: {
          content: { "application/json": { schema: ErrorBody } },
          description: "wrong e-mail or password",
        },
        429: {
          content: { "application/json": { schema: ErrorBody } },
          description: "too many failed attempts",
        },
      },
    }),
    async (c) => {
      const { email, password } = c.req.valid("json");
      const keys = [`email:${email.toLowerCase()}`, `address:${clientAddress(requestOrigin(c))}`];
      const since = new Date(Date.now() - LOGIN_WINDOW_MINUTES * 60_000).toISOString();
      for (const key of keys) {
        if ((await ctx.store.access.loginFailures(key, since)) >= MAX_LOGIN_FAILURES) {
          await ctx.store.access.audit({ actor: email.toLowerCase(), action: "login.throttled" });
          c.header("Retry-After", String(LOGIN_WINDOW_MINUTES * 60));
          throw new KohtaamoError(
            "too_many_requests",
            `too many failed sign-ins: try again in ${LOGIN_WINDOW_MINUTES} minutes`,
          );
        }
      }
      const user = await ctx.store.access.userByEmail(email);
      if (!(await verifyPassword(user?.passwordHash ?? null, password)) || !user) {
        for (const key of keys) await ctx.store.access.recordLoginFailure(key, since);
        await ctx.store.access.audit({ actor: email.toLowerCase(), action: "login.failed" });
        throw new KohtaamoError("unauthenticated", "wrong e-mail or password");
      }
      await ctx.store.access.clearLoginFailures(keys[0] as string);
      const csrfToken = await startSession(ctx, c, user);
      await ctx.store.access.audit({ actor: user.email, action: "login", details: { method: "password" } });
      return c.json({ ...meOf(user), csrfToken }, 200);
    },
  );
  app.openapi(
    createRoute({
      method: "get",
      path: "/auth/demo-accounts",
      tags: ["auth"],
      summary:
        "The demo workspace's accounts, for one-click sign-in: listed only while they exist and the server was not started with --no-demo",
      responses: {
        200: { content: { "application/json": { schema: DemoAccounts } }, description: "the accounts" },
      },
    }),
    async (c) => {
      const accounts = ctx.demoSignIn ? await existingDemoUsers(ctx.store) : [];
      return c.json({ accounts, password: accounts.length > 0 ? DEMO_PASSWORD : null }, 200);
    },
  );
  app.openapi(
    createRoute({
      method: "get",
      path: "/auth/session",
      tags: ["auth"],
      summary:
        "Who is signed in (null when nobody: not an error, so a page can ask on load) and whether single sign-on is configured",
      responses: {
        200: { content: { "application/json": { schema: Session } }, description: "the session" },
      },
    }),
    (c) => {
      const p = maybePrincipal(c);
      return c.json({ user: p ? meOfPrincipal(p) : null, singleSignOn: Boolean(ctx.oidc) }, 200);
    },
  );
  app.openapi(
    createRoute({
      method: "post",
      path: "/auth/logout",
      tags: ["auth"],
      summary: "Sign out: ends the session",
      responses: {
        200: {
          content: { "application/json": { schema: z.object({ ok: z.boolean() }) } },
          description: "signed out",
        },
      },
    }),
    async (c) => {
      const cookie = getCookie(c, SESSION_COOKIE);
      if (cookie) await ctx.store.access.deleteSession(secretHash(cookie));
      deleteCookie(c, SESSION_COOKIE, { path: "/" });
      await ctx.store.access.audit({ actor: principal(c).email, action: "logout" });
      return c.json({ ok: true }, 200);
    },
  );
  app.openapi(
    createRoute({
      method: "get",
      path: "/auth/me",
      tags: ["auth"],
      summary: "The signed-in user",
      responses: { 200: { content: { "application/json": { schema: Me } }, description: "the user" } },
    }),
    (c) => c.json(meOfPrincipal(principal(c)), 200),
  );
  return app;
}

/** The signed-in user as /auth/me and /auth/session show them; a session's CSRF token with it. */
function meOfPrincipal(p: Principal) {
  return {
    email: p.email,
    role: p.role,
    teams: p.teams,
    agent: p.agentId,
    ...(p.csrfToken ? { csrfToken: p.csrfToken } : {}),
  };
}

function meOf(user: UserRecord) {
  return { email: user.email, role: user.role, teams: user.teams, agent: user.agentId };
}

/** Creates a session for the user and sets its cookie; returns the session's CSRF token. */
export async function startSession(ctx: ServerContext, c: Context, user: UserRecord): Promise<string> {
  const token = newSecret();
  const csrfToken = newSecret();
  const expires = new Date(Date.now() + SESSION_HOURS * 3_600_000);
  await ctx.store.access.createSession(user.id, secretHash(token), csrfToken, expires.toISOString());
  setCookie(c, SESSION_COOKIE, token, {
    httpOnly: true,
    sameSite: "Strict",
    secure: new URL(c.req.url).protocol === "https:",
    path: "/",
    expires,
  });
  return csrfToken;
}
