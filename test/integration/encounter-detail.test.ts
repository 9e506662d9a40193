import { parse } from "csv-parse/sync";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { loadDefaultAnalyzer } from "../../src/analysis/default-analyzer.ts";
import { ingestPipeline } from "../../src/ingest/ingest-pipeline.ts";
import {
  EncounterDetail,
  type EncounterDetailBody,
  ResponseDetail,
  type ResponseDetailBody,
} from "../../src/server/api-schemas.ts";
import { createApp } from "../../src/server/app.ts";
import type { Store } from "../../src/store/index.ts";
import { themeName } from "../../src/workflows/theme-names.ts";
import { signedIn } from "../support/auth.ts";
import { DIALECTS, freshStore } from "../support/databases.ts";

/**
 * The detail routes show the stored analysis of an encounter or answer, aligned with its turns,
 * and the record-level access rules keep applying to them and to the filtered lists and exports.
 */

const EMAIL = "matti.meikalainen@example.com";

/** An e-mail of more than 40 words: read sentence by sentence, with a signature that is not one of them. */
const LONG_EMAIL = [
  "Hei,",
  "",
  "tilasin uuden liittymän kaksi viikkoa sitten verkkokaupastanne.",
  "Liittymä toimii nyt hyvin ja olen siihen tyytyväinen.",
  "Ensimmäinen lasku oli kuitenkin kaksinkertainen sovittuun hintaan verrattuna, ja jonotin asiakaspalveluun puhelimessa yli tunnin ennen kuin kukaan vastasi.",
  "Pyydän korjaamaan laskun ja lähettämään uuden laskun sähköpostiini.",
  "Kiitos jo etukäteen avusta.",
  "",
  "Ystävällisin terveisin",
  "Maija",
].join("\n");

const ENCOUNTERS = [
  {
    id: "e-1",
    channel: "chat",
    started_at: "2026-03-02T09:00:00Z",
    team: "Laskutus",
    agent: "agent-1",
    customer_id: "c-1",
    turns: [
      {
        speaker: "customer",
        text: `Laskussani on virhe ja jonotin 40 minuuttia, olen todella pettynyt. Sähköpostini on ${EMAIL}`,
      },
      { speaker: "agent", text: "Pahoittelen, korjaan laskun heti." },
      { speaker: "customer", text: "Kiitos paljon, todella hienoa palvelua!" },
    ],
  },
  {
    id: "e-2",
    channel: "phone",
    started_at: "2026-03-03T09:00:00Z",
    team: "Tekninen tuki",
    agent: "agent-2",
    customer_id: "c-2",
    turns: [{ speaker: "customer", text: "Netti ei toimi ja LASKU on väärin." }],
  },
  {
    id: "e-3",
    channel: "email",
    started_at: "2026-03-04T09:00:00Z",
    team: "Laskutus",
    agent: "agent-1",
    customer_id: "c-3",
    turns: [
      { speaker: "customer", text: LONG_EMAIL },
      { speaker: "agent", text: "Kiitos viestistä, korjaamme laskun." },
    ],
  },
];

const RESPONSES = [
  {
    id: "r-1",
    kind: "nps",
    score: 3,
    comment: "Lasku oli väärin ja jouduin odottamaan puoli tuntia.",
    answered_at: "2026-03-02T12:00:00Z",
    team: "Laskutus",
    agent: "agent-1",
    customer_id: "c-1",
    encounter_id: "e-1",
  },
  {
    id: "r-2",
    kind: "nps",
    score: 4,
    comment: LONG_EMAIL.split("\n").slice(2, 7).join(" "),
    answered_at: "2026-03-05T12:00:00Z",
    team: "Laskutus",
    agent: "agent-1",
    customer_id: "c-3",
    encounter_id: "e-3",
  },
];

type Sentence = { start: number; end: number; tone: { label: string }; themes: { id: string }[] };

/**
 * The sentences of a long text as the detail routes give them: ranges of the text in order, each
 * one of its sentences as written (the greeting too, not the signature); the tone and themes of the
 * one about the bill and the queue, and of the one that praises the connection.
 */
function expectSentencesOf(text: string, sentences: readonly Sentence[], greeting: string[]) {
  const read = sentences.map((s) => text.slice(s.start, s.end));
  expect(read).toEqual([
    ...greeting,
    "tilasin uuden liittymän kaksi viikkoa sitten verkkokaupastanne.",
    "Liittymä toimii nyt hyvin ja olen siihen tyytyväinen.",
    "Ensimmäinen lasku oli kuitenkin kaksinkertainen sovittuun hintaan verrattuna, ja jonotin asiakaspalveluun puhelimessa yli tunnin ennen kuin kukaan vastasi.",
    "Pyydän korjaamaan laskun ja lähettämään uuden laskun sähköpostiini.",
    "Kiitos jo etukäteen avusta.",
  ]);
  const praise = sentences[greeting.length + 1] as Sentence;
  const complaint = sentences[greeting.length + 2] as Sentence;
  expect(praise.tone.label).toBe("positive");
  expect(complaint.tone.label).toBe("negative");
  expect(complaint.themes.map((t) => t.id)).toContain("waiting");
  for (const s of sentences) for (const t of s.themes) expect(t).toEqual({ ...t, name: themeName(t.id) });
}

for (const dialect of DIALECTS) {
  describe(`encounter and answer details (${dialect})`, () => {
    let store: Store;
    let dispose: () => Promise<void>;
    let app: ReturnType<typeof createApp>;
    let analyst: Record<string, string>;

    const get = async <T>(path: string, headers: Record<string, string>) => {
      const res = await app.request(path, { headers });
      return { status: res.status, body: (res.status === 200 ? await res.json() : undefined) as T };
    };

    beforeAll(async () => {
      ({ store, dispose } = await freshStore(dialect));
      app = createApp({
        store,
        timeZone: "Europe/Helsinki",
        pipeline: ingestPipeline({ analyzer: loadDefaultAnalyzer() }),
      });
      analyst = (await signedIn(store, "analyst")).headers;
      for (const [path, body] of [
        ["/api/v1/encounters", ENCOUNTERS],
        ["/api/v1/responses", RESPONSES],
      ] as const) {
        const res = await app.request(path, {
          method: "POST",
          headers: { ...analyst, "content-type": "application/json" },
          body: JSON.stringify(body),
        });
        expect(res.status, await res.text()).toBe(200);
      }
    }, 60_000);
    afterAll(async () => {
      await dispose?.();
    });

    it("shows an encounter's arc, moments, themes with names, effort and linked answer", async () => {
      const { status, body: e } = await get<EncounterDetailBody>("/api/v1/encounters/e-1", analyst);
      expect(status).toBe(200);
      // What /api/openapi.json says is what comes.
      expect(EncounterDetail.strict().safeParse(e).error).toBeUndefined();
      const a = e.analysis;
      if (!a) throw new Error("e-1 has no analysis");
      expect(a.analyzer_version).toBe(loadDefaultAnalyzer().version);
      // Redacted text only.
      expect(JSON.stringify(e)).not.toContain(EMAIL);
      for (const t of e.turns) expect(t.analysis).not.toBeNull();
      // The arc runs over the customer's turns (indexes 0 and 2), with their own tones.
      expect(a.arc.start).toEqual({ turn: 0, seq: e.turns[0]?.seq, score: e.turns[0]?.analysis?.tone.score });
      expect(a.arc.end).toEqual({ turn: 2, seq: e.turns[2]?.seq, score: e.turns[2]?.analysis?.tone.score });
      expect(["recovered", "deteriorated", "steady"]).toContain(a.arc.trajectory);
      expect(a.moments.map((m) => m.kind).sort()).toEqual(["end", "peak"]);
      for (const m of [...a.moments, a.arc.low, a.arc.high]) {
        if (!m) throw new Error("missing arc point");
        expect(e.turns[m.turn]?.speaker).toBe("customer");
        expect(e.turns[m.turn]?.seq).toBe(m.seq);
        expect(e.turns[m.turn]?.analysis?.tone.score).toBe(m.score);
      }
      expect(a.themes.length).toBeGreaterThan(0);
      for (const t of [...a.themes, ...e.turns.flatMap((x) => x.analysis?.themes ?? [])]) {
        expect(["negative", "neutral", "positive"]).toContain(t.polarity);
        expect(t.name).toEqual(themeName(t.id));
        expect(t.name.fi).not.toBe(t.id);
      }
      // "jonotin 40 minuuttia" is a stated wait, in the first turn and so in the encounter.
      expect(e.turns[0]?.analysis?.effort).toEqual({ signals: ["stated_wait"], stated_wait_seconds: 2400 });
      expect(a.effort.signals).toContain("stated_wait");
      // The list shows the same facts, from the record's columns.
      const list = await get<{ items: { id: string; facts: unknown }[] }>(
        "/api/v1/encounters?q=virhe",
        analyst,
      );
      expect(list.body.items).toEqual([
        expect.objectContaining({
          id: "e-1",
          facts: {
            tone: a.tone,
            themes: a.themes,
            trajectory: a.arc.trajectory,
            effort: a.effort.signals,
            unread_language: null,
          },
        }),
      ]);
      expect(e.survey_responses).toEqual([
        { id: "r-1", kind: "nps", score: 3, answered_at: expect.any(String) },
      ]);
    });

    it("shows an answer's analysis and its linked encounter", async () => {
      const { status, body: r } = await get<ResponseDetailBody>("/api/v1/responses/r-1", analyst);
      expect(status).toBe(200);
      expect(ResponseDetail.strict().safeParse(r).error).toBeUndefined();
      expect(r.encounter_id).toBe("e-1");
      expect(r.analysis?.analyzer_version).toBe(loadDefaultAnalyzer().version);
      expect(r.analysis?.tone.label).toBe("negative");
      expect(r.analysis?.effort.signals).toContain("stated_wait");
      for (const t of r.analysis?.themes ?? []) expect(t.name).toEqual(themeName(t.id));
      const list = await get<{ items: { id: string; facts: unknown }[] }>("/api/v1/responses", analyst);
      const analysis = r.analysis as NonNullable<typeof r.analysis>;
      expect(list.body.items.filter((i) => i.id === "r-1")).toEqual([
        expect.objectContaining({
          id: "r-1",
          facts: {
            tone: analysis.tone,
            themes: analysis.themes,
            trajectory: null,
            effort: analysis.effort.signals,
            unread_language: null,
          },
        }),
      ]);
    });

    it("gives a long turn's and a long comment's sentences with their own tone and themes", async () => {
      const { body: e } = await get<EncounterDetailBody>("/api/v1/encounters/e-3", analyst);
      expect(EncounterDetail.strict().safeParse(e).error).toBeUndefined();
      const [email, reply] = e.turns;
      expectSentencesOf(email?.text ?? "", email?.analysis?.sentences ?? [], ["Hei,"]);
      // A short turn is read as one piece.
      expect(reply?.analysis?.sentences).toEqual([]);
      const { body: r } = await get<ResponseDetailBody>("/api/v1/responses/r-2", analyst);
      expect(ResponseDetail.strict().safeParse(r).error).toBeUndefined();
      expectSentencesOf(r.comment ?? "", r.analysis?.sentences ?? [], []);
      const { body: short } = await get<ResponseDetailBody>("/api/v1/responses/r-1", analyst);
      expect(short.analysis?.sentences).toEqual([]);
    });

    it("finds text case-insensitively, also beyond ASCII, and % literally", async () => {
      const ids = async (query: string) =>
        (await get<{ items: { id: string }[] }>(`/api/v1/encounters?${query}`, analyst)).body.items.map(
          (i) => i.id,
        );
      expect(await ids("q=lasku")).toEqual(["e-3", "e-2", "e-1"]);
      expect(await ids("q=V%C3%84%C3%84RIN")).toEqual(["e-2"]); // "VÄÄRIN" finds "väärin"
      expect(await ids("q=40%25")).toEqual([]);
      expect(await ids("q=lasku&team=Tekninen%20tuki")).toEqual(["e-2"]);
    });

    it("keeps record-level access on details, filtered lists and exports", async () => {
      const agent1 = (await signedIn(store, "agent", { agent: "agent-1" })).headers;
      const agent2 = (await signedIn(store, "agent", { agent: "agent-2" })).headers;
      const support = (await signedIn(store, "manager", { teams: ["Tekninen tuki"] })).headers;
      const viewer = (await signedIn(store, "viewer")).headers;
      expect((await get("/api/v1/encounters/e-1", agent1)).status).toBe(200);
      expect((await get("/api/v1/encounters/e-1", agent2)).status).toBe(404);
      expect((await get("/api/v1/responses/r-1", agent2)).status).toBe(404);
      expect((await get("/api/v1/encounters/e-1", support)).status).toBe(404);
      for (const path of [
        "/api/v1/encounters/e-1",
        "/api/v1/encounters?q=lasku",
        "/api/v1/encounters/export",
      ]) {
        expect((await get(path, viewer)).status, path).toBe(403);
      }
      const listed = await get<{ items: { id: string }[] }>("/api/v1/encounters?q=lasku", agent2);
      expect(listed.body.items.map((i) => i.id)).toEqual(["e-2"]);
      const exported = await app.request("/api/v1/encounters/export?q=lasku", { headers: support });
      const rows = parse(await exported.text(), { columns: true }) as { encounter_id: string }[];
      expect([...new Set(rows.map((r) => r.encounter_id))]).toEqual(["e-2"]);
    });
  });
}
