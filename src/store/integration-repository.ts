import { randomUUID } from "node:crypto";
import { setTimeout as sleep } from "node:timers/promises";
import type { Kysely, Selectable, Transaction } from "kysely";
import type { SecretBox } from "../auth/secret-box.ts";
import { KohtaamoError } from "../domain/index.ts";
import { appendAudit } from "./audit-writer.ts";
import type { IntegrationDatabase, IntegrationTable } from "./integration-schema.ts";
import type { Database } from "./schema.ts";

/** Delivery ids that are leases (withLease), not deliveries: vendors' ids never start so. */
const LEASE = "lease:";

export const INTEGRATION_KINDS = ["formbricks", "chatwoot", "zendesk", "webhook"] as const;
export type IntegrationKind = (typeof INTEGRATION_KINDS)[number];

/** An integration as the API shows it: whether it has a secret, never the secret. */
export interface IntegrationView {
  id: string;
  kind: IntegrationKind;
  name: string;
  has_secret: boolean;
  mapping: Record<string, unknown>;
  settings: Record<string, unknown>;
  enabled: boolean;
  created_by: string;
  created_at: string;
  updated_at: string;
  last_delivery_at: string | null;
  last_error: string | null;
  last_error_at: string | null;
  /** The last error's stable code and parameters, for a UI to word in its language; null when none. */
  last_error_code: string | null;
  last_error_params: ErrorParams | null;
}

/** What a delivery or pull wrote of each stream (a vendor listing or a record kind). */
export interface StreamCount {
  new: number;
  updated: number;
  unchanged: number;
  rejected: number;
}
export type StreamCounts = Record<string, StreamCount>;
export type ErrorParams = Record<string, string | number>;

/** An error as stored: the English text (kept for API clients that read it), its code and parameters. */
/** Why a finished delivery stored nothing: a code of ingest/sources/ignore-reasons.ts and its parameters. */
export interface IgnoredReason {
  code: string;
  params: Record<string, string>;
}

export interface NotedError {
  text: string;
  code?: string;
  params?: ErrorParams;
}

export interface IntegrationInput {
  kind: IntegrationKind;
  name: string;
  secret: string | null;
  mapping: Record<string, unknown>;
  settings: Record<string, unknown>;
  enabled: boolean;
}

/** Only the fields given change; `secret: null` removes the secret. */
export type IntegrationChange = Partial<Omit<IntegrationInput, "kind">>;

/** What the hook route needs: the integration and its secret in plain text (only for verifying). */
export interface IntegrationForHook {
  view: IntegrationView;
  secret: string | null;
}

/**
 * Inbound integrations and the deliveries they took in. Secrets are sealed before they are written
 * (the record's id is the sealing context) and opened only for signature checks. Every change is
 * written with its audit entry in one transaction; the audit names fields, never the secret.
 */
export class IntegrationRepository {
  private readonly db: Kysely<IntegrationDatabase>;

  constructor(
    db: Kysely<Database>,
    private readonly box: () => SecretBox,
  ) {
    this.db = db as unknown as Kysely<IntegrationDatabase>;
  }

  async list(): Promise<IntegrationView[]> {
    const rows = await this.db
      .selectFrom("integrations")
      .selectAll()
      .orderBy("created_at")
      .orderBy("id")
      .execute();
    return rows.map(view);
  }

  async get(id: string): Promise<IntegrationView | undefined> {
    const row = await this.db.selectFrom("integrations").selectAll().where("id", "=", id).executeTakeFirst();
    return row ? view(row) : undefined;
  }

  async forHook(id: string): Promise<IntegrationForHook | undefined> {
    const row = await this.db.selectFrom("integrations").selectAll().where("id", "=", id).executeTakeFirst();
    if (!row) return undefined;
    return { view: view(row), secret: row.secret_sealed ? this.box().open(row.secret_sealed, row.id) : null };
  }

  async create(input: IntegrationInput, actor: string, now: string): Promise<IntegrationView> {
    const id = randomUUID();
    const row: Selectable<IntegrationTable> = {
      id,
      kind: input.kind,
      name: input.name,
      secret_sealed: input.secret ? this.box().seal(input.secret, id) : null,
      mapping: JSON.stringify(input.mapping),
      settings: JSON.stringify(input.settings),
      enabled: input.enabled ? 1 : 0,
      created_by: actor,
      created_at: now,
      updated_at: now,
      last_delivery_at: null,
      last_error: null,
      last_error_at: null,
      last_error_code: null,
      last_error_params: null,
    };
    await this.db.transaction().execute(async (trx) => {
      await trx.insertInto("integrations").values(row).execute();
      await audit(trx, actor, "integration.create", id, { kind: input.kind, name: input.name }, now);
    });
    return view(row);
  }

  async update(
    id: string,
    change: IntegrationChange,
    actor: string,
    now: string,
  ): Promise<IntegrationView | undefined> {
    return this.db.transaction().execute(async (trx) => {
      const row = await trx.selectFrom("integrations").selectAll().where("id", "=", id).executeTakeFirst();
      if (!row) return undefined;
      const set: Partial<IntegrationTable> = {};
      if (change.name !== undefined) set.name = change.name;
      if (change.mapping !== undefined) set.mapping = JSON.stringify(change.mapping);
      if (change.settings !== undefined) set.settings = JSON.stringify(change.settings);
      if (change.enabled !== undefined) set.enabled = change.enabled ? 1 : 0;
      if (change.secret !== undefined) {
        set.secret_sealed = change.secret === null ? null : this.box().seal(change.secret, id);
      }
      const fields = Object.keys(set).map((f) => (f === "secret_sealed" ? "secret" : f));
      if (fields.length === 0) return view(row);
      await trx
        .updateTable("integrations")
        .set({ ...set, updated_at: now })
        .where("id", "=", id)
        .execute();
      await audit(trx, actor, "integration.update", id, { fields, name: set.name ?? row.name }, now);
      return view({ ...row, ...set, updated_at: now });
    });
  }

  /** Deletes the integration and its delivery log; records it brought in stay. */
  async remove(id: string, actor: string, now: string): Promise<boolean> {
    return this.db.transaction().execute(async (trx) => {
      const row = await trx
        .selectFrom("integrations")
        .select(["kind", "name"])
        .where("id", "=", id)
        .executeTakeFirst();
      if (!row) return false;
      await trx.deleteFrom("integration_deliveries").where("integration_id", "=", id).execute();
      await trx.deleteFrom("integrations").where("id", "=", id).execute();
      await audit(trx, actor, "integration.delete", id, row, now);
      return true;
    });
  }

  /**
   * Claims a delivery id before its records are written: false when it was taken in already (a
   * redelivery, answered without storing anything). A failed delivery is released for the retry.
   */
  async claimDelivery(
    integrationId: string,
    deliveryId: string,
    event: string,
    now: string,
  ): Promise<boolean> {
    const done = await this.db
      .insertInto("integration_deliveries")
      .values({
        integration_id: integrationId,
        delivery_id: deliveryId,
        event,
        received_at: now,
        outcome: "processing",
      })
      .onConflict((oc) => oc.columns(["integration_id", "delivery_id"]).doNothing())
      .executeTakeFirst();
    return Number(done.numInsertedOrUpdatedRows ?? 0) > 0;
  }

  async finishDelivery(
    integrationId: string,
    deliveryId: string,
    outcome: string,
    now: string,
    counts: StreamCounts | null = null,
    ignored: IgnoredReason | null = null,
  ): Promise<void> {
    await this.db.transaction().execute(async (trx) => {
      await trx
        .updateTable("integration_deliveries")
        .set({
          outcome,
          counts: counts ? JSON.stringify(counts) : null,
          code: ignored?.code ?? null,
          params: ignored ? JSON.stringify(ignored.params) : null,
        })
        .where("integration_id", "=", integrationId)
        .where("delivery_id", "=", deliveryId)
        .execute();
      await trx
        .updateTable("integrations")
        .set({ last_delivery_at: now })
        .where("id", "=", integrationId)
        .execute();
    });
  }

  async releaseDelivery(integrationId: string, deliveryId: string): Promise<void> {
    await this.db
      .deleteFrom("integration_deliveries")
      .where("integration_id", "=", integrationId)
      .where("delivery_id", "=", deliveryId)
      .execute();
  }

  /**
   * Runs `fn` holding a lease on `key` for this integration, across processes: a `lease:<key>` row
   * of the deliveries table, inserted or waited for (polling, no connection held while waiting) and
   * deleted afterwards. A lease older than `staleMs` was left by a killed process and is taken over;
   * after `waitMs` the caller gets a conflict (409), which vendors retry.
   */
  async withLease<T>(
    integrationId: string,
    key: string,
    fn: () => Promise<T>,
    { waitMs = 30_000, staleMs = 60_000 }: { waitMs?: number; staleMs?: number } = {},
  ): Promise<T> {
    const id = `${LEASE}${key}`;
    const started = Date.now();
    for (let attempt = 0; ; attempt++) {
      if (await this.claimDelivery(integrationId, id, "lease", new Date().toISOString())) break;
      const held = await this.db
        .selectFrom("integration_deliveries")
        .select("received_at")
        .where("integration_id", "=", integrationId)
        .where("delivery_id", "=", id)
        .executeTakeFirst();
      if (held && Date.parse(held.received_at) < Date.now() - staleMs) {
        await this.db
          .deleteFrom("integration_deliveries")
          .where("integration_id", "=", integrationId)
          .where("delivery_id", "=", id)
          .where("received_at", "=", held.received_at)
          .execute();
        continue;
      }
      if (Date.now() - started > waitMs) {
        throw new KohtaamoError("conflict", `${key} is being written by another delivery; retry later`);
      }
      await sleep(Math.min(20 * 2 ** Math.min(attempt, 4), 250));
    }
    try {
      return await fn();
    } finally {
      await this.releaseDelivery(integrationId, id);
    }
  }

  /** The last refusal or failure, for the admin's list (a reason, never payload text). */
  async noteError(integrationId: string, error: string | NotedError, now: string): Promise<void> {
    const noted = typeof error === "string" ? { text: error } : error;
    await this.db
      .updateTable("integrations")
      .set({
        last_error: noted.text.slice(0, 500),
        last_error_at: now,
        last_error_code: noted.code ?? null,
        last_error_params: noted.code ? JSON.stringify(noted.params ?? {}) : null,
      })
      .where("id", "=", integrationId)
      .execute();
  }

  /** The newest deliveries, of one event only when `event` is given (e.g. "pull"), for the admin's view. */
  async deliveries(integrationId: string, limit: number, event?: string) {
    const rows = await this.db
      .selectFrom("integration_deliveries")
      .select(["delivery_id", "event", "received_at", "outcome", "counts", "code", "params"])
      .where("integration_id", "=", integrationId)
      .where("delivery_id", "not like", `${LEASE}%`)
      .$if(event !== undefined, (q) => q.where("event", "=", event as string))
      .orderBy("received_at", "desc")
      .orderBy("delivery_id", "desc")
      .limit(limit)
      .execute();
    return rows.map((r) => ({
      ...r,
      counts: r.counts ? (JSON.parse(r.counts) as StreamCounts) : null,
      params: r.params ? (JSON.parse(r.params) as Record<string, string>) : null,
    }));
  }
}

/** The audit entry of a change to an integration, in its transaction. */
function audit(
  trx: Transaction<IntegrationDatabase>,
  actor: string,
  action: string,
  id: string,
  details: unknown,
  at: string,
): Promise<void> {
  // The integration tables extend Database; the audit log is one of its tables.
  const db = trx as unknown as Kysely<Database>;
  return appendAudit(db, { at, actor, action, target: `integration:${id}`, details });
}

function view(r: Selectable<IntegrationTable>): IntegrationView {
  return {
    id: r.id,
    kind: r.kind as IntegrationKind,
    name: r.name,
    has_secret: r.secret_sealed !== null,
    mapping: JSON.parse(r.mapping) as Record<string, unknown>,
    settings: JSON.parse(r.settings) as Record<string, unknown>,
    enabled: r.enabled === 1,
    created_by: r.created_by,
    created_at: r.created_at,
    updated_at: r.updated_at,
    last_delivery_at: r.last_delivery_at,
    last_error: r.last_error,
    last_error_at: r.last_error_at,
    last_error_code: r.last_error_code,
    last_error_params: r.last_error_params ? (JSON.parse(r.last_error_params) as ErrorParams) : null,
  };
}
