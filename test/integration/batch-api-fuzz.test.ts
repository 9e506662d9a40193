import fc from "fast-check";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { loadDefaultAnalyzer } from "../../src/analysis/default-analyzer.ts";
import { ingestPipeline } from "../../src/ingest/ingest-pipeline.ts";
import { createApp } from "../../src/server/app.ts";
import type { Store } from "../../src/store/index.ts";
import { signedIn } from "../support/auth.ts";
import { DIALECTS, freshStore } from "../support/databases.ts";
import { batchOfKind, jsonRecord } from "../support/malformed-input.ts";

/**
 * Property: the batch API answers every generated batch (wrong types, control characters, formula
 * and script strings, missing fields, repeated ids) with 200 or 422, and accounts for every item:
 * accepted ids + listed errors = items sent, and the counts add up to the accepted ids. About
 * 4,000 items per database.
 */

interface BatchAnswer {
  accepted: string[];
  errors: { index: number; problems: { field: string; reason: string }[] }[];
  imported: number;
  updated: number;
  unchanged: number;
}

const PATHS = { responses: "responses", pulse: "pulse", encounters: "encounters" } as const;

for (const dialect of DIALECTS) {
  describe(`batch API fuzz on ${dialect}`, () => {
    let store: Store;
    let dispose: () => Promise<void>;
    let app: ReturnType<typeof createApp>;
    let auth: Record<string, string>;
    beforeAll(async () => {
      ({ store, dispose } = await freshStore(dialect));
      app = createApp({
        store,
        timeZone: "Europe/Helsinki",
        pipeline: ingestPipeline({ analyzer: loadDefaultAnalyzer() }),
      });
      auth = (await signedIn(store, "admin")).headers;
    });
    afterAll(async () => {
      await dispose();
    });

    it("stores or lists every item of every generated batch, never a 500", async () => {
      let offered = 0;
      await fc.assert(
        fc.asyncProperty(batchOfKind(jsonRecord, 1), async ([kind, items]) => {
          const res = await app.request(`/api/v1/${PATHS[kind]}`, {
            method: "POST",
            headers: { "content-type": "application/json", ...auth },
            body: JSON.stringify(items),
          });
          expect([200, 422]).toContain(res.status);
          const body = (await res.json()) as BatchAnswer;
          expect(body.accepted.length + body.errors.length).toBe(items.length);
          expect(body.imported + body.updated + body.unchanged).toBe(body.accepted.length);
          expect(new Set(body.errors.map((e) => e.index)).size).toBe(body.errors.length);
          for (const error of body.errors) {
            expect(error.problems.length).toBeGreaterThan(0);
            for (const p of error.problems) expect(p.reason.length).toBeGreaterThan(0);
          }
          offered += items.length;
        }),
        { numRuns: 100 },
      );
      // About 3,000–4,000 over 100 batches of 1–80 items; the floor only proves the batches were not trivial.
      expect(offered).toBeGreaterThan(2000);
    });
  });
}
