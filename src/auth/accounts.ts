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
  if (role === "manager" && teams.length === 0) {
    throw new KohtaamoError("bad_request", "--team: a manager needs the team(s) they lead");
  }
  if (role === "agent" && !account.agent) {
    throw new KohtaamoError("bad_request", "--agent: an agent needs the agent id their encounters carry");
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
  return user;
}

export async function removeUser(store: Store, email: string, actor: string): Promise<void> {
  if (!(await store.access.removeUser(email))) throw new KohtaamoError("not_found", `no user ${email}`);
  await store.access.audit({ actor, action: "role.revoke", target: email.toLowerCase() });
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
