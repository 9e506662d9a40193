import { describe, expect, it } from "vitest";
import { detectLanguage } from "./language.ts";

/** Finnish examples: standard, spoken, without ä/ö, several sectors. None of these is in the seed text. */
const FINNISH: readonly string[] = [
  "mä en saa tätä toimiin",
  "Laskussa on liian suuri summa",
  "Miksi minulta peritään kuukausimaksu kahdesti?",
  "Sovellus kaatuu aina kun avaan sen",
  "Kiitos hyvästä palvelusta, olen tosi tyytyväinen",
  "Paketti ei ole vieläkään tullut perille",
  "Voinko maksaa laskun osissa?",
  "Asiakaspalvelija oli erittäin töykeä puhelimessa",
  "Haluan vaihtaa liittymän halvempaan",
  "Tilaukseni peruttiin ilman mitään syytä",
  "Onko myymälä auki huomenna juhannusaattona?",
  "Sähköt katkesivat koko kerrostalosta eilen illalla",
  "Vakuutus ei korvannut rikkoutunutta puhelinta",
  "Bussi ei pysähtynyt pysäkille vaikka viittasin",
  "Reseptin uusiminen verkossa oli todella helppoa",
  "Kuinka kauan palautuksen käsittely kestää?",
  "Hyvitys tuli tilille jo seuraavana päivänä",
  "Miten vaihdan salasanan verkkopankkiin?",
  "Tuote oli rikki kun avasin pakkauksen",
  "Asentaja ei tullut sovittuun aikaan",
  "Laina-asiaan en ole saanut mitään vastausta",
  "Verokortin tilaaminen onnistui nopeasti netissä",
  "Jonotin kaksi tuntia päivystyksessä ennen kuin pääsin lääkärille",
  "Hotellihuone oli likainen ja siivous huonoa",
  "onks teil viel niit talvirenkaita varastossa",
  "ei oo kyl ikinä näin huonoo palvelua ollu",
  "mul on ollu netti poikki jo kolme päivää",
  "voiksä laittaa sen kuitin mun sähköpostiin",
  "toi teidän sovellus on ihan surkee",
  "no nyt pelittää taas, kiitti avusta",
  "eipä ollut kovin ystävällinen vastaanotto",
  "en mä tiiä mitä mun pitäis tehdä",
  "emmä oo saanu mitään viestiä teiltä",
  "tosi kiva myyjä ja hyvät tarjoukset",
  "kauheen hidas toimitus, ei suositella",
  "miks te ette vastaa sähköposteihin",
  "laskussa on virhe ja haluan etta se korjataan",
  "en saa kirjauduttua sovellukseen vaikka salasana on oikein",
  "tilasin kengat mutta sain vaarat koon",
  "paketti on ollut matkalla jo kaksi viikkoa",
  "kiitos nopeasta palvelusta, olitte tosi avuliaita",
  "miksi hinta nousi ilman etta siita kerrottiin",
  "asiakaspalveluun on mahdoton paasta puhelimella",
  "haluaisin tietaa milloin tilaus toimitetaan",
  "kortti ei toimi kaupan maksupaatteessa",
  "sopimuksen irtisanominen oli tosi vaikeaa",
  "Laskutus on mennyt sekaisin jo toista kuukautta",
  "Kuljettaja oli mukava ja auttoi kantamaan",
  "Taksi tuli myöhässä ja kuski ajoi väärää reittiä",
  "Pankkikortti jäi automaattiin, mitä nyt teen?",
  "Lentoni peruttiin enkä saanut korvausta",
  "Palautusohjeet olivat selkeät ja raha palautui",
  "Kylläpä kesti kauan saada vastaus",
  "Olen odottanut puhelua jo viikon",
  "Hyvä palvelu mutta hinnat ovat liian korkeat",
  "Kaikki toimi loistavasti, kiitos paljon",
  "Vesilasku on moninkertainen viime vuoteen verrattuna",
  "Kirjaston verkkopalvelu ei näytä lainojani",
  "Koulukuljetus ei tullut tänä aamuna ollenkaan",
  "Vuokranantaja ei ole korjannut vuotavaa hanaa",
  "Saisinko puhua esimiehen kanssa tästä asiasta",
  "Tämä on jo kolmas kerta kun sama vika toistuu",
  "Kuntosalin jäsenyyttä ei voi jäädyttää netissä",
  "Lapsen neuvola-aika siirtyi ilman ilmoitusta",
];

describe("detectLanguage on Finnish", () => {
  it("recognises at least 95% of Finnish texts of four or more words", () => {
    const long = FINNISH.filter((t) => t.trim().split(/\s+/).length >= 4);
    expect(long.length).toBeGreaterThanOrEqual(60);
    const wrong = long.filter((t) => detectLanguage(t).lang !== "fi");
    const accuracy = 1 - wrong.length / long.length;
    console.log(
      `language-id fi: ${(accuracy * 100).toFixed(1)}% of ${long.length}; wrong: ${JSON.stringify(wrong)}`,
    );
    expect(accuracy).toBeGreaterThanOrEqual(0.95);
  });

  it("handles spoken Finnish and Finnish typed without ä/ö", () => {
    expect(detectLanguage("mä en saa tätä toimiin").lang).toBe("fi");
    expect(detectLanguage("en saa kirjauduttua sovellukseen").lang).toBe("fi");
    expect(detectLanguage("tilasin kengat mutta sain vaarat").lang).toBe("fi");
  });
});
