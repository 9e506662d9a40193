import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { EncounterDetailBody, ResponseDetailBody } from "../../src/server/api-schemas.ts";
import { type AnalysingApi, analysingApi } from "../support/analysing-api.ts";
import { DIALECTS } from "../support/databases.ts";

/**
 * E-mails that arrive with HTML bodies (a help desk's export, a mail client) are stored as their
 * text and read like a plain e-mail: sentence by sentence, without the signature and the quoted
 * earlier reply, and personal data redacted.
 */

const HTML_EMAIL =
  '<div dir="ltr"><p>Hei,</p>' +
  "<p>tilasin uuden liittymän kaksi viikkoa sitten verkkokaupastanne. Liittymä toimii nyt hyvin ja olen siihen tyytyväinen.</p>" +
  "<p>Ensimmäinen lasku oli kuitenkin kaksinkertainen sovittuun hintaan verrattuna, ja jonotin asiakaspalveluun " +
  "puhelimessa yli tunnin ennen kuin kukaan vastasi. Pyydän korjaamaan laskun ja lähettämään uuden laskun " +
  'osoitteeseen <a href="mailto:maija.virtanen@example.com">maija.virtanen@example.com</a>.</p>' +
  "<p>Ystävällisin terveisin<br>Maija Virtanen<br>040 123 4567</p>" +
  "<blockquote><p>Kiitos viestistänne! Olemme erittäin iloisia, että valitsitte meidät.</p></blockquote></div>";

const SENTENCES = [
  "Hei,",
  "tilasin uuden liittymän kaksi viikkoa sitten verkkokaupastanne.",
  "Liittymä toimii nyt hyvin ja olen siihen tyytyväinen.",
  "Ensimmäinen lasku oli kuitenkin kaksinkertainen sovittuun hintaan verrattuna, ja jonotin asiakaspalveluun puhelimessa yli tunnin ennen kuin kukaan vastasi.",
];

for (const dialect of DIALECTS) {
  describe(`HTML bodies (${dialect})`, () => {
    let api: AnalysingApi;
    const get = <T>(path: string) => api.get<T>(path);

    beforeAll(async () => {
      api = await analysingApi(dialect);
      const post = (path: string, body: unknown) => api.post(path, body);
      await post("/api/v1/encounters", [
        {
          id: "h-1",
          channel: "email",
          started_at: "2026-03-04T09:00:00Z",
          team: "Laskutus",
          turns: [
            { speaker: "customer", text: HTML_EMAIL },
            { speaker: "agent", text: "Kiitos viestistä, korjaamme laskun." },
          ],
        },
      ]);
      await post("/api/v1/responses", [
        {
          id: "hr-1",
          kind: "nps",
          score: 3,
          answered_at: "2026-03-05T09:00:00Z",
          comment: "<p>Laskutus on <b>täysin</b> sekaisin.</p><p>Jonotin tunnin.</p>",
        },
        { id: "hr-2", kind: "nps", score: 8, answered_at: "2026-03-05T10:00:00Z", comment: "<p><br></p>" },
        { id: "hr-3", kind: "nps", score: 9, answered_at: "2026-03-05T11:00:00Z", comment: "Kiitos <3" },
      ]);
    }, 60_000);
    afterAll(async () => {
      await api.dispose();
    });

    it("stores an HTML e-mail as its text, redacted, and reads it sentence by sentence without signature or quote", async () => {
      const e = await get<EncounterDetailBody>("/api/v1/encounters/h-1");
      const email = e.turns[0];
      const text = email?.text ?? "";
      expect(text).not.toMatch(/<\/?(p|div|br|a|blockquote)\b/);
      expect(text).not.toContain("maija.virtanen@example.com");
      expect(text).not.toContain("123 4567");
      expect(text.startsWith("Hei,\n\ntilasin uuden liittymän")).toBe(true);
      // The quoted reply is kept as a quote, and the signature as lines of their own.
      expect(text).toContain("\n> Kiitos viestistänne!");
      expect(text).toContain("Ystävällisin terveisin\n");
      const sentences = email?.analysis?.sentences ?? [];
      const read = sentences.map((s) => text.slice(s.start, s.end));
      expect(read.slice(0, SENTENCES.length)).toEqual(SENTENCES);
      expect(read.at(-1)).toMatch(/^Pyydän korjaamaan laskun/);
      for (const s of read) expect(s).not.toMatch(/terveisin|Kiitos viestistänne|iloisia/);
      expect(sentences[3]?.tone.label).toBe("negative");
      expect(sentences[2]?.tone.label).toBe("positive");
    });

    it("stores an HTML comment as its text, drops a comment of markup alone, and keeps '<3' as written", async () => {
      const r1 = await get<ResponseDetailBody>("/api/v1/responses/hr-1");
      expect(r1.comment).toBe("Laskutus on täysin sekaisin.\n\nJonotin tunnin.");
      expect(r1.analysis?.tone.label).toBe("negative");
      const r2 = await get<ResponseDetailBody>("/api/v1/responses/hr-2");
      expect(r2.comment ?? null).toBeNull();
      expect(r2.analysis ?? null).toBeNull();
      const r3 = await get<ResponseDetailBody>("/api/v1/responses/hr-3");
      expect(r3.comment).toBe("Kiitos <3");
    });
  });
}
