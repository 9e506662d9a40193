import { describe, expect, it } from "vitest";
import { loadDefaultAnalyzer, MODELS_DIR } from "./default-analyzer.ts";
import { loadModelSet } from "./model/model-set.ts";
import { tokenize } from "./text/tokenize.ts";
import { activeCues, toneCues } from "./text/tone-cues.ts";
import { toneLexiconOf, visitToneLexiconFeatures } from "./text/tone-lexicon.ts";

// Sentences written for this test (not taken from evaluation/ or any public data set): customers
// across sectors and registers naming a delay, a queue, a double charge, a dropped call or a
// missing call-back, with otherwise neutral or even upbeat words around the event.
const analyzer = loadDefaultAnalyzer();
const tone = (text: string, lang: "fi" | "en") => analyzer.analyzeText(text, lang).tone;

const FI_COMPLAINTS = [
  "Tilaus saapui viikon myöhässä.",
  "Jouduin jonottamaan puhelimessa yli tunnin.",
  "Paketti tuli kolme päivää myöhässä.",
  "Sohvan toimitus viivästyi jo toisen kerran.",
  "Lääkärin vastaanotto oli puoli tuntia myöhässä.",
  "Juna myöhästyi ja jäin ilman jatkoyhteyttä.",
  "Remonttiporukka saapui paikalle kaksi tuntia myöhässä.",
  "Vakuutuskorvauksen käsittely on viivästynyt kuukaudella.",
  "Kirjeenne tuli perille vasta eräpäivän jälkeen, kun posti oli myöhässä.",
  "mun tilaus on taas myöhässä",
  "Jonotin kassalla varmaan vartin.",
  "Chattiin piti jonottaa neljäkymmentä minuuttia.",
  "Apteekissa jonotettiin tänään puoli tuntia.",
  "Odotin linjalla yli tunnin ennen kuin kukaan vastasi.",
  "Jouduimme odottamaan asentajaa koko päivän.",
  "Kuukausimaksu veloitettiin tililtäni kahteen kertaan.",
  "Sähkölasku tuli tänä kuussa kahteen kertaan.",
  "Minulta on peritty sama maksu kahdesti.",
  "Kortiltani meni kahteen kertaan sama summa.",
  "Puhelu katkesi kesken kaiken.",
  "Yhteys katkeili koko illan.",
  "Chat katkesi juuri kun asia oli ratkeamassa.",
  "netti pätkii jatkuvasti",
  "Minulle ei soitettu takaisin, vaikka niin luvattiin.",
  "Kukaan ei ole soittanut takaisin.",
  "Sähköpostiini ei ole vastattu kahteen viikkoon.",
  "En ole saanut vastausta reklamaatiooni.",
  "Luvattua soittoa ei koskaan kuulunut.",
  "Paketti ei ole vieläkään tullut.",
  "Hyvitystä ei ole vieläkään näkynyt tilillä.",
  "Miksi tilaukseni on taas myöhässä?",
  "Eikö teillä kukaan vastaa puhelimeen?",
  // The event in the main clause, a concessive clause after it: "although" backs the complaint.
  "Asentaja ei tullut, vaikka aika oli sovittu.",
  "Jonotin puhelimessa puoli tuntia, vaikka asia oli ihan pieni.",
]
  .map((text): { text: string; lang: "fi" | "en" } => ({ text, lang: "fi" }))
  .concat(
    [
      "My order arrived a week late.",
      "I waited on hold for forty minutes.",
      "I was charged twice for the same subscription.",
      "The call got cut off halfway through.",
      "Nobody called me back.",
      "I never heard back from your team.",
      "The refund still hasn't arrived.",
      "Why is my delivery late again?",
      "We queued for an hour at the counter.",
      "The technician turned up three hours late.",
      "My order arrived three days late even though I paid for express delivery.",
      "The call was cut off twice, despite the agent saying she would stay on the line.",
    ].map((text) => ({ text, lang: "en" as const })),
  );

describe("tone of customer-experience events", () => {
  it.each(FI_COMPLAINTS)("$text is negative with a confidence", ({ text, lang }) => {
    const t = tone(text, lang);
    expect(t.label).toBe("negative");
    expect(t.score).toBeLessThan(0);
    expect(t.confidence).toBeGreaterThanOrEqual(0.5);
    expect(t.confidence).toBeLessThanOrEqual(1);
  });

  it.each(FI_COMPLAINTS)(
    "$text stays negative lower-cased without its closing punctuation",
    ({ text, lang }) => {
      expect(tone(text.toLowerCase().replace(/[.!?]+$/u, ""), lang).label).toBe("negative");
    },
  );

  it("gives every label a confidence, and none when there is nothing to read", () => {
    for (const text of [
      "Kiitos avusta, tosi hyvää palvelua!",
      "Mihin aikaan olette auki?",
      "Thanks a lot!",
    ]) {
      const t = tone(text, text.startsWith("Th") ? "en" : "fi");
      expect(t.confidence).toBeGreaterThan(0.33);
      expect(t.confidence).toBeLessThanOrEqual(1);
    }
    expect(tone("", "fi")).toEqual({ label: "neutral", score: 0, confidence: 0 });
  });

  it("does not hold an event negative when it is negated, asked about, conceded, doubted or framed", () => {
    const held = (text: string, lang: "fi" | "en") => activeCues(toneCues(tokenize(text), lang)).length > 0;
    // negated
    expect(held("Tilaus ei ollut yhtään myöhässä.", "fi")).toBe(false);
    expect(held("Ei tarvinnut jonottaa ollenkaan.", "fi")).toBe(false);
    expect(held("The parcel wasn't late at all.", "en")).toBe(false);
    // a question that asks rather than complains
    expect(held("Onko junani myöhässä?", "fi")).toBe(false);
    expect(held("Is my order delayed?", "en")).toBe(false);
    // conceded or waved away
    expect(held("Paketti myöhästyi päivän, mutta kuljettaja oli tosi mukava.", "fi")).toBe(false);
    expect(held("Vaikka toimitus viivästyi, olen tyytyväinen.", "fi")).toBe(false);
    expect(held("Toimitus oli vähän myöhässä, ei haitannut.", "fi")).toBe(false);
    expect(held("Although the parcel was late, the sofa is perfect.", "en")).toBe(false);
    // … but a concessive clause after the event concedes only itself: the event is the point
    expect(held("Asentaja ei tullut, vaikka aika oli sovittu.", "fi")).toBe(true);
    expect(held("Paketti myöhästyi, vaikka maksoin pikatoimituksesta.", "fi")).toBe(true);
    expect(held("Nobody called me back, although I was told someone would.", "en")).toBe(true);
    // a wait said to be short
    expect(held("Jonotin vain pari minuuttia.", "fi")).toBe(false);
    expect(held("Odotin puhelimessa alle minuutin.", "fi")).toBe(false);
    expect(held("I only waited two minutes on hold.", "en")).toBe(false);
    expect(held("We waited less than five minutes.", "en")).toBe(false);
    // … but not a long one said with "only", nor a long one
    expect(held("Jonotin vain 45 minuuttia.", "fi")).toBe(true);
    expect(held("I only waited 40 minutes on hold, again.", "en")).toBe(true);
    expect(held("Odotin puhelimessa yli puoli tuntia.", "fi")).toBe(true);
    // doubted
    expect(held("Taisi yhteys katketa hetkeksi?", "fi")).toBe(false);
    // an apology, compensation or notice about the event
    expect(held("Pahoittelemme toimituksen viivästymistä.", "fi")).toBe(false);
    expect(held("Korvausta voi hakea, jos juna myöhästyy.", "fi")).toBe(false);
    expect(held("We apologise for the delay.", "en")).toBe(false);
    // named as a topic, not as something that happened
    expect(held("Huoltokatko on tiistaina klo 9–11.", "fi")).toBe(false);
    expect(held("Estimated wait time is five minutes.", "en")).toBe(false);
  });

  it("reads negation, intensifiers and hedges into the cue-held confidence", () => {
    const strong = tone("Tilaus oli taas todella paljon myöhässä.", "fi");
    const soft = tone("Tilaus oli hieman myöhässä.", "fi");
    expect(strong.label).toBe("negative");
    expect(soft.label).toBe("negative");
    expect(strong.confidence).toBeGreaterThan(soft.confidence);
    expect(tone("Tilaus ei ollut myöhässä, kaikki meni hyvin.", "fi").label).not.toBe("negative");
    expect(tone("Ei tarvinnut jonottaa yhtään, kiitos!", "fi").label).toBe("positive");
  });

  it("reads plain sarcasm markers as negative, not the same words agreeing or thanking", () => {
    for (const text of ["Just joo, taas luvattiin soittaa.", "Joo just, ihan kohta.", "Kiitti tyhjästä."])
      expect(tone(text, "fi").label).toBe("negative");
    for (const text of [
      "Joo just tuo oli hyvä.",
      "Kiitos taas avusta!",
      "Kiitos tästäkin avusta, olette ihania.",
    ])
      expect(tone(text, "fi").label).not.toBe("negative");
    expect(tone("Oh great, another hour on hold.", "en").label).toBe("negative");
  });

  it("reads disbelief in a promise heard before as negative, not a promise kept or a plain reference to one", () => {
    const disbelief = {
      fi: [
        "Uskon sitten kun näen.",
        "En usko ennen kuin näen sen omin silmin.",
        "Niin sanoitte viimeksikin.",
        "Ai, tuon olen kuullut ennenkin.",
        "Samaa luvattiin jo keväälläkin, ja viimeksikin.",
        "Edellinen myyjä lupasi ihan saman asian.",
        "Niin ne sanoi edelliselläkin kerralla.",
      ],
      en: [
        "I'll believe it when I see it.",
        "That's what they told me last time too.",
        "You promised the same thing back in March.",
        "I've heard that one before.",
        "Yeah, I've heard it all before.",
      ],
    };
    const notDisbelief = {
      fi: [
        "Kuten viimeksikin luvattiin, hyvitys tuli ajallaan.",
        "Sanoitte viime kerralla, että voin maksaa kahdessa erässä. Onnistuuko se nyt?",
        "Uskon, että näen teidät ensi viikolla messuilla.",
      ],
      en: [
        "As you said last time, the refund came in two days.",
        "You said last time that I could pay in two parts. Can I do that now?",
        "I believe I saw the email yesterday.",
        "My neighbour said the same about your service, and she was right, it's great.",
      ],
    };
    for (const lang of ["fi", "en"] as const) {
      for (const text of disbelief[lang]) expect(tone(text, lang).label, text).toBe("negative");
      for (const text of notDisbelief[lang]) expect(tone(text, lang).label, text).not.toBe("negative");
    }
  });

  it("reads a customer who denies a problem as no complaint, and the problem itself as one", () => {
    // Written for this test (2026-12-05, before the negation sets were trained on): a denied problem
    // on its own, then the same topics as complaints. Bare denials of lateness, which the corpus
    // mostly shows in "wasn't late, but …" complaints, are read apart from those since the conceded
    // negation (negation.ts, CNEG_; the two below were negative before it); still read negative, if
    // only just (score −0.1): "Paketti ei ollut myöhässä.", "The parcel wasn't late." (models/README.md).
    const denied: [string, "fi" | "en"][] = [
      ["Mitään häiriöitä ei ole ollut.", "fi"],
      ["Laite ei ole hajonnut kertaakaan.", "fi"],
      ["Ei mitään ongelmaa.", "fi"],
      ["Ei valittamista.", "fi"],
      ["Ei tarvinnut jonottaa yhtään.", "fi"],
      ["Asentaja ei myöhästynyt.", "fi"],
      ["The technician wasn't late.", "en"],
      ["There were no issues with the bill.", "en"],
      ["There was no queue.", "en"],
      ["Nobody was rude to me.", "en"],
      ["Nothing was wrong with the delivery.", "en"],
      ["I had no problems at all.", "en"],
    ];
    for (const [text, lang] of denied) expect(tone(text, lang).label, text).not.toBe("negative");
    const complaints: [string, "fi" | "en"][] = [
      ["Laskussa oli virhe.", "fi"],
      ["Paketti oli myöhässä.", "fi"],
      ["Asentaja ei tullut.", "fi"],
      ["Myyjä ei osannut vastata mihinkään.", "fi"],
      ["The parcel was late.", "en"],
      ["The technician never showed up.", "en"],
      ["The agent wasn't helpful at all.", "en"],
    ];
    for (const [text, lang] of complaints) expect(tone(text, lang).label, text).toBe("negative");
  });

  it("reads a denial the same with a word of it in quotation marks", () => {
    // Written for this test (2026-12-07): quotes around the denied word had ended the negation, so
    // 'Ei "toimi" ollenkaan' read positive (0.70) where 'Ei toimi ollenkaan' reads negative.
    const quoted: [string, "fi" | "en"][] = [
      ['Ei "toimi" ollenkaan', "fi"],
      ["Uusi sovellus ei ”toimi” vieläkään.", "fi"],
      ['Laskua ei "korjattu", vaikka niin luvattiin.', "fi"],
      ['The new router does not "work" at all.', "en"],
      ['My refund has not been "processed" yet, three weeks on.', "en"],
    ];
    for (const [text, lang] of quoted) expect(tone(text, lang).label, text).toBe("negative");
  });

  it("reads praise that opens a setback which came again as sarcasm, and praise of a fix as praise", () => {
    // Written for this test (2026-12-05): an interjection set off by a comma or standing alone,
    // a recurrence word, and a setback in other words; then the same frames around good news.
    const sarcastic: [string, "fi" | "en"][] = [
      ["Loistavaa, taas meni puoli tuntia hukkaan.", "fi"],
      ["Upeeta, taas uus lasku ilman mitään selitystä.", "fi"],
      ["Mahtavaa. Sovellus kaatui jälleen.", "fi"],
      ["Hienoa, nettiyhteys pätkii edelleen.", "fi"],
      ["Great, the app crashed again.", "en"],
      ["Just perfect. Still no answer from anyone.", "en"],
      ["Wonderful, the card was declined again.", "en"],
      ["Brilliant, my internet is down yet again.", "en"],
      // the rest only leans negative: a setback that comes again or piles up
      ["No kiva, taas odotellaan.", "fi"],
      ["Great, more waiting.", "en"],
      ["Great. More waiting then.", "en"],
    ];
    for (const [text, lang] of sarcastic) expect(tone(text, lang).label, text).toBe("negative");
    const praise: [string, "fi" | "en"][] = [
      ["Hienoa, taas toimii!", "fi"],
      // "Kiva, taas nähdään ensi viikolla!" is read negative with or without this rule: the model
      // reads "nähdään ensi viikolla" (see you next week) as negative on its own (2026-12-05).
      ["Kiva, taas nähdään!", "fi"],
      ["Mahtavaa, yhteys toimii taas normaalisti.", "fi"],
      ["Hienoa, taas yksi asia hoidettu.", "fi"],
      ["Great, it works again!", "en"],
      ["Great, thanks again!", "en"],
      ["Perfect, the payment went through this time again.", "en"],
      ["Great service again, thank you!", "en"],
    ];
    for (const [text, lang] of praise) expect(tone(text, lang).label, text).not.toBe("negative");
  });

  it("reads charges, cut-offs and waits in other inflections and word orders", () => {
    for (const text of [
      "Lasku veloitettiin kahdesti.",
      "Maksoin kahteen kertaan saman laskun.",
      "Puhelu katkaistiin kesken.",
      "Linja katkesi kolme kertaa.",
      "Jouduin odottamaan jonossa puoli tuntia.",
      "Asentaja ei tullut sovittuna päivänä.",
      "Lupasitte soittaa, mutta mitään ei kuulunut.",
      "Tilaus ei tullut ajallaan.",
      // Hyperbole of time: "iäisyys" is "ikuisuus" in other words.
      "Jonotus kesti iäisyyden.",
      "Odotin jonossa ikuisesti.",
    ])
      expect(tone(text, "fi").label).toBe("negative");
    for (const text of [
      "Tilaus tuli ajallaan.",
      "Ei ollut jonoa ollenkaan.",
      "Toimitus oli nopea, ei valittamista.",
    ])
      expect(tone(text, "fi").label).not.toBe("negative");
  });

  it("leaves an agent's apology to the model", () => {
    const agent = analyzer.analyzeText("Pahoittelen, että jouduitte jonottamaan.", "fi", {
      speaker: "agent",
    });
    expect(agent.tone.label).not.toBe("negative");
  });
});

// General English opinion sentences of the kinds review and chat text is made of, written for this
// test (none from evaluation/ or a public data set): evaluative words the customer-service corpus
// rarely has, read through the tone lexicon and its expert (text/tone-lexicon.ts).
describe("English tone beyond the customer-service corpus", () => {
  // The shipped English tone model carries the lexicon and its expert (model-set.ts attaches them).
  const reader = toneLexiconOf(loadModelSet(MODELS_DIR).models.en.tone);
  const features = (text: string) => {
    if (!reader) throw new Error("the English tone model has no tone lexicon");
    const out: string[] = [];
    visitToneLexiconFeatures(tokenize(text), reader.lexicon, (f) => {
      out.push(f);
    });
    return out;
  };

  it.each([
    ["The soundtrack was gorgeous and the ending genuinely moving.", "positive"],
    ["What a delightful little gem of a book.", "positive"],
    ["An absolutely brilliant performance from the whole cast.", "positive"],
    ["The plot was dull and the dialogue painfully awkward.", "negative"],
    ["Honestly one of the most tedious evenings I have ever wasted.", "negative"],
    ["The app is clunky, confusing and ugly.", "negative"],
  ] as const)("%s is %s", (text, label) => {
    expect(tone(text, "en").label).toBe(label);
  });

  it("flips a negated evaluative word and weighs the clause after 'but' more", () => {
    expect(features("It was good.")).toContain("TLC_POS35");
    expect(features("It was not good.")).toContain("NEG_TLX_POS2");
    expect(features("It was not good.")).toContain("TLC_NEG5");
    expect(features("The start was great but the rest was awful.")).toContain("TLC_NEG35");
    expect(features("The start was awful but the rest was great.")).toContain("TLC_POS35");
    expect(features("Mihin aikaan olette auki?")).toEqual([]);
  });

  it("keeps a customer-service complaint negative whatever general words surround it", () => {
    expect(tone("Lovely driver, but my parcel arrived a week late.", "en").label).toBe("negative");
    expect(tone("I was charged twice, which is just wonderful.", "en").label).toBe("negative");
  });
});
