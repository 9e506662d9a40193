import { parse } from "csv-parse/sync";
import ExcelJS from "exceljs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ingestPipeline } from "../../src/ingest/ingest-pipeline.ts";
import { createApp } from "../../src/server/app.ts";
import type { Store } from "../../src/store/index.ts";
import { signedIn } from "../support/auth.ts";
import { runCli } from "../support/cli.ts";
import { DIALECTS, freshCliEnv, storeFor } from "../support/databases.ts";

/**
 * List filters of encounters and answers on the demo workspace, on each database. Every
 * expectation is computed here, in JavaScript, from the records and the analysis JSON as stored,
 * never from the facts columns or the SQL the filters use.
 */

interface StoredAnalysis {
  tone?: { label: string; score: number };
  themes?: { id: string; polarity: string }[];
  turns?: { speaker: string; tone: { score: number } }[];
  arc?: { trajectory: string };
  effort?: {
    repeatContact?: boolean;
    transfer?: boolean;
    explainAgain?: boolean;
    statedWaitSeconds?: number | null;
  };
}

interface EncounterFacts {
  id: string;
  team: string | null;
  channel: string;
  touchpoint: string | null;
  startedAt: string;
  text: string[];
  analysis: StoredAnalysis | undefined;
}

interface AnswerFacts {
  id: string;
  kind: string;
  score: number;
  team: string | null;
  encounterId: string | null;
  comment: string | null;
  analysis: StoredAnalysis | undefined;
}

const hasTheme = (a: StoredAnalysis | undefined, id: string | null, polarity?: string) =>
  (a?.themes ?? []).some(
    (t) => (id === null || t.id === id) && (polarity === undefined || t.polarity === polarity),
  );

function encounterTone(a: StoredAnalysis | undefined): string | null {
  if (!a?.turns || a.turns.length === 0) return null;
  const customer = a.turns.filter((t) => t.speaker === "customer");
  const turns = customer.length > 0 ? customer : a.turns;
  const mean = turns.reduce((s, t) => s + t.tone.score, 0) / turns.length;
  return mean <= -0.2 ? "negative" : mean >= 0.2 ? "positive" : "neutral";
}

const EFFORT: Record<string, (e: NonNullable<StoredAnalysis["effort"]>) => boolean> = {
  repeat_contact: (e) => e.repeatContact === true,
  transfer: (e) => e.transfer === true,
  explain_again: (e) => e.explainAgain === true,
  stated_wait: (e) => e.statedWaitSeconds !== null && e.statedWaitSeconds !== undefined,
};
const hasEffort = (a: StoredAnalysis | undefined, id: string) =>
  a?.effort ? EFFORT[id]?.(a.effort) === true : false;

const BAND: Record<string, [number, number]> = { detractor: [0, 6], passive: [7, 8], promoter: [9, 10] };
const inBand = (r: AnswerFacts, band: string) =>
  r.kind === "nps" &&
  r.score >= (BAND[band] as [number, number])[0] &&
  r.score <= (BAND[band] as [number, number])[1];

const sorted = (ids: Iterable<string>) => [...ids].sort();

for (const dialect of DIALECTS) {
  describe(`record list filters on the demo (${dialect})`, () => {
    let cli: Awaited<ReturnType<typeof freshCliEnv>>;
    let store: Store;
    let app: ReturnType<typeof createApp>;
    let analyst: Record<string, string>;
    const encounters: EncounterFacts[] = [];
    const answers: AnswerFacts[] = [];

    /** Every id a filtered list returns, walking its pages; fails if a record comes twice. */
    async function listIds(what: "encounters" | "responses", query: string, limit = 500): Promise<string[]> {
      const ids: string[] = [];
      let cursor: string | null = null;
      do {
        const url = `/api/v1/${what}?${query}&limit=${limit}${cursor ? `&cursor=${cursor}` : ""}`;
        const res = await app.request(url, { headers: analyst });
        expect(res.status, url).toBe(200);
        const page = (await res.json()) as { items: { id: string }[]; next_cursor: string | null };
        ids.push(...page.items.map((i) => i.id));
        cursor = page.next_cursor;
      } while (cursor);
      expect(new Set(ids).size, `${query}: a record came twice`).toBe(ids.length);
      return sorted(ids);
    }

    beforeAll(async () => {
      cli = await freshCliEnv(dialect);
      const demo = await runCli(["demo"], cli.env);
      expect(demo.code, demo.stderr).toBe(0);
      store = storeFor(cli.env);
      app = createApp({ store, timeZone: "Europe/Helsinki", pipeline: ingestPipeline({ analyzer: null }) });
      analyst = (await signedIn(store, "analyst")).headers;
      const results = await store.opened.db
        .selectFrom("analysis_results")
        .select(["subject_kind", "subject_id", "result", "created_at"])
        .orderBy("created_at")
        .execute();
      const latest = new Map(results.map((r) => [`${r.subject_kind}:${r.subject_id}`, JSON.parse(r.result)]));
      for await (const e of store.encounters.iterate()) {
        encounters.push({
          id: e.id,
          team: e.team,
          channel: e.channel,
          touchpoint: e.touchpoint,
          startedAt: e.started_at,
          text: e.turns.map((t) => t.text),
          analysis: latest.get(`encounter:${e.id}`),
        });
      }
      for await (const r of store.responses.iterate()) {
        answers.push({
          id: r.id,
          kind: r.kind,
          score: r.score,
          team: r.team,
          encounterId: r.encounter_id,
          comment: r.comment,
          analysis: latest.get(`response:${r.id}`),
        });
      }
    }, 180_000);
    afterAll(async () => {
      await store?.close();
      await cli?.dispose();
    });

    it("narrows encounters to exactly the records each filter describes", async () => {
      const trajectoryOf = new Map(encounters.map((e) => [e.id, e.analysis?.arc?.trajectory]));
      const linked = (e: EncounterFacts, band: string) =>
        answers.some((r) => r.encounterId === e.id && inBand(r, band));
      const cases: [string, (e: EncounterFacts) => boolean][] = [
        ["theme=billing", (e) => hasTheme(e.analysis, "billing")],
        ["theme=billing&polarity=negative", (e) => hasTheme(e.analysis, "billing", "negative")],
        ["polarity=positive", (e) => hasTheme(e.analysis, null, "positive")],
        ["tone=negative", (e) => encounterTone(e.analysis) === "negative"],
        ["tone=neutral", (e) => encounterTone(e.analysis) === "neutral"],
        ["trajectory=deteriorated", (e) => trajectoryOf.get(e.id) === "deteriorated"],
        ["effort=transfer", (e) => hasEffort(e.analysis, "transfer")],
        ["effort=stated_wait", (e) => hasEffort(e.analysis, "stated_wait")],
        ["score_band=detractor", (e) => linked(e, "detractor")],
        ["touchpoint=Virheellinen%20lasku", (e) => e.touchpoint === "Virheellinen lasku"],
        ["q=LASKU", (e) => e.text.some((t) => t.toLowerCase().includes("lasku"))],
        ["q=%25", (e) => e.text.some((t) => t.includes("%"))],
        [
          "team=laskutus&channel=puhelin&tone=negative&from=2026-03-01&to=2026-09-01",
          (e) =>
            e.team === "Laskutus" &&
            e.channel === "phone" &&
            encounterTone(e.analysis) === "negative" &&
            e.startedAt >= "2026-02-28T22:00:00.000Z" &&
            e.startedAt < "2026-08-31T21:00:00.000Z",
        ],
        [
          "theme=billing&effort=stated_wait&trajectory=recovered",
          (e) =>
            hasTheme(e.analysis, "billing") &&
            hasEffort(e.analysis, "stated_wait") &&
            trajectoryOf.get(e.id) === "recovered",
        ],
      ];
      for (const [query, keep] of cases) {
        const expected = sorted(encounters.filter(keep).map((e) => e.id));
        expect(await listIds("encounters", query), query).toEqual(expected);
      }
      // The cases must be able to fail: each narrows, and most keep something.
      expect(encounters.filter((e) => hasTheme(e.analysis, "billing", "negative")).length).toBeGreaterThan(
        20,
      );
    }, 180_000);

    it("narrows survey answers to exactly the records each filter describes", async () => {
      const trajectoryOf = new Map(encounters.map((e) => [e.id, e.analysis?.arc?.trajectory]));
      const cases: [string, (r: AnswerFacts) => boolean][] = [
        ["theme=billing&polarity=negative", (r) => hasTheme(r.analysis, "billing", "negative")],
        ["tone=positive", (r) => r.analysis?.tone?.label === "positive"],
        ["score_band=promoter", (r) => inBand(r, "promoter")],
        ["score_band=passive", (r) => inBand(r, "passive")],
        [
          "trajectory=deteriorated",
          (r) => r.encounterId !== null && trajectoryOf.get(r.encounterId) === "deteriorated",
        ],
        ["effort=stated_wait", (r) => hasEffort(r.analysis, "stated_wait")],
        ["q=JONO", (r) => (r.comment ?? "").toLowerCase().includes("jono")],
        [
          "kind=nps&team=laskutus&score_band=detractor&tone=negative",
          (r) =>
            r.kind === "nps" &&
            r.team === "Laskutus" &&
            inBand(r, "detractor") &&
            r.analysis?.tone?.label === "negative",
        ],
      ];
      for (const [query, keep] of cases) {
        const expected = sorted(answers.filter(keep).map((r) => r.id));
        expect(await listIds("responses", query), query).toEqual(expected);
      }
    }, 180_000);

    it("walks small cursor pages of a filtered list, each record once", async () => {
      const query = "theme=billing&polarity=negative";
      const whole = await listIds("encounters", query);
      expect(whole.length).toBeGreaterThan(14);
      expect(await listIds("encounters", query, 7)).toEqual(whole);
    }, 60_000);

    it("exports the same records as the list, over HTTP and from the CLI, and audits the export", async () => {
      const query = "theme=billing&tone=negative&team=laskutus";
      const listed = await listIds("encounters", query);
      expect(listed.length).toBeGreaterThan(0);

      const csv = await app.request(`/api/v1/encounters/export?format=csv&${query}`, { headers: analyst });
      expect(csv.status).toBe(200);
      expect(csv.headers.get("content-type")).toContain("text/csv");
      const rows = parse(await csv.text(), { columns: true }) as { encounter_id: string }[];
      expect(sorted(new Set(rows.map((r) => r.encounter_id)))).toEqual(listed);

      const xlsx = await app.request(`/api/v1/encounters/export?format=xlsx&${query}`, { headers: analyst });
      expect(xlsx.status).toBe(200);
      const workbook = new ExcelJS.Workbook();
      await workbook.xlsx.load(Buffer.from(await xlsx.arrayBuffer()) as unknown as ArrayBuffer);
      const sheet = workbook.worksheets[0] as ExcelJS.Worksheet;
      const xlsxIds = new Set<string>();
      sheet.eachRow((row, n) => {
        if (n > 1) xlsxIds.add(String(row.getCell(1).value));
      });
      expect(sorted(xlsxIds)).toEqual(listed);

      const audit = await store.access.auditEntries({ limit: 10, action: "export" });
      expect(
        audit.some((a) => a.target === "encounters" && JSON.stringify(a.details).includes("billing")),
      ).toBe(true);

      const run = await runCli(
        [
          "export",
          "encounters",
          "--format",
          "jsonl",
          "--theme",
          "billing",
          "--tone",
          "negative",
          "--team",
          "laskutus",
        ],
        cli.env,
      );
      expect(run.code, run.stderr).toBe(0);
      const cliIds = run.stdout
        .trim()
        .split("\n")
        .map((l) => (JSON.parse(l) as { id: string }).id);
      expect(sorted(cliIds)).toEqual(listed);

      const answersListed = await listIds("responses", "score_band=detractor&theme=billing");
      const answersCsv = await app.request("/api/v1/responses/export?score_band=detractor&theme=billing", {
        headers: analyst,
      });
      const answerRows = parse(await answersCsv.text(), { columns: true }) as { id: string }[];
      expect(sorted(answerRows.map((r) => r.id))).toEqual(answersListed);
    }, 120_000);

    it("refuses a bad filter value with a 400 naming the parameter (and the CLI names the option)", async () => {
      for (const [query, name] of [
        ["tone=angry", "tone"],
        ["theme=no_such_theme", "theme"],
        ["polarity=bad", "polarity"],
        ["trajectory=sideways", "trajectory"],
        ["effort=walking", "effort"],
        ["score_band=fans", "score_band"],
        ["from=yesterday", "from"],
      ] as const) {
        for (const path of ["/api/v1/encounters", "/api/v1/responses", "/api/v1/encounters/export"]) {
          const res = await app.request(`${path}?${query}`, { headers: analyst });
          expect(res.status, `${path}?${query}`).toBe(400);
          const body = (await res.json()) as { error: { message: string; requestId: string } };
          expect(body.error.message).toContain(name);
          expect(body.error.requestId).toBeTruthy();
        }
      }
      const run = await runCli(["export", "responses", "--score-band", "fans"], cli.env);
      expect(run.code).not.toBe(0);
      expect(run.stderr).toContain("--score-band");
      // Pulse answers have no analysis facts: the filter is refused, not silently ignored.
      const pulse = await runCli(["export", "pulse", "--tone", "negative"], cli.env);
      expect(pulse.code).not.toBe(0);
      expect(pulse.stderr).toContain("--tone");
    }, 60_000);
  });
}
