import { followedByUnit } from "./number-context.ts";
import type { PiiMatch } from "./pii-kinds.ts";

/**
 * Finnish street-name endings (the generic part of a compound street name: Mannerheimin|tie) with
 * their inflected stems, and the Swedish ones used on bilingual signs. Case endings follow.
 */
const FI_STREET_END =
  /(?:katu|kadu|tie|kuja|polku|polu|kaari|kaare|rinne|rintee|raitti|raiti|väylä|ranta|ranna|tori|puistikko|puistiko|aukio|esplanadi|bulevardi|kaarre|kaartee|gatan|vägen|gränd|stigen)(?:n|lla|llä|lta|ltä|lle|ssa|ssä|a|ä|ta|tä)?$/;

/** First parts of compounds that end like a street but name something else: highways, jobs, rainbows. */
const NOT_A_STREET = new Set(
  (
    "valta kanta seutu maan moottori yhdys rauta pyörä kävely oiko sateen kauppa kura moni reh lek sek vek " +
    "trak reak toh his senaat operaat generaat navigaat indikaat moderaat kalkulaat asiointi palvelu " +
    "maksu viestintä tieto"
  ).split(" "),
);

/** Words that may open a Finnish or Swedish street name of two words: "Pohjoinen Rautatiekatu". */
const LEADING_WORDS =
  /(?:^|[\s(,])((?:Pohjoinen|Eteläinen|Itäinen|Läntinen|Iso|Pieni|Vanha|Uusi|Norra|Södra|Östra|Västra|Stora|Lilla)[ \u00a0])$/i;

/**
 * After the street name: house number (12, 12a, 12–14), then a staircase and flat ("B 34", "b34"),
 * or a flat ("as. 3", "asunto 3", "h 3").
 */
const FI_NUMBER =
  /[ \u00a0](?:\d{1,4}(?:[-–]\d{1,4})?[a-zA-Z]?)(?:,?[ \u00a0](?:(?:as\.?|asunto|h\.?|huoneisto|lh\.?)[ \u00a0]?\d{1,3}|[A-Za-z][ \u00a0]?\d{1,3}|[A-Za-z](?![\p{L}\p{N}])))?(?![\p{L}\p{N}]|[.,:]\d)/uy;

const WORD = /[\p{L}-]+/gu;

const EN_ADDRESS = new RegExp(
  [
    "(?<![\\p{L}\\p{N}])\\d{1,5}[A-Za-z]?[ \\u00a0](?:[A-Z][\\p{L}'’-]{0,30}[ \\u00a0]){1,3}",
    "(?:Street|St|Road|Rd|Avenue|Ave|Lane|Ln|Drive|Dr|Boulevard|Blvd|Court|Ct|Place|Pl|Square|Sq|Way|Terrace",
    "|Close|Crescent|Gardens|Parkway|Pkwy|Highway|Hwy|Row|Mews|Grove|Walk)(?![\\p{L}\\p{N}])",
    "(?:\\.?,?[ \\u00a0](?:Apt|Apartment|Flat|Unit|Suite|Ste|#)\\.?[ \\u00a0]?#?\\d{1,5}[A-Za-z]?(?![\\p{L}\\p{N}]))?",
  ].join(""),
  "gu",
);

/**
 * Street addresses. Finnish (and Finland-Swedish): a compound street name ending in a street word —
 * -katu, -tie, -kuja, -polku, -kaari, -rinne, -raitti, -väylä, -ranta, -tori, -puistikko, -aukio,
 * -gatan, -vägen, also inflected ("Hämeenkadulla 5") — followed by a house number and optionally a
 * staircase and flat, as in the Posti addressing guide ("Mannerheimintie 12 B 34", "Esimerkkikatu 5 as. 3").
 * English: number, one to three capitalised words and a street type (USPS Publication 28 suffixes,
 * Royal Mail thoroughfares), optionally ", Apt 4". Postcodes and towns are not part of the match.
 * No checksum exists, so this is the least certain detector: see the tests for what it misses.
 * Example: "Asun Kotipolku 7 B 12, 00100 Helsinki" → address at [5, 21).
 */
export function detectAddresses(text: string): PiiMatch[] {
  // Both forms need a house number (ASCII digits, \d even with the u flag): most messages have none.
  if (!HAS_DIGIT.test(text)) return [];
  return [...finnishAddresses(text), ...englishAddresses(text)];
}

const HAS_DIGIT = /[0-9]/;

function finnishAddresses(text: string): PiiMatch[] {
  const found: PiiMatch[] = [];
  WORD.lastIndex = 0;
  for (let m = WORD.exec(text); m !== null; m = WORD.exec(text)) {
    const word = m[0];
    const wordEnd = m.index + word.length;
    if (text[wordEnd] !== " " && text[wordEnd] !== "\u00a0") continue;
    const lower = word.slice(-24).toLowerCase();
    const suffix = FI_STREET_END.exec(lower);
    if (suffix === null) continue;
    const stem = lower.slice(0, lower.length - suffix[0].length);
    const wholeName = suffix[0].startsWith("esplanadi") || suffix[0].startsWith("bulevardi");
    if ((stem.length < 3 && !wholeName) || NOT_A_STREET.has(stem)) continue;
    FI_NUMBER.lastIndex = wordEnd;
    const number = FI_NUMBER.exec(text);
    if (number === null) continue;
    const end = wordEnd + number[0].length;
    if (followedByUnit(text, end)) continue;
    const leading = LEADING_WORDS.exec(text.slice(Math.max(0, m.index - 12), m.index));
    const start = m.index - (leading?.[1]?.length ?? 0);
    found.push({ kind: "address", start, end });
  }
  return found;
}

function englishAddresses(text: string): PiiMatch[] {
  const found: PiiMatch[] = [];
  EN_ADDRESS.lastIndex = 0;
  for (let m = EN_ADDRESS.exec(text); m !== null; m = EN_ADDRESS.exec(text)) {
    const end = m.index + m[0].length;
    if (!followedByUnit(text, end)) found.push({ kind: "address", start: m.index, end });
  }
  return found;
}
