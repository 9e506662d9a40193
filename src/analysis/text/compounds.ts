/**
 * Finnish compound splitting for features: "asiakaspalvelussa" also yields "asiakas" and "palvelu", so a
 * model that learned "palvelu" from short words can use it inside long compounds (Finnish writes compounds
 * as one word; Koehn & Knight 2003, "Empirical methods for compound splitting", show that splitting into
 * known parts helps models on such languages).
 *
 * Method: a word is split only when it can be covered completely by parts from the lexicon below
 * (customer-service vocabulary written for this project): one or more modifiers, each in its base form,
 * a listed inflection stem, or that stem plus a genitive "n" ("ajan|varaus"), then a head in any listed
 * form followed by at most MAX_ENDING letters of case ending. The cover with the longest first part wins.
 * Entries that are themselves compounds of other entries are left out of the lexicon, so a listed word
 * is only split when it really is a compound ("päiväkoti" → päivä + koti). Parts are returned as Snowball Finnish stems of the text they cover, so the head stem equals the stem the word
 * would get on its own ("virheestä" → "virhe").
 *
 * @example compoundParts("asiakaspalvelu")     // → ["asiakas", "palvelu"]
 * @example compoundParts("laskutusvirheestä")  // → ["laskutus", "virh"] (Snowball: virhe → virh)
 * @example compoundParts("lasku")              // → []
 */

import { stem } from "./finnish-stem.ts";
import { memoByWord } from "./word-memo.ts";

/** Base form, then stems that inflected forms start with where the base is no prefix of them. */
const LEXICON = `
  asiakas|asiakkaa palvelu lasku laskutus|laskutukse tili sopimus|sopimukse sähkö puhelin|puhelime puhelu
  netti verkko|verko kortti|korti tunnus|tunnukse maksu toimitus|toimitukse palautus|palautukse jono aika|aja
  virhe|virhee muutos|muutokse osoite|osoittee hinta|hinna tarjous|tarjoukse kirjautuminen|kirjautumise|kirjautumis
  sovellus|sovellukse pankki|panki laina vakuutus|vakuutukse korvaus|korvaukse hakemus|hakemukse
  päätös|päätökse tilaus|tilaukse tuote|tuottee paketti|paketi posti viesti numero koodi salasana
  käyttäjä käyttö yhteys|yhteyde liittymä modeemi reititin|reitittime laite|laittee vika|via häiriö katko
  huolto|huollo asennus|asennukse asentaja tuki|tue neuvonta|neuvonna kauppa|kaupa myymälä myyjä
  myynti|myynni ostos|ostokse osto|oston kuitti|kuiti varasto kuljetus|kuljetukse kuljettaja nouto|noudo
  piste|pistee lähetys|lähetykse seuranta|seuranna kuluttaja alennus|alennukse etu|edu bonus|bonukse
  kampanja jäsen|jäsene jäsenyys|jäsenyyde kuukausi|kuukaude vuosi|vuode viikko|viiko päivä ilta aamu
  erä muistutus|muistutukse perintä|perinnä korko|koro kulu summa saldo siirto|siirro raha hyvitys|hyvitykse
  vaihto|vaihdo takuu reklamaatio valitus|valitukse palaute|palauttee kysely arvio kokemus|kokemukse
  ongelma tilanne|tilantee tieto|tiedo ilmoitus|ilmoitukse lomake|lomakkee liite|liittee asia kirje kirja
  sivu sivusto linkki|linki haku|hau kone järjestelmä ohjelma päivitys|päivitykse versio teksti
  soitto|soito takaisin jonotus|jonotukse odotus|odotukse vastaus|vastaukse chat botti|boti keskustelu
  henkilö kunta|kunna työntekijä lääkäri hoito|hoido hoitaja varaus|varaukse vastaanotto|vastaanoto
  resepti lääke|lääkkee terveys|terveyde hammas|hampaa juna lippu|lipu matka lento|lenno hotelli
  huone|huonee vuokra asunto|asunno talo vesi|vede lämpö|lämmö energia kaasu mittari lukema
  kulutus|kulutukse pörssi vero luotto|luoto automaatti|automaati pääte|päättee turva tunnistus|tunnistukse
  tunnistautuminen|tunnistautumise|tunnistautumis vahvistus|vahvistukse raja limiitti ehto|ehdo
  irtisanominen|irtisanomise|irtisanomis peruutus|peruutukse uusiminen|uusimise|uusimis jatko määrä kesto lisä nopeus|nopeude
  kuuluvuus|kuuluvuude laajakaista kaista kuitu|kuidu kaapeli antenni kanava tallennus|tallennukse
  koti auto henki tapaturma vahinko|vahingo oma vastuu sijainti konttori kassa ruoka|ruoa koko väri
  vaate|vaattee yritys|yrityksen|yritykse kotitalous|kotitaloude lupa|luva kela toimisto kirjasto koulu
  päiväkoti|päiväkodi neuvola terveyskeskus|terveyskeskukse työ|työn sairaus|sairaude loma lomake eläke|eläkkee
  tuki etuus|etuude hakija käsittely|käsittelyy aikataulu kuljetus opas|oppaa ohje|ohjee kieli|kiele
  taso|tason laatu|laadu avaus|avaukse
  sulku|sulu esto|eston lukko|luko poisto rekisteröinti|rekisteröinni profiili ote|otte
  suoja|suojaa jakelu julkaisu mainos|mainokse uutiskirje|uutiskirjee
  kuva näyttö|näytö akku|aku laturi kuori|kuore varaosa osa
  nimi|nime syntymäaika|syntymäaja tunniste|tunnistee haltija avain|avaime
`;

/** Longest case ending (with possessive suffix) allowed after a head: "-issakin" is seven letters. */
const MAX_ENDING = 7;
const MIN_PART = 3;
const MIN_WORD = 7;
const CACHE_SIZE = 20_000;

interface Lexicon {
  /** Every listed form → its base form. */
  readonly forms: ReadonlyMap<string, string>;
  readonly maxForm: number;
}

function buildLexicon(): Lexicon {
  const forms = new Map<string, string>();
  let maxForm = 0;
  for (const entry of LEXICON.split(/\s+/)) {
    if (entry.length === 0) continue;
    const [base, ...alts] = entry.split("|");
    if (base === undefined) continue;
    for (const form of [base, ...alts]) {
      if (!forms.has(form)) forms.set(form, base);
      maxForm = Math.max(maxForm, form.length + 1);
    }
  }
  return { forms, maxForm };
}

const LEX = buildLexicon();
const EMPTY: readonly string[] = Object.freeze([]);
const splitMemo = memoByWord((word) => split(word), CACHE_SIZE);

/** Number of distinct base forms in the lexicon (for the test that keeps it ≥ 150). */
export function compoundLexiconSize(): number {
  return new Set(LEX.forms.values()).size;
}

/** True when `s` is a lexicon form followed by at most MAX_ENDING letters: a head (or a whole word). */
function isHead(s: string): boolean {
  const limit = Math.min(s.length, LEX.maxForm);
  for (let len = limit; len >= MIN_PART; len--) {
    if (s.length - len > MAX_ENDING) break;
    if (LEX.forms.has(s.slice(0, len))) return true;
  }
  return false;
}

/** Modifier lengths at the start of `s`, longest first: a lexicon form, optionally with a genitive n. */
function modifierLengths(s: string): number[] {
  const out: number[] = [];
  const limit = Math.min(s.length - MIN_PART, LEX.maxForm);
  for (let len = limit; len >= MIN_PART; len--) {
    const piece = s.slice(0, len);
    if (LEX.forms.has(piece)) out.push(len);
    else if (piece.endsWith("n") && LEX.forms.has(piece.slice(0, -1))) out.push(len);
  }
  return out;
}

/** Cut points that split `s` into modifiers and one head, or null. */
function cover(s: string, depth: number): number[] | null {
  // More parts first: "palvelunumero" is palvelu|n + numero, not the head "palvelu" + ending "numero".
  if (depth < 4) {
    for (const len of modifierLengths(s)) {
      const rest = cover(s.slice(len), depth + 1);
      if (rest !== null) return [len, ...rest.map((r) => r + len)];
    }
  }
  return depth > 0 && isHead(s) ? [] : null;
}

/**
 * Stemmed parts of a Finnish compound, or an empty array when `word` (lowercase) is not a compound of
 * known parts. Hyphenated words are split at the hyphens ("e-lasku" → ["e", "lasku"]).
 */
export function compoundParts(word: string): readonly string[] {
  if (word.length < MIN_WORD && !word.includes("-")) return EMPTY;
  return splitMemo(word);
}

function split(word: string): readonly string[] {
  if (word.includes("-")) {
    const pieces = word.split("-").filter((p) => p.length > 0);
    return pieces.length > 1 ? Object.freeze(pieces.map((p) => stem(p, "fi"))) : EMPTY;
  }
  if (/[^a-zåäöšž]/.test(word)) return EMPTY;
  const cuts = cover(word, 0);
  if (cuts === null || cuts.length === 0) return EMPTY;
  const parts: string[] = [];
  let from = 0;
  for (const cut of cuts) {
    parts.push(stem(word.slice(from, cut), "fi"));
    from = cut;
  }
  parts.push(stem(word.slice(from), "fi"));
  return Object.freeze(parts);
}
