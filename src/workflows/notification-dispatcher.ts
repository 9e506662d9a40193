import { z } from "zod";
import { CaseOpenedPayload } from "../domain/notification-events.ts";
import { DeliveryRepository, type DueDelivery } from "../store/delivery-repository.ts";
import type { Store } from "../store/index.ts";
import { WebhookRepository } from "../store/webhook-repository.ts";
import { caseOpenedEmail, MAIL_LANGUAGES, type MailLanguage } from "./case-email.ts";
import type { Mailer } from "./mail-sender.ts";
import { dashboardLink, type NotificationSettings } from "./notification-settings.ts";
import { nextAttemptAt } from "./retry-schedule.ts";
import { type SendOutcome, sendWebhook } from "./webhook-sender.ts";

export interface DispatchDeps {
  store: Store;
  settings: NotificationSettings;
  /** Null or absent: e-mail is off, and no e-mail deliveries are made. */
  mailer?: Mailer | null;
  /** Jitter source of the retry schedule (Math.random by default). */
  random?: () => number;
  /** A receiver's time to answer (default 10 s). */
  webhookTimeoutMs?: number;
}

export interface DispatchSummary {
  /** Events fanned out into deliveries. */
  events: number;
  attempted: number;
  delivered: number;
  /** Failed this time and due again later. */
  retrying: number;
  /** Failed for good: out of attempts, or the webhook answered 410 (and was switched off). */
  failed: number;
  /** Settled without an attempt: the webhook is off or gone, the recipient's account is gone. */
  cancelled: number;
  /** Settled events older than OUTBOX_RETENTION_DAYS deleted with their logs. */
  pruned: number;
}

/** A claimed delivery is due again after this long if its process dies while sending it. */
const LEASE_MS = 5 * 60_000;
/** Deliveries sent side by side. */
const PARALLEL = 8;
/** Settled events and their delivery logs are kept this long, then deleted. */
export const OUTBOX_RETENTION_DAYS = 30;

/**
 * Delivers what is due at `now`: first fans new outbox events out into deliveries (each enabled
 * webhook that wants the event's type; e-mail to a case's new owner when SMTP is configured), then
 * makes one attempt of each delivery whose time has come, and logs it. A failure is retried on the
 * schedule of retry-schedule.ts; a 410 switches the webhook off. Written as one job-like unit
 * (no state between calls, `now` given) so that the server's timer, `kohtaamo notify` and later a
 * graphile-worker job (issue 14) run the same code. Returns what it did.
 */
export async function deliverDueNotifications(
  deps: DispatchDeps,
  options: { now?: string; limit?: number } = {},
): Promise<DispatchSummary> {
  const now = options.now ?? new Date().toISOString();
  const limit = options.limit ?? 200;
  const webhooks = new WebhookRepository(deps.store.db);
  const deliveries = new DeliveryRepository(deps.store.db);
  const summary: DispatchSummary = {
    events: 0,
    attempted: 0,
    delivered: 0,
    retrying: 0,
    failed: 0,
    cancelled: 0,
    pruned: 0,
  };

  const enabled = (await webhooks.list()).filter((w) => w.enabled);
  const targets = {
    webhooks: enabled.map((w) => ({ id: w.id, events: w.events, createdAt: w.created_at })),
    email: Boolean(deps.mailer),
  };
  for (let round = 0; round < 20; round++) {
    const taken = await deliveries.fanOut(targets, now, 500);
    summary.events += taken;
    if (taken < 500) break;
  }

  const due = await deliveries.due(now, limit);
  const leaseUntil = new Date(Date.parse(now) + LEASE_MS).toISOString();
  for (let i = 0; i < due.length; i += PARALLEL) {
    await Promise.all(
      due.slice(i, i + PARALLEL).map(async (d) => {
        if (!(await deliveries.claim(d, leaseUntil))) return;
        const outcome = await attempt(deps, webhooks, deliveries, d);
        if (outcome === "cancelled") {
          await deliveries.cancel(d.id);
          summary.cancelled++;
          return;
        }
        summary.attempted++;
        const made = d.attempts + 1;
        const next = outcome.result === "retry" ? nextAttemptAt(made, now, deps.random) : null;
        const status = outcome.result === "delivered" ? "delivered" : next ? "pending" : "failed";
        await deliveries.recordAttempt(d, {
          at: now,
          statusCode: outcome.statusCode,
          durationMs: outcome.durationMs,
          error: outcome.error,
          nextAttemptAt: next,
          status,
        });
        if (outcome.result === "gone") {
          await webhooks.disable(d.target, "the receiver answered 410 Gone", now);
        }
        if (status === "delivered") summary.delivered++;
        else if (status === "pending") summary.retrying++;
        else summary.failed++;
      }),
    );
  }
  summary.pruned = await deliveries.prune(
    new Date(Date.parse(now) - OUTBOX_RETENTION_DAYS * 86_400_000).toISOString(),
  );
  return summary;
}

async function attempt(
  deps: DispatchDeps,
  webhooks: WebhookRepository,
  deliveries: DeliveryRepository,
  d: DueDelivery,
): Promise<SendOutcome | "cancelled"> {
  if (d.channel === "webhook") {
    const endpoint = await webhooks.forDelivery(d.target);
    if (endpoint?.enabled !== 1) return "cancelled";
    return sendWebhook(endpoint, webhookMessage(deps.settings, d), {
      ...(deps.webhookTimeoutMs ? { timeoutMs: deps.webhookTimeoutMs } : {}),
    });
  }
  const recipient = await deliveries.recipient(d.target);
  if (!recipient || !deps.mailer) return "cancelled";
  // case.opened, or case.updated that gave the case to this recipient (store/delivery-repository.ts).
  const payload = CaseOpenedPayload.parse(d.event.payload);
  const language = (MAIL_LANGUAGES as readonly string[]).includes(recipient.language ?? "")
    ? (recipient.language as MailLanguage)
    : deps.settings.mailLanguage;
  const content = caseOpenedEmail(payload, {
    language,
    timeZone: deps.settings.timeZone,
    link: dashboardLink(deps.settings, payload.path),
    given: d.event.type === "case.updated",
  });
  const started = performance.now();
  try {
    await deps.mailer.send(recipient.email, content);
    return { result: "delivered", statusCode: null, durationMs: performance.now() - started, error: null };
  } catch (cause) {
    const e = cause as { responseCode?: number; code?: string; message?: string };
    return {
      result: "retry",
      statusCode: typeof e.responseCode === "number" ? e.responseCode : null,
      durationMs: performance.now() - started,
      error: `${e.code ? `${e.code}: ` : ""}${String(e.message ?? cause).slice(0, 300)}`,
    };
  }
}

/**
 * The Standard Webhooks body: `{type, timestamp, data}`, data being the event's payload with the
 * case's absolute dashboard link. Built the same for every attempt; `webhook-id` is the event's id.
 */
export function webhookMessage(settings: NotificationSettings, d: Pick<DueDelivery, "event">) {
  const { path, ...data } = d.event.payload as { path?: string } & Record<string, unknown>;
  const body = JSON.stringify({
    type: d.event.type,
    timestamp: d.event.createdAt,
    data: { ...data, ...(typeof path === "string" ? { url: dashboardLink(settings, path) } : {}) },
  });
  return { id: `msg_${d.event.id}`, body };
}

/**
 * The dispatcher as a job definition ({ name, schema, handle }, CONVENTIONS 8): what a job queue
 * (graphile-worker, issue 14) will register. The payload may pin `now` (tests, replays).
 */
export const deliverNotificationsJob = {
  name: "notifications.deliver",
  schema: z.object({ now: z.iso.datetime().optional(), limit: z.number().int().min(1).max(5000).optional() }),
  handle: (deps: DispatchDeps, payload: { now?: string | undefined; limit?: number | undefined }) =>
    deliverDueNotifications(deps, {
      ...(payload.now ? { now: payload.now } : {}),
      ...(payload.limit ? { limit: payload.limit } : {}),
    }),
} as const;
