import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { EncounterDetailBody, ResponseDetailBody } from "../../src/server/api-schemas.ts";
import { type AnalysingApi, analysingApi } from "../support/analysing-api.ts";
import { DIALECTS } from "../support/databases.ts";

/**
 * Swedish-speaking customers of a Finnish organisation: their texts are stored and shown, but the
 * analysis (Finnish and English) leaves them unread instead of giving them the English models'
 * confident neutral tone, and the reports leave them out rather than count them as neutral.
 */

const SWEDISH_CALL = [
  { speaker: "agent", text: "Kundtjänst, hej, vad kan jag hjälpa dig med idag?" },
  {
    speaker: "customer",
    text: "Min faktura är dubbelt så hög som förra månaden och jag förstår inte varför.",
  },
  { speaker: "agent", text: "Jag kollar det åt dig, ett ögonblick bara." },
  { speaker: "customer", text: "Tack!" },
];
const FINNISH_CALL = [
  { speaker: "customer", text: "Laskussani on virhe, minulta on veloitettu kahteen kertaan." },
  { speaker: "agent", text: "Pahoittelen, korjaan sen heti ja palautan ylimääräisen summan." },
  { speaker: "customer", text: "Förlåt, kan vi ta det på svenska, jag förstår inte allt som sägs här." },
];

for (const dialect of DIALECTS) {
  describe(`texts in a language the analysis does not read (${dialect})`, () => {
    let api: AnalysingApi;
    const get = <T>(path: string) => api.get<T>(path);

    beforeAll(async () => {
      api = await analysingApi(dialect);
      const post = (path: string, body: unknown) => api.post(path, body);
      const at = "2026-03-04T09:00:00Z";
      await post("/api/v1/encounters", [
        { id: "sv-1", channel: "phone", started_at: at, team: "Vasa", turns: SWEDISH_CALL },
        { id: "fi-1", channel: "phone", started_at: at, team: "Vasa", turns: FINNISH_CALL },
      ]);
      await post("/api/v1/responses", [
        {
          id: "svr-1",
          kind: "nps",
          score: 2,
          answered_at: at,
          comment: "Fakturan var fel igen och ingen har svarat på mitt mejl på två veckor.",
        },
        {
          id: "fir-1",
          kind: "nps",
          score: 2,
          answered_at: at,
          comment: "Lasku oli taas väärin, eikä kukaan ole vastannut viestiini kahteen viikkoon.",
        },
        {
          id: "rur-1",
          kind: "nps",
          score: 3,
          answered_at: at,
          comment: "Счёт слишком большой, и никто не отвечает на звонки уже неделю.",
        },
      ]);
    }, 60_000);
    afterAll(async () => {
      await api.dispose();
    });

    it("shows a Swedish comment as stored and says it was not read, with no tone, themes or emotions", async () => {
      const sv = await get<ResponseDetailBody>("/api/v1/responses/svr-1");
      expect(sv.comment).toMatch(/^Fakturan var fel igen/);
      expect(sv.analysis).toMatchObject({ lang: "sv", unread_language: "sv", themes: [] });
      expect(sv.analysis?.tone).toEqual({ label: "neutral", score: 0 });
      expect(sv.analysis?.emotions.some((e) => e.present)).toBe(false);
      const fi = await get<ResponseDetailBody>("/api/v1/responses/fir-1");
      expect(fi.analysis).toMatchObject({ lang: "fi", unread_language: null });
      expect(fi.analysis?.tone.label).toBe("negative");
      expect(fi.analysis?.themes.length).toBeGreaterThan(0);
    });

    it("marks the unread turns of an encounter and counts only the turns it read in the encounter's tone", async () => {
      const sv = await get<EncounterDetailBody>("/api/v1/encounters/sv-1");
      expect(sv.turns.map((t) => t.analysis?.unread_language)).toEqual(["sv", "sv", "sv", "sv"]);
      expect(sv.analysis).toMatchObject({ lang: "sv", tone: null, moments: [] });
      const fi = await get<EncounterDetailBody>("/api/v1/encounters/fi-1");
      expect(fi.turns.map((t) => t.analysis?.unread_language)).toEqual([null, null, "sv"]);
      expect(fi.analysis?.tone).toEqual({ label: "negative", score: fi.turns[0]?.analysis?.tone.score });
      expect(fi.analysis?.moments.map((m) => m.turn)).not.toContain(2);
    });

    it("leaves the unread texts out of the lists' tone and the tone filters", async () => {
      type Facts = { tone: unknown; unread_language: string | null };
      const list = await get<{ items: { id: string; facts: Facts }[] }>(
        "/api/v1/responses?from=2026-03-01&to=2026-03-31",
      );
      const facts = Object.fromEntries(list.items.map((i) => [i.id, i.facts]));
      expect(facts["svr-1"]).toMatchObject({ tone: null, unread_language: "sv" });
      expect(facts["rur-1"]).toMatchObject({ tone: null, unread_language: "other" });
      expect(facts["fir-1"]).toMatchObject({ tone: { label: "negative" }, unread_language: null });
      const calls = await get<{ items: { id: string; facts: Facts }[] }>(
        "/api/v1/encounters?from=2026-03-01&to=2026-03-31",
      );
      expect(Object.fromEntries(calls.items.map((i) => [i.id, i.facts.unread_language]))).toEqual({
        "sv-1": "sv",
        "fi-1": null,
      });
      const neutral = await get<{ items: { id: string }[] }>(
        "/api/v1/encounters?from=2026-03-01&to=2026-03-31&tone=neutral",
      );
      expect(neutral.items.map((i) => i.id)).toEqual([]);
    });

    it("counts the records it left unread by language in the analysis status, for the overview to say", async () => {
      const status = await get<{ unread: { sv: number; other: number; total: number } }>(
        "/api/v1/analysis/status",
      );
      // The Swedish comment and call, the Russian comment; the Finnish call with one Swedish turn is read.
      expect(status.unread).toEqual({ sv: 2, other: 1, total: 3, responses: 2, encounters: 1 });
    });

    it("finds them with ?unread= in the lists and the exports, and names a bad value", async () => {
      const ids = async (path: string) =>
        (await get<{ items: { id: string }[] }>(path)).items.map((i) => i.id).sort();
      expect(await ids("/api/v1/responses?unread=sv")).toEqual(["svr-1"]);
      expect(await ids("/api/v1/responses?unread=other")).toEqual(["rur-1"]);
      expect(await ids("/api/v1/responses?unread=any")).toEqual(["rur-1", "svr-1"]);
      expect(await ids("/api/v1/encounters?unread=any")).toEqual(["sv-1"]);
      expect(await ids("/api/v1/encounters?unread=other")).toEqual([]);
      const csv = await api.app.request("/api/v1/responses/export?unread=any&format=csv", {
        headers: api.headers,
      });
      expect(csv.status).toBe(200);
      const body = await csv.text();
      expect(body).toContain("Fakturan var fel igen");
      expect(body).toContain("rur-1");
      expect(body).not.toContain("fir-1");
      const bad = await api.app.request("/api/v1/responses?unread=fi", { headers: api.headers });
      expect(bad.status).toBe(400);
      expect(await bad.text()).toMatch(/unread/);
    });
  });
}
