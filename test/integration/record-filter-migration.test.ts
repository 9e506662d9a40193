import { sql } from "kysely";
import { describe, expect, it } from "vitest";
import { loadDefaultAnalyzer } from "../../src/analysis/default-analyzer.ts";
import { analysisFacts } from "../../src/store/analysis-facts.ts";
import { DIALECTS, freshStore } from "../support/databases.ts";

const NOW = "2026-03-01T00:00:00.000Z";

for (const dialect of DIALECTS) {
  describe(`upgrading a ${dialect} database to the filter facts (0007)`, () => {
    it("backfills tone label, trajectory and effort codes from the newest analysis, as the live code writes them", async () => {
      const { store, dispose } = await freshStore(dialect, "0006-audit-append-only");
      try {
        const analyzer = loadDefaultAnalyzer();
        const encounter = (id: string) => ({
          id,
          channel: "chat",
          started_at: "2026-02-01T10:00:00.000Z",
          turn_count: 2,
          content_hash: id,
          updated_at: NOW,
        });
        await store.db
          .insertInto("encounters")
          .values([encounter("e-1"), encounter("e-2")] as never)
          .execute();
        await store.db
          .insertInto("survey_responses")
          .values({
            id: "r-1",
            kind: "nps",
            score: 2,
            answered_at: "2026-02-02T10:00:00.000Z",
            content_hash: "r-1",
            updated_at: NOW,
          } as never)
          .execute();
        const stale = analyzer.analyzeEncounter([{ speaker: "customer", text: "Kiitos, kaikki hyvin!" }]);
        const newest = analyzer.analyzeEncounter([
          { speaker: "customer", text: "Jonotin tunnin ja minut siirrettiin kolme kertaa, tämä on kamalaa." },
          { speaker: "agent", text: "Pahoittelen." },
          { speaker: "customer", text: "Kiitos, nyt asia on kunnossa, olen tyytyväinen!" },
        ]);
        const comment = analyzer.analyzeText("Odotin puoli tuntia, huonoa palvelua.");
        const result = (kind: string, id: string, value: unknown, at: string) => ({
          subject_kind: kind,
          subject_id: id,
          analyzer_version: at,
          result: JSON.stringify(value),
          created_at: at,
        });
        await store.db
          .insertInto("analysis_results")
          .values([
            result("encounter", "e-1", newest, "2026-02-03T00:00:00.000Z"),
            result("encounter", "e-1", stale, "2026-02-02T00:00:00.000Z"),
            result("response", "r-1", comment, "2026-02-02T00:00:00.000Z"),
          ])
          .execute();
        expect((await store.migrate())[0]).toBe("0007-record-filter-facts");

        const encounters = await sql<Record<string, unknown>>`
          select id, tone_label, trajectory, effort_codes from encounters order by id`.execute(store.db);
        const live = analysisFacts("encounter", newest);
        expect(encounters.rows).toEqual([
          {
            id: "e-1",
            tone_label: live.toneLabel,
            trajectory: live.trajectory,
            effort_codes: live.effortCodes,
          },
          { id: "e-2", tone_label: null, trajectory: null, effort_codes: null },
        ]);
        expect(live.effortCodes).toContain("stated_wait");
        expect(live.trajectory).toBe(newest.arc.trajectory);
        const answers = await sql<Record<string, unknown>>`
          select tone_label, effort_codes from survey_responses`.execute(store.db);
        const liveAnswer = analysisFacts("response", comment);
        expect(answers.rows).toEqual([
          { tone_label: comment.tone.label, effort_codes: liveAnswer.effortCodes },
        ]);
        expect(liveAnswer.effortCodes).toBe("stated_wait");
      } finally {
        await dispose();
      }
    });
  });
}
