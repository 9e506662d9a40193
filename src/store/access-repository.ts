import { randomUUID } from "node:crypto";
import type { Kysely, Selectable } from "kysely";
import type { Database, UserTable } from "./schema.ts";

export interface UserRecord {
  id: string;
  email: string;
  role: string;
  teams: string[];
  agentId: string | null;
  passwordHash: string | null;
  source: "local" | "oidc";
  createdAt: string;
}

export interface AuditEntry {
  id: number;
  at: string;
  actor: string;
  action: string;
  target: string | null;
  details: unknown;
}

/** Accounts, sessions, API tokens, login throttling and the audit log. Secrets arrive hashed. */
export class AccessRepository {
  constructor(private readonly db: Kysely<Database>) {}

  async countUsers(): Promise<number> {
    const row = await this.db
      .selectFrom("users")
      .select((eb) => eb.fn.countAll<number>().as("n"))
      .executeTakeFirst();
    return Number(row?.n ?? 0);
  }

  async addUser(user: Omit<UserRecord, "id" | "createdAt">): Promise<UserRecord> {
    const record: UserRecord = {
      ...user,
      email: user.email.toLowerCase(),
      id: randomUUID(),
      createdAt: now(),
    };
    await this.db
      .insertInto("users")
      .values({
        id: record.id,
        email: record.email,
        role: record.role,
        teams: JSON.stringify(record.teams),
        agent_id: record.agentId,
        password_hash: record.passwordHash,
        source: record.source,
        created_at: record.createdAt,
      })
      .execute();
    return record;
  }

  /** The single sign-on account of an identity provider's subject, created or refreshed at each login. */
  async upsertSsoUser(
    externalId: string,
    identity: { email: string; role: string; teams: string[] },
  ): Promise<{ user: UserRecord; previousRole: string | null }> {
    const email = identity.email.toLowerCase();
    const row =
      (await this.db
        .selectFrom("users")
        .selectAll()
        .where("external_id", "=", externalId)
        .executeTakeFirst()) ??
      (await this.db.selectFrom("users").selectAll().where("email", "=", email).executeTakeFirst());
    if (!row) {
      const user = await this.addUser({
        email,
        role: identity.role,
        teams: identity.teams,
        agentId: null,
        passwordHash: null,
        source: "oidc",
      });
      await this.db.updateTable("users").set({ external_id: externalId }).where("id", "=", user.id).execute();
      return { user, previousRole: null };
    }
    await this.db
      .updateTable("users")
      .set({ email, role: identity.role, teams: JSON.stringify(identity.teams), external_id: externalId })
      .where("id", "=", row.id)
      .execute();
    return {
      user: { ...toUser(row), email, role: identity.role, teams: identity.teams },
      previousRole: row.role,
    };
  }

  async savePendingLogin(
    idHash: string,
    checks: { state: string; nonce: string; codeVerifier: string },
  ): Promise<void> {
    const cutoff = new Date(Date.now() - 3_600_000).toISOString();
    await this.db.deleteFrom("oidc_logins").where("created_at", "<", cutoff).execute();
    await this.db
      .insertInto("oidc_logins")
      .values({
        id_hash: idHash,
        state: checks.state,
        nonce: checks.nonce,
        code_verifier: checks.codeVerifier,
        created_at: now(),
      })
      .execute();
  }

  /** The checks of a pending login, used once: they are deleted as they are read. */
  async takePendingLogin(
    idHash: string,
  ): Promise<{ state: string; nonce: string; codeVerifier: string } | undefined> {
    const row = await this.db
      .selectFrom("oidc_logins")
      .selectAll()
      .where("id_hash", "=", idHash)
      .executeTakeFirst();
    if (!row) return undefined;
    await this.db.deleteFrom("oidc_logins").where("id_hash", "=", idHash).execute();
    if (row.created_at < new Date(Date.now() - 15 * 60_000).toISOString()) return undefined;
    return { state: row.state, nonce: row.nonce, codeVerifier: row.code_verifier };
  }

  /** Updates role, teams and agent (single sign-on refreshes them at every login). */
  async updateUser(
    id: string,
    change: { role: string; teams: string[]; agentId: string | null },
  ): Promise<void> {
    await this.db
      .updateTable("users")
      .set({ role: change.role, teams: JSON.stringify(change.teams), agent_id: change.agentId })
      .where("id", "=", id)
      .execute();
  }

  async userByEmail(email: string): Promise<UserRecord | undefined> {
    const row = await this.db
      .selectFrom("users")
      .selectAll()
      .where("email", "=", email.toLowerCase())
      .executeTakeFirst();
    return row ? toUser(row) : undefined;
  }

  async userById(id: string): Promise<UserRecord | undefined> {
    const row = await this.db.selectFrom("users").selectAll().where("id", "=", id).executeTakeFirst();
    return row ? toUser(row) : undefined;
  }

  async listUsers(): Promise<UserRecord[]> {
    const rows = await this.db.selectFrom("users").selectAll().orderBy("email").execute();
    return rows.map(toUser);
  }

  /** Removes the account with its sessions and tokens. Returns whether it existed. */
  async removeUser(email: string): Promise<boolean> {
    const user = await this.userByEmail(email);
    if (!user) return false;
    await this.db.transaction().execute(async (trx) => {
      await trx.deleteFrom("sessions").where("user_id", "=", user.id).execute();
      await trx.deleteFrom("api_tokens").where("user_id", "=", user.id).execute();
      await trx.deleteFrom("users").where("id", "=", user.id).execute();
    });
    return true;
  }

  async createSession(
    userId: string,
    tokenHash: string,
    csrfToken: string,
    expiresAt: string,
  ): Promise<void> {
    await this.db
      .insertInto("sessions")
      .values({
        token_hash: tokenHash,
        user_id: userId,
        csrf_token: csrfToken,
        created_at: now(),
        expires_at: expiresAt,
      })
      .execute();
  }

  /** The user of a live session, with the session's CSRF token. Expired sessions are deleted on sight. */
  async sessionUser(tokenHash: string): Promise<{ user: UserRecord; csrfToken: string } | undefined> {
    const row = await this.db
      .selectFrom("sessions")
      .innerJoin("users", "users.id", "sessions.user_id")
      .selectAll("users")
      .select(["sessions.csrf_token", "sessions.expires_at"])
      .where("sessions.token_hash", "=", tokenHash)
      .executeTakeFirst();
    if (!row) return undefined;
    if (row.expires_at <= now()) {
      await this.deleteSession(tokenHash);
      return undefined;
    }
    return { user: toUser(row), csrfToken: row.csrf_token };
  }

  async deleteSession(tokenHash: string): Promise<void> {
    await this.db.deleteFrom("sessions").where("token_hash", "=", tokenHash).execute();
  }

  async createToken(
    userId: string,
    tokenHash: string,
    name: string | null,
    expiresAt: string | null,
  ): Promise<string> {
    const id = randomUUID();
    await this.db
      .insertInto("api_tokens")
      .values({
        id,
        token_hash: tokenHash,
        user_id: userId,
        name,
        created_at: now(),
        expires_at: expiresAt,
        revoked_at: null,
      })
      .execute();
    return id;
  }

  /** The user of an API token that is neither revoked nor expired. */
  async tokenUser(tokenHash: string): Promise<UserRecord | undefined> {
    const row = await this.db
      .selectFrom("api_tokens")
      .innerJoin("users", "users.id", "api_tokens.user_id")
      .selectAll("users")
      .select(["api_tokens.expires_at as token_expires_at", "api_tokens.revoked_at"])
      .where("api_tokens.token_hash", "=", tokenHash)
      .executeTakeFirst();
    if (!row || row.revoked_at !== null) return undefined;
    if (row.token_expires_at !== null && row.token_expires_at <= now()) return undefined;
    return toUser(row);
  }

  async listTokens(userId: string) {
    return this.db
      .selectFrom("api_tokens")
      .select(["id", "name", "created_at", "expires_at", "revoked_at"])
      .where("user_id", "=", userId)
      .orderBy("created_at")
      .execute();
  }

  async revokeToken(id: string): Promise<boolean> {
    const result = await this.db
      .updateTable("api_tokens")
      .set({ revoked_at: now() })
      .where("id", "=", id)
      .where("revoked_at", "is", null)
      .executeTakeFirst();
    return Number(result.numUpdatedRows) > 0;
  }

  /** Failures for a key within the window that started at first_at; a window older than `since` counts as none. */
  async loginFailures(key: string, since: string): Promise<number> {
    const row = await this.db
      .selectFrom("login_failures")
      .selectAll()
      .where("key", "=", key)
      .executeTakeFirst();
    return row && row.first_at > since ? row.failures : 0;
  }

  async recordLoginFailure(key: string, since: string): Promise<void> {
    await this.db.transaction().execute(async (trx) => {
      const row = await trx
        .selectFrom("login_failures")
        .selectAll()
        .where("key", "=", key)
        .executeTakeFirst();
      if (!row || row.first_at <= since) {
        await trx.deleteFrom("login_failures").where("key", "=", key).execute();
        await trx.insertInto("login_failures").values({ key, failures: 1, first_at: now() }).execute();
      } else {
        await trx
          .updateTable("login_failures")
          .set({ failures: row.failures + 1 })
          .where("key", "=", key)
          .execute();
      }
    });
  }

  async clearLoginFailures(key: string): Promise<void> {
    await this.db.deleteFrom("login_failures").where("key", "=", key).execute();
  }

  /** Appends to the audit log. `details` must never hold message text. */
  async audit(entry: {
    actor: string;
    action: string;
    target?: string | null;
    details?: unknown;
  }): Promise<void> {
    await this.db
      .insertInto("audit_log")
      .values({
        at: now(),
        actor: entry.actor,
        action: entry.action,
        target: entry.target ?? null,
        details: entry.details === undefined ? null : JSON.stringify(entry.details),
      })
      .execute();
  }

  /** Newest first; `before` is the id to page back from; `from` (included) and `to` (excluded) are ISO instants. */
  async auditEntries(options: {
    limit: number;
    before?: number;
    action?: string;
    actor?: string;
    from?: string;
    to?: string;
  }): Promise<AuditEntry[]> {
    let q = this.db.selectFrom("audit_log").selectAll().orderBy("id", "desc").limit(options.limit);
    if (options.before !== undefined) q = q.where("id", "<", options.before);
    if (options.action) q = q.where("action", "=", options.action);
    if (options.actor) q = q.where("actor", "=", options.actor);
    if (options.from) q = q.where("at", ">=", options.from);
    if (options.to) q = q.where("at", "<", options.to);
    const rows = await q.execute();
    return rows.map((r) => ({
      id: Number(r.id),
      at: r.at,
      actor: r.actor,
      action: r.action,
      target: r.target,
      details: r.details === null ? null : (JSON.parse(r.details) as unknown),
    }));
  }
}

function toUser(row: Omit<Selectable<UserTable>, "external_id">): UserRecord {
  return {
    id: row.id,
    email: row.email,
    role: row.role,
    teams: JSON.parse(row.teams) as string[],
    agentId: row.agent_id,
    passwordHash: row.password_hash,
    source: row.source === "oidc" ? "oidc" : "local",
    createdAt: row.created_at,
  };
}

function now(): string {
  return new Date().toISOString();
}
