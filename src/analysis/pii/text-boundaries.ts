/**
 * Character tests shared by the detectors. All work on single UTF-16 code units, so a surrogate half
 * of an emoji counts as "not a letter" and never glues a number to a word.
 */

const LETTER_OR_DIGIT = /[\p{L}\p{N}]/u;

/** True for a letter or digit (any script), false for anything else or for out-of-range positions. */
export function isAlnumAt(text: string, i: number): boolean {
  const ch = text[i];
  return ch !== undefined && LETTER_OR_DIGIT.test(ch);
}

export function isDigitAt(text: string, i: number): boolean {
  const c = text.charCodeAt(i);
  return c >= 48 && c <= 57;
}

/**
 * Luhn (mod 10) check over a digit string: from the right, double every second digit, subtract 9 from
 * doubles over 9, and the sum must end in 0. ISO/IEC 7812-1 Annex B. Example: "79927398713" → true.
 */
export function luhnValid(digits: string): boolean {
  let sum = 0;
  let double = false;
  for (let i = digits.length - 1; i >= 0; i--) {
    let d = digits.charCodeAt(i) - 48;
    if (d < 0 || d > 9) return false;
    if (double) {
      d *= 2;
      if (d > 9) d -= 9;
    }
    sum += d;
    double = !double;
  }
  return digits.length > 0 && sum % 10 === 0;
}
