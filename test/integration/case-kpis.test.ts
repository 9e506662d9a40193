import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { loadDefaultAnalyzer } from "../../src/analysis/default-analyzer.ts";
import { caseRulesWith, withoutCaseAgeLimit } from "../../src/domain/case-rules.ts";
import type { RecordOfKind } from "../../src/domain/index.ts";
import { ingestPipeline, writeThroughPipeline } from "../../src/ingest/ingest-pipeline.ts";
import { createApp } from "../../src/server/app.ts";
import type { CaseTable } from "../../src/store/case-schema.ts";
import { Store } from "../../src/store/index.ts";
import { caseKpis } from "../../src/workflows/case-kpis.ts";
import { CaseKpis } from "../../src/workflows/case-kpis-schema.ts";
import { reportFilter } from "../../src/workflows/report-params.ts";
import { signedIn } from "../support/auth.ts";
import { DIALECTS, freshStore } from "../support/databases.ts";

const pipeline = ingestPipeline({ analyzer: loadDefaultAnalyzer() });
const TEAM = "Asiakaspalvelu Tampere";
const ZONE = "Europe/Helsinki";
/** A fixed "now" for the workflow: every March case but d6 is past its due date. */
const NOW = "2026-03-10T12:00:00.000Z";

function nps(id: string, customer: string, score: number, answeredAt: string, team = TEAM) {
  return {
    id,
    kind: "nps",
    score,
    comment: score <= 6 ? "Huonoa palvelua." : "Ihan hyvä.",
    answeredAt,
    team,
    customerId: customer,
  } as RecordOfKind["responses"];
}

type Headers = Record<string, string>;

for (const dialect of DIALECTS) {
  describe(`closed-loop KPIs on ${dialect}`, () => {
    let store: Store;
    let dispose: () => Promise<void>;
    let app: ReturnType<typeof createApp>;

    /** Sets a case's contact and closing as a person's PATCHes would have, at known times. */
    const setCase = async (sourceId: string, set: Partial<CaseTable>) => {
      const done = await store.db
        .updateTable("cases")
        .set(set)
        .where("source_id", "=", sourceId)
        .executeTakeFirst();
      expect(Number(done.numUpdatedRows)).toBe(1);
    };
    const kpis = (params: { from?: string; to?: string; team?: string }, now = NOW) =>
      caseKpis(store, reportFilter(params, ZONE), { timeZone: ZONE, now });
    const MARCH = { from: "2026-03-01", to: "2026-04-01", team: "asiakaspalvelu  TAMPERE" };

    beforeAll(async () => {
      ({ store, dispose } = await freshStore(dialect));
      app = createApp({ store, timeZone: ZONE, pipeline, minGroup: 5 });
      // CSAT 1–2 on too, so that "any rule" means more than NPS.
      // The KPIs are about a fixed calendar (March 2026), not about which records open cases: no age limit.
      const configured = new Store(
        store.opened,
        undefined,
        withoutCaseAgeLimit(caseRulesWith({ csat_low: { enabled: true } })),
      );
      await writeThroughPipeline(configured, pipeline, "responses", [
        // Detractors of March, due 48 h after the answer (2026-03-04T10:00Z).
        nps("d1", "c1", 3, "2026-03-02T10:00:00.000Z"),
        nps("d2", "c2", 4, "2026-03-02T10:00:00.000Z"),
        nps("d3", "c3", 5, "2026-03-02T10:00:00.000Z"),
        nps("d4", "c4", 2, "2026-03-02T10:00:00.000Z"),
        nps("d5", "c5", 6, "2026-03-02T10:00:00.000Z"),
        nps("d6", "c6", 1, "2026-03-09T10:00:00.000Z"), // due 2026-03-11T10:00Z: pending at NOW
        // 23:30 UTC on 28 February is 01:30 on 1 March in Helsinki: a March case.
        nps("d7", "c7", 0, "2026-02-28T23:30:00.000Z"),
        // Another team's detractor.
        nps("d8", "c8", 3, "2026-03-05T10:00:00.000Z", "Laskutus"),
        {
          id: "s1",
          kind: "csat",
          score: 1,
          comment: "Huono.",
          answeredAt: "2026-03-02T10:00:00.000Z",
          team: TEAM,
          customerId: "c9",
        } as RecordOfKind["responses"],
        // Later answers of the same customers (the follow-up NPS); promoters and passives open nothing.
        nps("n1", "c1", 10, "2026-03-20T10:00:00.000Z"),
        nps("n3", "c3", 9, "2026-03-25T10:00:00.000Z"),
        nps("n2", "c2", 7, "2026-03-03T00:00:00.000Z"), // before c2's (late) contact
        nps("n4", "c4", 3, "2026-04-05T10:00:00.000Z"), // a detractor again, in April: outside the period
        nps("old1", "c1", 0, "2026-01-01T10:00:00.000Z"), // before the detractor answer: never "next"
      ]);
      await setCase("d1", { status: "contacted", contacted_at: "2026-03-04T10:00:00.000Z" }); // exactly at due
      await setCase("d2", { status: "contacted", contacted_at: "2026-03-04T10:00:01.000Z" }); // one second late
      await setCase("d3", {
        status: "resolved",
        outcome: "Soitettu ja hyvitetty.",
        contacted_at: "2026-03-02T12:00:00.000Z", // 2 h
        closed_at: "2026-03-03T10:00:00.000Z", // 24 h
      });
      // d4: never contacted, past due. d5: closed without a contact.
      await setCase("d5", { status: "no_action_needed", closed_at: "2026-03-03T10:00:00.000Z" }); // 24 h
      await setCase("d8", { status: "contacted", contacted_at: "2026-03-05T11:00:00.000Z" });
      // The CSAT case: contacted after 6 h, then closed as needing nothing after 8 h.
      await setCase("s1", {
        status: "no_action_needed",
        contacted_at: "2026-03-02T16:00:00.000Z",
        closed_at: "2026-03-02T18:00:00.000Z",
      });
    });
    afterAll(async () => {
      await dispose();
    });

    it("action rate: contacted exactly at the due time counts, one second late does not, not yet due is pending", async () => {
      const k = await kpis(MARCH);
      // d1–d7 and the CSAT case; d8 is another team's, old1's case (January) and n4's (April) are outside.
      expect(k.cases).toBe(8);
      // In time: d1 (at due), d3. Missed: d2 (1 s late), d4 (past due), d5 (closed uncontacted), d7. Pending: d6.
      expect(k.action_rate).toMatchObject({ contacted_in_time: 2, missed: 4, pending: 1, n: 6 });
      // Wilson 95% for 2 of 6, by hand: p = 1/3, centre = (p + z²/12)/(1 + z²/6) = 0.4135,
      // half = z·√(p(1−p)/6 + z²/144)/(1 + z²/6) = 0.3161 → [9.68, 70.00].
      expect(k.action_rate.value).toBe(33.33);
      expect(k.action_rate.low).toBeCloseTo(9.68, 1);
      expect(k.action_rate.high).toBeCloseTo(70.0, 1);
      expect(k.action_rate.warning).toMatch(/only 6 decided cases/);
      // Exactly at d6's due time its SLA can still be met; a millisecond later it is missed.
      const atDue = await kpis(MARCH, "2026-03-11T10:00:00.000Z");
      expect(atDue.action_rate).toMatchObject({ contacted_in_time: 2, missed: 4, pending: 1 });
      const after = await kpis(MARCH, "2026-03-11T10:00:00.001Z");
      expect(after.action_rate).toMatchObject({ contacted_in_time: 2, missed: 5, pending: 0, n: 7 });
    });

    it("time to first contact and to close: median and p90 in hours from the answer", async () => {
      const k = await kpis(MARCH);
      // Contacts after 2 h (d3), 6 h (s1), 48 h (d1), 48 h + 1 s (d2): median (6 + 48)/2 = 27.
      expect(k.time_to_first_contact).toEqual({ median_hours: 27, p90_hours: 48, n: 4 });
      // Closed after 8 h (s1), 24 h (d3), 24 h (d5).
      expect(k.time_to_close).toEqual({ median_hours: 24, p90_hours: 24, n: 3 });
    });

    it("measurement without action: closed as needing nothing or uncontacted past due, of the decided cases", async () => {
      const k = await kpis(MARCH);
      // Nothing: d4, d7 (past due, never contacted), d5, s1 (no_action_needed). Decided: 8 − pending d6.
      expect(k.without_action).toMatchObject({ nothing: 4, pending: 1, n: 7, value: 57.14 });
      expect(k.without_action.low).toBeLessThan(57.14);
      expect(k.without_action.high).toBeGreaterThan(57.14);
    });

    it("months in the workspace zone, and teams with spaces and ä side by side", async () => {
      const all = await kpis({ from: "2026-02-01", to: "2026-04-01" });
      expect(all.months.map((m) => [m.month, m.cases])).toEqual([["2026-03", 9]]);
      expect(all.teams.map((t) => [t.team, t.cases, t.action_rate.contacted_in_time])).toEqual([
        [TEAM, 8, 2],
        ["Laskutus", 1, 1],
      ]);
      const january = await kpis({ from: "2026-01-01", to: "2026-02-01", team: TEAM });
      expect(january.cases).toBe(1);
    });

    it("follow-up NPS: the next answer, contacted before it or not, with counts and the caveat", async () => {
      const { follow_up_nps: f } = await kpis(MARCH);
      // Followed up: c1 (10), c3 (9). Not: c2 (7, answered before the late contact), c4 (3, in April).
      expect(f.followed_up).toMatchObject({ value: 100, n: 2, promoters: 2 });
      expect(f.not_followed_up).toMatchObject({ value: -50, n: 2, passives: 1, detractors: 1 });
      expect(f.without_next_answer).toBe(3); // c5, c6, c7
      expect("warning" in f.followed_up && f.followed_up.warning).toMatch(/too few/);
      expect(f.caveat.id).toBe("cases.kpis.follow_up_nps.observational");
      expect(f.caveat.text.en).toMatch(/not causal/);
      expect(f.caveat.text.fi).toMatch(/ei syy-seuraus/);
    });

    it("GET /cases/kpis: a manager sees their teams only, with small follow-up groups hidden; viewers are refused", async () => {
      const manager = (await signedIn(store, "manager", { teams: [TEAM] })).headers;
      const other = (await signedIn(store, "manager", { teams: ["Laskutus"] })).headers;
      const analyst = (await signedIn(store, "analyst")).headers;
      const viewer = (await signedIn(store, "viewer")).headers;
      const get = async (query: string, headers: Headers) => {
        const res = await app.request(`/api/v1/cases/kpis?${query}`, { headers });
        expect(res.status).toBe(200);
        return CaseKpis.parse(await res.json());
      };
      const period = "from=2026-03-01&to=2026-04-01";
      const mine = await get(period, manager);
      expect(mine.teams.map((t) => t.team)).toEqual([TEAM]);
      expect(mine.cases).toBe(8);
      // Real time is long past every due date: d6 is missed too.
      expect(mine.action_rate).toMatchObject({ contacted_in_time: 2, missed: 5, pending: 0 });
      expect(mine.follow_up_nps.followed_up).toEqual({ suppressed: true });
      const asked = await get(`${period}&team=${encodeURIComponent(TEAM)}`, other);
      expect(asked.cases).toBe(0);
      expect(asked.action_rate.value).toBeNaN();
      const full = await get(`${period}&team=${encodeURIComponent("ASIAKASPALVELU TAMPERE")}`, analyst);
      expect(full.cases).toBe(8);
      expect(full.follow_up_nps.followed_up).toMatchObject({ n: 2 });
      expect((await app.request("/api/v1/cases/kpis", { headers: viewer })).status).toBe(403);
      const bad = await app.request("/api/v1/cases/kpis?from=yesterday-ish", { headers: analyst });
      expect(bad.status).toBe(400);
    });
  });
}
