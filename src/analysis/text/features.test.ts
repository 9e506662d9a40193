import { describe, expect, it } from "vitest";
import { textFeatures, visitTextFeatures } from "./features.ts";
import { stem } from "./finnish-stem.ts";
import { detectLanguage } from "./language.ts";
import { negationScope } from "./negation.ts";
import { tokenize } from "./tokenize.ts";

describe("textFeatures", () => {
  it("follows the documented scheme", () => {
    expect(textFeatures("Ei toiminut, asiakaspalvelu huono 😡", "fi")).toEqual([
      "ei",
      "NEG_toiminu",
      "ei NEG_toiminu",
      "asiakaspalvelu",
      "asiakas",
      "palvelu",
      "huono",
      "asiakaspalvelu huono",
      "😡",
      "huono 😡",
    ]);
  });

  it("shares stems across inflected forms", () => {
    const a = textFeatures("laskussa virhe", "fi");
    const b = textFeatures("laskun virhe", "fi");
    expect(a).toEqual(b);
  });

  it("maps numbers, URLs, e-mails and placeholders to fixed forms and keeps tone punctuation", () => {
    expect(textFeatures("Soitin 3 kertaa [PHONE] www.x.fi a@b.fi ?!", "fi")).toEqual([
      "soit",
      "<num>",
      "soit <num>",
      "kert",
      "<num> kert",
      "[PHONE]",
      "kert [PHONE]",
      "<url>",
      "[PHONE] <url>",
      "<email>",
      "<url> <email>",
      "?!",
    ]);
  });

  it("marks negation in unigrams, bigrams and compound parts", () => {
    const f = textFeatures("not bad at all", "en");
    expect(f).toContain("NEG_bad");
    expect(f).toContain("not NEG_bad");
    const fi = textFeatures("ei asiakaspalvelua", "fi");
    expect(fi).toEqual(expect.arrayContaining(["NEG_asiakaspalvelu", "NEG_asiakas", "NEG_palvelu"]));
  });

  it("breaks bigrams at punctuation and uses plain words for other languages", () => {
    expect(textFeatures("hyvä. huono", "fi")).toEqual(["hyvä", "huono"]);
    expect(textFeatures("Das ist gut", "other")).toEqual(["das", "ist", "das ist", "gut", "ist gut"]);
  });

  it("never puts a space inside a unigram", () => {
    for (const f of textFeatures("Mä en saa 👨‍👩‍👧 EU:n tekstarit toimiin :) 12,50 €", "fi")) {
      expect(f.split(" ").length).toBeLessThanOrEqual(2);
    }
  });

  it("handles empty and very long input", () => {
    expect(textFeatures("", "fi")).toEqual([]);
    expect(textFeatures("😡", "other")).toEqual(["😡"]);
    const long = "Lasku oli väärin eikä kukaan vastannut, ".repeat(2600);
    expect(long.length).toBeGreaterThan(100_000);
    let n = 0;
    visitTextFeatures(long, "fi", () => {
      n++;
    });
    expect(n).toBeGreaterThan(20_000);
  });

  it("gives a mixed-language line the features of its dominant language", () => {
    const text = "Kiitos, thanks for the help, it really wasn't easy";
    const lang = detectLanguage(text).lang;
    expect(lang).toBe("en");
    expect(textFeatures(text, lang)).toContain("NEG_easi");
  });
});

const TEMPLATES: readonly string[] = [
  "Laskussa on virhe, veloititte {n} € liikaa",
  "mä en saa tätä sovellusta toimiin 😡",
  "Kiitos nopeasta avusta, asiakaspalvelu oli tosi ystävällinen!",
  "Paketti ei ole vieläkään tullut, tilausnumero {n}",
  "ei oo kyl hyvä palvelu, jonotin {n} minuuttia",
  "The app keeps crashing when I log in",
  "Thanks, the refund arrived yesterday :)",
  "I haven't received my invoice for {n} months",
  "Nettiyhteys katkeilee iltaisin eikä modeemin uudelleenkäynnistys auta",
  "Sähkösopimuksen hinta nousi ilman ilmoitusta",
  "Tack för hjälpen, allt fungerar nu",
  "Kortti hylättiin kaupassa vaikka tilillä oli rahaa [PHONE]",
];

function messages(n: number): { text: string; lang: "fi" | "en" | "sv" }[] {
  const out: { text: string; lang: "fi" | "en" | "sv" }[] = [];
  for (let i = 0; i < n; i++) {
    const t = TEMPLATES[i % TEMPLATES.length] ?? "";
    const text = t.replace("{n}", String((i * 7919) % 1000));
    out.push({ text, lang: i % 12 === 10 ? "sv" : i % 12 >= 5 && i % 12 <= 7 ? "en" : "fi" });
  }
  return out;
}

describe("throughput (printed, not asserted)", () => {
  it("measures tokenize+stem+negation, features and language id", () => {
    const msgs = messages(30_000);
    const rate = (ms: number) => Math.round((msgs.length / ms) * 1000).toLocaleString("en");
    let sink = 0;
    for (const m of msgs.slice(0, 2000)) sink += textFeatures(m.text, m.lang).length; // warm-up

    const bestOf3 = (run: () => void): number => {
      let best = Number.POSITIVE_INFINITY;
      for (let r = 0; r < 3; r++) {
        const t = performance.now();
        run();
        best = Math.min(best, performance.now() - t);
      }
      return best;
    };
    const core = bestOf3(() => {
      for (const m of msgs) {
        const toks = tokenize(m.text);
        const marks = negationScope(toks, m.lang);
        for (const tok of toks) if (tok.kind === "word") sink += stem(tok.text, m.lang).length;
        sink += marks.length;
      }
    });
    const feats = bestOf3(() => {
      for (const m of msgs) sink += textFeatures(m.text, m.lang).length;
    });
    const langId = bestOf3(() => {
      for (const m of msgs) sink += detectLanguage(m.text).confidence;
    });

    console.log(
      `throughput on ${msgs.length} short messages: tokenize+stem+negation ${rate(core)} msg/s; ` +
        `textFeatures ${rate(feats)} msg/s; detectLanguage ${rate(langId)} msg/s`,
    );
    expect(sink).toBeGreaterThan(0);
  });
});
