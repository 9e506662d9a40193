import fs from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { loadDefaultAnalyzer } from "../../src/analysis/default-analyzer.ts";
import { ensureDemoScorecard, seedDemo } from "../../src/ingest/demo-seeder.ts";
import { ingestPipeline } from "../../src/ingest/ingest-pipeline.ts";
import { createApp } from "../../src/server/app.ts";
import type { Store } from "../../src/store/index.ts";
import { consistencyReport } from "../../src/workflows/consistency-report.ts";
import { type DriversReport, driversReport } from "../../src/workflows/drivers-report.ts";
import { type ExLinkReport, exLinkReport } from "../../src/workflows/exlink-report.ts";
import { scoreReport } from "../../src/workflows/score-reports.ts";
import { type ThemesReport, themesReport } from "../../src/workflows/themes-report.ts";
import { signedIn } from "../support/auth.ts";
import { ROOT as ROOT_DIR } from "../support/cli.ts";
import { DIALECTS, freshStore } from "../support/databases.ts";

/**
 * The demo workspace's planted truths (docs/demo-truths.json) must all be found by the insight
 * reports, computed from the analysed text and records — never from the generator's labels —
 * and nothing planted as noise may be called significant.
 */
const truths = JSON.parse(fs.readFileSync(path.join(ROOT_DIR, "docs/demo-truths.json"), "utf8")) as {
  leadingIndicator: { team: string; enpsDropMonth: string; npsDropMonth: string; leadMonths: number };
  emergingTheme: { theme: string; month: string };
  noise: { id: string; details: { teams?: string[] } }[];
};

for (const dialect of DIALECTS) {
  describe(`insight reports on the demo workspace (${dialect})`, () => {
    let store: Store;
    let dispose: () => Promise<void>;
    let drivers: DriversReport;
    let themes: ThemesReport;
    let exlink: ExLinkReport;

    beforeAll(async () => {
      ({ store, dispose } = await freshStore(dialect));
      await seedDemo(store, { pipeline: ingestPipeline({ analyzer: loadDefaultAnalyzer() }) });
      [drivers, themes, exlink] = await Promise.all([
        driversReport(store, {}),
        themesReport(store, {}),
        exLinkReport(store, {}),
      ]);
    }, 180_000);

    afterAll(async () => {
      await dispose?.();
    });

    it("finds waiting and billing among the drivers that cost the most NPS", () => {
      // Taxonomy groups: the three planted causes — billing errors (billing and payments), long
      // queues (access) and unresolved or transferred contacts (staff and handling) — lead, and
      // every other group weighs less than half of the third.
      const [, , third, ...rest] = drivers.groups;
      expect(
        drivers.groups
          .slice(0, 3)
          .map((g) => g.area)
          .sort(),
      ).toEqual(["access", "billing_payments", "staff"]);
      for (const g of rest) expect(g.importance, g.area).toBeLessThan((third?.importance ?? 0) / 2);
      // Areas: the three planted causes lead — waiting (queue time plus what customers say about
      // it), billing, and first-contact resolution (unresolved contacts, planted at -1.5) — in an
      // order the truths do not fix (waiting and resolution were within 0.01 of each other).
      expect(
        drivers.areas
          .slice(0, 3)
          .map((a) => a.area)
          .sort(),
      ).toEqual(["billing", "first_contact_resolution", "waiting"]);
      // Themes: billing costs the most NPS, and waiting's impact is clearly negative too.
      expect(themes.themes[0]?.theme).toBe("billing");
      expect(themes.themes[0]?.npsImpact.high).toBeLessThan(0);
      expect(themes.themes.find((t) => t.theme === "waiting")?.npsImpact.high).toBeLessThan(0);
      // Importances are relative weights: they sum to R², and Shapley R² agrees on the top 12.
      const sum = drivers.drivers.reduce((s, d) => s + d.importance, 0);
      expect(sum).toBeCloseTo(drivers.r2, 2);
      expect(drivers.crossCheck?.maxDifference).toBeLessThan(0.02);
    });

    it("shows the team whose eNPS falls leading its NPS fall by two months, and no shift elsewhere", () => {
      const lead = truths.leadingIndicator;
      const team = exlink.teams.find((t) => t.team === lead.team);
      expect(team?.enpsChange?.month).toBe(lead.enpsDropMonth);
      expect(team?.npsChange?.month).toBe(lead.npsDropMonth);
      expect(team?.leadMonths).toBe(lead.leadMonths);
      expect(team?.enpsChange?.test.difference).toBeLessThan(0);
      // Lagged correlations carry their Fisher-z interval as value, low, high, n.
      const lag2 = exlink.links.find((l) => l.outcome === "nps" && l.lag === 2)?.pearson;
      expect(lag2).toEqual(
        expect.objectContaining({
          value: expect.any(Number),
          low: expect.any(Number),
          n: expect.any(Number),
        }),
      );
      expect(lag2?.low).toBeLessThan(lag2?.value ?? 0);
      for (const other of exlink.teams.filter((t) => t.team !== lead.team)) {
        expect(other.enpsChange, other.team).toBeNull();
        expect(other.npsChange, other.team).toBeNull();
      }
    });

    it("flags the planted theme as emerging in its month, and no other theme", () => {
      const emerging = themes.themes.filter((t) => t.emerging);
      expect(emerging.map((t) => [t.theme, t.emerging?.month])).toEqual([
        [truths.emergingTheme.theme, truths.emergingTheme.month],
      ]);
    });

    it("calls none of the planted noise significant", async () => {
      // Two teams calibrated to the same expected NPS: their difference is noise.
      const [a, b] = truths.noise.find((n) => n.id === "team-parity")?.details.teams ?? [];
      const byTeam = await scoreReport(store, "nps", {}, "team");
      const { compare } = await import("../../src/workflows/score-reports.ts");
      const { poolCounts } = await import("../../src/stats/nps-estimate.ts");
      const counts = async (team: string) => poolCounts(await store.responses.scoreCounts("nps", { team }));
      const parity = compare("nps", await counts(a as string), await counts(b as string));
      expect(parity.verdict).toBe("not significant");
      expect(byTeam.groups.map((g) => g.group)).toContain(a);
      // Month-to-month wobble: no month differs significantly from the one before.
      const byMonth = await scoreReport(store, "nps", {}, "month");
      for (const m of byMonth.groups)
        expect(m.change?.verdict ?? "not significant", String(m.group)).toBe("not significant");
      // Segment and language have no planted effect.
      const bySegment = await scoreReport(store, "nps", {}, "segment");
      for (const s of bySegment.groups) expect(s.vsRest?.verdict, String(s.group)).toBe("not significant");
    });

    it("measures consistency across channels and non-response bias from the analysed tone", async () => {
      const consistency = await consistencyReport(store, {});
      expect(consistency.channels.map((c) => c.channel)).toEqual(
        expect.arrayContaining(["chat", "phone", "email"]),
      );
      expect(consistency.nps.df).toBe(
        consistency.channels.filter((c) => c.nps.n > 0 && c.nps.se > 0).length - 1,
      );
      expect(consistency.conclusion).toMatch(/Channels/);
    });

    it("serves every insight report over HTTP with estimates that carry value, low, high and n", async () => {
      const app = createApp({
        store,
        timeZone: "Europe/Helsinki",
        pipeline: ingestPipeline({ analyzer: null }),
      });
      // Aggregates only: a viewer may read them.
      const { headers } = await signedIn(store, "viewer");
      for (const metric of ["themes", "drivers", "exlink", "consistency"]) {
        const res = await app.request(`/api/v1/reports/${metric}`, { headers });
        expect(res.status, metric).toBe(200);
        const body = (await res.json()) as { metric: string };
        expect(body.metric).toBe(metric);
      }
      const themesBody = (await (
        await app.request("/api/v1/reports/themes", { headers })
      ).json()) as ThemesReport;
      expect(themesBody.themes[0]?.npsImpact).toEqual(
        expect.objectContaining({
          value: expect.any(Number),
          low: expect.any(Number),
          high: expect.any(Number),
          n: expect.any(Number),
        }),
      );
    });

    it("comes with a QA scorecard whose AutoQA pre-scores a demo encounter from its analysed behaviours", async () => {
      const app = createApp({
        store,
        timeZone: "Europe/Helsinki",
        pipeline: ingestPipeline({ analyzer: null }),
      });
      const { headers } = await signedIn(store, "analyst");
      const cards = (await (await app.request("/api/v1/qa/scorecards", { headers })).json()) as {
        items: {
          id: string;
          name: string;
          criteria: { id: string; critical: boolean; behaviour: string | null }[];
        }[];
      };
      expect(cards.items.map((c) => c.name)).toEqual(["Palvelun laatu / Service quality"]);
      const [card] = cards.items;
      expect(card?.criteria.every((c) => c.behaviour !== null)).toBe(true);
      expect(card?.criteria.filter((c) => c.critical).map((c) => c.id)).toEqual(["no_blame"]);
      // An encounter with agent turns, pre-scored: every criterion gets an automatic score, found ones with evidence.
      const [encounter] = await store.db
        .selectFrom("encounters")
        .select("id")
        .where("agent_id", "is not", null)
        .orderBy("id")
        .limit(1)
        .execute();
      const res = await app.request(
        `/api/v1/qa/encounters/${encodeURIComponent(encounter?.id ?? "")}/prefill?scorecard=${card?.id}`,
        { headers },
      );
      expect(res.status).toBe(200);
      const prefill = (await res.json()) as {
        analysed: boolean;
        criteria: { id: string; auto_score: number | null; found: boolean | null; evidence: unknown }[];
      };
      expect(prefill.analysed).toBe(true);
      expect(prefill.criteria.every((c) => c.auto_score !== null)).toBe(true);
      for (const c of prefill.criteria.filter((x) => x.found && x.id !== "no_blame"))
        expect(c.evidence).not.toBeNull();
      // Seeding again (a demo load that is resumed) does not add a second scorecard.
      expect(await ensureDemoScorecard(store)).toBe(false);
    });
  });
}
