import { createRoute, OpenAPIHono } from "@hono/zod-openapi";
import {
  addLocalUser,
  changeUserAccess,
  createApiToken,
  listApiTokens,
  removeUser,
  revokeApiToken,
} from "../auth/accounts.ts";
import { isRole } from "../auth/roles.ts";
import { KohtaamoError } from "../domain/index.ts";
import type { UserRecord } from "../store/index.ts";
import { ErrorBody, IdParam } from "./api-schemas.ts";
import { principal } from "./auth-context.ts";
import type { ServerContext } from "./server-context.ts";
import {
  CreatedToken,
  EmailParam,
  NewToken,
  NewUser,
  TokenList,
  TokenQuery,
  UserBody,
  UserChange,
  UserList,
} from "./user-admin-schemas.ts";

const json = <T>(schema: T, description: string) => ({
  content: { "application/json": { schema } },
  description,
});
const error = (description: string) => json(ErrorBody, description);

function userBody(u: UserRecord): UserBody {
  return {
    email: u.email,
    // An account whose stored role is no longer known acts as a viewer (access-rules.ts principalOf).
    role: isRole(u.role) ? u.role : "viewer",
    teams: u.teams,
    agent: u.agentId,
    source: u.source,
    created_at: u.createdAt,
  };
}

function tokenBody(t: Awaited<ReturnType<typeof listApiTokens>>[number]) {
  return {
    id: t.id,
    user: t.user,
    name: t.name,
    created_at: t.createdAt,
    expires_at: t.expiresAt,
    revoked_at: t.revokedAt,
  };
}

/**
 * Accounts and API tokens from the web app, through the same functions as the CLI
 * (src/auth/accounts.ts), so the same rules hold and every change is audited. Users: admins only;
 * tokens: anyone lists and revokes their own, admins all of them (route-rules.ts).
 */
export function userAdminRoutes(ctx: ServerContext): OpenAPIHono {
  const app = new OpenAPIHono();
  app.openapi(
    createRoute({
      method: "get",
      path: "/users",
      tags: ["admin"],
      summary: "Every account: role, teams, agent id, local or single sign-on (never password hashes)",
      responses: { 200: json(UserList, "the accounts, by e-mail"), 403: error("not an admin") },
    }),
    async (c) => c.json({ items: (await ctx.store.access.listUsers()).map(userBody) }, 200),
  );
  app.openapi(
    createRoute({
      method: "post",
      path: "/users",
      tags: ["admin"],
      summary: "Add a local account with an initial password (audited as a role grant)",
      request: { body: { content: { "application/json": { schema: NewUser } }, required: true } },
      responses: {
        201: json(UserBody, "the new account"),
        400: error("a field is missing or wrong; the message names it"),
        409: error("an account with this e-mail exists"),
      },
    }),
    async (c) => {
      const body = c.req.valid("json");
      const user = await addLocalUser(
        ctx.store,
        {
          email: body.email,
          role: body.role,
          teams: body.teams ?? [],
          agent: body.agent || undefined,
          password: body.password,
        },
        principal(c).email,
      );
      return c.json(userBody(user), 201);
    },
  );
  app.openapi(
    createRoute({
      method: "patch",
      path: "/users/{email}",
      tags: ["admin"],
      summary: "Change an account's role, teams or agent id (audited)",
      request: {
        params: EmailParam,
        body: { content: { "application/json": { schema: UserChange } }, required: true },
      },
      responses: {
        200: json(UserBody, "the account as changed"),
        400: error("a field is wrong, or the role misses what it needs (a manager's teams, an agent's id)"),
        404: error("no such account"),
        409: error("the last admin, or a single sign-on account's role and teams"),
      },
    }),
    async (c) => {
      const { email } = c.req.valid("param");
      const change = c.req.valid("json");
      const user = await changeUserAccess(ctx.store, email, change, principal(c).email);
      return c.json(userBody(user), 200);
    },
  );
  app.openapi(
    createRoute({
      method: "delete",
      path: "/users/{email}",
      tags: ["admin"],
      summary: "Remove an account with its sessions and tokens (audited); not yourself, not the last admin",
      request: { params: EmailParam },
      responses: {
        204: { description: "removed" },
        404: error("no such account"),
        409: error("your own account, or the last admin"),
      },
    }),
    async (c) => {
      const { email } = c.req.valid("param");
      const me = principal(c);
      if (email.trim().toLowerCase() === me.email.toLowerCase()) {
        throw new KohtaamoError(
          "conflict",
          "you cannot remove your own account: ask another admin, or use the command line",
        );
      }
      await removeUser(ctx.store, email.trim(), me.email);
      return c.body(null, 204);
    },
  );

  app.openapi(
    createRoute({
      method: "get",
      path: "/tokens",
      tags: ["tokens"],
      summary: "API tokens: your own; an admin sees everyone's. Never the secret or its hash",
      request: { query: TokenQuery },
      responses: { 200: json(TokenList, "tokens, newest first (revoked and expired ones too)") },
    }),
    async (c) => {
      const me = principal(c);
      const { user } = c.req.valid("query");
      if (me.role !== "admin") {
        const own = await ctx.store.access.userById(me.id);
        return c.json({ items: own ? (await listApiTokens(ctx.store, own)).map(tokenBody) : [] }, 200);
      }
      if (user) {
        const only = await ctx.store.access.userByEmail(user.trim());
        if (!only) throw new KohtaamoError("not_found", `no user ${user}`);
        return c.json({ items: (await listApiTokens(ctx.store, only)).map(tokenBody) }, 200);
      }
      return c.json({ items: (await listApiTokens(ctx.store)).map(tokenBody) }, 200);
    },
  );
  app.openapi(
    createRoute({
      method: "post",
      path: "/tokens",
      tags: ["tokens"],
      summary: "Create an API token for a user (audited). The secret is in this answer only",
      request: { body: { content: { "application/json": { schema: NewToken } }, required: true } },
      responses: {
        201: json(CreatedToken, "the token; store it now"),
        400: error("a field is wrong; the message names it"),
        404: error("no such user"),
      },
    }),
    async (c) => {
      const body = c.req.valid("json");
      const created = await createApiToken(
        ctx.store,
        body.user,
        { name: body.name || undefined, expiresDays: body.expires_days },
        principal(c).email,
      );
      return c.json(
        {
          id: created.id,
          user: body.user,
          name: body.name || null,
          expires_at: created.expiresAt,
          token: created.token,
        },
        201,
      );
    },
  );
  app.openapi(
    createRoute({
      method: "delete",
      path: "/tokens/{id}",
      tags: ["tokens"],
      summary: "Revoke a token (audited): your own, or any as an admin",
      request: { params: IdParam },
      responses: { 204: { description: "revoked" }, 404: error("no such active token") },
    }),
    async (c) => {
      const { id } = c.req.valid("param");
      const me = principal(c);
      if (me.role !== "admin") {
        const own = await ctx.store.access.userById(me.id);
        const mine = own ? await listApiTokens(ctx.store, own) : [];
        // Someone else's token answers as a missing one: its id tells nothing.
        if (!mine.some((t) => t.id === id)) throw new KohtaamoError("not_found", `no active token ${id}`);
      }
      await revokeApiToken(ctx.store, id, me.email);
      return c.body(null, 204);
    },
  );
  return app;
}
