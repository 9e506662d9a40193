import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { messageBody, sentenceSpans } from "./message-parts.ts";

const sentences = (text: string, lang = "fi") =>
  sentenceSpans(text, lang).map((s) => text.slice(s.start, s.end));
const body = (text: string) =>
  messageBody(text)
    .map((s) => text.slice(s.start, s.end))
    .join("\n");

describe("messageBody", () => {
  it("drops the earlier thread below a reply header, in Finnish, English and Outlook styles", () => {
    for (const header of [
      "ke 2.12.2026 klo 10.12 Asiakaspalvelu <palvelu@example.fi> kirjoitti:",
      "On Wed, 2 Dec 2026 at 10:12, Customer Service <help@example.com> wrote:",
      "-----Original Message-----",
      "-----Alkuperäinen viesti-----",
      "From: Customer Service <help@example.com>",
      "Lähettäjä: Asiakaspalvelu",
      "________________________________",
    ]) {
      const text = `Lasku on edelleen väärin.\n\n${header}\nKiitos viestistäsi, korjaamme laskun.`;
      expect(body(text)).toBe("Lasku on edelleen väärin.");
    }
  });

  it("drops quoted lines wherever they are", () => {
    expect(body("> Onko tilaus lähetetty?\nEi ole vieläkään.\n> Pahoittelemme.\nOdotan yhä.")).toBe(
      "Ei ole vieläkään.\nOdotan yhä.",
    );
  });

  it("drops the signature after a sign-off or a device footer, not the message", () => {
    expect(body("Kiitos nopeasta avusta!\n\nYstävällisin terveisin\nMaija Meikäläinen\n040 123 4567")).toBe(
      "Kiitos nopeasta avusta!",
    );
    expect(body("The refund never arrived.\nBest regards,\nJohn Smith\nAcme Ltd")).toBe(
      "The refund never arrived.",
    );
    expect(body("Paketti on kadonnut.\nTerveisin Matti")).toBe("Paketti on kadonnut.");
    expect(body("Paketti on kadonnut.\n\nLähetetty iPhonesta")).toBe("Paketti on kadonnut.");
    expect(body("Still waiting.\n-- \nJohn")).toBe("Still waiting.");
  });

  it("keeps a sign-off that is followed by more than a signature, and a message that is only a sign-off", () => {
    const long = ["Terveisin", "a", "b", "c", "d", "e", "f", "g", "h"].join("\n");
    expect(body(`Alku.\n${long}`)).toBe(`Alku.\n${long}`);
    expect(body("Terveisin Matti")).toBe("Terveisin Matti");
  });
  it("drops a sign-off that ends a message whose line breaks were flattened", () => {
    expect(body("Lasku on väärin. Korjatkaa se pian. Ystävällisin terveisin, Matti Meikäläinen")).toBe(
      "Lasku on väärin. Korjatkaa se pian.",
    );
    expect(body("The refund never arrived. Thanks in advance. Best regards, John Smith [PHONE]")).toBe(
      "The refund never arrived. Thanks in advance.",
    );
    expect(body("Paketti on kadonnut! Terveisin Matti")).toBe("Paketti on kadonnut!");
    expect(body("Odotin tunnin.\nKiitos. T. Maija")).toBe("Odotin tunnin.\nKiitos.");
  });

  it("keeps sentences that only start like a sign-off, wherever they are", () => {
    for (const text of [
      "The app crashed again. Best price I found though.",
      "Ordered a phone.\nBest price I found\nbut delivery took three weeks.",
      "Palvelu oli hyvää. Terveisin kiitoksin palaan asiaan myöhemmin ja kerron lisää.",
      "Cheers for nothing. Regards to your manager who never called back.",
      "Lasku on väärin. Ystävällisesti otettiin vastaan mutta mitään ei tapahtunut.",
    ]) {
      expect(body(text)).toBe(text);
    }
  });
});

describe("sentenceSpans", () => {
  it("splits sentences without splitting abbreviations, times and dates", () => {
    expect(sentences("Tilasin 12.11. uuden puhelimen esim. klo 9.30. Se ei toiminut! Miksi?")).toEqual([
      "Tilasin 12.11. uuden puhelimen esim. klo 9.30.",
      "Se ei toiminut!",
      "Miksi?",
    ]);
  });

  it("splits chat written without capitals after a full stop", () => {
    expect(sentences("ok. tilaus ei tullut. soitin eilen")).toEqual([
      "ok.",
      "tilaus ei tullut.",
      "soitin eilen",
    ]);
    expect(sentences("i called twice. nobody answered", "en")).toEqual([
      "i called twice.",
      "nobody answered",
    ]);
  });

  it("joins a hard-wrapped paragraph and ends a sentence at a line that starts anew", () => {
    const text = "Laskussanne on veloitettu kaksi kertaa sama\nkuukausimaksu lokakuulta.\nPyydän korjausta";
    expect(sentences(text)).toEqual([
      "Laskussanne on veloitettu kaksi kertaa sama\nkuukausimaksu lokakuulta.",
      "Pyydän korjausta",
    ]);
  });

  it("cuts unpunctuated speech where the talk turns, into pieces of bounded length", () => {
    const talk =
      "öö mä soitin teille eilen koska mun lasku oli taas väärin ja sit mä jonotin varmaan puol tuntia " +
      "mut kukaan ei vastannu no sit mä laitoin viestin ja sain vastauksen vasta tänään kiitos siitä kuitenkin";
    const pieces = sentences(talk);
    expect(pieces.length).toBeGreaterThanOrEqual(3);
    for (const p of pieces) expect(p.split(/\s+/).length).toBeLessThanOrEqual(25);
    expect(pieces.join(" ")).toBe(talk);
    expect(pieces.slice(1).every((p) => /^(koska|ja sit|mut|no|sit|kiitos)\b/.test(p))).toBe(true);
  });

  it("cuts speech that never turns at the longest length", () => {
    const words = Array.from({ length: 60 }, (_, i) => `sana${i}`).join(" ");
    const pieces = sentences(words);
    expect(pieces).toHaveLength(3);
    expect(pieces.join(" ")).toBe(words);
  });

  it("returns ordered, non-overlapping spans inside the text, each with a letter or digit", () => {
    fc.assert(
      fc.property(
        fc.array(
          fc.oneof(
            fc.constantFrom(
              "Hei.",
              "ok.",
              "esim.",
              "klo 9.30",
              "\n",
              "\n\n",
              "> lainaus",
              "Terveisin",
              "!",
              "?",
              " ",
            ),
            fc.string({ maxLength: 12 }),
          ),
          { maxLength: 40 },
        ),
        fc.constantFrom("fi", "en", "sv", "other"),
        (parts, lang) => {
          const text = parts.join(" ");
          let last = 0;
          for (const s of sentenceSpans(text, lang)) {
            expect(s.start).toBeGreaterThanOrEqual(last);
            expect(s.end).toBeGreaterThan(s.start);
            expect(s.end).toBeLessThanOrEqual(text.length);
            expect(text.slice(s.start, s.end)).toMatch(/[\p{L}\p{N}]/u);
            last = s.end;
          }
        },
      ),
    );
  });
});
