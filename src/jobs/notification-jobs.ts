import { z } from "zod";
import { DeliveryRepository } from "../store/delivery-repository.ts";
import { deliverNotificationsJob, OUTBOX_RETENTION_DAYS } from "../workflows/notification-dispatcher.ts";
import { defineJobKind } from "./job-kind.ts";
import { jobDb } from "./job-table.ts";

/** Finished jobs are kept this long for `kohtaamo jobs` (failed ones until retried or deleted by hand). */
export const DONE_JOB_RETENTION_DAYS = 7;

/**
 * One pass of the notification dispatcher (workflows/notification-dispatcher.ts). Idempotent as the
 * dispatcher is: fan-out has a unique key per event × channel × target, and a delivery attempt is
 * claimed by compare-and-set with a lease, so a retried or doubled pass sends nothing twice that was
 * already recorded (a pass killed between sending and recording sends that one again: at-least-once,
 * receivers dedupe by `webhook-id`).
 */
export const deliverNotificationsKind = defineJobKind({
  name: deliverNotificationsJob.name,
  description: "deliver due notifications (webhooks, e-mail) from the outbox",
  schema: deliverNotificationsJob.schema,
  handle: (ctx, payload) => deliverNotificationsJob.handle(ctx.notifications, payload),
  maxAttempts: 3,
  backoffMs: 5_000,
  every: 10_000,
});

/**
 * Retention of settled notification events with their delivery logs (after OUTBOX_RETENTION_DAYS)
 * and of finished job records (after DONE_JOB_RETENTION_DAYS). Deletes by age only: running it
 * twice deletes nothing more.
 */
export const retentionKind = defineJobKind({
  name: "retention.prune",
  description: "delete settled notification logs and old finished jobs",
  schema: z.object({ now: z.iso.datetime().optional() }),
  handle: async (ctx, payload) => {
    const now = Date.parse(payload.now ?? new Date().toISOString());
    const notifications = await new DeliveryRepository(ctx.store.db).prune(
      new Date(now - OUTBOX_RETENTION_DAYS * 86_400_000).toISOString(),
    );
    const jobs = await jobDb(ctx.store.db)
      .deleteFrom("jobs")
      .where("status", "=", "done")
      .where("finished_at", "<", new Date(now - DONE_JOB_RETENTION_DAYS * 86_400_000).toISOString())
      .executeTakeFirst();
    return { notifications, jobs: Number(jobs.numDeletedRows) };
  },
  maxAttempts: 3,
  backoffMs: 60_000,
  every: 3_600_000,
});
