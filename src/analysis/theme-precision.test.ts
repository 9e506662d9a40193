import { describe, expect, it } from "vitest";
import { generateDemo } from "../demo/index.ts";
import { loadDefaultAnalyzer, MODELS_DIR } from "./default-analyzer.ts";
import { loadModelSet } from "./model/model-set.ts";

/**
 * Themes with precision (issue 11): a sentence about one topic gets that topic, and not two or
 * three guesses beside it. The sentences were written for this test (formal, spoken and dialect
 * Finnish, plain and non-native English; telecom, energy, banking, retail, e-commerce, transport,
 * public services); none comes from training/data or evaluation/. Each lists the themes that would
 * be right; the checks are on the whole set, as the targets are: the right theme found in
 * at least 90% of them, at most 1.3 themes per sentence.
 */
const analyzer = loadDefaultAnalyzer();
const set = loadModelSet(MODELS_DIR);
const demo = generateDemo();

type Case = [text: string, right: string[]];

const WAITING = ["waiting"];
const DELIVERY = ["delivery"];
const STAFF = ["staff_friendliness", "staff_competence"];

const FI: Case[] = [
  // queue and hold waiting
  ["Jouduin jonottamaan puhelimessa yli tunnin.", WAITING],
  ["Odotin linjalla neljäkymmentä minuuttia ennen kuin kukaan vastasi.", WAITING],
  ["Mä roikuin jonossa varmaan puol tuntii, ihan järkyttävää.", WAITING],
  ["Jonotusaika sähköyhtiön asiakaspalveluun oli kohtuuton.", WAITING],
  ["Pankin chattiin piti odottaa vuoroa melkein tunti.", WAITING],
  ["Mie ootin siellä jonossa iha hirveen kauan.", WAITING],
  ["Hakemukseni on odottanut käsittelyä Kelassa jo kaksi kuukautta.", WAITING],
  // delivery, including late deliveries
  ["Tilaus saapui viikon myöhässä.", DELIVERY],
  ["Paketti tuli perille vasta kymmenen päivän päästä.", DELIVERY],
  ["Lähetys on ollut jumissa noutopisteessä koko viikon.", DELIVERY],
  ["Kuriiri jätti paketin ovelle kysymättä mitään.", DELIVERY],
  ["Toimitus myöhästyi kolme päivää luvatusta.", DELIVERY],
  ["Mun paketti on vieläki matkalla, vaikka piti tulla tiistaina.", DELIVERY],
  ["Sohvan kotiinkuljetus sujui sovitusti ja ajallaan.", DELIVERY],
  // staff
  ["Myyjä oli kohtelias ja osaava.", STAFF],
  ["Asiakaspalvelija oli todella ystävällinen ja kärsivällinen.", STAFF],
  ["Virkailija oli tyly ja tiuski mulle koko ajan.", STAFF],
  ["Kassalla ollut nuori mies palveli hymyillen.", STAFF],
  ["Puhelimeen vastannut henkilö tunsi tuotteet erinomaisesti.", STAFF],
  ["Pankin neuvoja osasi selittää lainaehdot selkeästi ja ammattitaidolla.", STAFF],
  // other single topics
  ["Sähkölaskussa on veloitettu sama kuukausi kahteen kertaan.", ["billing"]],
  ["Laskun eräpäivä meni ohi, koska lasku ei tullut ollenkaan.", ["billing"]],
  ["Liittymän kuukausihinta nousi taas ilman selitystä.", ["prices"]],
  ["Netti on ollut poikki koko päivän koko kylässä.", ["outage"]],
  ["Sähköt katkesivat eilen illalla kolmeksi tunniksi.", ["outage"]],
  ["Mobiilipankkiin ei pääse kirjautumaan, sovellus kaatuu heti.", ["app_login"]],
  ["Haluan irtisanoa kuntosalijäsenyyteni ensi kuun lopusta.", ["contract_cancellation"]],
  ["Palautin kengät kolme viikkoa sitten, eikä rahoja ole vieläkään näkynyt tilillä.", ["returns_refunds"]],
  ["Uusi pesukone hajosi jo toisella käyttökerralla.", ["product_defect"]],
  ["Perintätoimisto lähetti kirjeen, vaikka lasku oli maksettu.", ["debt_collection"]],
  ["Chatbotti ei ymmärtänyt yhtään mitä kysyin.", ["chatbot"]],
  ["Verkkosivuilta on mahdoton löytää yhteystietoja.", ["website", "contact_channels"]],
  ["Luvattiin soittaa takaisin, mutta kukaan ei soittanut.", ["callback", "follow_up"]],
  ["Mua pompoteltiin osastolta toiselle neljä kertaa.", ["handoffs"]],
  ["Asentaja tuli ajallaan ja kytki laitteen nopeasti.", ["installation"]],
  ["Toimipiste on auki arkisin vain kymmenestä kahteen.", ["opening_hours"]],
  // more of each kind, written for this test (2026-12-03)
  ["Paketti jäi jumiin lajittelukeskukseen viikoksi.", DELIVERY],
  ["Lähetys saapui neljä päivää luvattua myöhemmin.", DELIVERY],
  ["Kuljetusliike toi sohvan päivän myöhässä.", DELIVERY],
  ["Tilaamani lamppu on vieläkin matkalla.", DELIVERY],
  ["Odotin asiakaspalvelun puhelinjonossa puoli tuntia.", WAITING],
  ["Chattiin pääsi vasta neljänkymmenen minuutin jonotuksen jälkeen.", WAITING],
  ["Jonotin kassalla ikuisuuden, kun vain yksi kassa oli auki.", WAITING],
  ["Myyjä oli ystävällinen ja tiesi paljon tuotteista.", STAFF],
  ["Virkailija oli töykeä eikä katsonut minua silmiin.", STAFF],
  ["Asiakaspalvelija tunsi vakuutusehdot läpikotaisin.", STAFF],
  ["Laskussa oli veloitettu sama maksu kahdesti.", ["billing"]],
  ["Vesilaskun summa on täysin väärä.", ["billing"]],
  ["Kuukausimaksu nousi viidellä eurolla ilman ilmoitusta.", ["prices"]],
  ["Korttimaksu ei mennyt läpi verkkokaupassa.", ["payments"]],
  ["Luottotietoni menivät laskusta, jota en ole koskaan saanut.", ["debt_collection"]],
  ["Haluan lopettaa sopimuksen heti.", ["contract_cancellation"]],
  ["Sain paketista väärän tuotteen.", ["order_handling"]],
  ["Ostamani kuulokkeet hajosivat viikossa.", ["product_defect"]],
  ["Netti pätkii joka ilta.", ["outage"]],
  // the service as a whole
  ["Hyvä palvelu.", ["service_overall"]],
  ["Kiitos hyvästä palvelusta!", ["service_overall", "staff_friendliness"]],
  ["Palvelu oli kyllä ihan surkeaa.", ["service_overall"]],
];

const EN: Case[] = [
  // bank customers' everyday questions, written for this test (2026-12-03; none from BANKING77)
  ["Why was I charged a fee when I topped up with my debit card?", ["prices"]],
  ["The money I sent to my landlord three days ago still hasn't reached him.", ["payments"]],
  ["My new card still hasn't shown up in the post.", DELIVERY],
  ["I've forgotten my passcode and can't get into the app.", ["app_login"]],
  ["I was charged twice for the same coffee.", ["billing"]],
  ["How do I close my account with you?", ["contract_cancellation"]],
  ["I need to change the address on my profile.", ["personal_data"]],
  ["The refund for the shoes I sent back hasn't appeared on my account.", ["returns_refunds"]],
  ["My card stopped working at contactless terminals.", ["product_defect"]],
  ["What exchange rate do you use when I pay in dollars?", ["prices"]],
  ["I had to queue on the phone for over an hour.", WAITING],
  ["Was on hold for forty minutes before anyone picked up.", WAITING],
  ["The wait to get through to the bank was ridiculous.", WAITING],
  ["My benefits application has been waiting for a decision for two months.", WAITING],
  ["The order arrived a week late.", DELIVERY],
  ["My parcel still hasn't come, it was supposed to be here on Tuesday.", DELIVERY],
  ["The courier left the package on the doorstep in the rain.", DELIVERY],
  ["Delivery of the fridge was delayed three times.", DELIVERY],
  ["The shop assistant was polite and knew her stuff.", STAFF],
  ["The agent was really friendly and patient with me.", STAFF],
  ["The man at the counter was rude and dismissive.", STAFF],
  ["The advisor clearly knew the mortgage rules inside out.", STAFF],
  ["I was charged twice for the same month on my electricity bill.", ["billing"]],
  ["The monthly price of my phone plan went up again.", ["prices"]],
  ["The internet has been down all day in our whole street.", ["outage"]],
  ["I cannot log in to the banking app, it crashes at once.", ["app_login"]],
  ["I want to cancel my gym membership from the end of next month.", ["contract_cancellation"]],
  ["I returned the shoes three weeks ago and still no refund.", ["returns_refunds"]],
  ["The new washing machine broke after two uses.", ["product_defect"]],
  ["The chatbot didn't understand anything I asked.", ["chatbot"]],
  ["They promised to call me back but nobody ever did.", ["callback", "follow_up"]],
  ["I got passed from one department to another four times.", ["handoffs"]],
  ["The office is only open from ten to two on weekdays.", ["opening_hours"]],
  ["A debt collector wrote to me although the invoice was paid.", ["debt_collection"]],
  // more of each kind, written for this test (2026-12-03)
  ["The parcel turned up five days late.", DELIVERY],
  ["My package has been stuck at the depot all week.", DELIVERY],
  ["The sofa was delivered a day later than agreed.", DELIVERY],
  ["I waited in the phone queue for half an hour.", WAITING],
  ["It took forty minutes to get into the chat.", WAITING],
  ["The cashier was friendly and knew the products well.", STAFF],
  ["The officer was rude and wouldn't look at me.", STAFF],
  ["The agent knew the policy terms inside out.", STAFF],
  ["The same fee appears twice on my invoice.", ["billing"]],
  ["The monthly fee went up by five euros without notice.", ["prices"]],
  ["My card payment didn't go through on the web shop.", ["payments"]],
  ["I want to terminate my contract right away.", ["contract_cancellation"]],
  ["I received the wrong item in my order.", ["order_handling"]],
  ["The headphones I bought broke within a week.", ["product_defect"]],
  ["The internet drops out every evening.", ["outage"]],
  ["Great service.", ["service_overall"]],
  ["Thanks for the excellent service!", ["service_overall", "staff_friendliness"]],
  ["Really poor service overall.", ["service_overall"]],
];

function measure(cases: Case[], lang: "fi" | "en") {
  const rows = cases.map(([text, right]) => {
    const themes = analyzer.analyzeText(text, lang).themes.map((t) => t.id);
    return { text, right, themes, found: themes.some((t) => right.includes(t)) };
  });
  return {
    rows,
    found: rows.filter((r) => r.found).length / rows.length,
    perSentence: rows.reduce((s, r) => s + r.themes.length, 0) / rows.length,
  };
}

describe("themes with precision on single-topic sentences", () => {
  it("gives the issue's three examples the one right theme each", () => {
    const themes = (text: string) => analyzer.analyzeText(text, "fi").themes.map((t) => t.id);
    expect(themes("Jouduin jonottamaan puhelimessa yli tunnin.")).toEqual(["waiting"]);
    expect(themes("Tilaus saapui viikon myöhässä.")).toEqual(["delivery"]);
    const staff = themes("Myyjä oli kohtelias ja osaava.");
    expect(staff.length).toBeGreaterThan(0);
    expect(staff.every((t) => STAFF.includes(t))).toBe(true);
  });

  for (const [lang, cases] of [
    ["fi", FI],
    ["en", EN],
  ] as const) {
    it(`finds the right theme in ≥ 90% of ${cases.length} ${lang} sentences with ≤ 1.3 themes each`, () => {
      const m = measure(cases, lang);
      const misses = m.rows.filter((r) => !r.found).map((r) => `${r.text} → ${r.themes.join(", ") || "–"}`);
      expect(m.found, misses.join("\n")).toBeGreaterThanOrEqual(0.9);
      expect(m.perSentence).toBeLessThanOrEqual(1.3);
    });
  }

  it("tells a late delivery from queueing and neither from the staff", () => {
    for (const [text, lang] of [
      ["Tilaus saapui viikon myöhässä.", "fi"],
      ["Toimitus myöhästyi kolme päivää luvatusta.", "fi"],
      ["Lähetys saapui neljä päivää luvattua myöhemmin.", "fi"],
      ["Kuljetusliike toi sohvan päivän myöhässä.", "fi"],
      ["Paketti jäi jumiin lajittelukeskukseen viikoksi.", "fi"],
      ["The order arrived a week late.", "en"],
      ["The parcel turned up five days late.", "en"],
      ["The sofa was delivered a day later than agreed.", "en"],
    ] as const) {
      const themes = analyzer.analyzeText(text, lang).themes.map((t) => t.id);
      expect(themes, text).not.toContain("waiting");
      expect(themes, text).not.toContain("staff_friendliness");
    }
    for (const [text, lang] of [
      ["Jouduin jonottamaan puhelimessa yli tunnin.", "fi"],
      ["Odotin asiakaspalvelun puhelinjonossa puoli tuntia.", "fi"],
      ["Jonotin kassalla ikuisuuden, kun vain yksi kassa oli auki.", "fi"],
      ["I had to queue on the phone for over an hour.", "en"],
      ["I waited in the phone queue for half an hour.", "en"],
    ] as const) {
      expect(
        analyzer.analyzeText(text, lang).themes.map((t) => t.id),
        text,
      ).not.toContain("delivery");
    }
  });

  it("gives a sentence about the staff staff themes only", () => {
    for (const [text, lang] of [
      ["Myyjä oli kohtelias ja osaava.", "fi"],
      ["Myyjä oli ystävällinen ja tiesi paljon tuotteista.", "fi"],
      ["Virkailija oli töykeä eikä katsonut minua silmiin.", "fi"],
      ["Asiakaspalvelija oli todella ystävällinen ja kärsivällinen.", "fi"],
      ["The cashier was friendly and knew the products well.", "en"],
      ["The officer was rude and wouldn't look at me.", "en"],
      ["The agent was really friendly and patient with me.", "en"],
    ] as const) {
      const themes = analyzer.analyzeText(text, lang).themes.map((t) => t.id);
      expect(themes.length, text).toBeGreaterThan(0);
      expect(
        themes.filter((t) => !STAFF.includes(t)),
        text,
      ).toEqual([]);
    }
  });

  it("reports the general service theme only when nothing more specific is said", () => {
    expect(analyzer.analyzeText("Hyvä palvelu.", "fi").themes.map((t) => t.id)).toEqual(["service_overall"]);
    const specific = analyzer
      .analyzeText("Hyvä palvelu, mutta lasku oli väärin.", "fi")
      .themes.map((t) => t.id);
    expect(specific).toContain("billing");
    expect(specific).not.toContain("service_overall");
  });

  it("finds the general service theme in everyday wording of praise and complaint, not in a neutral question", () => {
    // Written for this test (2026-12-04): an adjective with "service"/"experience"/"palvelu"/"asiointi",
    // a recommendation, the standard of service — general language, not lines of any dev or evaluation set.
    const general: [string, "fi" | "en"][] = [
      ["Mediocre service at best.", "en"],
      ["Dreadful customer service, as usual.", "en"],
      ["The quality of service has gone downhill.", "en"],
      ["A pleasant experience from start to finish.", "en"],
      ["Would not recommend to a friend.", "en"],
      ["Service has been going downhill for years.", "en"],
      ["Keskinkertaista asiointia.", "fi"],
      ["Ala-arvoista palvelua.", "fi"],
      ["Palvelun taso on laskenut.", "fi"],
      ["En voi suositella kenellekään.", "fi"],
      ["Vaivatonta asiointia alusta loppuun.", "fi"],
      ["Olipa sujuvaa palvelua!", "fi"],
    ];
    const themesOf = general.map(([text, lang]) => analyzer.analyzeText(text, lang).themes.map((t) => t.id));
    const right = themesOf.filter((ids) => ids.length === 1 && ids[0] === "service_overall").length;
    // 10 of 12 on 2026-12-04 ("quality of service" reads as product_defect, "pleasant experience" as
    // staff_friendliness); 1 of 12 with the patterns before.
    expect(right, JSON.stringify(themesOf)).toBeGreaterThanOrEqual(9);
    expect(analyzer.analyzeText("Which service do you mean?", "en").themes).toEqual([]);
  });

  it("does not read 'no complaints' as complaint handling, and still reads a complaint made", () => {
    const ids = (text: string, lang: "fi" | "en") => analyzer.analyzeText(text, lang).themes.map((t) => t.id);
    for (const [text, lang] of [
      ["No complaints.", "en"],
      ["Nothing to complain about, thanks.", "en"],
      ["Can't complain.", "en"],
      ["Ei valittamista.", "fi"],
      ["Ei mitään valitettavaa, kiitos.", "fi"],
    ] as const)
      expect(ids(text, lang), text).not.toContain("complaint_handling");
    for (const [text, lang] of [
      ["Nobody answered my complaint.", "en"],
      ["I want to make a complaint about the invoice.", "en"],
      ["Valitukseeni ei ole vastattu.", "fi"],
      ["Tein reklamaation kuukausi sitten eikä mitään ole kuulunut.", "fi"],
    ] as const)
      expect(ids(text, lang), text).toContain("complaint_handling");
  });

  it("gives small talk no theme", () => {
    for (const text of ["Moi.", "Hei, mulla olis kysymys.", "Hi there.", "Okay, thanks, bye."])
      expect(analyzer.analyzeText(text).themes, text).toEqual([]);
  });

  it("never guesses information or staff friendliness for a text whose themes all fall short, and still guesses others", () => {
    // Over the demo's texts (customers' and agents' turns, survey comments): a reported theme below its
    // own calibrated threshold is the fallback's guess (a pattern theme the model lacks scores 1).
    const texts = [
      ...new Set([
        ...demo.encounters.flatMap((e) => e.turns.map((t) => t.text)),
        ...demo.responses.flatMap((r) => (r.comment ? [r.comment] : [])),
      ]),
    ].slice(0, 6000);
    const guessed = new Map<string, number>();
    const reported = new Map<string, number>();
    for (const text of texts) {
      const a = analyzer.analyzeText(text);
      if (a.lang !== "fi" && a.lang !== "en") continue;
      const calibration = set.themeCalibration[a.lang];
      for (const t of a.themes) {
        reported.set(t.id, (reported.get(t.id) ?? 0) + 1);
        // Scores are rounded to three decimals: below by more than that is below.
        if (t.score < (calibration.thresholds[t.id] ?? calibration.defaultThreshold) - 0.001)
          guessed.set(t.id, (guessed.get(t.id) ?? 0) + 1);
      }
    }
    expect(guessed.get("information"), "information guessed").toBeUndefined();
    expect(guessed.get("staff_friendliness"), "staff friendliness guessed").toBeUndefined();
    // Both are still reported on their own evidence, and the fallback still guesses other themes.
    expect(reported.get("information") ?? 0).toBeGreaterThan(10);
    expect(reported.get("staff_friendliness") ?? 0).toBeGreaterThan(10);
    expect([...guessed.values()].reduce((sum, n) => sum + n, 0)).toBeGreaterThan(100);
  });

  it("keeps two neighbouring themes when a sentence makes two statements, and only a sure neighbour in one", () => {
    // Two statements joined by "ja"/"and": both neighbours (one taxonomy group) stay.
    const two = (text: string, lang: "fi" | "en") => analyzer.analyzeText(text, lang).themes.map((t) => t.id);
    expect(two("Lasku oli väärin ja maksu meni kahdesti.", "fi").sort()).toEqual(["billing", "payments"]);
    expect(two("The invoice was wrong and the payment was taken twice.", "en").sort()).toEqual([
      "billing",
      "payments",
    ]);
    expect(two("The parcel was late and the refund never came.", "en").sort()).toEqual([
      "delivery",
      "returns_refunds",
    ]);
    // One statement: over every single-topic test sentence, no neighbour beside a more probable
    // theme unless it passes the calibration's bar for a second theme.
    const groupOf = new Map(set.taxonomy.themes.map((t) => [t.id, t.group]));
    for (const [lang, cases] of [
      ["fi", FI],
      ["en", EN],
    ] as const) {
      for (const [text] of cases) {
        if (/[,;&]|\b(ja|sekä|eikä|myös|lisäksi|mutta|vaan|and|also|plus|but|nor)\b/i.test(text)) continue;
        const themes = analyzer.analyzeText(text, lang).themes;
        const bar = set.themeCalibration[lang].secondary ?? 0;
        for (let i = 1; i < themes.length; i++) {
          const t = themes[i] as (typeof themes)[number];
          const earlier = themes.slice(0, i).some((e) => groupOf.get(e.id) === groupOf.get(t.id));
          if (earlier) expect(t.score, `${text} → ${t.id}`).toBeGreaterThanOrEqual(bar);
        }
      }
    }
  });
});
