import { describe, expect, it } from "vitest";
import { loadDefaultAnalyzer } from "./default-analyzer.ts";

const analyzer = loadDefaultAnalyzer();

/** 20 sentences of the customer's own, then a signature and the quoted earlier thread. */
const EMAIL = `Hei,

Kirjoitan teille, koska asiani ei ole vieläkään ratkennut.
Tilasin 12.11. uuden puhelimen verkkokaupastanne ja maksoin sen heti.
Tilausvahvistuksen mukaan toimituksen piti tulla kolmessa arkipäivässä.
Paketti saapui kuitenkin kaksi viikkoa myöhässä.
Kukaan ei ilmoittanut minulle viivästyksestä etukäteen.
Soitin asiakaspalveluunne kolme kertaa.
Jonotin joka kerta yli puoli tuntia.
Kahdella kerralla puhelu katkesi ennen kuin pääsin puhumaan kenenkään kanssa.
Kolmannella kerralla asiakaspalvelija lupasi soittaa minulle takaisin.
Kukaan ei soittanut takaisin.
Lisäksi minulta veloitettiin toimitusmaksu kahteen kertaan.
Löysin veloitukset tiliotteeltani 20.11.
Laskussa on myös lisäpalvelu, jota en ole tilannut.
Puhelin itse toimii hyvin ja olen siihen tyytyväinen.
Olen ollut asiakkaananne yli kymmenen vuotta.
En kuitenkaan ole koskaan joutunut näin hankalaan tilanteeseen.
Pyydän, että palautatte ylimääräisen toimitusmaksun tililleni.
Pyydän myös poistamaan tilaamattoman lisäpalvelun laskulta.
Toivon, että asia hoidetaan vihdoin kuntoon.
Vastatkaa minulle sähköpostitse tämän viikon aikana.

Ystävällisin terveisin
Maija Meikäläinen
040 123 4567

ke 2.12.2026 klo 10.12 Asiakaspalvelu <asiakaspalvelu@example.fi> kirjoitti:
> Kiitos viestistäsi! Palaamme asiaan mahdollisimman pian.
> Hyvää päivänjatkoa toivottaen, asiakaspalvelu`;

/** About two minutes of a call as speech-to-text writes it: no capitals, no punctuation, fillers and spoken forms. */
const CALL = [
  {
    speaker: "agent" as const,
    offsetSeconds: 0,
    text: "hyvää päivää asiakaspalvelu täällä miten voin auttaa",
  },
  {
    speaker: "customer" as const,
    offsetSeconds: 4,
    text:
      "joo hei öö mä soitan ku mun lasku on taas väärin siinä on niinku veloitettu kahteen kertaan sama kuukausimaksu " +
      "ja sit mä oon jo kerran soittanu tästä samasta asiasta mut kukaan ei oo soittanu takaisin vaikka luvattiin " +
      "ja nyt mä jonotin taas varmaan puol tuntia et pääsin läpi",
  },
  {
    speaker: "agent" as const,
    offsetSeconds: 38,
    text: "pahoittelen todella että olette joutuneet odottamaan katsotaan heti teidän lasku",
  },
  { speaker: "customer" as const, offsetSeconds: 46, text: "joo kiitos" },
  {
    speaker: "agent" as const,
    offsetSeconds: 50,
    text: "näen tästä että kuukausimaksu on tosiaan veloitettu kahdesti korjaan sen nyt ja hyvitys tulee seuraavalle laskulle",
  },
  {
    speaker: "customer" as const,
    offsetSeconds: 70,
    text:
      "okei no hyvä et se nyt korjaantuu mut kyl mua harmittaa et tähän piti mennä näin paljon aikaa " +
      "ja sit viel se takaisinsoitto ku sitä ei koskaan tullu",
  },
  {
    speaker: "agent" as const,
    offsetSeconds: 92,
    text: "ymmärrän täysin ja pahoittelen sitä laitan teille vielä vahvistuksen sähköpostiin",
  },
  { speaker: "customer" as const, offsetSeconds: 110, text: "joo kiitos tosi paljon hyvää päivänjatkoa" },
];

describe("long messages are read sentence by sentence", () => {
  it("reads a 20-sentence e-mail without its signature and the quoted thread", () => {
    const a = analyzer.analyzeText(EMAIL);
    expect(a.lang).toBe("fi");
    const sentences = (a.sentences ?? []).map((s) => a.redacted.slice(s.start, s.end));
    // The greeting line and the 20 sentences; nothing of the signature or the earlier thread.
    expect(sentences).toHaveLength(21);
    expect(sentences[0]).toBe("Hei,");
    expect(sentences.at(-1)).toBe("Vastatkaa minulle sähköpostitse tämän viikon aikana.");
    for (const s of sentences) expect(s).not.toMatch(/terveisin|Meikäläinen|Palaamme|kirjoitti/);
    // Each sentence has its own tone; those naming a double charge, a queue, a dropped call and a
    // missing call-back are complaints.
    const toneOf = (start: string) =>
      a.sentences?.[sentences.findIndex((s) => s.startsWith(start))]?.tone.label;
    expect(toneOf("Jonotin")).toBe("negative");
    expect(toneOf("Lisäksi minulta veloitettiin")).toBe("negative");
    expect(toneOf("Kahdella kerralla puhelu katkesi")).toBe("negative");
    expect(toneOf("Kukaan ei soittanut takaisin")).toBe("negative");
    expect(a.tone.label).toBe("negative");
    expect(a.tone.confidence).toBeGreaterThan(0);
    // The message's themes come from its sentences, each with the polarity of its own sentence.
    const themes = a.themes.map((t) => t.id);
    expect(themes).toContain("billing");
    expect(themes.length).toBeLessThanOrEqual(5);
    expect(a.themes.find((t) => t.id === "billing")?.polarity).toBe("negative");
    const billingSentence = a.sentences?.find((s) => s.themes.some((t) => t.id === "billing"));
    expect(billingSentence).toBeDefined();
  });

  it("reads a short comment of a few sentences as one piece, as the models learned", () => {
    const text = "Palvelu oli ystävällistä. Lasku oli kuitenkin väärin.";
    const a = analyzer.analyzeText(text, "fi");
    expect(a.sentences).toBeUndefined();
    expect(a.tone).toEqual(analyzer.analyzeText(text, "fi", { wholeText: true }).tone);
  });

  it("leaves the signature out of a short e-mail too", () => {
    const signed = analyzer.analyzeText("Lasku oli väärin.\n\nYstävällisin terveisin\nMatti Virtanen", "fi");
    expect(signed.tone).toEqual(analyzer.analyzeText("Lasku oli väärin.", "fi").tone);
    expect(signed.themes).toEqual(analyzer.analyzeText("Lasku oli väärin.", "fi").themes);
  });

  it("leaves the signature out when an export flattened the e-mail's line breaks", () => {
    const flat = analyzer.analyzeText("Lasku oli väärin. Ystävällisin terveisin, Matti Virtanen", "fi");
    expect(flat.tone).toEqual(analyzer.analyzeText("Lasku oli väärin.", "fi").tone);
    expect(flat.themes).toEqual(analyzer.analyzeText("Lasku oli väärin.", "fi").themes);
    const own = EMAIL.slice(0, EMAIL.indexOf("\n\nke 2.12.2026")).replace(/\s*\n\s*/g, " ");
    const a = analyzer.analyzeText(own, "fi");
    const sentences = (a.sentences ?? []).map((s) => a.redacted.slice(s.start, s.end));
    expect(sentences.at(-1)).toBe("Vastatkaa minulle sähköpostitse tämän viikon aikana.");
    for (const s of sentences) expect(s).not.toMatch(/terveisin|Meikäläinen/);
  });

  it("weighs the strongest and the last sentences of a long mixed message", () => {
    const praise =
      "Myymälä oli siisti ja valoisa. Tuotteita oli paljon eri hintaluokissa. Kassalla ei ollut jonoa. " +
      "Aukioloajat sopivat minulle hyvin. Pysäköintitilaa oli riittävästi. Myyjä neuvoi minua valitsemaan laitteen.";
    const endsBad =
      `${praise} Kotona huomasin, että laite oli rikki, ja palautus on ollut yhtä vaivaa. ` +
      "Olen todella pettynyt, enkä osta teiltä enää.";
    const a = analyzer.analyzeText(endsBad, "fi");
    expect(a.sentences?.length).toBeGreaterThanOrEqual(8);
    expect(a.tone.label).toBe("negative");
  });
  it("keeps a long factual request neutral: one sentence read as toned does not colour the message", () => {
    const requests = [
      [
        "fi",
        "Hei. Muutamme perheen kanssa uuteen asuntoon ensi kuun alussa. Uusi osoite on Koivukuja 3 B 12, 33500 Tampere. " +
          "Haluaisin siirtää sähkösopimuksen uuteen osoitteeseen muuttopäivästä alkaen. " +
          "Vanhan asunnon sopimus voidaan päättää samana päivänä. Mittarin lukema on 45 210 kWh, luin sen tänä aamuna. " +
          "Laskut voi jatkossakin lähettää e-laskuna verkkopankkiin. Asiakasnumeroni löytyy edellisestä laskusta. " +
          "Ilmoittakaa, tarvitaanko minulta vielä jotain muuta tietoa.",
      ],
      [
        "en",
        "Hello. I am writing about the renewal of our company's mobile subscriptions. We currently have fourteen lines " +
          "on the business plan. Three employees will leave at the end of the month, so their lines can be closed then. " +
          "Two new people start in January and will need new numbers. Could you send an offer for the new year with " +
          "the same data allowance as now? Our invoicing address and reference stay the same. " +
          "The contact person for the contract is our office manager from now on. Please reply by e-mail.",
      ],
    ] as const;
    for (const [lang, text] of requests) {
      const a = analyzer.analyzeText(text, lang);
      expect(a.sentences?.length).toBeGreaterThanOrEqual(8);
      expect(a.tone.label, lang).toBe("neutral");
    }
  });
});

describe("speech-to-text transcripts", () => {
  it("splits a 2-minute unpunctuated call into sentences and reads its spoken Finnish", () => {
    const e = analyzer.analyzeEncounter(CALL);
    expect(e.lang).toBe("fi");
    // A turn of more than 40 words is read sentence by sentence; shorter ones as one piece.
    const long = e.turns.filter((t) => t.redacted.split(/\s+/).length > 40);
    expect(long.length).toBeGreaterThanOrEqual(1);
    for (const turn of long) {
      const pieces = (turn.sentences ?? []).map((s) => turn.redacted.slice(s.start, s.end));
      expect(pieces.length).toBeGreaterThanOrEqual(2);
      for (const p of pieces) expect(p.split(/\s+/).length).toBeLessThanOrEqual(25);
      // Nothing is lost between the pieces.
      expect(pieces.join(" ").replace(/\s+/g, " ")).toBe(turn.redacted.replace(/\s+/g, " "));
    }
    const first = e.turns[1];
    expect(first?.tone.label).toBe("negative");
    // The double charge and the queue are named in spoken words ("mun lasku", "mä jonotin").
    expect(e.themes.map((t) => t.id)).toContain("billing");
    const piecesOfFirst = first?.sentences ?? [];
    expect(piecesOfFirst.some((s) => s.tone.label === "negative")).toBe(true);
    // The customer ends thanking: the arc ends better than it started.
    expect(e.arc.end?.score ?? 0).toBeGreaterThan(first?.tone.score ?? 0);
  });

  it("reads spoken forms as the written ones", () => {
    const spoken = analyzer.analyzeText("mä en oo saanu mun laskua vieläkään", "fi");
    const written = analyzer.analyzeText("minä en ole saanut minun laskua vieläkään", "fi");
    expect(spoken.tone).toEqual(written.tone);
    expect(spoken.themes).toEqual(written.themes);
  });
});
