import { z } from "@hono/zod-openapi";
import { roleNeed } from "../auth/accounts.ts";
import { ROLES } from "../auth/roles.ts";
import { MIN_PASSWORD_LENGTH } from "../auth/secrets.ts";

/** The wire shapes of the user and token routes (user-admin-routes.ts); the dashboard imports their types. */

const Email = z.string().trim().toLowerCase().max(320).email("not an e-mail address");
const Teams = z.array(z.string().trim().min(1, "a team name may not be empty").max(200)).max(100);
const Agent = z.string().trim().max(200);

export const UserBody = z
  .object({
    email: z.string(),
    role: z.enum(ROLES),
    teams: z.array(z.string()),
    agent: z.string().nullable(),
    source: z.enum(["local", "oidc"]).openapi({
      description:
        "local: signs in with a password; oidc: single sign-on, role and teams from the identity provider",
    }),
    created_at: z.string(),
  })
  .openapi("User");

export const UserList = z.object({ items: z.array(UserBody) }).openapi("UserList");

export const NewUser = z
  .object({
    email: Email,
    role: z.enum(ROLES),
    teams: Teams.optional(),
    agent: Agent.optional(),
    password: z
      .string()
      .min(MIN_PASSWORD_LENGTH, `at least ${MIN_PASSWORD_LENGTH} characters`)
      .max(1000)
      .openapi({ description: `the initial password, at least ${MIN_PASSWORD_LENGTH} characters` }),
  })
  .superRefine((u, ctx) => {
    const need = roleNeed(u.role, u.teams ?? [], u.agent);
    if (need) ctx.addIssue({ code: "custom", path: [need.field], message: need.reason });
  })
  .openapi("NewUser");

export const UserChange = z
  .object({
    role: z.enum(ROLES).optional(),
    teams: Teams.optional(),
    agent: Agent.nullable()
      .optional()
      .openapi({ description: "the agent id of an agent's encounters; null or empty clears it" }),
  })
  .strict()
  .openapi("UserChange");

export const EmailParam = z.object({
  email: z
    .string()
    .min(1)
    .max(320)
    .openapi({ param: { name: "email", in: "path" }, example: "anna@example.org" }),
});

export const TokenBody = z
  .object({
    id: z.string(),
    user: z.string().openapi({ description: "the e-mail of the user the token acts as" }),
    name: z.string().nullable(),
    created_at: z.string(),
    expires_at: z.string().nullable(),
    revoked_at: z.string().nullable(),
  })
  .openapi("ApiToken");

export const TokenList = z.object({ items: z.array(TokenBody) }).openapi("ApiTokenList");

export const NewToken = z
  .object({
    user: Email.openapi({ description: "the e-mail of the user the token acts as" }),
    name: z.string().trim().max(200).optional(),
    expires_days: z.number().int().min(1).max(3650).optional(),
  })
  .openapi("NewToken");

export const CreatedToken = z
  .object({
    id: z.string(),
    user: z.string(),
    name: z.string().nullable(),
    expires_at: z.string().nullable(),
    token: z.string().openapi({ description: "the secret: shown this once, only its hash is stored" }),
  })
  .openapi("CreatedToken");

export const TokenQuery = z.object({
  user: z.string().max(320).optional().openapi({ description: "admins: only this user's tokens" }),
});

export type UserBody = z.infer<typeof UserBody>;
export type TokenBody = z.infer<typeof TokenBody>;
export type CreatedToken = z.infer<typeof CreatedToken>;
