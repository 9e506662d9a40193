import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { caseRulesWith } from "../../src/domain/case-rules.ts";
import type { RecordOfKind } from "../../src/domain/index.ts";
import { ingestPipeline, writeThroughPipeline } from "../../src/ingest/ingest-pipeline.ts";
import { openCases } from "../../src/store/case-opener.ts";
import { Store } from "../../src/store/index.ts";
import { DIALECTS, freshStore } from "../support/databases.ts";
import { daysAgo } from "../support/synthetic-records.ts";

/**
 * An import batch's answers open their cases from the records as the batch stored them (no read
 * back, case-opener.ts storedAnswers); every other writer (reanalysis) reads the rows back. Both
 * must open exactly the same cases: same rules, sources, teams (canonical spelling), customers,
 * encounters and due dates.
 */
const rules = caseRulesWith({ csat_low: { enabled: true }, churn_words: { enabled: true } });
const pipeline = ingestPipeline({ analyzer: null });

function answers(): RecordOfKind["responses"][] {
  return Array.from({ length: 60 }, (_, i) => ({
    id: `r-${i}`,
    kind: i % 3 === 0 ? "csat" : "nps",
    score: i % 3 === 0 ? (i % 5) + 1 : i % 11,
    // Comments with the churn phrase on some promoters too, redaction on (the stored comment is redacted).
    comment: i % 4 === 0 ? `Lopetan asiakkuuden, soita 040 123 4567 (${i})` : i % 4 === 1 ? "Ihan ok." : "",
    // The last five days: recent enough to open cases.
    answeredAt: new Date(daysAgo(5) + i * 3_600_000).toISOString(),
    // Two spellings of one team: the stored (canonical) one is the first written.
    team: i % 2 === 0 ? "Laskutus" : "laskutus ",
    ...(i % 5 === 0 ? {} : { customerId: `c-${i % 7}` }),
    ...(i % 6 === 0 ? { encounterId: `e-${i}` } : {}),
  })) as RecordOfKind["responses"][];
}

const caseFacts = (store: Store) =>
  store.db
    .selectFrom("cases")
    .select([
      "rule_id",
      "source_kind",
      "source_id",
      "encounter_id",
      "customer_id",
      "team",
      "due_at",
      "status",
    ])
    .orderBy("source_id")
    .orderBy("rule_id")
    .execute();

for (const dialect of DIALECTS) {
  describe(`cases opened from stored answers on ${dialect}`, () => {
    const disposers: (() => Promise<void>)[] = [];
    let imported: Store;
    let readBack: Store;

    beforeAll(async () => {
      const a = await freshStore(dialect);
      const b = await freshStore(dialect);
      disposers.push(a.dispose, b.dispose);
      // Two databases: one written with the rules on (the import path), one with them off, its cases opened after.
      imported = new Store(a.store.opened, undefined, rules);
      readBack = new Store(b.store.opened, undefined, caseRulesWith({ nps_detractor: { enabled: false } }));
    });
    afterAll(async () => {
      for (const dispose of disposers) await dispose();
    });

    it("opens the same cases as reading the answers back", async () => {
      await writeThroughPipeline(imported, pipeline, "responses", answers());
      await writeThroughPipeline(readBack, pipeline, "responses", answers());
      expect(await caseFacts(readBack)).toEqual([]);
      const ids = answers().map((r) => r.id);
      const now = new Date().toISOString();
      await readBack.dialect.bulkTransaction(readBack.db, (trx, bulk) =>
        openCases(trx, bulk, readBack.dialect, rules, { responses: ids }, now),
      );
      const opened = await caseFacts(imported);
      expect(opened.length).toBeGreaterThan(20);
      expect(new Set(opened.map((c) => c.rule_id))).toEqual(
        new Set(["nps_detractor", "csat_low", "churn_words"]),
      );
      expect(new Set(opened.map((c) => c.team))).toEqual(new Set(["Laskutus"]));
      expect(opened).toEqual(await caseFacts(readBack));
    });
  });
}
