import { z } from "zod";
import { evaluateThemeAlerts } from "../workflows/theme-alerts.ts";
import { defineJobKind } from "./job-kind.ts";

/**
 * Hourly: announces newly emerging themes as alert.theme_emerging events (workflows/theme-alerts.ts).
 * Idempotent: an emergence already in theme_alerts is not announced again, so a retried or doubled
 * run writes nothing twice. The payload may pin `now` (tests, replays).
 */
export const evaluateAlertsKind = defineJobKind({
  name: "alerts.evaluate",
  description: "announce newly emerging themes to the webhooks that want alert events",
  schema: z.object({ now: z.iso.datetime().optional() }),
  handle: (ctx, payload) =>
    evaluateThemeAlerts(ctx.store, {
      now: payload.now ?? new Date().toISOString(),
      timeZone: ctx.notifications.settings.timeZone,
    }),
  maxAttempts: 3,
  backoffMs: 60_000,
  every: 3_600_000,
});
