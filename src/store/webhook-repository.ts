import { randomBytes, randomUUID } from "node:crypto";
import type { Kysely, Selectable, Transaction } from "kysely";
import type { NotificationEventType } from "../domain/notification-events.ts";
import type { WebhookTable } from "./notification-schema.ts";
import type { Database } from "./schema.ts";

/** A webhook as the API shows it: never its secret. */
export interface WebhookView {
  id: string;
  url: string;
  events: NotificationEventType[];
  enabled: boolean;
  description: string | null;
  disabled_reason: string | null;
  created_at: string;
  updated_at: string;
}

export interface WebhookInput {
  url: string;
  events: readonly NotificationEventType[];
  enabled: boolean;
  description: string | null;
}

/** Only the fields given change; `description: null` clears it. */
export type WebhookChange = Partial<WebhookInput>;

/**
 * A new signing secret in the Standard Webhooks form: `whsec_` and base64 of 32 random bytes
 * (the spec asks for 24–64 bytes).
 */
export function newWebhookSecret(): string {
  return `whsec_${randomBytes(32).toString("base64")}`;
}

/**
 * Outgoing webhook endpoints. Every change is written with its audit entry in one transaction;
 * the audit names fields and the URL's host, never the secret.
 */
export class WebhookRepository {
  constructor(private readonly db: Kysely<Database>) {}

  async list(): Promise<WebhookView[]> {
    const rows = await this.db
      .selectFrom("webhooks")
      .selectAll()
      .orderBy("created_at")
      .orderBy("id")
      .execute();
    return rows.map(view);
  }

  async get(id: string): Promise<WebhookView | undefined> {
    const row = await this.db.selectFrom("webhooks").selectAll().where("id", "=", id).executeTakeFirst();
    return row ? view(row) : undefined;
  }

  /** The endpoint with its secret, for signing only. */
  async forDelivery(id: string): Promise<Selectable<WebhookTable> | undefined> {
    return this.db.selectFrom("webhooks").selectAll().where("id", "=", id).executeTakeFirst();
  }

  /** Creates an endpoint; the secret is returned here and never again. */
  async create(
    input: WebhookInput,
    actor: string,
    now: string,
  ): Promise<{ webhook: WebhookView; secret: string }> {
    const secret = newWebhookSecret();
    const row: Selectable<WebhookTable> = {
      id: randomUUID(),
      url: input.url,
      events: JSON.stringify(input.events),
      enabled: input.enabled ? 1 : 0,
      description: input.description,
      secret,
      disabled_reason: null,
      created_at: now,
      updated_at: now,
    };
    await this.db.transaction().execute(async (trx) => {
      await trx.insertInto("webhooks").values(row).execute();
      await audit(trx, actor, "webhook.create", row.id, { host: host(row.url), events: input.events }, now);
    });
    return { webhook: view(row), secret };
  }

  async update(
    id: string,
    change: WebhookChange,
    actor: string,
    now: string,
  ): Promise<WebhookView | undefined> {
    return this.db.transaction().execute(async (trx) => {
      const row = await trx.selectFrom("webhooks").selectAll().where("id", "=", id).executeTakeFirst();
      if (!row) return undefined;
      const set: Partial<WebhookTable> = {};
      if (change.url !== undefined) set.url = change.url;
      if (change.events !== undefined) set.events = JSON.stringify(change.events);
      if (change.description !== undefined) set.description = change.description;
      if (change.enabled !== undefined) {
        set.enabled = change.enabled ? 1 : 0;
        // Switched on again by a person: the dispatcher's reason no longer holds.
        if (change.enabled) set.disabled_reason = null;
      }
      const fields = Object.keys(set).filter((f) => f !== "disabled_reason");
      if (fields.length === 0) return view(row);
      await trx
        .updateTable("webhooks")
        .set({ ...set, updated_at: now })
        .where("id", "=", id)
        .execute();
      await audit(trx, actor, "webhook.update", id, { fields, host: host(set.url ?? row.url) }, now);
      return view({ ...row, ...set, updated_at: now });
    });
  }

  /** Deletes the endpoint and its delivery log. */
  async remove(id: string, actor: string, now: string): Promise<boolean> {
    return this.db.transaction().execute(async (trx) => {
      const row = await trx
        .selectFrom("webhooks")
        .select(["id", "url"])
        .where("id", "=", id)
        .executeTakeFirst();
      if (!row) return false;
      await trx
        .deleteFrom("notification_deliveries")
        .where("channel", "=", "webhook")
        .where("target", "=", id)
        .execute();
      await trx.deleteFrom("webhooks").where("id", "=", id).execute();
      await audit(trx, actor, "webhook.delete", id, { host: host(row.url) }, now);
      return true;
    });
  }

  /** Replaces the secret; the new one is returned here and never again. Deliveries not yet sent use it. */
  async rotateSecret(id: string, actor: string, now: string): Promise<string | undefined> {
    const secret = newWebhookSecret();
    return this.db.transaction().execute(async (trx) => {
      const done = await trx
        .updateTable("webhooks")
        .set({ secret, updated_at: now })
        .where("id", "=", id)
        .executeTakeFirst();
      if (Number(done.numUpdatedRows) === 0) return undefined;
      await audit(trx, actor, "webhook.rotate_secret", id, {}, now);
      return secret;
    });
  }

  /** The dispatcher switches an endpoint off (e.g. 410 Gone); audited with the system as actor. */
  async disable(id: string, reason: string, now: string): Promise<void> {
    await this.db.transaction().execute(async (trx) => {
      const done = await trx
        .updateTable("webhooks")
        .set({ enabled: 0, disabled_reason: reason, updated_at: now })
        .where("id", "=", id)
        .where("enabled", "=", 1)
        .executeTakeFirst();
      if (Number(done.numUpdatedRows) > 0) {
        await audit(trx, "notifications", "webhook.disable", id, { reason }, now);
      }
    });
  }
}

function host(url: string): string {
  try {
    return new URL(url).host;
  } catch {
    return "";
  }
}

async function audit(
  trx: Transaction<Database>,
  actor: string,
  action: string,
  id: string,
  details: unknown,
  now: string,
): Promise<void> {
  await trx
    .insertInto("audit_log")
    .values({ at: now, actor, action, target: `webhook:${id}`, details: JSON.stringify(details) })
    .execute();
}

function view(r: Selectable<WebhookTable>): WebhookView {
  return {
    id: r.id,
    url: r.url,
    events: JSON.parse(r.events) as NotificationEventType[],
    enabled: r.enabled === 1,
    description: r.description,
    disabled_reason: r.disabled_reason,
    created_at: r.created_at,
    updated_at: r.updated_at,
  };
}
