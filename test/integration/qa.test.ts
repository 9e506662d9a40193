import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { loadDefaultAnalyzer } from "../../src/analysis/default-analyzer.ts";
import type { RecordOfKind } from "../../src/domain/index.ts";
import { ingestPipeline, writeThroughPipeline } from "../../src/ingest/ingest-pipeline.ts";
import { createApp } from "../../src/server/app.ts";
import { Overrides, Prefill, Review, Scorecard, Trend } from "../../src/server/qa-schemas.ts";
import type { Store } from "../../src/store/index.ts";
import type { ReviewView, ScorecardView } from "../../src/store/qa-repository.ts";
import { signedIn } from "../support/auth.ts";
import { DIALECTS, freshStore } from "../support/databases.ts";

const pipeline = ingestPipeline({ analyzer: loadDefaultAnalyzer() });
const TEAM = "Asiakaspalvelu Tampere";
const AGENT = "Aino Agentti";

type Headers = Record<string, string>;
type ErrorBody = { error: { code: string; message: string; details?: { problems?: { field: string }[] } } };

/** An encounter of the team with the customer's complaint and the agent's turns as given. */
function encounter(id: string, agentTurns: string[], at = "2026-02-10T09:00:00.000Z", team = TEAM) {
  return {
    id,
    channel: "chat",
    startedAt: at,
    endedAt: at.replace("09:00", "09:10"),
    team,
    agent: AGENT,
    customerId: `c-${id}`,
    turns: [
      { seq: 0, speaker: "customer", text: "Laskussani on virhe, minulta on veloitettu kahdesti." },
      ...agentTurns.map((text, i) => ({ seq: i + 1, speaker: "agent", text })),
    ],
  } as RecordOfKind["encounters"];
}

const CRITERIA = [
  { id: "greeting", name: "Tervehdys", weight: 1, scale: "pass_fail", behaviour: "greeting" },
  { id: "empathy", name: "Empatia", weight: 3, scale: "1-5", behaviour: "empathy" },
  {
    id: "no-blame",
    name: "Ei syyttelyä",
    weight: 1,
    critical: true,
    scale: "pass_fail",
    behaviour: "blame_customer",
  },
  { id: "accuracy", name: "Oikea tieto", weight: 2, scale: "0-10" },
];

for (const dialect of DIALECTS) {
  describe(`QA scorecards, AutoQA and calibration on ${dialect}`, () => {
    let store: Store;
    let dispose: () => Promise<void>;
    let app: ReturnType<typeof createApp>;
    let admin: { email: string; headers: Headers };
    let analyst: { email: string; headers: Headers };
    let manager: { email: string; headers: Headers };
    let otherManager: { email: string; headers: Headers };
    let agent: Headers;
    let otherAgent: Headers;
    let viewer: Headers;
    let card: ScorecardView;

    const send = (method: string, path: string, headers: Headers, body?: unknown) =>
      app.request(`/api/v1${path}`, {
        method,
        headers: { ...headers, "content-type": "application/json" },
        ...(body === undefined ? {} : { body: JSON.stringify(body) }),
      });
    const review = async (headers: Headers, body: Record<string, unknown>) => {
      const res = await send("POST", "/qa/reviews", headers, { scorecard_id: card.id, ...body });
      return { status: res.status, body: (await res.json()) as ReviewView & ErrorBody };
    };
    /** All four scores; the named ones replace the defaults (AutoQA's scores for e-good). */
    const scores = (over: Record<string, number | null> = {}) =>
      Object.entries({ greeting: 1, empathy: 5, "no-blame": 1, accuracy: 8, ...over }).map(
        ([criterion, score]) => ({
          criterion,
          score,
        }),
      );

    beforeAll(async () => {
      ({ store, dispose } = await freshStore(dialect));
      app = createApp({ store, timeZone: "Europe/Helsinki", pipeline });
      admin = await signedIn(store, "admin");
      analyst = await signedIn(store, "analyst");
      // A manager of the team, written the way a person might type it.
      manager = await signedIn(store, "manager", { teams: ["asiakaspalvelu  TAMPERE"] });
      otherManager = await signedIn(store, "manager", { teams: ["Laskutus"] });
      agent = (await signedIn(store, "agent", { agent: AGENT })).headers;
      otherAgent = (await signedIn(store, "agent", { agent: "Someone Else" })).headers;
      viewer = (await signedIn(store, "viewer")).headers;
      await writeThroughPipeline(store, pipeline, "encounters", [
        encounter("e-good", [
          "Hei, kiitos että otit yhteyttä! Ymmärrän hyvin, että tämä harmittaa.",
          "Hoidan asian ja korjaan laskun, saat hyvityksen kolmen päivän kuluessa.",
        ]),
        encounter("e-blame", ["Olisit lukenut ehdot, se on oma vikasi."], "2026-03-05T09:00:00.000Z"),
        encounter("e-other-team", ["Hei, miten voin auttaa?"], "2026-02-11T09:00:00.000Z", "Laskutus"),
      ]);
    });
    afterAll(async () => {
      await dispose();
    });

    it("lets admins and analysts create and edit scorecards (new versions), others only read or nothing", async () => {
      const body = { name: "Chat-laatu", team: TEAM, channel: null, criteria: CRITERIA };
      expect((await send("POST", "/qa/scorecards", manager.headers, body)).status).toBe(403);
      expect((await send("POST", "/qa/scorecards", agent, body)).status).toBe(403);
      expect((await send("GET", "/qa/scorecards", viewer)).status).toBe(403);
      const bad = await send("POST", "/qa/scorecards", admin.headers, {
        ...body,
        criteria: [CRITERIA[0], CRITERIA[0]],
      });
      expect(bad.status).toBe(400);
      expect(((await bad.json()) as ErrorBody).error.message).toContain("greeting twice");
      const created = await send("POST", "/qa/scorecards", admin.headers, body);
      expect(created.status).toBe(201);
      card = (await created.json()) as ScorecardView;
      // What /api/openapi.json says is what comes (here and below).
      expect(Scorecard.strict().safeParse(card).error).toBeUndefined();
      expect(card).toMatchObject({ name: "Chat-laatu", team: TEAM, version: 1, deleted: false });
      expect(card.criteria.map((c) => [c.id, c.critical, c.scale, c.behaviour])).toEqual([
        ["greeting", false, "pass_fail", "greeting"],
        ["empathy", false, "1-5", "empathy"],
        ["no-blame", true, "pass_fail", "blame_customer"],
        ["accuracy", false, "0-10", null],
      ]);
      // Agents read scorecards (their reviews name them); a scope change is no new version.
      expect((await send("GET", `/qa/scorecards/${card.id}`, agent)).status).toBe(200);
      const scoped = await send("PATCH", `/qa/scorecards/${card.id}`, analyst.headers, { channel: "chat" });
      expect(((await scoped.json()) as ScorecardView).version).toBe(1);
      const unscoped = await send("PATCH", `/qa/scorecards/${card.id}`, analyst.headers, { channel: null });
      expect(((await unscoped.json()) as ScorecardView).channel).toBeNull();
      expect((await send("PATCH", `/qa/scorecards/${card.id}`, manager.headers, { name: "X" })).status).toBe(
        403,
      );
    });

    it("prefills AutoQA scores from the analysed behaviours, with the evidence turn", async () => {
      const prefill = async (id: string, headers: Headers) =>
        send("GET", `/qa/encounters/${id}/prefill?scorecard=${card.id}`, headers);
      const res = await prefill("e-good", manager.headers);
      expect(res.status).toBe(200);
      const body = (await res.json()) as {
        analysed: boolean;
        encounter: { team: string };
        criteria: {
          id: string;
          auto_score: number | null;
          found: boolean | null;
          evidence: { seq: number; text: string } | null;
        }[];
      };
      expect(body.analysed).toBe(true);
      expect(Prefill.strict().safeParse(body).error).toBeUndefined();
      expect(body.encounter.team).toBe(TEAM);
      expect(body.criteria.map((c) => [c.id, c.auto_score, c.found, c.evidence?.seq ?? null])).toEqual([
        ["greeting", 1, true, 1],
        ["empathy", 5, true, 1],
        ["no-blame", 1, false, null],
        ["accuracy", null, null, null],
      ]);
      expect(body.criteria[0]?.evidence?.text).toBe(
        "Hei, kiitos että otit yhteyttä! Ymmärrän hyvin, että tämä harmittaa.",
      );

      const blame = (await (await prefill("e-blame", admin.headers)).json()) as typeof body;
      expect(blame.criteria.map((c) => [c.id, c.auto_score, c.evidence?.seq ?? null])).toEqual([
        ["greeting", 0, null],
        ["empathy", 1, null],
        ["no-blame", 0, 1],
        ["accuracy", null, null],
      ]);
      // Another team's manager: the encounter does not exist for them. The team scope is enforced.
      expect((await prefill("e-good", otherManager.headers)).status).toBe(404);
      const outOfScope = await prefill("e-other-team", admin.headers);
      expect(outOfScope.status).toBe(400);
      expect(((await outOfScope.json()) as ErrorBody).error.message).toContain(`for team ${TEAM}`);
      expect((await prefill("e-good", agent)).status).toBe(403);
    });

    it("stores confirmed and overridden scores with the weighted total; a failed critical item makes it 0", async () => {
      const confirmed = await review(manager.headers, { encounter_id: "e-good", scores: scores() });
      expect(confirmed.status).toBe(201);
      expect(Review.strict().safeParse(confirmed.body).error).toBeUndefined();
      // (1·1 + 3·1 + 1·1 + 2·0.8) / 7 = 0.943
      expect(confirmed.body.total).toBe(94.3);
      expect(confirmed.body.team).toBe(TEAM);
      expect(
        confirmed.body.scores.map((s) => [s.criterion, s.score, s.auto_score, s.overridden, s.evidence_seq]),
      ).toEqual([
        ["greeting", 1, 1, false, 1],
        ["empathy", 5, 5, false, 1],
        ["no-blame", 1, 1, false, null],
        ["accuracy", 8, null, false, null],
      ]);
      const overridden = await review(admin.headers, {
        encounter_id: "e-good",
        comment: "Empatia jäi pinnalliseksi.",
        scores: [
          ...scores({ empathy: 3, accuracy: null }).slice(0, 3),
          { criterion: "accuracy", score: null },
        ].map((s) => (s.criterion === "empathy" ? { ...s, comment: "vain fraasi", evidence_seq: 2 } : s)),
      });
      expect(overridden.status).toBe(201);
      // accuracy not applicable: (1 + 3·0.5 + 1) / 5 = 0.7
      expect(overridden.body.total).toBe(70);
      const empathy = overridden.body.scores.find((s) => s.criterion === "empathy");
      expect(empathy).toEqual({
        criterion: "empathy",
        name: "Empatia",
        scale: "1-5",
        critical: false,
        score: 3,
        auto_score: 5,
        overridden: true,
        evidence_seq: 2,
        comment: "vain fraasi",
      });
      // AutoQA found the blame; the reviewer confirms it: critical failure, total 0.
      const failed = await review(manager.headers, {
        encounter_id: "e-blame",
        scores: scores({ greeting: 0, empathy: 1, "no-blame": 0, accuracy: 10 }),
      });
      expect(failed.body).toMatchObject({ total: 0, critical_failed: true });
      // Malformed: a missing criterion, a score off the scale, a critical item not scored, a turn that does not exist.
      for (const [body, field] of [
        [{ encounter_id: "e-good", scores: scores().slice(0, 3) }, "scores"],
        [{ encounter_id: "e-good", scores: scores({ empathy: 6 }) }, "scores.empathy"],
        [{ encounter_id: "e-good", scores: scores({ "no-blame": null }) }, "scores.no-blame"],
        [
          { encounter_id: "e-good", scores: scores().map((s) => ({ ...s, evidence_seq: 9 })) },
          "scores.greeting.evidence_seq",
        ],
      ] as const) {
        const res = await review(admin.headers, body);
        expect(res.status).toBe(400);
        expect(res.body.error.details?.problems?.[0]?.field).toBe(field);
      }
      expect((await review(otherManager.headers, { encounter_id: "e-good", scores: scores() })).status).toBe(
        404,
      );
    });

    it("keeps old results when the scorecard is edited: reviews point at their version", async () => {
      const before = await store.db
        .withTables<{ qa_reviews: { id: string; scorecard_version: number; total: number } }>()
        .selectFrom("qa_reviews")
        .select(["id", "scorecard_version", "total"])
        .execute();
      const edited = await send("PATCH", `/qa/scorecards/${card.id}`, analyst.headers, {
        criteria: CRITERIA.map((c) => (c.id === "accuracy" ? { ...c, weight: 10 } : c)),
      });
      expect(((await edited.json()) as ScorecardView).version).toBe(2);
      const v1 = (await (
        await send("GET", `/qa/scorecards/${card.id}?version=1`, admin.headers)
      ).json()) as ScorecardView;
      expect(v1.criteria.find((c) => c.id === "accuracy")?.weight).toBe(2);
      for (const r of before) {
        const got = (await (await send("GET", `/qa/reviews/${r.id}`, admin.headers)).json()) as ReviewView;
        expect(got.scorecard.version).toBe(1);
        expect(got.total).toBe(Number(r.total));
      }
      // Back to version 1's weights for the rest (a third version).
      await send("PATCH", `/qa/scorecards/${card.id}`, analyst.headers, { criteria: CRITERIA });
      card = (await (await send("GET", `/qa/scorecards/${card.id}`, admin.headers)).json()) as ScorecardView;
      expect(card.version).toBe(3);
    });

    it("reports per criterion how often the automatic score was changed, with a Wilson interval", async () => {
      // Reviews so far: greeting 0/3 changed, empathy 1/3, no-blame 0/3 (accuracy has no AutoQA).
      // Two more on e-good: greeting changed in one of them, empathy in both.
      await review(analyst.headers, { encounter_id: "e-good", scores: scores({ greeting: 0, empathy: 4 }) });
      await review(analyst.headers, { encounter_id: "e-good", scores: scores({ empathy: 2 }) });
      const res = await send("GET", `/qa/overrides?scorecard=${card.id}`, manager.headers);
      expect(res.status).toBe(200);
      const overrides = (await res.json()) as unknown;
      expect(Overrides.strict().safeParse(overrides).error).toBeUndefined();
      const items = (
        overrides as {
          items: {
            criterion: string;
            n: number;
            overridden: number;
            share: { value: number; low: number; high: number };
          }[];
        }
      ).items;
      expect(items.map((i) => [i.criterion, i.n, i.overridden, i.share.value])).toEqual([
        ["empathy", 5, 3, 60],
        ["greeting", 5, 1, 20],
        ["no-blame", 5, 0, 0],
      ]);
      // Wilson 95% for 1 of 5: centre (0.2 + 1.9208/5)/(1 + 3.8415/5), by hand 3.62 … 62.45 %.
      const greeting = items.find((i) => i.criterion === "greeting");
      expect(greeting?.share.low).toBeCloseTo(3.62, 2);
      expect(greeting?.share.high).toBeCloseTo(62.45, 2);
      // Another team's manager sees none of this team's reviews; viewers and agents may not ask.
      const other = await send("GET", "/qa/overrides", otherManager.headers);
      expect(((await other.json()) as { items: unknown[] }).items).toEqual([]);
      expect((await send("GET", "/qa/overrides", agent)).status).toBe(403);
    });

    it("lets agents read their own reviews and monthly trend, managers their teams'", async () => {
      const mine = (await (await send("GET", "/qa/reviews", agent)).json()) as { items: ReviewView[] };
      expect(mine.items.length).toBe(5);
      expect(new Set(mine.items.map((r) => r.agent))).toEqual(new Set([AGENT]));
      expect(
        ((await (await send("GET", "/qa/reviews", otherAgent)).json()) as { items: unknown[] }).items,
      ).toEqual([]);
      const trend = await send(
        "GET",
        `/qa/agents/${encodeURIComponent(AGENT)}/trend?scorecard=${card.id}`,
        agent,
      );
      expect(trend.status).toBe(200);
      const trendBody = (await trend.json()) as unknown;
      expect(Trend.strict().safeParse(trendBody).error).toBeUndefined();
      const body = trendBody as {
        months: { month: string; mean: number; low: number | null; high: number | null; n: number }[];
      };
      // February (e-good): 94.3, 70, 69.3 (greeting fail, empathy 4: (0 + 2.25 + 1 + 1.6) / 7) and
      // 62.1 (empathy 2: (1 + 0.75 + 1 + 1.6) / 7); March (e-blame): one review of 0.
      const feb = [94.3, 70, 69.3, 62.1];
      expect(body.months.map((m) => [m.month, m.n])).toEqual([
        ["2026-02", feb.length],
        ["2026-03", 1],
      ]);
      const mean = feb.reduce((a, b) => a + b, 0) / feb.length;
      expect(body.months[0]?.mean).toBeCloseTo(mean, 1);
      expect(body.months[1]).toEqual({ month: "2026-03", mean: 0, low: null, high: null, n: 1 });
      expect(body.months[0]?.low).toBeLessThan(mean);
      expect(body.months[0]?.high).toBeGreaterThan(mean);
      expect((await send("GET", `/qa/agents/${encodeURIComponent(AGENT)}/trend`, otherAgent)).status).toBe(
        404,
      );
      const foreign = await send(
        "GET",
        `/qa/agents/${encodeURIComponent(AGENT)}/trend`,
        otherManager.headers,
      );
      expect(((await foreign.json()) as { reviews: number }).reviews).toBe(0);
      const lead = await send("GET", `/qa/agents/${encodeURIComponent(AGENT)}/trend`, manager.headers);
      expect(((await lead.json()) as { reviews: number }).reviews).toBe(5);
    });

    it("runs a blind calibration round and reports agreement per criterion with Krippendorff's alpha", async () => {
      const open = await send("POST", "/qa/calibration", analyst.headers, {
        encounter_id: "e-good",
        scorecard_id: card.id,
        reviewers: [analyst.email, manager.email, admin.email],
      });
      expect(open.status).toBe(201);
      const round = (await open.json()) as { id: string; reviewers: { email: string; submitted: boolean }[] };
      expect(round.reviewers.every((r) => !r.submitted)).toBe(true);
      const report = async (headers: Headers) => {
        const res = await send("GET", `/qa/calibration/${round.id}`, headers);
        return {
          status: res.status,
          body: (await res.json()) as Record<string, unknown> & {
            blind: boolean;
            agreement: null | Record<string, unknown>;
          },
        };
      };
      expect((await report(analyst.headers)).body).toMatchObject({ blind: true, agreement: null });
      const submit = (headers: Headers, over: Record<string, number | null>) =>
        review(headers, { encounter_id: "e-good", round_id: round.id, scores: scores(over) });
      const first = await submit(analyst.headers, { greeting: 1, empathy: 5, accuracy: 8 });
      expect(first.status).toBe(201);
      expect((await submit(analyst.headers, {})).status).toBe(409);
      // The analyst has scored: they see the scores so far. The manager has not: blind, and the
      // analyst's review is not theirs to read.
      expect((await report(analyst.headers)).body.blind).toBe(false);
      expect((await report(manager.headers)).body).toMatchObject({ blind: true, agreement: null });
      expect((await send("GET", `/qa/reviews/${first.body.id}`, manager.headers)).status).toBe(404);
      // A round's reviews are not in the review list (they are exercises).
      const listed = (await (await send("GET", "/qa/reviews?encounter=e-good", admin.headers)).json()) as {
        items: ReviewView[];
      };
      expect(listed.items.some((r) => r.round_id !== null)).toBe(false);
      await submit(manager.headers, { greeting: 1, empathy: 3, accuracy: 6 });
      expect((await send("GET", `/qa/reviews/${first.body.id}`, manager.headers)).status).toBe(200);
      expect((await report(admin.headers)).body.blind).toBe(true);
      // Someone outside the round: another team's manager does not find it; an agent may not ask.
      expect((await report(otherManager.headers)).status).toBe(404);
      expect((await report(agent)).status).toBe(403);
      const closed = await send("POST", `/qa/calibration/${round.id}/close`, analyst.headers);
      expect(closed.status).toBe(200);
      expect((await submit(admin.headers, {})).status).toBe(409);
      const after = (await report(admin.headers)).body;
      expect(after.blind).toBe(false);
      const agreement = after.agreement as {
        criteria: {
          criterion: string;
          scores: { score: number | null }[];
          spread: Record<string, number | null>;
          alpha: { value: number | null; units: number; level: string };
        }[];
        overall: {
          alpha: { value: number | null; level: string };
          totals: { n: number; min: number; max: number };
        };
      };
      const empathy = agreement.criteria.find((c) => c.criterion === "empathy");
      expect(empathy?.scores.map((s) => s.score)).toEqual([5, 3]);
      expect(empathy?.spread).toEqual({
        n: 2,
        min: 3,
        max: 5,
        range: 2,
        sd: Math.round(Math.SQRT2 * 1000) / 1000,
        modal_share: 0.5,
      });
      // One round is one unit: alpha there says nothing; the level follows the scale.
      expect(empathy?.alpha).toMatchObject({ units: 1, level: "ordinal" });
      expect(agreement.criteria.find((c) => c.criterion === "greeting")?.alpha.level).toBe("nominal");
      expect(agreement.criteria.find((c) => c.criterion === "accuracy")?.alpha.level).toBe("interval");
      // Overall over the criteria as units (interval on shares of each scale):
      // greeting 1,1; empathy 1, .5; no-blame 1,1; accuracy .8, .6.
      expect(agreement.overall.alpha.level).toBe("interval");
      // Totals: (1 + 3 + 1 + 1.6) / 7 = 94.3 and (1 + 1.5 + 1 + 1.2) / 7 = 67.1.
      expect(agreement.overall.totals).toMatchObject({ n: 2, min: 67.1, max: 94.3 });

      // A second round on another encounter, pooled per criterion: greeting [1,1] and [0,1] →
      // nominal α by hand: n_0 = 1, n_1 = 3, n = 4; α = 1 − 3·2 / (2·1·3) = 0.
      const second = (await (
        await send("POST", "/qa/calibration", admin.headers, {
          encounter_id: "e-blame",
          scorecard_id: card.id,
          reviewers: [analyst.email, manager.email],
        })
      ).json()) as { id: string };
      for (const [headers, greeting] of [
        [analyst.headers, 0],
        [manager.headers, 1],
      ] as const) {
        const r = await review(headers, {
          encounter_id: "e-blame",
          round_id: second.id,
          scores: scores({ greeting, empathy: 1, "no-blame": 0, accuracy: 5 }),
        });
        expect(r.status).toBe(201);
      }
      // Open rounds are not pooled (their scores are still blind to others); closed ones are.
      const unpooled = (await report(analyst.headers)).body.agreement as typeof agreement;
      expect(unpooled.criteria.find((c) => c.criterion === "greeting")?.alpha.units).toBe(1);
      expect((await send("POST", `/qa/calibration/${second.id}/close`, admin.headers)).status).toBe(200);
      const pooled = (await report(analyst.headers)).body.agreement as typeof agreement;
      const greeting = pooled.criteria.find((c) => c.criterion === "greeting");
      expect(greeting?.alpha).toMatchObject({ value: 0, units: 2 });
      // no-blame: [1,1] and [0,0] → perfect agreement with variation: α = 1.
      expect(pooled.criteria.find((c) => c.criterion === "no-blame")?.alpha).toMatchObject({
        value: 1,
        units: 2,
      });
      // The creator of a round may refuse nobody, but a non-reviewer account cannot be named.
      const badReviewer = await send("POST", "/qa/calibration", admin.headers, {
        encounter_id: "e-good",
        scorecard_id: card.id,
        reviewers: [analyst.email, otherManager.email],
      });
      expect(badReviewer.status).toBe(400);
      // The scorecard's team scope holds for rounds too.
      const outOfScope = await send("POST", "/qa/calibration", admin.headers, {
        encounter_id: "e-other-team",
        scorecard_id: card.id,
        reviewers: [analyst.email, admin.email],
      });
      expect(outOfScope.status).toBe(400);
    });

    it("retires a scorecard: no new reviews, old ones stay readable", async () => {
      expect((await send("DELETE", `/qa/scorecards/${card.id}`, manager.headers)).status).toBe(403);
      expect((await send("DELETE", `/qa/scorecards/${card.id}`, admin.headers)).status).toBe(204);
      const list = (await (await send("GET", "/qa/scorecards", admin.headers)).json()) as {
        items: unknown[];
      };
      expect(list.items).toEqual([]);
      const res = await review(admin.headers, { encounter_id: "e-good", scores: scores() });
      expect(res.status).toBe(400);
      const old = (await (await send("GET", "/qa/reviews", admin.headers)).json()) as { items: ReviewView[] };
      expect(old.items.length).toBe(5);
      // Erasing a customer removes the reviews of their encounters (and their scores) with them.
      await store.privacy.eraseCustomer("c-e-blame");
      const left = await store.db
        .withTables<{ qa_reviews: { encounter_id: string }; qa_review_scores: { review_id: string } }>()
        .selectFrom("qa_reviews")
        .select("encounter_id")
        .execute();
      expect(left.length).toBeGreaterThan(0);
      expect(left.some((r) => r.encounter_id === "e-blame")).toBe(false);
      const audit = await store.access.auditEntries({ limit: 100 });
      expect(audit.filter((e) => e.action.startsWith("qa.")).map((e) => e.action)).toEqual(
        expect.arrayContaining([
          "qa.scorecard.create",
          "qa.scorecard.update",
          "qa.review.create",
          "qa.scorecard.delete",
        ]),
      );
    });
  });
}
