import { describe, expect, it } from "vitest";
import { durationsIn, effortSignals } from "./effort-signals.ts";

describe("effortSignals", () => {
  it("reads a word that names what every object inherits ('constructor') as no amount, like any other word", () => {
    // It was looked up as an object key and taken as an amount (a function), so the wait was lost.
    expect(effortSignals("jonotin pitkän tunnin").statedWaitSeconds).toBe(3600);
    expect(effortSignals("jonotin constructor tunnin").statedWaitSeconds).toBe(3600);
  });

  it.each([
    ["Soitan jo kolmatta kertaa samasta asiasta.", 3],
    ["Tämä on toinen kerta kun otan yhteyttä, ja nyt jo toista kertaa sama vika.", 2],
    ["This is the third time I'm calling about this.", 3],
    ["Third time I've had to ring you about this bill.", 3],
    ["I'm writing for the second time, as nothing has happened.", 2],
    ["I have contacted you several times already.", undefined],
    ["Olen soittanut jo monta kertaa eikä mitään tapahdu.", undefined],
    // Counts of contacts, in writing and speech, in both languages.
    ["Soitin teille kolme kertaa viime viikolla.", 3],
    ["Oon soittanu teille varmaan viisi kertaa tästä samasta.", 5],
    ["Olen ollut yhteydessä asiakaspalveluun 4 kertaa.", 4],
    ["Lähetin viestin pari kertaa, vastausta ei kuulu.", 2],
    ["I have called you four times about the same fault.", 4],
    ["We've emailed support 6 times and nothing has changed.", 6],
    ["I reached out a couple of times before giving up.", undefined],
    ["Tämä on jo neljäs yhteydenottoni samasta asiasta.", 4],
    ["Kolmas soittoni tällä viikolla, eikä vieläkään apua.", 3],
    ["This is my fourth email about the same fault.", 4],
  ])("finds a repeat contact in %s", (text, ordinal) => {
    const e = effortSignals(text);
    expect(e.repeatContact).toBe(true);
    const repeat = e.signals.find((s) => s.kind === "repeat_contact");
    if (ordinal) expect(repeat?.value).toBe(ordinal);
  });

  it.each([
    ["Jonotin 45 minuuttia eikä kukaan vastannut.", 45 * 60],
    ["odotin linjalla yli tunnin", 3600],
    ["Jonotin jo tunnin eikä kukaan vastannut.", 3600],
    ["Odotin viikon ennen kuin kukaan vastasi.", 7 * 86400],
    ["Odotin puoli tuntia jonossa.", 30 * 60],
    ["I waited 2 hours on hold.", 7200],
    ["Been on hold for 40 minutes now", 2400],
    ["Olen odottanut palautusta kaksi viikkoa.", 14 * 86400],
    ["20 minuuttia jonossa ja sitten puhelu katkesi", 1200],
    // Which unit of waiting it is in: the sixth week has begun, so five whole weeks have passed.
    ["Odotan jo kuudetta viikkoa päätöstä hakemukseeni.", 5 * 7 * 86400],
    ["Olin jonossa toista tuntia.", 3600],
    ["Olin puhelimessa puolitoista tuntia.", 5400],
    ["Spent 2 hours on the phone trying to sort it.", 7200],
  ])("reads the stated wait in %s", (text, seconds) => {
    const e = effortSignals(text);
    expect(e.statedWaitSeconds).toBe(seconds);
  });

  it.each([
    "Minut siirrettiin kolme kertaa eri henkilölle.",
    "Puhelu yhdistettiin väärään paikkaan.",
    "I was transferred to another department twice.",
    "They just passed me around between teams.",
    "Siirsitte minut väärälle osastolle.",
    "They transferred me to billing and billing sent me back.",
    "I keep getting bounced back and forth.",
    "My call got redirected to the wrong team.",
    "we were put through to sales for some reason",
  ])("finds a transfer in %s", (text) => {
    expect(effortSignals(text).transfer).toBe(true);
  });

  it.each([
    "Jouduin selittämään koko asian uudestaan.",
    "Kerroin saman asian taas alusta.",
    "I had to explain everything again to the next person.",
    "Had to repeat my details all over again.",
    "Jouduin kertomaan asiani kolmelle eri ihmiselle.",
    "I had to explain the fault to three different agents.",
  ])("finds having to explain again in %s", (text) => {
    expect(effortSignals(text).explainAgain).toBe(true);
  });

  it.each([
    "Lasku 12345678 erääntyy 14.3.2026, summa 89,90 €.",
    "Kiitos nopeasta avusta, asia ratkesi heti.",
    "Toimitus kestää yleensä 2–3 päivää.",
    // Moving a subscription or a due date oneself is no transfer.
    "Miten mä siirrän liittymän uuteen osoitteeseen?",
    "Siirrä eräpäivää viikolla, kiitos.",
    // An ordinal of someone else's message, or a count of people with nothing told to them.
    "The second email you sent was much clearer.",
    "Toinen viesti oli selkeämpi.",
    "Kerroin asian eri tavalla.",
    // A count that is not of contacts, or a single one.
    "Soitin kerran ja asia hoitui heti.",
    "Lataan sovelluksen kaksi kertaa päivässä.",
    "I called once and it was sorted.",
    // Money or goods moved, a transfer asked for, a fault that recurs: LABELS.md's no-effort look-alikes.
    "I transferred £300 from my savings this morning but the balance hasn't updated.",
    "The parcel was handed over to the courier on 1 May.",
    "Could you transfer me to the business team?",
    "It's the second time this month the power has gone off.",
    "Kolmatta kertaa tällä viikolla netti poikki.",
    "The price went up three times this year.",
    "",
  ])("finds no effort in %s", (text) => {
    const e = effortSignals(text);
    expect(e.repeatContact || e.transfer || e.explainAgain).toBe(false);
    expect(e.statedWaitSeconds).toBeNull();
  });

  it("measures a wait the rules find with every amount the duration reader sees in it", () => {
    expect(effortSignals("Jonossa nyt 1 h 20 min.").statedWaitSeconds).toBe(4800);
  });

  it.each([
    ["Odotin 2 vrk vastausta.", 172800],
    ["Olen odottanut useita viikkoja.", 3 * 604800],
    ["I waited a couple days for a reply.", 172800],
    ["Waited fifty-five minutes on hold.", 3300],
  ])("reads the rules' wait in %s with the duration reader's amounts and units", (text, seconds) => {
    expect(effortSignals(text).statedWaitSeconds).toBe(seconds);
  });

  it("reads a count of the speaker's contacts that it took, not contacts the company made", () => {
    // Written for this test (2026-12-07).
    for (const text of [
      "Sain rahat takaisin vasta viiden yhteydenoton jälkeen.",
      "Asia ratkesi kolmen puhelun jälkeen.",
      "It took me three emails to get an answer.",
      "After four calls someone finally listened.",
      "I've sent two emails and heard nothing.",
    ])
      expect(effortSignals(text).repeatContact, text).toBe(true);
    for (const text of [
      "Kahden viikon jälkeen paketti tuli.",
      "Soitan teille kahden päivän päästä uudestaan.",
      "After three days the parcel arrived.",
      "I made two mistakes on the form.",
    ])
      expect(effortSignals(text).repeatContact, text).toBe(false);
  });

  it("gives offsets that point at the matched words", () => {
    const text = "No niin, jonotin 30 minuuttia.";
    const wait = effortSignals(text).signals.find((s) => s.kind === "stated_wait");
    expect(text.slice(wait?.start, wait?.end)).toBe("jonotin 30 minuuttia");
  });
});

describe("durationsIn", () => {
  const read = (text: string) => durationsIn(text).map((d) => [text.slice(d.start, d.end), d.seconds]);

  it.each([
    ["Jonossa nyt 1 h 20 min.", [["1 h 20 min", 4800]]],
    ["mä ootin siin jonos kuuskyt minuuttii", [["kuuskyt minuuttii", 3600]]],
    ["vastaus tuli 40 minuutissa", [["40 minuutissa", 2400]]],
    ["puoltoista kuukautta odotettu", [["puoltoista kuukautta", 3888000]]],
    ["nyt on mennyt viikko ja kaks päivää", [["viikko ja kaks päivää", 777600]]],
    ["jonotin vartin", [["vartin", 900]]],
    ["päätöstä odotettu kolmatta viikkoa", [["kolmatta viikkoa", 1209600]]],
    ["on hold for fifty-five minutes", [["fifty-five minutes", 3300]]],
    ["tilaus tuli kahessa paivassa", [["kahessa paivassa", 172800]]],
    ["an hour and a half on hold", [["an hour and a half", 5400]]],
    [
      "half an hour, then a couple of days",
      [
        ["half an hour", 1800],
        ["a couple of days", 172800],
      ],
    ],
    ["45min", [["45min", 2700]]],
    ["two and a half weeks", [["two and a half weeks", 1512000]]],
    ["kahden ja puolen tunnin odottelu", [["kahden ja puolen tunnin", 9000]]],
    ["two full weeks", [["two full weeks", 1209600]]],
    ["holding for uh fifty two minutes", [["fifty two minutes", 3120]]],
    ["kakskyt viis minuuttia", [["kakskyt viis minuuttia", 1500]]],
    ["jonossa neljäkymmentäviis minuuttia", [["neljäkymmentäviis minuuttia", 2700]]],
    ["kolmisen tuntia", [["kolmisen tuntia", 10800]]],
    ["ei kuulunut mitään kuuteen viikkoon", [["kuuteen viikkoon", 3628800]]],
    ["the third week of waiting", [["third week", 1209600]]],
    ["into a second week", [["second week", 604800]]],
    ["vastasi vasta toisena päivänä", [["toisena päivänä", 86400]]],
    ["kolmas viikko menossa", [["kolmas viikko", 1209600]]],
    ["vastaus tuli yheksäntoista päivän päästä", [["yheksäntoista päivän", 1641600]]],
    ["Fifteen-minute queue", [["Fifteen-minute", 900]]],
    ["day sixteen now", [["day sixteen", 1296000]]],
    ["a quarter of an hour", [["a quarter of an hour", 900]]],
    ["two hours and a quarter", [["two hours and a quarter", 8100]]],
    ["jonotin tunti ja puoli", [["tunti ja puoli", 5400]]],
    ["vastaus tuli puolessa tunnissa", [["puolessa tunnissa", 1800]]],
    ["vastaus tuli viikossa", [["viikossa", 604800]]],
  ])("reads %s", (text, expected) => {
    expect(read(text)).toEqual(expected);
  });

  it("leaves out a window promised for the future and a customer's years", () => {
    expect(read("Luvattiin viikon sisällä, mutta tuli kahdessa päivässä.")).toEqual([
      ["kahdessa päivässä", 172800],
    ]);
    expect(read("They said within a week.")).toEqual([]);
    expect(read("Asiakkaana 10 vuotta.")).toEqual([]);
    // How often is not how long; a word ending in "-alle" is no "alle" (under).
    expect(read("Käyn kerran viikossa.")).toEqual([]);
    expect(read("Pääsin asiantuntijalle vartin jonotuksen jälkeen.")).toEqual([["vartin", 900]]);
    // A time promised, estimated or usual is what a thing should take, unless it is a time past.
    expect(read("Toimitusajaksi luvattiin 3–4 viikkoa.")).toEqual([]);
    expect(read("Toimitus kestää yleensä 2 päivää.")).toEqual([]);
    expect(read("It usually takes about a week.")).toEqual([]);
    expect(read("They promised 48 hours but I have waited 5 days.")).toEqual([["5 days", 432000]]);
    expect(read("They promised a callback 3 days ago.")).toEqual([["3 days", 259200]]);
    expect(read("Tää kestää jo kolme viikkoa.")).toEqual([["kolme viikkoa", 1814400]]);
    // A window met, told in the past, is how long they waited; one asked for, promised or needed is not.
    expect(read("My complaint was answered within four days.")).toEqual([["four days", 345600]]);
    expect(read("Vika korjattiin vuorokauden kuluessa.")).toEqual([["vuorokauden", 86400]]);
    expect(read("I was told it would be fixed within 48 hours.")).toEqual([]);
    expect(read("I ordered it and I need it within a week.")).toEqual([]);
    expect(read("Asia käsitellään kahden viikon kuluessa.")).toEqual([]);
  });
});

describe("effortSignals with the effort model's hits", () => {
  const text = "Mä oon yrittäny soittaa koko aamun. Vastaus tuli vasta 25 min päästä.";
  const first = { start: 0, end: 35 };
  const second = { start: 36, end: text.length };

  it("takes the model's surest hit of a kind the rules did not find, with its stretch", () => {
    const e = effortSignals(text, [
      { kind: "repeat_contact", ...second, p: 0.6 },
      { kind: "repeat_contact", ...first, p: 0.9 },
    ]);
    expect(e.repeatContact).toBe(true);
    const s = e.signals.find((x) => x.kind === "repeat_contact");
    expect(text.slice(s?.start, s?.end)).toBe("Mä oon yrittäny soittaa koko aamun.");
  });

  it("counts a wait the model finds only with a duration in its stretch, the longest", () => {
    expect(effortSignals(text, [{ kind: "stated_wait", ...first, p: 0.9 }]).statedWaitSeconds).toBeNull();
    const e = effortSignals(text, [
      { kind: "stated_wait", ...first, p: 0.9 },
      { kind: "stated_wait", ...second, p: 0.7 },
    ]);
    expect(e.statedWaitSeconds).toBe(1500);
    const s = e.signals.find((x) => x.kind === "stated_wait");
    expect(text.slice(s?.start, s?.end)).toBe("25 min");
  });

  it("keeps the rules' reading of a kind they found", () => {
    const rules = "Jonotin 30 minuuttia, ja vastaus tuli viikon päästä.";
    const e = effortSignals(rules, [{ kind: "stated_wait", start: 0, end: rules.length, p: 0.99 }]);
    expect(e.statedWaitSeconds).toBe(1800);
    expect(e.signals.filter((x) => x.kind === "stated_wait")).toHaveLength(1);
  });
});
