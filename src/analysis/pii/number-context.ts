/**
 * The words around a number that say what it is. Checksums cannot tell a phone number from an order
 * number that happens to start with 0, or a card from a 16-digit reference that happens to pass Luhn;
 * the customer's own words can ("tilausnumero 0401234567", "viitenumero 4111 …"). Used by the detectors
 * without a strong checksum of their own (phone, card, address); hetu and IBAN are not vetoed.
 */

/** How far back (UTF-16 units) a label may stand from the number it labels. */
const LOOKBACK = 48;

// Finnish stems have no leading \b so compounds match ("verkkotilausnumero"); each alternative eats the
// rest of its word so that "tilausnumeroni" is one (vetoing) keyword, not "tilaus" + a positive "numeroni".
const KEYWORDS = new RegExp(
  [
    "(?<veto>(?:viite|viitt|lasku|tilau|asiakasn|asiakastun|asiakkuus|seuranta|lähetys|lähetyk|tuotekoo|tuotenum",
    "|sopimus|tapausn|tiketti|versio|kuitti|sarjanum|varaus|tunniste|postinum|invoice|reference|\\bref\\b",
    "|order|customer (?:no|number|id)|tracking|shipment|parcel|product|\\bsku\\b|contract|ticket|version",
    "|receipt|serial|booking|\\bid\\b|\\bean\\b|postcode|zip)[\\p{L}]*)",
    "|(?<positive>(?:puh|soit|känny|matkapuh|numero(?:on|ni|sta|lla)|kort|call|phone|mobile|\\btel\\b",
    "|\\bgsm\\b|text me|reach me|whatsapp|card|visa|master|amex|maestro|credit|debit|fax|faksi)[\\p{L}]*)",
  ].join(""),
  "gu",
);

const SENTENCE_END = /\n|[.!?;]\s+(?=\p{Lu})/gu;

/**
 * True when the nearest label before `start` (within the same sentence) names a non-personal number:
 * invoice, reference, order, customer, tracking, product… A nearer positive label ("soita", "card")
 * overrides a farther veto. Example: "tilausnumero 0401234567" → true; "tilaus ok, soita 040…" → false.
 */
export function labelledNonPersonal(text: string, start: number): boolean {
  const from = Math.max(0, start - LOOKBACK);
  let window = text.slice(from, start);
  // A label in an earlier sentence says nothing about this number ("Lasku maksettu. Soita 040…"),
  // but an abbreviation does not end one ("invoice no. 123", "puh. 040…").
  SENTENCE_END.lastIndex = 0;
  let cut = 0;
  for (let m = SENTENCE_END.exec(window); m !== null; m = SENTENCE_END.exec(window))
    cut = m.index + m[0].length;
  window = window.slice(cut).toLowerCase();
  let verdict = false;
  KEYWORDS.lastIndex = 0;
  for (let m = KEYWORDS.exec(window); m !== null; m = KEYWORDS.exec(window)) {
    verdict = m.groups?.veto !== undefined;
  }
  return verdict;
}

// Units, currencies and counts: "45 minuuttia", "89,90 €", "3 kertaa", "15 %", "40 minutes".
const UNIT_AFTER = new RegExp(
  [
    "^[\\s\\u00a0]{0,2}(?:€|\\$|£|%|‰|eur|euro|snt|kpl|pcs|times|minute|second|hour|day|week|month|year",
    "|percent|prosent|minuut|sekun|tunti|tuntia|tunnin|päivä|viikko|viikon|kuukau|vuotta|vuoden|vuosi|kerta|kertaa",
    "|(?:e|h|g|kg|km|cm|mm|m|l|s|min|kk|gb|mb|kb)(?![\\p{L}\\p{N}]))",
  ].join(""),
  "iu",
);

/** True when a unit, currency or count word follows `end`, so the number is a quantity. */
export function followedByUnit(text: string, end: number): boolean {
  return UNIT_AFTER.test(text.slice(end, end + 14));
}
