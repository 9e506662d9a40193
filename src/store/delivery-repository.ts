import type { Kysely } from "kysely";
import type { NotificationEventType } from "../domain/notification-events.ts";
import type { Database } from "./schema.ts";

export type DeliveryChannel = "webhook" | "email";
export type DeliveryStatus = "pending" | "delivered" | "failed" | "cancelled";

/** A delivery that is due, with its event. */
export interface DueDelivery {
  id: number;
  channel: DeliveryChannel;
  target: string;
  attempts: number;
  nextAttemptAt: string;
  event: { id: string; type: NotificationEventType; payload: Record<string, unknown>; createdAt: string };
}

export interface AttemptRecord {
  at: string;
  statusCode: number | null;
  durationMs: number;
  error: string | null;
  /** When to try again; null when this attempt settled the delivery. */
  nextAttemptAt: string | null;
  status: DeliveryStatus;
}

export interface DeliveryLogEntry {
  id: number;
  event_id: string;
  event_type: string;
  /** The webhook's id, or the e-mail recipient's user id. */
  target: string;
  status: DeliveryStatus;
  attempts: number;
  next_attempt_at: string | null;
  created_at: string;
  log: {
    attempt: number;
    at: string;
    status_code: number | null;
    duration_ms: number;
    error: string | null;
    next_attempt_at: string | null;
  }[];
}

/** Who gets what when an event is fanned out: the enabled webhooks and whether e-mail is on. */
export interface FanOutTargets {
  webhooks: readonly { id: string; events: readonly string[]; createdAt: string }[];
  /** E-mail goes to a case's owner when it is opened or given to them, only when SMTP is configured. */
  email: boolean;
}

/**
 * Who is e-mailed about an event: the owner of a newly opened case, and the new owner of a case
 * someone else gave them (not a person who took it themselves); nobody for other changes.
 */
function emailRecipient(type: string, payload: string): string | null {
  const p = JSON.parse(payload) as { owner_id?: string | null; changed?: string[]; actor?: string };
  if (!p.owner_id) return null;
  if (type === "case.opened") return p.owner_id;
  if (type === "case.updated" && p.changed?.includes("owner") && p.actor !== `user:${p.owner_id}`) {
    return p.owner_id;
  }
  return null;
}

/**
 * The outbox's deliveries: one row per (event, channel, target), a unique key, so fanning an
 * event out twice (two processes, a retry after a crash) makes no second delivery. Every attempt
 * is a row of notification_attempts.
 */
export class DeliveryRepository {
  constructor(private readonly db: Kysely<Database>) {}

  /**
   * Makes the deliveries of events not fanned out yet (oldest first, at most `limit`) and marks
   * them fanned out, in one transaction. A webhook gets the events of its types written after it
   * was created, so a new endpoint is not flooded with the past. Returns how many events it took.
   */
  async fanOut(targets: FanOutTargets, now: string, limit = 500): Promise<number> {
    return this.db.transaction().execute(async (trx) => {
      const events = await trx
        .selectFrom("outbox_events")
        .select(["id", "type", "payload", "created_at"])
        .where("fanned_out_at", "is", null)
        .orderBy("created_at")
        .orderBy("id")
        .limit(limit)
        .execute();
      if (events.length === 0) return 0;
      const rows: { event_id: string; channel: DeliveryChannel; target: string }[] = [];
      for (const e of events) {
        for (const w of targets.webhooks) {
          if (w.events.includes(e.type) && w.createdAt <= e.created_at) {
            rows.push({ event_id: e.id, channel: "webhook", target: w.id });
          }
        }
        const owner = targets.email ? emailRecipient(e.type, e.payload) : null;
        if (owner) rows.push({ event_id: e.id, channel: "email", target: owner });
      }
      for (let i = 0; i < rows.length; i += 200) {
        await trx
          .insertInto("notification_deliveries")
          .values(
            rows.slice(i, i + 200).map((r) => ({
              ...r,
              status: "pending",
              attempts: 0,
              next_attempt_at: now,
              last_attempt_at: null,
              created_at: now,
            })),
          )
          .onConflict((oc) => oc.columns(["event_id", "channel", "target"]).doNothing())
          .execute();
      }
      await trx
        .updateTable("outbox_events")
        .set({ fanned_out_at: now })
        .where(
          "id",
          "in",
          events.map((e) => e.id),
        )
        .where("fanned_out_at", "is", null)
        .execute();
      return events.length;
    });
  }

  /** Pending deliveries whose next attempt is at or before `now`, the most overdue first. */
  async due(now: string, limit: number): Promise<DueDelivery[]> {
    const rows = await this.db
      .selectFrom("notification_deliveries as d")
      .innerJoin("outbox_events as e", "e.id", "d.event_id")
      .select([
        "d.id",
        "d.channel",
        "d.target",
        "d.attempts",
        "d.next_attempt_at",
        "e.id as event_id",
        "e.type",
        "e.payload",
        "e.created_at as event_created_at",
      ])
      .where("d.status", "=", "pending")
      .where("d.next_attempt_at", "<=", now)
      .orderBy("d.next_attempt_at")
      .orderBy("d.id")
      .limit(limit)
      .execute();
    return rows.map((r) => ({
      id: Number(r.id),
      channel: r.channel as DeliveryChannel,
      target: r.target,
      attempts: r.attempts,
      nextAttemptAt: r.next_attempt_at ?? now,
      event: {
        id: r.event_id,
        type: r.type as NotificationEventType,
        payload: JSON.parse(r.payload) as Record<string, unknown>,
        createdAt: r.event_created_at,
      },
    }));
  }

  /**
   * Takes a due delivery for this process by moving its next attempt to `leaseUntil` (compare and
   * set): another process that read it as due gets false. If this process dies while sending, the
   * delivery is due again after the lease, so it is sent at least once (receivers dedupe by id).
   */
  async claim(delivery: DueDelivery, leaseUntil: string): Promise<boolean> {
    const done = await this.db
      .updateTable("notification_deliveries")
      .set({ next_attempt_at: leaseUntil })
      .where("id", "=", delivery.id)
      .where("status", "=", "pending")
      .where("next_attempt_at", "=", delivery.nextAttemptAt)
      .executeTakeFirst();
    return Number(done.numUpdatedRows) === 1;
  }

  /** Logs one attempt and moves the delivery on, in one transaction. */
  async recordAttempt(delivery: DueDelivery, attempt: AttemptRecord): Promise<void> {
    const number = delivery.attempts + 1;
    await this.db.transaction().execute(async (trx) => {
      await trx
        .insertInto("notification_attempts")
        .values({
          delivery_id: delivery.id,
          attempt: number,
          at: attempt.at,
          status_code: attempt.statusCode,
          duration_ms: Math.round(attempt.durationMs),
          error: attempt.error,
          next_attempt_at: attempt.nextAttemptAt,
        })
        .execute();
      await trx
        .updateTable("notification_deliveries")
        .set({
          status: attempt.status,
          attempts: number,
          next_attempt_at: attempt.nextAttemptAt,
          last_attempt_at: attempt.at,
        })
        .where("id", "=", delivery.id)
        .execute();
    });
  }

  /** Settles a delivery without an attempt (its webhook was switched off or deleted, its recipient left). */
  async cancel(deliveryId: number): Promise<void> {
    await this.db
      .updateTable("notification_deliveries")
      .set({ status: "cancelled", next_attempt_at: null })
      .where("id", "=", deliveryId)
      .where("status", "=", "pending")
      .execute();
  }

  /** A target's deliveries, newest first, each with its attempts in order. */
  async log(
    channel: DeliveryChannel,
    target: string | undefined,
    options: { limit: number; before?: number },
  ): Promise<DeliveryLogEntry[]> {
    let q = this.db
      .selectFrom("notification_deliveries as d")
      .innerJoin("outbox_events as e", "e.id", "d.event_id")
      .select([
        "d.id",
        "d.event_id",
        "d.target",
        "e.type",
        "d.status",
        "d.attempts",
        "d.next_attempt_at",
        "d.created_at",
      ])
      .where("d.channel", "=", channel)
      .orderBy("d.id", "desc")
      .limit(options.limit);
    if (target !== undefined) q = q.where("d.target", "=", target);
    if (options.before !== undefined) q = q.where("d.id", "<", options.before);
    const rows = await q.execute();
    if (rows.length === 0) return [];
    const attempts = await this.db
      .selectFrom("notification_attempts")
      .selectAll()
      .where(
        "delivery_id",
        "in",
        rows.map((r) => Number(r.id)),
      )
      .orderBy("delivery_id")
      .orderBy("attempt")
      .execute();
    return rows.map((r) => ({
      id: Number(r.id),
      event_id: r.event_id,
      event_type: r.type,
      target: r.target,
      status: r.status as DeliveryStatus,
      attempts: r.attempts,
      next_attempt_at: r.status === "pending" ? r.next_attempt_at : null,
      created_at: r.created_at,
      log: attempts
        .filter((a) => Number(a.delivery_id) === Number(r.id))
        .map((a) => ({
          attempt: a.attempt,
          at: a.at,
          status_code: a.status_code,
          duration_ms: a.duration_ms,
          error: a.error,
          next_attempt_at: a.next_attempt_at,
        })),
    }));
  }

  /**
   * Deletes events fanned out before `cutoff` that have nothing pending, with their deliveries and
   * attempt logs (foreign keys cascade). Returns how many events went.
   */
  async prune(cutoff: string): Promise<number> {
    const done = await this.db
      .deleteFrom("outbox_events")
      .where("fanned_out_at", "<", cutoff)
      .where(({ not, exists, selectFrom }) =>
        not(
          exists(
            selectFrom("notification_deliveries as d")
              .select("d.id")
              .whereRef("d.event_id", "=", "outbox_events.id")
              .where("d.status", "=", "pending"),
          ),
        ),
      )
      .executeTakeFirst();
    return Number(done.numDeletedRows);
  }

  /** Deliveries by channel and status, and events not fanned out yet: what the status endpoint shows. */
  async counts(): Promise<{
    unfannedEvents: number;
    deliveries: { channel: string; status: string; n: number }[];
  }> {
    const unfanned = await this.db
      .selectFrom("outbox_events")
      .select((eb) => eb.fn.countAll<number>().as("n"))
      .where("fanned_out_at", "is", null)
      .executeTakeFirst();
    const rows = await this.db
      .selectFrom("notification_deliveries")
      .select(["channel", "status", (eb) => eb.fn.countAll<number>().as("n")])
      .groupBy(["channel", "status"])
      .orderBy("channel")
      .orderBy("status")
      .execute();
    return {
      unfannedEvents: Number(unfanned?.n ?? 0),
      deliveries: rows.map((r) => ({ channel: r.channel, status: r.status, n: Number(r.n) })),
    };
  }

  /** The e-mail address and chosen language of a user (undefined once the account is gone). */
  async recipient(userId: string): Promise<{ email: string; language: string | null } | undefined> {
    const row = await this.db
      .selectFrom("users")
      .leftJoin("notification_preferences as p", "p.user_id", "users.id")
      .select(["users.email", "p.language"])
      .where("users.id", "=", userId)
      .executeTakeFirst();
    return row ? { email: row.email, language: row.language } : undefined;
  }

  async language(userId: string): Promise<string | null> {
    const row = await this.db
      .selectFrom("notification_preferences")
      .select("language")
      .where("user_id", "=", userId)
      .executeTakeFirst();
    return row?.language ?? null;
  }

  async setLanguage(userId: string, language: string, now: string): Promise<void> {
    await this.db
      .insertInto("notification_preferences")
      .values({ user_id: userId, language, updated_at: now })
      .onConflict((oc) => oc.column("user_id").doUpdateSet({ language, updated_at: now }))
      .execute();
  }
}
