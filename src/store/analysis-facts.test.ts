import { describe, expect, it } from "vitest";
import { loadDefaultAnalyzer } from "../analysis/default-analyzer.ts";
import { analysisFacts } from "./analysis-facts.ts";

const analyzer = loadDefaultAnalyzer();

describe("analysisFacts of texts the analysis left unread", () => {
  it("gives a Swedish comment no tone, so that reports leave it out, and a Finnish one its tone", () => {
    const swedish = analyzer.analyzeText(
      "Fakturan var fel igen och ingen har svarat på mitt mejl på två veckor.",
    );
    expect(analysisFacts("response", swedish)).toMatchObject({
      toneScore: null,
      toneLabel: null,
      themeCodes: null,
    });
    const finnish = analyzer.analyzeText(
      "Lasku oli taas väärin, eikä kukaan ole vastannut viestiini kahteen viikkoon.",
    );
    expect(analysisFacts("response", finnish)).toMatchObject({ toneLabel: "negative" });
    expect(analysisFacts("response", finnish).toneScore).toBeLessThan(-0.2);
  });

  it("takes an encounter's mean tone over the customer's turns it read, and none when it read none", () => {
    const mixed = analyzer.analyzeEncounter([
      { speaker: "customer", text: "Laskussani on virhe, minulta on veloitettu kahteen kertaan." },
      { speaker: "customer", text: "Förlåt, kan vi ta det på svenska, jag förstår inte allt som sägs här." },
    ]);
    const first = mixed.turns[0]?.tone.score as number;
    expect(mixed.turns[1]?.unread).toBe("language");
    // The unread turn's 0 does not pull the mean toward neutral.
    expect(analysisFacts("encounter", mixed).toneScore).toBeCloseTo(first, 3);
    const swedish = analyzer.analyzeEncounter([
      {
        speaker: "customer",
        text: "Min faktura är dubbelt så hög som förra månaden och jag förstår inte varför.",
      },
      { speaker: "agent", text: "Jag kollar det åt dig, ett ögonblick bara." },
    ]);
    expect(analysisFacts("encounter", swedish)).toMatchObject({
      toneScore: null,
      toneLabel: null,
      unreadLang: "sv",
    });
    // A customer who wrote only Swedish to an agent who answered in Finnish: no tone, not the agent's.
    const answered = analyzer.analyzeEncounter([
      {
        speaker: "customer",
        text: "Min faktura är dubbelt så hög som förra månaden och jag förstår inte varför.",
      },
      { speaker: "agent", text: "Kiitos viestistä, tarkistan laskun ja palaan asiaan huomenna." },
      { speaker: "customer", text: "Jag har väntat på svar i två veckor nu och ingen har hört av sig." },
    ]);
    expect(answered.turns.map((t) => t.unread ?? null)).toEqual(["language", null, "language"]);
    expect(analysisFacts("encounter", answered)).toMatchObject({
      toneScore: null,
      toneLabel: null,
      unreadLang: "sv",
    });
    expect(analysisFacts("encounter", mixed).unreadLang).toBeNull();
  });
});
