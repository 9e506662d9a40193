import { KohtaamoError } from "../domain/index.ts";
import type { Store, UserRecord } from "../store/index.ts";
import { isRole, ROLES, type Role } from "./roles.ts";
import { hashPassword, MIN_PASSWORD_LENGTH, newSecret, secretHash, TOKEN_PREFIX } from "./secrets.ts";

export interface NewAccount {
  email: string;
  role: string;
  teams?: string[];
  agent?: string | undefined;
  password: string;
}

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

/**
 * Creates a local account after checking what the role needs: a manager leads at least one team,
 * an agent is tied to the agent id of their encounters. The creation is audited as a role grant.
 */
export async function addLocalUser(store: Store, account: NewAccount, actor: string): Promise<UserRecord> {
  const email = account.email.trim().toLowerCase();
  if (!EMAIL.test(email))
    throw new KohtaamoError("bad_request", `--email: "${account.email}" is not an e-mail address`);
  if (!isRole(account.role)) {
    throw new KohtaamoError("bad_request", `--role: "${account.role}" is not one of ${ROLES.join(", ")}`);
  }
  const role: Role = account.role;
  const teams = account.teams ?? [];
  const need = roleNeed(role, teams, account.agent);
  if (need) {
    throw new KohtaamoError(
      "bad_request",
      `${need.field === "teams" ? "--team" : "--agent"}: ${need.reason}`,
    );
  }
  if (account.password.length < MIN_PASSWORD_LENGTH) {
    throw new KohtaamoError("bad_request", `password: at least ${MIN_PASSWORD_LENGTH} characters`);
  }
  if (await store.access.userByEmail(email))
    throw new KohtaamoError("conflict", `user ${email} already exists`);
  const user = await store.access.addUser({
    email,
    role,
    teams,
    agentId: account.agent ?? null,
    passwordHash: await hashPassword(account.password),
    source: "local",
  });
  await store.access.audit({
    actor,
    action: "role.grant",
    target: email,
    details: { role, teams, agent: user.agentId },
  });
  // Open cases of these teams opened while no manager led them (the demo's) get this one as owner.
  if (role === "manager")
    await store.cases.assignUnowned({ id: user.id, email, teams }, actor, new Date().toISOString());
  return user;
}

/**
 * What a role needs besides itself, named by the API's field: a manager leads at least one team,
 * an agent is tied to the agent id of their encounters. Undefined when nothing is missing.
 */
export function roleNeed(
  role: Role,
  teams: readonly string[],
  agent: string | null | undefined,
): { field: "teams" | "agent"; reason: string } | undefined {
  if (role === "manager" && teams.length === 0) {
    return { field: "teams", reason: "a manager needs the team(s) they lead" };
  }
  if (role === "agent" && !agent) {
    return { field: "agent", reason: "an agent needs the agent id their encounters carry" };
  }
  return undefined;
}

async function isLastAdmin(store: Store, user: UserRecord): Promise<boolean> {
  if (user.role !== "admin") return false;
  const admins = (await store.access.listUsers()).filter((u) => u.role === "admin");
  return admins.length <= 1;
}

/** Removes an account with its sessions and tokens; the last admin stays, so someone can still manage the rest. */
export async function removeUser(store: Store, email: string, actor: string): Promise<void> {
  const user = await store.access.userByEmail(email);
  if (!user) throw new KohtaamoError("not_found", `no user ${email}`);
  if (await isLastAdmin(store, user)) {
    throw new KohtaamoError(
      "conflict",
      `${user.email} is the last admin: add another admin before removing this one`,
    );
  }
  if (!(await store.access.removeUser(email))) throw new KohtaamoError("not_found", `no user ${email}`);
  await store.access.audit({ actor, action: "role.revoke", target: email.toLowerCase() });
}

/**
 * Changes an account's role, teams or agent id (what is not given stays). The result must still
 * meet the role's needs, the last admin keeps the role, and a single sign-on account's role and
 * teams come from its identity provider at every sign-in, so only its agent id changes here. Audited.
 */
export async function changeUserAccess(
  store: Store,
  email: string,
  change: { role?: string | undefined; teams?: string[] | undefined; agent?: string | null | undefined },
  actor: string,
): Promise<UserRecord> {
  const user = await store.access.userByEmail(email);
  if (!user) throw new KohtaamoError("not_found", `no user ${email}`);
  const roleText = change.role ?? user.role;
  if (!isRole(roleText)) {
    throw new KohtaamoError("bad_request", `role: "${roleText}" is not one of ${ROLES.join(", ")}`, {
      problems: [{ field: "role", reason: `not one of ${ROLES.join(", ")}` }],
    });
  }
  const role: Role = roleText;
  const teams = change.teams ?? user.teams;
  const agentId = change.agent !== undefined ? change.agent || null : user.agentId;
  if (
    user.source === "oidc" &&
    (role !== user.role || JSON.stringify(teams) !== JSON.stringify(user.teams))
  ) {
    throw new KohtaamoError(
      "conflict",
      `${user.email} signs in with single sign-on: the identity provider's groups set the role and teams at every sign-in`,
    );
  }
  const need = roleNeed(role, teams, agentId);
  if (need) {
    throw new KohtaamoError("bad_request", `${need.field}: ${need.reason}`, { problems: [need] });
  }
  if (role !== "admin" && (await isLastAdmin(store, user))) {
    throw new KohtaamoError("conflict", `${user.email} is the last admin: make another user an admin first`);
  }
  await store.access.updateUser(user.id, { role, teams, agentId });
  await store.access.audit({
    actor,
    action: "role.change",
    target: user.email,
    details: {
      from: { role: user.role, teams: user.teams, agent: user.agentId },
      to: { role, teams, agent: agentId },
    },
  });
  return { ...user, role, teams, agentId };
}

/** Every stored token (revoked and expired ones too) with its user's e-mail; never the secret or its hash. */
export async function listApiTokens(
  store: Store,
  only?: UserRecord,
): Promise<
  {
    id: string;
    user: string;
    name: string | null;
    createdAt: string;
    expiresAt: string | null;
    revokedAt: string | null;
  }[]
> {
  const users = only ? [only] : await store.access.listUsers();
  const lists = await Promise.all(
    users.map(async (u) =>
      (await store.access.listTokens(u.id)).map((t) => ({
        id: t.id,
        user: u.email,
        name: t.name,
        createdAt: t.created_at,
        expiresAt: t.expires_at,
        revokedAt: t.revoked_at,
      })),
    ),
  );
  return lists.flat().sort((a, b) => b.createdAt.localeCompare(a.createdAt));
}

/** Revokes an active token by its id. Audited. */
export async function revokeApiToken(store: Store, id: string, actor: string): Promise<void> {
  if (!(await store.access.revokeToken(id))) throw new KohtaamoError("not_found", `no active token ${id}`);
  await store.access.audit({ actor, action: "token.revoke", target: id });
}

/** Creates an API token for a user; the secret is returned once and only its hash is stored. */
export async function createApiToken(
  store: Store,
  email: string,
  options: { name?: string | undefined; expiresDays?: number | undefined },
  actor: string,
): Promise<{ id: string; token: string; expiresAt: string | null }> {
  const user = await store.access.userByEmail(email);
  if (!user) throw new KohtaamoError("not_found", `no user ${email}`);
  if (options.expiresDays !== undefined && !(options.expiresDays > 0)) {
    throw new KohtaamoError("bad_request", "--expires-days: a positive number of days");
  }
  const token = newSecret(TOKEN_PREFIX);
  const expiresAt =
    options.expiresDays === undefined
      ? null
      : new Date(Date.now() + options.expiresDays * 86_400_000).toISOString();
  const id = await store.access.createToken(user.id, secretHash(token), options.name ?? null, expiresAt);
  await store.access.audit({ actor, action: "token.create", target: user.email, details: { id, expiresAt } });
  return { id, token, expiresAt };
}
