import type { PiiMatch } from "./pii-kinds.ts";

/** The check character alphabet: index = (DDMMYYZZZ as an integer) mod 31. */
const CHECK_CHARS = "0123456789ABCDEFHJKLMNPRSTUVWXY";

/** Century signs: "+" 1800s; "-" and (since 2023) Y X W V U 1900s; A and (since 2023) B–F 2000s. */
const CENTURY: Readonly<Record<string, number>> = {
  "+": 1800,
  "-": 1900,
  Y: 1900,
  X: 1900,
  W: 1900,
  V: 1900,
  U: 1900,
  A: 2000,
  B: 2000,
  C: 2000,
  D: 2000,
  E: 2000,
  F: 2000,
};

// Fixed-length pattern with letter/digit boundaries; the match is then validated, never backtracked.
const HETU = /(?<![\p{L}\p{N}])(\d{2})(\d{2})(\d{2})([-+A-FU-Ya-fu-y])(\d{3})([0-9A-Za-z])(?![\p{L}\p{N}])/gu;

/**
 * Finnish personal identity codes (henkilötunnus), DDMMYYCZZZQ: a real date of birth, a century sign
 * C, an individual number ZZZ (002–899, 900–999 for temporary codes) and a check character Q =
 * "0123456789ABCDEFHJKLMNPRSTUVWXY"[DDMMYYZZZ mod 31]. Source: Digital and Population Data Services
 * Agency (DVV), "Henkilötunnus"; Population Information Act 661/2009 §11, amended for the century signs
 * added in 2023. Lower case is accepted, since customers type it.
 * Example: "hetu 131052-308T" → hetu at [5, 16); "131052-308A" (wrong check) → nothing.
 */
export function detectHetus(text: string): PiiMatch[] {
  const found: PiiMatch[] = [];
  HETU.lastIndex = 0;
  for (let m = HETU.exec(text); m !== null; m = HETU.exec(text)) {
    if (isHetu(m[0])) found.push({ kind: "hetu", start: m.index, end: m.index + m[0].length });
  }
  return found;
}

/** Validates an 11-character identity code: date, century sign, individual number and check character. */
export function isHetu(code: string): boolean {
  if (code.length !== 11) return false;
  const upper = code.toUpperCase();
  const century = CENTURY[upper.charAt(6)];
  if (century === undefined || !/^\d{6}$/.test(upper.slice(0, 6)) || !/^\d{3}$/.test(upper.slice(7, 10))) {
    return false;
  }
  const day = Number(upper.slice(0, 2));
  const month = Number(upper.slice(2, 4));
  const year = century + Number(upper.slice(4, 6));
  if (!validDate(year, month, day)) return false;
  if (Number(upper.slice(7, 10)) < 2) return false;
  const check = CHECK_CHARS[Number(upper.slice(0, 6) + upper.slice(7, 10)) % 31];
  return check === upper.charAt(10);
}

/** The check character for the first ten characters of a code (used by tests and generators). */
export function hetuCheckChar(ddmmyy: string, individual: string): string {
  return CHECK_CHARS.charAt(Number(ddmmyy + individual) % 31);
}

function validDate(year: number, month: number, day: number): boolean {
  if (month < 1 || month > 12 || day < 1) return false;
  const leap = (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
  const days = [31, leap ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][month - 1] ?? 0;
  return day <= days;
}
