import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { loadDefaultAnalyzer } from "../../src/analysis/default-analyzer.ts";
import { addLocalUser } from "../../src/auth/accounts.ts";
import { withoutCaseAgeLimit } from "../../src/domain/case-rules.ts";
import type { RecordOfKind } from "../../src/domain/index.ts";
import { workDemoCases } from "../../src/ingest/demo-case-work.ts";
import { ingestPipeline, writeThroughPipeline } from "../../src/ingest/ingest-pipeline.ts";
import type { Store } from "../../src/store/index.ts";
import { DIALECTS, freshStore } from "../support/databases.ts";

const pipeline = ingestPipeline({ analyzer: loadDefaultAnalyzer() });
const NOW = new Date("2026-12-01T12:00:00.000Z");
const LEAD = "lead@example.org";

/** 120 detractors over 2026, one case each (the default rule: NPS 0–6, due 48 h after the answer). */
function detractors(): RecordOfKind["responses"][] {
  return Array.from({ length: 120 }, (_, i) => ({
    id: `r-${i}`,
    kind: "nps",
    score: i % 7,
    comment: i % 2 === 0 ? "Lasku oli väärin ja jouduin jonottamaan tunnin." : "Huonoa palvelua.",
    answeredAt: new Date(Date.parse("2026-01-05T10:00:00.000Z") + i * 2.7 * 86_400_000).toISOString(),
    team: i % 3 === 0 ? "Laskutus" : "Asiakaspalvelu Tampere",
    customerId: `c-${i}`,
  })) as RecordOfKind["responses"][];
}

for (const dialect of DIALECTS) {
  describe(`the demo's follow-up work on ${dialect}`, () => {
    let store: Store;
    let dispose: () => Promise<void>;
    const cases = () =>
      store.db
        .selectFrom("cases")
        .selectAll()
        .orderBy("id")
        .execute()
        .then((rows) => rows.map((r) => ({ ...r })));

    beforeAll(async () => {
      ({ store, dispose } = await freshStore(dialect));
      await addLocalUser(
        store,
        { email: LEAD, role: "manager", teams: ["Laskutus"], password: "a-long-test-passphrase" },
        "test",
      );
      // Written as the demo's seeding writes its fixed calendar (demo-seeder.ts): with no case age limit.
      const seeding = store.withCaseRules(withoutCaseAgeLimit(store.caseRules));
      await writeThroughPipeline(seeding, pipeline, "responses", detractors());
    });
    afterAll(async () => {
      await dispose();
    });

    it("works the cases as a lead would: most contacted on time and closed with an outcome, some late, some left", async () => {
      // A person has already closed one case: the demo work leaves it as it is.
      const first = (await cases())[0];
      await store.cases.update(
        first?.id as string,
        { status: "no_action_needed" },
        "someone",
        NOW.toISOString(),
      );

      const work = await workDemoCases(store, 7, NOW);
      const after = await cases();
      expect(after).toHaveLength(120);
      expect(work.contacted + work.noActionNeeded + work.leftNew).toBe(119);
      const by = (s: string) => after.filter((c) => c.status === s);
      expect(by("resolved").length).toBe(work.resolved);
      expect(by("contacted").length).toBe(work.contacted - work.resolved);
      expect(by("no_action_needed").length).toBe(work.noActionNeeded + 1);
      expect(by("new").length).toBe(work.leftNew);
      // A living loop, not a failed or a perfect one.
      expect(by("resolved").length).toBeGreaterThan(60);
      expect(by("new").length).toBeGreaterThan(0);
      const onTime = after.filter((c) => c.contacted_at !== null && c.contacted_at <= c.due_at).length;
      const late = after.filter((c) => c.contacted_at !== null && c.contacted_at > c.due_at).length;
      expect(onTime).toBeGreaterThan(2 * late);
      expect(late).toBeGreaterThan(0);

      for (const c of by("resolved")) {
        expect(c.outcome).toMatch(/\S/);
        // The first contact comes after the answer (48 h before the due date) and before the close.
        expect(Date.parse(c.contacted_at as string)).toBeGreaterThan(Date.parse(c.due_at) - 48 * 3_600_000);
        expect((c.closed_at as string) >= (c.contacted_at as string)).toBe(true);
        expect((c.closed_at as string) < NOW.toISOString()).toBe(true);
      }
      // Root causes come from the analysed comments: the billing-and-queue comment names a theme.
      expect(by("resolved").filter((c) => c.root_cause_theme !== null).length).toBeGreaterThan(20);
      const untouched = after.find((c) => c.id === first?.id);
      expect(untouched?.closed_at).toBe(NOW.toISOString());

      // The history and the audit log hold each change, by the team's lead or "demo".
      // (The opening itself is a history row from no status to "new", by the rules.)
      const history = await store.db
        .selectFrom("case_history")
        .select(["actor", "field"])
        .where("from_value", "is not", null)
        .execute();
      expect(history.filter((h) => h.field === "status").length).toBe(
        work.contacted + work.resolved + work.noActionNeeded + 1,
      );
      expect(new Set(history.filter((h) => h.field === "status").map((h) => h.actor))).toEqual(
        new Set([LEAD, "demo", "someone"]),
      );
    });

    it("changes nothing when run again", async () => {
      const before = await cases();
      const again = await workDemoCases(store, 7, NOW);
      expect(again).toEqual({
        contacted: 0,
        resolved: 0,
        noActionNeeded: 0,
        leftNew: before.filter((c) => c.status === "new").length,
      });
      expect(await cases()).toEqual(before);
    });
  });
}
