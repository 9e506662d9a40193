import { type DigitGroup, type DigitRun, findDigitRuns } from "./digit-runs.ts";
import { followedByUnit, labelledNonPersonal } from "./number-context.ts";
import type { PiiMatch } from "./pii-kinds.ts";

/**
 * Finnish numbers without the trunk 0, after the national numbering plan (Traficom, Suomen
 * numerointisuunnitelma): mobile 4x/50 + 5–8 digits; geographic area codes 2, 3, 5, 6, 8, 9 and
 * 13–19 + a subscriber number of 5–8 digits not starting with 0; national service numbers
 * 10, 20x, 29, 30, 600, 700, 75x, 800.
 */
const FINNISH_NATIONAL =
  /^(?:(?:4\d|50)\d{5,8}|(?:[235689]|1[3-9])[1-9]\d{4,7}|(?:10|20\d|29|30|[678]00|75\d)\d{4,7})$/;

/** Longest phone number in digits (E.164 allows 15 including the country code), bounding the search. */
const MAX_DIGITS = 15;

/**
 * Telephone numbers. Finnish numbers in national form ("040 123 4567", "040-1234567", "(09) 1234 567",
 * "020 123 456") must fit the Finnish numbering plan above; international ones ("+358 40 123 4567",
 * "+44 20 7946 0958", "0046 8 123 456 78") are E.164: "+" or "00", a country code, 8–15 digits in all
 * (ITU-T E.164), with "+358" numbers checked against the Finnish plan. There is no checksum, so
 * numbers labelled as order, invoice or customer numbers, and quantities ("0400 kpl"), are left alone.
 * Example: "soita numeroon 040 123 4567" → phone at [15, 27).
 *
 * Why not libphonenumber-js (MIT): its metadata validates every country's plan, but redaction needs
 * precision only for the Finnish plan (a few lines here) and E.164 shape elsewhere; keeping analysis/
 * free of dependencies and this detector linear over our own digit runs outweighs the extra coverage.
 */
export function detectPhones(text: string, runs: DigitRun[] = findDigitRuns(text)): PiiMatch[] {
  const found: PiiMatch[] = [];
  for (const run of runs) {
    for (const span of tilePhones(run)) {
      if (!labelledNonPersonal(text, span.start) && !followedByUnit(text, span.end)) found.push(span);
    }
  }
  return found;
}

/**
 * Splits a run into consecutive phone numbers ("040 1234567 050 7654321" is two), taking the longest
 * valid number at each step. The numbers must cover the whole run: "0396 7467" is a valid landline,
 * but inside "FI47 0396 7467 3214 14" or a mistyped card it is a fragment of something longer, so a run
 * that does not split into phones entirely yields none. At most MAX_DIGITS groups are tried per
 * step, so this is linear in the run.
 */
function tilePhones(run: DigitRun): PiiMatch[] {
  const spans: PiiMatch[] = [];
  let g = 0;
  while (g < run.groups.length) {
    const plus = run.plus && g === 0;
    const end = longestPhone(run.groups, g, plus, run.separators);
    const first = run.groups[g];
    const last = end === undefined ? undefined : run.groups[end - 1];
    if (end === undefined || first === undefined || last === undefined) return [];
    spans.push({ kind: "phone", start: plus ? first.start - 1 : first.start, end: last.end });
    g = end;
  }
  return spans;
}

function longestPhone(groups: DigitGroup[], from: number, plus: boolean, seps: string[]): number | undefined {
  let digits = 0;
  let limit = from;
  while (limit < groups.length && digits + (groups[limit]?.digits.length ?? 0) <= MAX_DIGITS + 3) {
    digits += groups[limit]?.digits.length ?? 0;
    limit++;
  }
  for (let end = limit; end > from; end--) {
    if (isPhone(groups.slice(from, end), plus, seps.slice(from, end - 1))) return end;
  }
  return undefined;
}

/** Whether these groups, as written, form one telephone number. */
export function isPhone(groups: readonly DigitGroup[], plus: boolean, seps: readonly string[]): boolean {
  if (looksLikeDate(groups, seps) || looksLikeHetu(groups, seps)) return false;
  // The slash is only written after a Finnish prefix or area code: "040/1234567", "09/123 4567".
  if (
    seps.includes("/") &&
    !(seps[0] === "/" && !seps.slice(1).includes("/") && /^0\d{1,3}$/.test(groups[0]?.digits ?? ""))
  ) {
    return false;
  }
  // "+358 (0)40 …": the bracketed trunk 0 is written but not dialled.
  const dialled = groups.filter((g, i) => !(i > 0 && g.paren && g.digits === "0"));
  const digits = dialled.map((g) => g.digits).join("");
  if (plus) return international(digits);
  if (digits.startsWith("00")) return groups.length > 1 && international(digits.slice(2));
  if (!digits.startsWith("0")) return false;
  // National form: the area code or prefix stands alone or the number is written whole.
  if (groups.length > 5 || groups.some((g) => g.digits.length < 2)) return false;
  return FINNISH_NATIONAL.test(digits.slice(1));
}

function international(digits: string): boolean {
  if (digits.startsWith("358")) {
    const national = digits.slice(3);
    return FINNISH_NATIONAL.test(national.startsWith("0") ? national.slice(1) : national);
  }
  return /^[1-9]\d{7,14}$/.test(digits);
}

/** "12-03-2025", "2025 03 12", "02/17/2022": day-month-year, month-day-year or year-month-day. */
function looksLikeDate(groups: readonly DigitGroup[], seps: readonly string[]): boolean {
  if (groups.length !== 3 || seps.some((s) => s === "")) return false;
  const [a, b, c] = groups.map((g) => Number(g.digits));
  const [la, , lc] = groups.map((g) => g.digits.length);
  if (a === undefined || b === undefined || c === undefined) return false;
  if (la === 4) return b >= 1 && b <= 12 && c >= 1 && c <= 31;
  return (
    (lc === 4 || lc === 2) && a >= 1 && a <= 31 && b >= 1 && b <= 12 && (groups[0]?.digits.length ?? 0) <= 2
  );
}

/** "030688-6605": six digits, "-" and four is an identity code with a wrong check, not a phone. */
function looksLikeHetu(groups: readonly DigitGroup[], seps: readonly string[]): boolean {
  const [date, rest] = groups;
  return groups.length === 2 && seps[0] === "-" && date?.digits.length === 6 && rest?.digits.length === 4;
}
