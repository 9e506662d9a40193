import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { loadDefaultAnalyzer } from "../../src/analysis/default-analyzer.ts";
import { ingestPipeline } from "../../src/ingest/ingest-pipeline.ts";
import { createApp } from "../../src/server/app.ts";
import type { Store } from "../../src/store/index.ts";
import { signedIn } from "../support/auth.ts";
import { DIALECTS, freshStore } from "../support/databases.ts";

/**
 * A list filtered by a theme reads a partial index of the rows with themes (migration 0026) instead of
 * walking every answer newest first. Whatever index it reads, its pages must be the unfiltered list's
 * pages with the other answers left out: the same answers in the same order (time, then id, newest
 * first), across cursor pages, with answers stored but not yet analysed, answers without a comment and
 * answers sharing a timestamp. The expectation is computed here from the unfiltered list and the stored
 * analysis JSON, never from the facts columns or the SQL the filter uses.
 */
const analyzer = loadDefaultAnalyzer();
const COMMENTS = [
  "Laskussa oli virhe ja minua laskutettiin kahteen kertaan.",
  "Jonotin puhelimessa yli puoli tuntia ennen kuin kukaan vastasi.",
  "My invoice was wrong again and I was charged twice.",
  "Kiitos, asiakaspalvelija oli todella ystävällinen ja auttoi nopeasti.",
  "",
  "The bill was fine but I waited forty minutes in the queue.",
];
/** Answer i: a comment from the list above, a timestamp shared by every three answers. */
const answer = (i: number, prefix: string) => ({
  id: `${prefix}${String(i).padStart(3, "0")}`,
  kind: "nps",
  score: i % 11,
  comment: COMMENTS[i % COMMENTS.length] || null,
  answered_at: new Date(Date.UTC(2026, 2, 1) + Math.floor(i / 3) * 3_600_000).toISOString(),
});

interface Theme {
  id: string;
  polarity: string;
}

for (const dialect of DIALECTS) {
  describe(`a theme-filtered answer list is the unfiltered list filtered (${dialect})`, () => {
    let store: Store;
    let dispose: () => Promise<void>;
    let app: ReturnType<typeof createApp>;
    let headers: Record<string, string>;
    const themesOf = new Map<string, Theme[]>();

    async function post(target: ReturnType<typeof createApp>, rows: ReturnType<typeof answer>[]) {
      const res = await target.request("/api/v1/responses", {
        method: "POST",
        headers: { ...headers, "content-type": "application/json" },
        body: JSON.stringify(rows),
      });
      expect(res.status, await res.clone().text()).toBe(200);
    }

    /** Every id of a list in the order its pages give them. */
    async function walk(query: string, limit: number): Promise<string[]> {
      const ids: string[] = [];
      let cursor: string | null = null;
      do {
        const url = `/api/v1/responses?${query}&limit=${limit}${cursor ? `&cursor=${cursor}` : ""}`;
        const res = await app.request(url, { headers });
        expect(res.status, url).toBe(200);
        const page = (await res.json()) as { items: { id: string }[]; next_cursor: string | null };
        ids.push(...page.items.map((item) => item.id));
        cursor = page.next_cursor;
      } while (cursor);
      return ids;
    }

    beforeAll(async () => {
      ({ store, dispose } = await freshStore(dialect));
      app = createApp({ store, timeZone: "Europe/Helsinki", pipeline: ingestPipeline({ analyzer }) });
      headers = (await signedIn(store, "analyst")).headers;
      // Analysed answers, then newer ones stored without analysis (an import ahead of its queue).
      await post(
        app,
        Array.from({ length: 90 }, (_, i) => answer(i, "a")),
      );
      const unanalysed = createApp({
        store,
        timeZone: "Europe/Helsinki",
        pipeline: ingestPipeline({ analyzer: null }),
      });
      await post(
        unanalysed,
        Array.from({ length: 30 }, (_, i) => answer(90 + i, "b")),
      );
      const results = await store.opened.db
        .selectFrom("analysis_results")
        .select(["subject_id", "result"])
        .where("subject_kind", "=", "response")
        .orderBy("created_at")
        .execute();
      for (const r of results) {
        themesOf.set(r.subject_id, (JSON.parse(r.result) as { themes?: Theme[] }).themes ?? []);
      }
    }, 120_000);
    afterAll(async () => {
      await store?.close();
      await dispose?.();
    });

    it("gives the same answers in the same order, page after page", async () => {
      const all = await walk("kind=nps", 500);
      expect(all).toHaveLength(120);
      const cases: [string, (t: Theme) => boolean][] = [
        ["theme=billing", (t) => t.id === "billing"],
        ["theme=billing&polarity=negative", (t) => t.id === "billing" && t.polarity === "negative"],
        ["theme=waiting", (t) => t.id === "waiting"],
        ["polarity=positive", (t) => t.polarity === "positive"],
      ];
      for (const [query, keep] of cases) {
        const expected = all.filter((id) => (themesOf.get(id) ?? []).some(keep));
        // Each case must hold answers on several pages of 7, and none of the unanalysed ones.
        expect(expected.length, query).toBeGreaterThan(14);
        expect(
          expected.some((id) => id.startsWith("b")),
          query,
        ).toBe(false);
        expect(await walk(query, 7), query).toEqual(expected);
        expect(await walk(query, 500), query).toEqual(expected);
      }
    }, 120_000);
  });
}
