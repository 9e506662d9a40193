import { type DigitRun, findDigitRuns } from "./digit-runs.ts";
import { followedByUnit, labelledNonPersonal } from "./number-context.ts";
import type { PiiMatch } from "./pii-kinds.ts";
import { luhnValid } from "./text-boundaries.ts";

/**
 * Issuer identification number prefixes and the lengths their cards are issued in (ISO/IEC 7812;
 * the networks' published BIN ranges). A 16-digit number starting with 9 or 1 is no payment card.
 */
const ISSUERS: readonly { prefix: RegExp; lengths: readonly number[] }[] = [
  { prefix: /^4/, lengths: [13, 16, 19] }, // Visa
  { prefix: /^5[1-5]/, lengths: [16] }, // Mastercard
  { prefix: /^(?:222[1-9]|22[3-9]\d|2[3-6]\d\d|27[01]\d|2720)/, lengths: [16] }, // Mastercard 2-series
  { prefix: /^3[47]/, lengths: [15] }, // American Express
  { prefix: /^3(?:0[0-5]|[689])/, lengths: [14, 15, 16, 17, 18, 19] }, // Diners Club
  { prefix: /^35(?:2[89]|[3-8]\d)/, lengths: [16, 17, 18, 19] }, // JCB
  { prefix: /^5[06-8]/, lengths: [13, 14, 15, 16, 17, 18, 19] }, // Maestro
  { prefix: /^6/, lengths: [16, 17, 18, 19] }, // Discover, UnionPay, Maestro 6…
];

/** True when `digits` has the length and prefix of a card some network issues and passes Luhn. */
export function isCardNumber(digits: string): boolean {
  if (digits.length < 13 || digits.length > 19) return false;
  const issued = ISSUERS.some((i) => i.prefix.test(digits) && i.lengths.includes(digits.length));
  return issued && luhnValid(digits);
}

/**
 * Payment card numbers (PAN): 13–19 digits, written whole or in groups separated by spaces or
 * dashes ("4111 1111 1111 1111", "3782-822463-10005"), with a plausible issuer prefix and a valid Luhn
 * check digit (ISO/IEC 7812-1). A number labelled as an invoice, reference, order or tracking number
 * is left alone even when it passes, since one in ten random numbers does.
 * Example: "my card is 4111 1111 1111 1111, exp 12/27" → card at [11, 30).
 */
export function detectCards(text: string, runs: DigitRun[] = findDigitRuns(text)): PiiMatch[] {
  const found: PiiMatch[] = [];
  for (const run of runs) {
    if (run.plus || !cardShaped(run)) continue;
    const digits = run.groups.map((g) => g.digits).join("");
    if (!isCardNumber(digits)) continue;
    if (labelledNonPersonal(text, run.start) || followedByUnit(text, run.end)) continue;
    found.push({ kind: "card", start: run.start, end: run.end });
  }
  return found;
}

/**
 * Cards are printed whole or in groups of 3–6 digits (the last may be shorter: "4222 2222 2222 2") with
 * one kind of separator, never in parentheses.
 */
function cardShaped(run: DigitRun): boolean {
  const n = run.groups.length;
  if (n > 6 || run.groups.some((g) => g.paren)) return false;
  const groupOk = (len: number, i: number) => len <= 6 && (len >= 3 || (i === n - 1 && n > 1));
  if (n > 1 && !run.groups.every((g, i) => groupOk(g.digits.length, i))) return false;
  return new Set(run.separators).size <= 1 && !run.separators.includes("/");
}
