import { isAlnumAt, isDigitAt } from "./text-boundaries.ts";

/** One group of digits in a run: "040", or "(09)" with `paren` set. */
export interface DigitGroup {
  start: number;
  end: number;
  digits: string;
  paren: boolean;
}

/** A maximal run of digit groups joined by single separators: "+358 (0)40-123 4567", "4111 1111 …". */
export interface DigitRun {
  start: number;
  end: number;
  /** The run begins with "+" (an international number). */
  plus: boolean;
  groups: DigitGroup[];
  /** The separators used between groups ("" when groups touch, as after "(09)"). */
  separators: string[];
}

// Space, no-break space, narrow no-break space, hyphen, en dash, and the slash of "040/1234567".
const SEPARATORS = new Set([" ", "\u00a0", "\u202f", "-", "\u2013", "/"]);
// Between digits these make decimals, dates and times: "1,5", "12.3.2025", "10:45".
const NUMERIC_JOINERS = new Set([".", ",", ":"]);
// Next to a letter or digit these make codes: "FI-00100", "SKU-12345", "3/4", "ABC_123".
const CODE_JOINERS = new Set(["/", "-", "\u2013", "_", "+"]);

/**
 * Finds the digit runs of a text in one left-to-right pass (linear: every index is visited a bounded
 * number of times). Runs that are glued to a word, a code, a decimal, a date or a time are dropped here,
 * so card and phone detection only ever look at free-standing numbers.
 * Example: "soita 040 123 4567, kello 12.30" → one run, groups ["040", "123", "4567"].
 */
export function findDigitRuns(text: string): DigitRun[] {
  const runs: DigitRun[] = [];
  let i = 0;
  while (i < text.length) {
    const c = text[i];
    const opens = (c === "+" || c === "(") && isDigitAt(text, i + 1);
    if (!opens && !isDigitAt(text, i)) {
      i++;
      continue;
    }
    const run = scanRun(text, i);
    if (run === undefined) {
      i++;
      continue;
    }
    const fitted = fitRun(text, run);
    if (fitted !== undefined) runs.push(fitted);
    i = Math.max(run.end, i + 1);
    // Never restart inside a digit sequence that was glued to something.
    while (isDigitAt(text, i)) i++;
  }
  return runs;
}

function scanRun(text: string, start: number): DigitRun | undefined {
  let j = start;
  const plus = text[j] === "+";
  if (plus) j++;
  const groups: DigitGroup[] = [];
  const separators: string[] = [];
  let pendingSep = "";
  for (;;) {
    const group = scanGroup(text, j);
    if (group === undefined) break;
    if (groups.length > 0) separators.push(pendingSep);
    groups.push(group);
    j = group.end;
    const c = text[j];
    if (c !== undefined && SEPARATORS.has(c) && startsGroup(text, j + 1)) {
      pendingSep = c;
      j++;
    } else if (startsGroup(text, j) && (group.paren || text[j] === "(")) {
      pendingSep = ""; // "(09)1234567", "+358(0)40…"
    } else {
      break;
    }
  }
  const last = groups[groups.length - 1];
  if (last === undefined) return undefined;
  return { start, end: last.end, plus, groups, separators };
}

function startsGroup(text: string, j: number): boolean {
  return isDigitAt(text, j) || (text[j] === "(" && isDigitAt(text, j + 1));
}

function scanGroup(text: string, j: number): DigitGroup | undefined {
  const paren = text[j] === "(";
  let k = paren ? j + 1 : j;
  const from = k;
  while (isDigitAt(text, k)) k++;
  if (k === from) return undefined;
  if (paren) {
    if (text[k] !== ")") return undefined;
    return { start: j, end: k + 1, digits: text.slice(from, k), paren };
  }
  return { start: j, end: k, digits: text.slice(from, k), paren };
}

/**
 * Drops a run glued to a word, code, decimal or date — or, when only its first or last group is glued
 * and a space separates it from the rest, just that group ("12.3.2025 040 123 4567" keeps the phone).
 */
function fitRun(text: string, run: DigitRun): DigitRun | undefined {
  let from = 0;
  let to = run.groups.length;
  // Glued to a word or code ("FI87 0036…", "abc123 456"): the whole run belongs to it.
  if (isAlnumAt(text, run.start - 1) || continuesCode(text, run.start)) return undefined;
  if (!freeBefore(text, run.start)) {
    if (!isSpace(run.separators[0])) return undefined;
    from = 1;
  }
  if (!freeAfter(text, run.end)) {
    if (!isSpace(run.separators[to - 2])) return undefined;
    to -= 1;
  }
  if (from === 0 && to === run.groups.length) return run;
  const groups = run.groups.slice(from, to);
  const first = groups[0];
  const last = groups[groups.length - 1];
  if (first === undefined || last === undefined) return undefined;
  return {
    start: first.start,
    end: last.end,
    plus: run.plus && from === 0,
    groups,
    separators: run.separators.slice(from, to - 1),
  };
}

/**
 * A run right after a token that mixes letters and digits ("FI87 0036 2989…", "AB12 3456") continues
 * that code — an IBAN with a wrong check, a licence plate, a product code — and is not a number of its own.
 */
function continuesCode(text: string, start: number): boolean {
  if (!isSpace(text[start - 1])) return false;
  let letters = false;
  let digits = false;
  for (let i = start - 2; i >= Math.max(0, start - 14) && isAlnumAt(text, i); i--) {
    if (isDigitAt(text, i)) digits = true;
    else letters = true;
  }
  return letters && digits;
}

function isSpace(sep: string | undefined): boolean {
  return sep === " " || sep === "\u00a0" || sep === "\u202f";
}

function freeBefore(text: string, start: number): boolean {
  const before = text[start - 1];
  if (before === undefined) return true;
  if (isAlnumAt(text, start - 1) || before === "#" || before === "€" || before === "$" || before === "£") {
    return false;
  }
  if (NUMERIC_JOINERS.has(before) && isDigitAt(text, start - 2)) return false;
  return !(CODE_JOINERS.has(before) && isAlnumAt(text, start - 2));
}

function freeAfter(text: string, end: number): boolean {
  const after = text[end];
  if (after === undefined) return true;
  if (isAlnumAt(text, end) || after === "@" || after === "_" || after === "%" || after === "€") return false;
  if (NUMERIC_JOINERS.has(after) && isDigitAt(text, end + 1)) return false;
  return !(CODE_JOINERS.has(after) && isAlnumAt(text, end + 1));
}
