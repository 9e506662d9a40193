import type { CommentBank } from "./text-types.ts";

/**
 * Finnish survey comments per theme and tone. Includes negation ("ei ollut mitään ongelmaa"),
 * mixed tone ("ystävällinen, mutta…") and sarcasm ("kiitos vaan"), which analytics must not misread.
 */
export const FI_COMMENTS: CommentBank = {
  waiting: {
    pos: ["Tällä kertaa ei tarvinnut jonottaa yhtään, hyvä!", "Pääsin yllättävän nopeasti läpi."],
    neg: [
      "Jonotin {wait} minuuttia. Ei ole normaalia.",
      "Kiitos vaan, {wait} minuuttia jonossa oli ihan huippua.",
      "Jonot on aivan liian pitkät, soitin kolme kertaa.",
      "Odotusaika oli kohtuuton.",
    ],
  },
  callback: {
    pos: ["Takaisinsoitto tuli luvatussa ajassa, kiitos.", "Hyvä että soititte takaisin niin nopeasti."],
    neg: [
      "Luvattu takaisinsoitto ei koskaan tullut.",
      "Jätin soittopyynnön kahdesti, eikä kukaan soittanut.",
      "Takaisinsoittoa odotin koko päivän turhaan.",
    ],
  },
  billing: {
    pos: ["Laskuvirhe korjattiin heti, hyvä palvelu.", "Hyvitys tuli nopeasti ja selitettiin selkeästi."],
    neg: [
      "Lasku oli taas väärin, tämä on jo kolmas kerta.",
      "Virheellinen lasku ja vielä muistutusmaksu päälle. Ei hyvä.",
      "Laskutus on ihan sekaisin, en luota enää yhteenkään laskuun.",
      "Maksoin laskun ajallaan ja sain silti perintäuhan.",
    ],
  },
  prices: {
    pos: ["Sain edullisemman paketin, kiitos hyvästä neuvonnasta.", "Hinta on kohdallaan."],
    neg: [
      "Hinnankorotus on kohtuuton.",
      "Uusille asiakkaille tarjoukset, vanhoille korotukset.",
      "Liian kallis siihen nähden mitä saa.",
    ],
  },
  delivery: {
    pos: ["Toimitus tuli seuraavana päivänä, loistavaa.", "Paketti löytyi ja tuli nopeasti perille."],
    neg: [
      "Toimitus myöhästyi viikolla eikä kukaan ilmoittanut.",
      "Paketti katosi, ja selvittely kesti ikuisuuden.",
      "Toimitus ei ole vieläkään tullut.",
    ],
  },
  returns_refunds: {
    pos: ["Palautus oli helppo ja rahat tulivat nopeasti.", "Hyvitys hoitui ilman ongelmia."],
    neg: [
      "Hyvitystä odotin yli kuukauden.",
      "Palautus oli tehty liian vaikeaksi.",
      "Rahoja ei ole vieläkään palautettu.",
    ],
  },
  product_defect: {
    pos: ["Viallinen laite vaihdettiin uuteen heti.", "Vika korjaantui etänä, ei tarvinnut käydä missään."],
    neg: [
      "Laite on edelleen rikki.",
      "Uusi laite ja heti vika. Laatu ei ole kunnossa.",
      "Huolto kestää kaksi viikkoa, eikä korvaavaa laitetta anneta.",
    ],
  },
  app_login: {
    pos: ["Kirjautuminen toimii taas, kiitos avusta.", "Sovellusongelma ratkesi nopeasti."],
    neg: [
      "Sovelluspäivityksen jälkeen en pääse kirjautumaan, eikä korjausta ole vieläkään.",
      "Sovellus ei toimi päivityksen jälkeen. Testaatteko te mitään?",
      "Kirjautuminen pankkitunnuksilla ei toimi.",
    ],
  },
  website: {
    pos: ["Verkkosivuilta löytyi lopulta kaikki tarvittava.", "Tilaus onnistui kun sivu korjattiin."],
    neg: [
      "Verkkosivut ovat sekavat, mitään ei löydä.",
      "Kassa ei toimi, ja tilaus jäi tekemättä.",
      "Oma-sivut kaatuu jatkuvasti.",
    ],
  },
  staff_friendliness: {
    pos: [
      "{agent} oli todella ystävällinen ja kärsivällinen.",
      "Asiakaspalvelija oli mukava ja kohtelias.",
      "Ihana asiakaspalvelija, kiitos!",
    ],
    neg: [
      "Asiakaspalvelija oli töykeä.",
      "Tuntui että asiakaspalvelijaa ei kiinnostanut yhtään.",
      "Ei kovin ystävällistä palvelua.",
    ],
  },
  staff_competence: {
    pos: [
      "Asiantunteva palvelu, {agent} tiesi heti mistä on kyse.",
      "Osaava asiakaspalvelija, selitti asian selkeästi.",
    ],
    neg: [
      "Asiakaspalvelija ei osannut vastata kysymyksiini.",
      "Sain kolme eri vastausta kolmelta eri ihmiseltä.",
      "Ei ollut mitään käsitystä asiasta.",
    ],
  },
  first_contact_resolution: {
    pos: ["Asia hoitui kerralla, ei tarvinnut soittaa uudestaan.", "Kaikki hoitui yhdellä puhelulla."],
    neg: [
      "Jouduin soittamaan asiasta jo neljännen kerran.",
      "Asia ei ratkennut, joudun taas odottamaan.",
      "Pallottelua tiimiltä toiselle.",
    ],
  },
  information: {
    pos: ["Sain selkeät vastaukset kaikkiin kysymyksiin.", "Hyvä ja selkeä neuvonta."],
    neg: [
      "Sain ristiriitaista tietoa.",
      "Tieto ei ollut ajan tasalla.",
      "Ei vastannut kysymykseeni ollenkaan.",
    ],
  },
  contract_cancellation: {
    pos: ["Irtisanominen sujui helposti.", "Sopimuksen lopetus hoitui nopeasti ilman turhaa myyntiä."],
    neg: [
      "Irtisanominen on tehty tarkoituksella vaikeaksi.",
      "Irtisanoin sopimuksen, mutta laskuja tulee edelleen.",
      "Yritettiin vain myydä lisää, vaikka halusin lopettaa.",
    ],
  },
  opening_hours: {
    pos: ["Hyvä että chat on auki myös lauantaisin."],
    neg: ["Aukioloajat ovat liian lyhyet työssäkäyville.", "Myymälä oli kiinni, vaikka sivuilla luki auki."],
  },
  chatbot: {
    pos: ["Botti osasi ohjata oikeaan paikkaan.", "Chatbot auttoi yllättävän hyvin."],
    neg: [
      "Chatbot on täysin hyödytön.",
      "Botti ei ymmärtänyt mitään, ja ihmiselle pääsy oli vaikeaa.",
      "Botin kanssa meni turhaan vartti.",
    ],
  },
  mixed: [
    "Ihan ok palvelu, ei mitään erikoista.",
    "Asia hoitui, mutta kesti turhan kauan.",
    "Ystävällinen asiakaspalvelija, mutta asia jäi vähän kesken.",
    "Ei ollut mitään ongelmaa, mutta ei myöskään mitään erityisen hyvää.",
    "Ok, vaikka jouduin selittämään asian kahteen kertaan.",
  ],
  longWait: ["Jono oli pitkä.", "Odotin liian kauan.", "Jonottaminen vei hermot."],
  recovered: [
    "Olin aluksi tosi vihainen, mutta {agent} rauhoitti tilanteen ja hoiti kaiken. Iso kiitos!",
    "Alku oli huono, mutta asiakaspalvelija korjasi kaiken. Tällaista palvelua toivoisi aina.",
    "Soitin suuttuneena, mutta asia hoidettiin niin hyvin, että mieli muuttui täysin.",
  ],
};
