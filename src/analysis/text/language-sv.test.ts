import { describe, expect, it } from "vitest";
import { detectLanguage } from "./language.ts";

/** Swedish examples (Finland-Swedish and Sweden-Swedish usage). None of these is in the seed text. */
const SWEDISH: readonly string[] = [
  "Min räkning är för hög den här månaden",
  "Varför debiterades jag två gånger för abonnemanget?",
  "Appen kraschar varje gång jag öppnar den",
  "Tack för den fina servicen, mycket nöjd",
  "Paketet har fortfarande inte kommit fram",
  "Kan jag betala fakturan i delar?",
  "Kundtjänstpersonen var väldigt otrevlig i telefon",
  "Jag vill byta till ett billigare abonnemang",
  "Min beställning avbröts utan någon anledning",
  "Är butiken öppen i morgon på midsommarafton?",
  "Strömmen gick i hela huset i går kväll",
  "Försäkringen ersatte inte min trasiga telefon",
  "Bussen stannade inte fast jag vinkade",
  "Att förnya receptet på nätet var riktigt enkelt",
  "Hur länge tar det att behandla en retur?",
  "Återbetalningen kom redan nästa dag",
  "Hur byter jag lösenord till nätbanken?",
  "Produkten var trasig när jag öppnade kartongen",
  "Montören kom inte på överenskommen tid",
  "Jag har inte fått något svar om lånet",
  "Att beställa skattekort på nätet gick snabbt",
  "Jag köade två timmar på akuten innan jag fick träffa läkare",
  "Hotellrummet var smutsigt och städningen dålig",
  "har ni fortfarande vinterdäck i lager",
  "aldrig varit med om så dålig service",
  "mitt internet har legat nere i tre dagar",
  "kan du skicka kvittot till min mejl",
  "er app är helt värdelös",
  "nu funkar det igen, tack för hjälpen",
  "inget vidare bemötande måste jag säga",
  "jag vet inte vad jag borde göra",
  "jag har inte fått något meddelande från er",
  "jättetrevlig försäljare och bra erbjudanden",
  "fruktansvärt långsam leverans, rekommenderas inte",
  "varför svarar ni aldrig på mejl",
  "Faktureringen har varit en röra i två månader",
  "Chauffören var vänlig och hjälpte mig med väskorna",
  "Taxin var sen och körde fel väg",
  "Automaten svalde mitt kort, vad ska jag göra nu?",
  "Mitt flyg ställdes in och jag fick ingen ersättning",
  "Returinstruktionerna var tydliga och jag fick pengarna",
  "Det tog en evighet att få svar",
  "Jag har väntat på ett samtal i en vecka",
  "Bra service men priserna är för höga",
  "Allt fungerade perfekt, tack så mycket",
  "Vattenräkningen är flera gånger högre än i fjol",
  "Bibliotekets webbtjänst visar inte mina lån",
  "Skolbussen kom inte alls i morse",
  "Hyresvärden har inte lagat den läckande kranen",
  "Kan jag få tala med en chef om det här",
  "Det är tredje gången samma fel kommer tillbaka",
  "Man kan inte frysa gymmedlemskapet på nätet",
  "Barnets tid på rådgivningen flyttades utan förvarning",
  "Säg upp mitt medlemskap med omedelbar verkan",
  "Bra jobbat, ärendet löstes på några minuter",
  "Jag flyttar och behöver ändra adressen på avtalet",
  "Elpriset är mycket högre än vad som utlovades",
  "Var kan jag se status för min beställning",
  "Jag väntar fortfarande på svar från er",
  "Kortet fungerar inte i betalterminalen i butiken",
  "Hur säger jag upp mitt elavtal på bästa sätt",
  "Leveransen kom i tid och allt var i skick",
];

describe("detectLanguage on Swedish", () => {
  it("recognises at least 95% of Swedish texts of four or more words", () => {
    const long = SWEDISH.filter((t) => t.trim().split(/\s+/).length >= 4);
    expect(long.length).toBeGreaterThanOrEqual(60);
    const wrong = long.filter((t) => detectLanguage(t).lang !== "sv");
    const accuracy = 1 - wrong.length / long.length;
    console.log(
      `language-id sv: ${(accuracy * 100).toFixed(1)}% of ${long.length}; wrong: ${JSON.stringify(wrong)}`,
    );
    expect(accuracy).toBeGreaterThanOrEqual(0.95);
  });
});
