import fs from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { loadDefaultAnalyzer } from "../../src/analysis/default-analyzer.ts";
import { caseRulesWith, defaultCaseRules } from "../../src/domain/case-rules.ts";
import type { RecordOfKind } from "../../src/domain/index.ts";
import { importFile } from "../../src/ingest/importer.ts";
import { ingestPipeline, writeThroughPipeline } from "../../src/ingest/ingest-pipeline.ts";
import { startReanalysis } from "../../src/ingest/reanalyzer.ts";
import { Store } from "../../src/store/index.ts";
import { lastJsonLine, runCli } from "../support/cli.ts";
import { DIALECTS, freshCliEnv, freshStore, storeFor, tempDir } from "../support/databases.ts";

/**
 * A case rule opens no case for a record more than its maxAgeDays (default 30) before the write:
 * an import of last year's answers, or a re-analysis of old encounters, must not fill the queue
 * with cases that were due months ago. Times here are relative to now, so the test holds whenever
 * it runs.
 */
const DAY = 86_400_000;
const analyzer = loadDefaultAnalyzer();
const pipeline = ingestPipeline({ analyzer });
const COMPLAINT =
  "Olen todella pettynyt, valitin laskusta jo kolme kertaa eikä kukaan vastaa. Irtisanon sopimuksen.";
const iso = (ms: number) => new Date(ms).toISOString();

function answer(id: string, answeredAt: number, score = 2, kind = "nps"): RecordOfKind["responses"] {
  return {
    id,
    kind,
    score,
    comment: COMPLAINT,
    answeredAt: iso(answeredAt),
    team: "Laskutus",
    customerId: `c-${id}`,
  } as RecordOfKind["responses"];
}

function encounter(id: string, startedAt: number, endedAt?: number): RecordOfKind["encounters"] {
  return {
    id,
    channel: "chat",
    startedAt: iso(startedAt),
    ...(endedAt === undefined ? {} : { endedAt: iso(endedAt) }),
    team: "Laskutus",
    customerId: `c-${id}`,
    turns: [
      { seq: 0, speaker: "customer", text: COMPLAINT },
      { seq: 1, speaker: "agent", text: "Pahoittelen, katson asiaa." },
    ],
  } as RecordOfKind["encounters"];
}

for (const dialect of DIALECTS) {
  describe(`the case rules' age limit on ${dialect}`, () => {
    let store: Store;
    let dispose: () => Promise<void>;
    /** The sources of a rule's cases among the ids of one test (each test has its own prefixes). */
    const casesOf = (rule: string, prefixes: string[]) =>
      store.db
        .selectFrom("cases")
        .select("source_id")
        .where("rule_id", "=", rule)
        .orderBy("source_id")
        .execute()
        .then((rows) => rows.map((r) => r.source_id).filter((id) => prefixes.some((p) => id.startsWith(p))));

    beforeAll(async () => {
      ({ store, dispose } = await freshStore(dialect));
    });
    afterAll(async () => {
      await dispose();
    });

    it("an answer just inside maxAgeDays opens its case, one just outside does not; each rule keeps its own limit", async () => {
      const now = Date.now();
      // A minute either side of the 30-day boundary (the write's own clock runs a little later than `now`).
      const inside = now - 30 * DAY + 60_000;
      const outside = now - 30 * DAY - 60_000;
      const rules = caseRulesWith({ csat_low: { enabled: true, maxAgeDays: 2 } });
      const counts = await writeThroughPipeline(
        new Store(store.opened, undefined, rules),
        pipeline,
        "responses",
        [
          answer("a-inside", inside),
          answer("a-outside", outside),
          answer("a-year", now - 365 * DAY),
          // CSAT 1 a day old opens its case; three days old is past csat_low's two days.
          answer("a-csat-fresh", now - DAY, 1, "csat"),
          answer("a-csat-old", now - 3 * DAY, 1, "csat"),
        ],
      );
      expect(await casesOf("nps_detractor", ["a-"])).toEqual(["a-inside"]);
      expect(await casesOf("csat_low", ["a-"])).toEqual(["a-csat-fresh"]);
      // Too old for every rule: the 30-day NPS answers outside; a-csat-old is within nps_detractor's 30 days.
      expect(counts.tooOldForCases).toBe(2);
      // The due date still counts from the answer's time.
      const [row] = await store.db
        .selectFrom("cases")
        .select("due_at")
        .where("source_id", "=", "a-inside")
        .execute();
      expect(row?.due_at).toBe(iso(inside + 48 * 3_600_000));
    });

    it("a re-analysis with negative_theme switched on opens cases for recent records only", async () => {
      const now = Date.now();
      await writeThroughPipeline(store, pipeline, "encounters", [
        encounter("e-fresh", now - 2 * DAY, now - 2 * DAY + 600_000),
        encounter("e-old", now - 400 * DAY, now - 400 * DAY + 600_000),
        // Started long ago and ended yesterday: its time is its end.
        encounter("e-ended-late", now - 40 * DAY, now - DAY),
        // No end: its time is its start.
        encounter("e-open-old", now - 40 * DAY),
      ]);
      await writeThroughPipeline(store, pipeline, "responses", [
        answer("t-fresh", now - 3 * DAY, 9),
        answer("t-old", now - 200 * DAY, 9),
      ]);
      // The negative themes the analysis found in the complaint (the same text everywhere).
      const [stored] = await store.db
        .selectFrom("encounters")
        .select("theme_codes")
        .where("id", "=", "e-old")
        .execute();
      const negative = (stored?.theme_codes ?? "")
        .split(" ")
        .filter((c) => c.endsWith(":-1"))
        .map((c) => c.slice(0, -3));
      expect(negative.length).toBeGreaterThan(0);
      // A taxonomy change: negative_theme on for those themes, everything analysed again.
      const switched = new Store(
        store.opened,
        undefined,
        caseRulesWith({ negative_theme: { enabled: true, themes: negative } }),
      );
      const started = await startReanalysis(switched, analyzer, "test");
      await started?.run;
      expect(await casesOf("negative_theme", ["e-", "t-"])).toEqual(["e-ended-late", "e-fresh", "t-fresh"]);
      // With the limit raised, the next re-analysis opens the older ones too, once.
      const longer = new Store(
        store.opened,
        undefined,
        caseRulesWith({ negative_theme: { enabled: true, themes: negative, maxAgeDays: 3650 } }),
      );
      await (await startReanalysis(longer, analyzer, "test"))?.run;
      expect(await casesOf("negative_theme", ["e-", "t-"])).toEqual([
        "e-ended-late",
        "e-fresh",
        "e-old",
        "e-open-old",
        "t-fresh",
        "t-old",
      ]);
    });

    it("an import's summary counts the answers too old to open a case", async () => {
      const dir = tempDir();
      try {
        const now = Date.now();
        const lines = Array.from({ length: 40 }, (_, i) => {
          // Every fourth answer is from last week, the rest from last year; every other one a detractor.
          const at = i % 4 === 0 ? now - 7 * DAY + i * 60_000 : now - 365 * DAY + i * 60_000;
          return JSON.stringify({
            id: `h-${i}`,
            kind: "nps",
            score: i % 2 === 0 ? 3 : 9,
            answered_at: iso(at),
          });
        });
        const file = path.join(dir, "history.jsonl");
        fs.writeFileSync(file, `${lines.join("\n")}\n`);
        const history = new Store(store.opened, undefined, defaultCaseRules());
        const summary = await importFile(history, file, {
          kind: "responses",
          timeZone: "Europe/Helsinki",
          pipeline: ingestPipeline({ analyzer: null }),
          batchSize: 15,
        });
        expect(summary).toMatchObject({ imported: 40, rejected: 0, tooOldForCases: 30 });
        const opened = await casesOf("nps_detractor", ["h-"]);
        // The recent ones are h-0, h-4, … h-36, all detractors.
        expect(opened.sort()).toEqual(Array.from({ length: 10 }, (_, i) => `h-${i * 4}`).sort());
        // Imported again: nothing written, nothing counted.
        const again = await importFile(history, file, {
          kind: "responses",
          timeZone: "Europe/Helsinki",
          pipeline: ingestPipeline({ analyzer: null }),
        });
        expect(again).toMatchObject({ unchanged: 40, tooOldForCases: 0 });
      } finally {
        fs.rmSync(dir, { recursive: true, force: true });
      }
    });
  });

  describe(`kohtaamo import of a history export on ${dialect}`, () => {
    let cli: Awaited<ReturnType<typeof freshCliEnv>>;
    beforeAll(async () => {
      cli = await freshCliEnv(dialect);
    });
    afterAll(async () => {
      await cli.dispose();
    });

    it("says how many answers were too old to open a case, and the JSON summary counts them", async () => {
      const now = Date.now();
      const file = path.join(cli.dataDir, "history.csv");
      const rows = Array.from({ length: 12 }, (_, i) => {
        const at = i < 3 ? now - 2 * DAY : now - 90 * DAY;
        return `x-${i},nps,${i % 3},${iso(at)}`;
      });
      fs.writeFileSync(file, `id,kind,score,answered_at\n${rows.join("\n")}\n`);
      const r = await runCli(["import", file, "--kind", "responses", "--no-analysis"], {
        ...cli.env,
        KOHTAAMO_CASE_RULES: '{"nps_detractor":{"maxAgeDays":60}}',
      });
      expect(r.code).toBe(0);
      expect(lastJsonLine(r.stdout)).toMatchObject({ imported: 12, tooOldForCases: 9 });
      expect(r.stderr).toContain(
        "9 answers older than the case rules' maxAgeDays (KOHTAAMO_CASE_RULES) opened no follow-up case",
      );
      const store = storeFor(cli.env);
      try {
        const cases = await store.db.selectFrom("cases").select("source_id").orderBy("source_id").execute();
        expect(cases.map((c) => c.source_id)).toEqual(["x-0", "x-1", "x-2"]);
      } finally {
        await store.close();
      }
    });
  });
}
