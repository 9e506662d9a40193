import type { PiiMatch } from "./pii-kinds.ts";
import { isAlnumAt } from "./text-boundaries.ts";

/**
 * IBAN length per country, from the SWIFT IBAN Registry (as of 2024), plus Åland (AX), which
 * uses Finnish accounts, and the French overseas territories, which use French ones.
 */
// biome-ignore format: a registry table reads best as a grid
const IBAN_LENGTHS: Readonly<Record<string, number>> = Object.freeze({
  AD: 24, AE: 23, AL: 28, AT: 20, AX: 18, AZ: 28, BA: 20, BE: 16, BG: 22, BH: 22, BI: 27, BL: 27, BR: 29,
  BY: 28, CH: 21, CR: 22, CY: 28, CZ: 24, DE: 22, DJ: 27, DK: 18, DO: 28, EE: 20, EG: 29, ES: 24, FI: 18,
  FK: 18, FO: 18, FR: 27, GB: 22, GE: 22, GF: 27, GI: 23, GL: 18, GP: 27, GR: 27, GT: 28, HN: 28, HR: 21,
  HU: 28, IE: 22, IL: 23, IQ: 23, IS: 26, IT: 27, JO: 30, KW: 30, KZ: 20, LB: 28, LC: 32, LI: 21, LT: 20,
  LU: 20, LV: 21, LY: 25, MC: 27, MD: 24, ME: 22, MF: 27, MK: 19, MN: 20, MQ: 27, MR: 27, MT: 31, MU: 30,
  NC: 27, NI: 28, NL: 18, NO: 15, OM: 23, PF: 27, PK: 24, PL: 28, PM: 27, PS: 29, QA: 29, RE: 27, RO: 24,
  RS: 22, RU: 33, SA: 24, SC: 31, SD: 18, SE: 24, SI: 19, SK: 24, SM: 27, SO: 23, ST: 25, SV: 28, TF: 27,
  TL: 23, TN: 24, TR: 26, UA: 29, VA: 22, VG: 24, WF: 27, XK: 20, YE: 30, YT: 27,
});

const START = /(?<![\p{L}\p{N}])[A-Za-z]{2}\d{2}/gu;

/**
 * International bank account numbers (ISO 13616): a country code, two check digits and the national
 * account number, written whole or in groups of four ("FI21 1234 5600 0007 85"). The length must be
 * the registry length for the country and the number must pass the ISO 7064 MOD 97-10 check (move the
 * first four characters to the end, letters A=10…Z=35, remainder mod 97 is 1). Creditor references
 * ("RF18 …") use the same check but no country, so they are not taken.
 * Example: "IBAN FI21 1234 5600 0007 85." → iban at [5, 27).
 */
export function detectIbans(text: string): PiiMatch[] {
  const found: PiiMatch[] = [];
  START.lastIndex = 0;
  for (let m = START.exec(text); m !== null; m = START.exec(text)) {
    const length = IBAN_LENGTHS[m[0].slice(0, 2).toUpperCase()];
    if (length === undefined) continue;
    const read = readCompact(text, m.index, length);
    if (read !== undefined && ibanChecksumValid(read.compact)) {
      found.push({ kind: "iban", start: m.index, end: read.end });
      START.lastIndex = read.end;
    }
  }
  return found;
}

/** Reads exactly `length` letters and digits from `start`, allowing single spaces between them. */
function readCompact(
  text: string,
  start: number,
  length: number,
): { compact: string; end: number } | undefined {
  let compact = "";
  let j = start;
  while (compact.length < length) {
    const ch = text[j];
    if (ch === undefined) return undefined;
    if (/[A-Za-z0-9]/.test(ch)) {
      compact += ch;
      j++;
    } else if (
      (ch === " " || ch === "\u00a0") &&
      compact.length >= 4 &&
      /[A-Za-z0-9]/.test(text[j + 1] ?? "")
    ) {
      j++;
    } else {
      return undefined;
    }
  }
  // The account must end here: "FI21 1234 5600 0007 8512" is not this IBAN with "12" appended.
  if (isAlnumAt(text, j)) return undefined;
  return { compact: compact.toUpperCase(), end: j };
}

/** ISO 7064 MOD 97-10 over an IBAN without spaces; computed piecewise so no big integers are needed. */
export function ibanChecksumValid(compact: string): boolean {
  const length = IBAN_LENGTHS[compact.slice(0, 2).toUpperCase()];
  if (length !== compact.length || !/^[A-Z]{2}\d{2}[A-Z0-9]+$/i.test(compact)) return false;
  return mod97(compact.slice(4) + compact.slice(0, 4)) === 1;
}

/** Remainder mod 97 of the number formed by replacing each letter with 10…35. */
export function mod97(alnum: string): number {
  let rest = 0;
  for (const ch of alnum.toUpperCase()) {
    const v = ch >= "A" && ch <= "Z" ? ch.charCodeAt(0) - 55 : ch.charCodeAt(0) - 48;
    rest = v >= 10 ? (rest * 100 + v) % 97 : (rest * 10 + v) % 97;
  }
  return rest;
}
