import { sql } from "kysely";
import { Webhook } from "standardwebhooks";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { loadDefaultAnalyzer } from "../../src/analysis/default-analyzer.ts";
import type { RecordOfKind } from "../../src/domain/index.ts";
import { ingestPipeline, writeThroughPipeline } from "../../src/ingest/ingest-pipeline.ts";
import { evaluateAlertsKind } from "../../src/jobs/alert-jobs.ts";
import type { JobContext } from "../../src/jobs/job-kind.ts";
import type { Store } from "../../src/store/index.ts";
import { WebhookRepository } from "../../src/store/webhook-repository.ts";
import { type DispatchDeps, deliverDueNotifications } from "../../src/workflows/notification-dispatcher.ts";
import type { ThemeAlertSummary } from "../../src/workflows/theme-alerts.ts";
import { DIALECTS, freshStore } from "../support/databases.ts";
import { startReceiver, webhookOnlyDeps } from "../support/webhook-receiver.ts";

/**
 * alert.theme_emerging (issue 15 item 6) on both databases: billing is mentioned in 1 of 30
 * encounters a month for five months, then in 15 of 30 in June; the hourly alerts.evaluate job
 * announces it once, signed, to a loopback receiver, and not again on the next runs.
 */
const TZ = "Europe/Helsinki";
const BILLING = "Laskussani on virheellinen summa, veloititte minulta kahdesti samasta tilauksesta.";
const OTHER = "Kiitos nopeasta avusta, nyt toimii!";
const MONTHS = ["2026-01", "2026-02", "2026-03", "2026-04", "2026-05", "2026-06"];

function encounters(): RecordOfKind["encounters"][] {
  return MONTHS.flatMap((month, m) =>
    Array.from({ length: 30 }, (_, i) => {
      const billing = m === MONTHS.length - 1 ? i < 15 : i === 0;
      return {
        id: `e-${month}-${i}`,
        channel: "chat",
        startedAt: `${month}-${String(1 + (i % 27)).padStart(2, "0")}T09:00:00.000Z`,
        team: "Asiakaspalvelu Tampere",
        turns: [
          { seq: 0, speaker: "customer", text: billing ? BILLING : OTHER },
          { seq: 1, speaker: "agent", text: "Selvä, katsotaan asiaa." },
        ],
      } as RecordOfKind["encounters"];
    }),
  );
}

for (const dialect of DIALECTS) {
  describe(`theme alerts on ${dialect}`, () => {
    let store: Store;
    let dispose: () => Promise<void>;
    let receiver: Awaited<ReturnType<typeof startReceiver>>;
    let deps: DispatchDeps;
    let context: JobContext;
    let secret = "";
    const evaluate = (now: string) =>
      evaluateAlertsKind.handle(
        context,
        { now },
        { id: "t", attempt: 1, maxAttempts: 1 },
      ) as Promise<ThemeAlertSummary>;
    const alertEvents = async () =>
      Number(
        (
          await sql<{
            n: number;
          }>`select count(*) as n from outbox_events where type = 'alert.theme_emerging'`.execute(store.db)
        ).rows[0]?.n,
      );

    beforeAll(async () => {
      ({ store, dispose } = await freshStore(dialect));
      receiver = await startReceiver({ "/alerts": [200] });
      deps = webhookOnlyDeps(store, TZ);
      const analyzer = loadDefaultAnalyzer();
      context = { store, notifications: deps, analyzer: () => analyzer };
      await writeThroughPipeline(store, ingestPipeline({ analyzer }), "encounters", encounters());
    });
    afterAll(async () => {
      await receiver?.close();
      await dispose?.();
    });

    it("computes nothing and records nothing while no webhook wants alerts", async () => {
      expect(await evaluate("2026-06-20T12:00:00.000Z")).toEqual({
        periods: ["2026-05", "2026-06"],
        emerging: 0,
        announced: 0,
        skipped: true,
      });
      const rows = await sql<{ n: number }>`select count(*) as n from theme_alerts`.execute(store.db);
      expect(Number(rows.rows[0]?.n)).toBe(0);
      expect(await alertEvents()).toBe(0);
    });

    it("announces the emerging theme once, signed, with its growth and interval", async () => {
      const created = await new WebhookRepository(store.db).create(
        { url: receiver.url("/alerts"), events: ["alert.theme_emerging"], enabled: true, description: null },
        "test",
        "2026-06-20T11:00:00.000Z",
      );
      secret = created.secret;
      expect(await evaluate("2026-06-20T12:00:00.000Z")).toEqual({
        periods: ["2026-05", "2026-06"],
        emerging: 1,
        announced: 1,
        skipped: false,
      });
      await deliverDueNotifications(deps, { now: "2026-06-20T12:00:01.000Z" });
      const [delivery, ...more] = receiver.received("/alerts");
      expect(more).toHaveLength(0);
      if (!delivery) throw new Error("no alert delivered");
      const body = new Webhook(secret).verify(delivery.body, delivery.headers as Record<string, string>) as {
        type: string;
        data: {
          theme: { id: string; name: { fi: string; en: string } };
          period: string;
          growth: {
            share: { value: number; low: number; high: number; n: number };
            baseline_share: number;
            ratio: { value: number; low: number; high: number };
            p_value: number;
            baseline_months: number;
          };
          url: string;
        };
      };
      expect(body.type).toBe("alert.theme_emerging");
      const { data } = body;
      expect(data.theme).toEqual({ id: "billing", name: { fi: expect.any(String), en: expect.any(String) } });
      expect(data.period).toBe("2026-06");
      expect(data.url).toBe("https://cx.example.org/themes/billing");
      // 15 of June's 30 encounters: 50%, Wilson 95% interval [33.15, 66.85].
      expect(data.growth.share).toEqual({ value: 50, low: 33.15, high: 66.85, n: 30 });
      expect(data.growth.baseline_months).toBe(5);
      // Baseline: 5 of 150, with half an observation added: 5.5 / 151 = 3.64%.
      expect(data.growth.baseline_share).toBeCloseTo(3.64, 2);
      expect(data.growth.ratio.low).toBeLessThan(data.growth.ratio.value);
      expect(data.growth.ratio.value).toBeLessThan(data.growth.ratio.high);
      expect(data.growth.ratio.low).toBeGreaterThan(1.5);
      expect(data.growth.p_value).toBeLessThan(0.05);
      expect(delivery.body).not.toContain("Laskussani");
    });

    it("does not announce it again on the next runs, nor after the month turns", async () => {
      expect(await evaluate("2026-06-20T13:00:00.000Z")).toMatchObject({ emerging: 1, announced: 0 });
      expect(await evaluate("2026-07-01T09:00:00.000Z")).toMatchObject({
        periods: ["2026-06", "2026-07"],
        emerging: 1,
        announced: 0,
      });
      await deliverDueNotifications(deps, { now: "2026-07-01T09:00:01.000Z" });
      expect(receiver.received("/alerts")).toHaveLength(1);
      expect(await alertEvents()).toBe(1);
    });
  });
}
