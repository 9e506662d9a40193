import { because, normalizeName } from "../domain/index.ts";
import {
  type ParseResult,
  parseBoolean,
  parseChannel,
  parseDecimal,
  parseInstant,
  parseInteger,
  parseOffsetSeconds,
  parsePeriod,
  parseSpeaker,
  parseSurveyKind,
} from "./field-values.ts";

/**
 * One raw input value (a CSV cell string, or whatever JSON held) → the typed value the domain
 * schema expects. JSON may already carry the right type (`"score": 9`, `"resolved": true`);
 * spreadsheets always give strings. Either way the result is the same, so CSV and API agree.
 */

export type ValueType =
  | "id"
  /** A team, agent, touchpoint or segment: any printable text (domain/display-names.ts). */
  | "name"
  | "text"
  | "instant"
  | "decimal"
  | "integer"
  | "seconds"
  | "boolean"
  | "channel"
  | "speaker"
  | "surveyKind"
  | "period";

const STRING_PARSERS: Record<ValueType, (text: string, timeZone: string) => ParseResult<unknown>> = {
  id: (text) => ({ ok: true, value: text.trim() }),
  name: normalizeName,
  text: (text) => ({ ok: true, value: text.trim() }),
  instant: parseInstant,
  decimal: parseDecimal,
  integer: parseInteger,
  seconds: parseOffsetSeconds,
  boolean: parseBoolean,
  channel: parseChannel,
  speaker: parseSpeaker,
  surveyKind: parseSurveyKind,
  period: parsePeriod,
};

/**
 * Results of the parsers that depend on the text alone and see few distinct values in a file
 * (names, channels, survey kinds, speakers, yes/no): remembered by the exact text, so a file of
 * 100,000 rows naming five teams folds and normalises each spelling once. Results are read, never
 * changed, so one object serves every row. Each table is emptied when it grows large (free text
 * in a name column), so memory stays bounded.
 */
const MEMOS: Partial<Record<ValueType, Map<string, ParseResult<unknown>>>> = {
  name: new Map(),
  channel: new Map(),
  surveyKind: new Map(),
  speaker: new Map(),
  boolean: new Map(),
};
const MEMO_LIMIT = 4096;

/** Returns null when the value is absent: undefined, null or an empty/blank string. */
export function coerceValue(value: unknown, type: ValueType, timeZone: string): ParseResult<unknown> | null {
  if (value === undefined || value === null) return null;
  if (typeof value === "string") {
    const memo = MEMOS[type];
    const known = memo?.get(value);
    if (known !== undefined) return known;
    if (value.trim() === "") return null;
    const result = STRING_PARSERS[type](value, timeZone);
    if (memo) {
      if (memo.size >= MEMO_LIMIT) memo.clear();
      memo.set(value, result);
    }
    return result;
  }
  if (typeof value === "number") return coerceNumber(value, type);
  if (typeof value === "boolean") return type === "boolean" ? { ok: true, value } : mismatch(type, "boolean");
  return mismatch(type, Array.isArray(value) ? "list" : "object");
}

/** What a JSON value of the wrong type was, in the reason's words. */
const GIVEN = { boolean: "true/false", list: "a list", object: "an object", number: "a number" } as const;

function mismatch(type: ValueType, given: keyof typeof GIVEN): ParseResult<unknown> {
  const reason = `must be ${expected(type)}, not ${GIVEN[given]}`;
  return { ok: false, ...because("type_mismatch", reason, { type, given }) };
}

function coerceNumber(value: number, type: ValueType): ParseResult<unknown> {
  if (!Number.isFinite(value)) return { ok: false, ...because("finite_number", "must be a finite number") };
  switch (type) {
    case "decimal":
      return { ok: true, value };
    case "integer":
      return Number.isInteger(value)
        ? { ok: true, value }
        : { ok: false, ...because("whole_number_got", `must be a whole number (got ${value})`, { value }) };
    case "seconds":
      return value >= 0
        ? { ok: true, value }
        : { ok: false, ...because("negative", `must not be negative (got ${value})`, { value }) };
    case "boolean":
      if (value === 1 || value === 0) return { ok: true, value: value === 1 };
      return { ok: false, ...because("boolean_number", `must be true or false (got ${value})`, { value }) };
    case "id":
    case "text":
      return { ok: true, value: String(value) };
    case "name":
    case "channel":
      // A team or channel called 12 in a JSON body is still a name.
      return normalizeName(String(value));
    default:
      return mismatch(type, "number");
  }
}

function expected(type: ValueType): string {
  const names: Record<ValueType, string> = {
    id: "a text identifier",
    name: "a name",
    text: "text",
    instant: "a date as text (ISO 8601 or d.m.yyyy HH:MM)",
    decimal: "a number",
    integer: "a whole number",
    seconds: "a number of seconds",
    boolean: "true or false",
    channel: "a channel name",
    speaker: "customer, agent or bot",
    surveyKind: "nps, csat or ces",
    period: "a month as YYYY-MM",
  };
  return names[type];
}
