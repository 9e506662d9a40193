import type { Kysely } from "kysely";
import { DateTime } from "luxon";
import type { NotificationEvent, NotificationPayload } from "../domain/notification-events.ts";
import { proportionEstimate } from "../stats/proportion-estimate.ts";
import type { Store } from "../store/index.ts";
import { writeOutboxEvents } from "../store/outbox-writer.ts";
import { subscribedEventTypes } from "../store/record-events.ts";
import type { Database } from "../store/schema.ts";
import { loadEncounterThemeMonths } from "./report-cube.ts";
import { EMERGING_BASELINE, themesReport } from "./themes-report.ts";

/** Table of migration 0019: emergences already announced. */
interface ThemeAlertTable {
  theme_id: string;
  period: string;
  announced_at: string;
}
type AlertDatabase = Database & { theme_alerts: ThemeAlertTable };

export interface ThemeAlertSummary {
  /** The months looked at: the current one and the one before (YYYY-MM). */
  periods: string[];
  /** Themes the report calls emerging in those months. */
  emerging: number;
  /** alert.theme_emerging events written now (the others were announced before). */
  announced: number;
  /** True when no enabled webhook wants alert.theme_emerging: nothing was computed. */
  skipped: boolean;
}

/**
 * Announces newly emerging themes: reads the themes report (workflows/themes-report.ts, `emerging`:
 * a month whose share of analysed encounters is significantly above the theme's baseline, Holm-
 * adjusted, ≥ EMERGING_MIN_RATIO) over the baseline months and the current month, and writes one
 * alert.theme_emerging event for each theme whose emergence falls in the current month or the one
 * before (so a month's last hours are not lost at the turn of the month). A row per (theme, month)
 * in theme_alerts, inserted in the same transaction as the event, makes it once: the next hourly run
 * finds it announced. Does nothing when no webhook subscribes (the report is not computed then).
 *
 * Example: billing in 1 of 30 encounters a month for five months, then 15 of 30 in June → one event
 * for (billing, 2026-06) with share 50% [33.2, 66.8], ratio ≈ 14.
 */
export async function evaluateThemeAlerts(
  store: Store,
  options: { now: string; timeZone: string },
): Promise<ThemeAlertSummary> {
  const current = DateTime.fromISO(options.now, { zone: "utc" }).setZone(options.timeZone).startOf("month");
  const periods = [current.minus({ months: 1 }), current].map((m) => m.toFormat("yyyy-MM"));
  if (!(await subscribedEventTypes(store.db)).has("alert.theme_emerging")) {
    return { periods, emerging: 0, announced: 0, skipped: true };
  }
  const filter = {
    from: current.minus({ months: EMERGING_BASELINE.months }).toUTC().toISO() as string,
    to: current.plus({ months: 1 }).toUTC().toISO() as string,
  };
  const cube = { timeZone: options.timeZone };
  const report = await themesReport(store, filter, cube);
  const volumes = await loadEncounterThemeMonths(store, filter, cube);
  const events: { theme: string; period: string; payload: NotificationPayload<"alert.theme_emerging"> }[] =
    [];
  for (const t of report.themes) {
    const e = t.emerging;
    if (!e || !periods.includes(e.month)) continue;
    const m = volumes.months.indexOf(e.month);
    const count = volumes.themes.get(t.theme)?.monthly[m] ?? 0;
    const share = proportionEstimate(count, volumes.monthTotals[m] ?? 0);
    const over = (x: number) => (e.baselineShare > 0 ? round(x / e.baselineShare) : null);
    events.push({
      theme: t.theme,
      period: e.month,
      payload: {
        theme: { id: t.theme, name: t.name },
        period: e.month,
        growth: {
          share: { value: share.value, low: share.low, high: share.high, n: share.n },
          baseline_share: e.baselineShare,
          ratio: { value: e.ratio ?? null, low: over(share.low), high: over(share.high) },
          p_value: e.pValue,
          baseline_months: Math.min(m, EMERGING_BASELINE.months),
        },
        path: `/themes/${encodeURIComponent(t.theme)}`,
      },
    });
  }
  const announced = await announce(store.db as unknown as Kysely<AlertDatabase>, events, options.now);
  return { periods, emerging: events.length, announced, skipped: false };
}

/** Inserts each (theme, period) not announced yet and writes its event, in one transaction. */
async function announce(
  db: Kysely<AlertDatabase>,
  events: { theme: string; period: string; payload: NotificationPayload<"alert.theme_emerging"> }[],
  now: string,
): Promise<number> {
  if (events.length === 0) return 0;
  return db.transaction().execute(async (trx) => {
    const fresh = await trx
      .insertInto("theme_alerts")
      .values(events.map((e) => ({ theme_id: e.theme, period: e.period, announced_at: now })))
      .onConflict((oc) => oc.columns(["theme_id", "period"]).doNothing())
      .returning(["theme_id", "period"])
      .execute();
    const wanted = new Set(fresh.map((f) => `${f.theme_id}\u0000${f.period}`));
    const out: NotificationEvent[] = events
      .filter((e) => wanted.has(`${e.theme}\u0000${e.period}`))
      .map((e) => ({ type: "alert.theme_emerging", payload: e.payload }));
    await writeOutboxEvents(trx as unknown as Kysely<Database>, out, now);
    return out.length;
  });
}

function round(x: number): number {
  return Math.round(x * 100) / 100;
}
