import { DateTime, IANAZone } from "luxon";
import {
  because,
  type Channel,
  normalizeName,
  type ProblemCode,
  type Reason,
  type Speaker,
  type SurveyKind,
} from "../domain/index.ts";

/**
 * Pure parsers for the single values found in customer files: Finnish spreadsheet exports
 * ("4.3.2025 12.15", "1 234,50 €", "kyllä") as well as ISO/English ones. Each returns a result
 * instead of throwing, so a caller can collect every problem of a row before rejecting it.
 * Reasons are user-facing English and quote the offending text, with a stable code and parameters
 * (domain/problem-codes.ts) for a UI to word them in its language.
 */

export type ParseResult<T> = { ok: true; value: T } | ({ ok: false } & Reason);

const ok = <T>(value: T): ParseResult<T> => ({ ok: true, value });
const fail = <T>(
  code: ProblemCode,
  reason: string,
  params?: Readonly<Record<string, string | number>>,
): ParseResult<T> => ({ ok: false, ...because(code, reason, params) });
const EMPTY = "is empty";
const quote = (text: string): string => JSON.stringify(text.length > 60 ? `${text.slice(0, 57)}...` : text);

/**
 * Folds a label for lookup: lower case, accents removed ("Sähköposti" → "sahkoposti"),
 * camelCase split, every run of non-alphanumerics made one "_". Used for column headers and
 * enumerated values alike so that "E-mail", "e mail" and "E_MAIL" all meet.
 */
export function foldKey(text: string): string {
  return text
    .replace(/([a-z\d])([A-Z])/g, "$1_$2")
    .normalize("NFD")
    .replace(/\p{M}/gu, "")
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, "_")
    .replace(/^_+|_+$/g, "");
}

const SHORT_HOUR = /^(\d{4})-(\d{2})-(\d{2})[\sT](\d)[:.](\d{2})(?::(\d{2}))?$/;

const FINNISH_DATE =
  /^(\d{1,2})\.(\d{1,2})\.(\d{4})(?:(?:\s+klo)?\s+(\d{1,2})[:.](\d{2})(?:[:.](\d{2}))?)?$/i;

/**
 * An instant as an ISO UTC string (`2025-03-04T10:15:00.000Z`). Accepts ISO 8601 (a missing
 * offset means local time in `timeZone`; a date alone means local midnight), "2025-03-04 10:15"
 * (SQL style) and "2025-03-04 9:05" (a spreadsheet's yyyy-mm-dd h:mm), and Finnish `d.m.yyyy`,
 * `d.m.yyyy HH:MM`, `d.m.yyyy H.MM`, `d.m.yyyy HH:MM:SS`.
 * Impossible dates are rejected rather than rolled over (31.2.2025 is not 3.3.2025).
 */
export function parseInstant(text: string, timeZone = "Europe/Helsinki"): ParseResult<string> {
  const input = text.trim();
  if (input === "") return fail("empty", EMPTY);
  if (!isKnownZone(timeZone))
    return fail("time_zone_unknown", `unknown time zone ${quote(timeZone)}`, { zone: quote(timeZone) });
  const instant = offsetInstant(input);
  if (instant !== null) return ok(instant);
  const finnish = FINNISH_DATE.exec(input);
  if (finnish) {
    const [, d, m, y, hh, mm, ss] = finnish;
    const [year, month, day] = [Number(y), Number(m), Number(d)];
    const time = { hour: Number(hh ?? 0), minute: Number(mm ?? 0), second: Number(ss ?? 0) };
    // luxon takes 24.00 as the next midnight; a clock that says 24 is a mistake, not rolled over.
    const local = DateTime.fromObject({ year, month, day, ...time }, { zone: timeZone });
    if (local.isValid && time.hour < 24) return ok(toUtcIso(local));
    const calendar = new Date(Date.UTC(year, month - 1, day));
    const dateExists = calendar.getUTCMonth() === month - 1 && calendar.getUTCDate() === day;
    return dateExists ? invalidTime(input) : invalidDate(input.split(/\s/)[0] ?? input);
  }
  // A spreadsheet's "yyyy-mm-dd h:mm" (an hour of one digit, which SQL style does not allow).
  const short = SHORT_HOUR.exec(input);
  if (short) {
    const [, y, mo, d, hh, mm, ss] = short;
    const fields = { year: Number(y), month: Number(mo), day: Number(d) };
    const time = { hour: Number(hh), minute: Number(mm), second: Number(ss ?? 0) };
    const local = DateTime.fromObject({ ...fields, ...time }, { zone: timeZone });
    if (local.isValid && time.hour < 24) return ok(toUtcIso(local));
    const dateOnly = DateTime.fromObject(fields, { zone: timeZone });
    return dateOnly.isValid ? invalidTime(input) : invalidDate(input.split(/\s/)[0] ?? input);
  }
  let parsed = DateTime.fromISO(input, { zone: timeZone, setZone: true });
  if (!parsed.isValid) parsed = DateTime.fromSQL(input, { zone: timeZone, setZone: true });
  if (parsed.isValid) return ok(toUtcIso(parsed));
  if (/^\d{4}-\d{1,2}-\d{1,2}(?:$|[T\s])/.test(input)) {
    const dateOnly = DateTime.fromISO(input.slice(0, 10), { zone: timeZone });
    return dateOnly.isValid ? invalidTime(input) : invalidDate(input);
  }
  const value = quote(input);
  const reason = `${value} is not a date; use ISO 8601 (2025-03-04T10:15:00+02:00) or d.m.yyyy HH:MM`;
  return fail("date_unreadable", reason, { value });
}

const invalidTime = <T>(value: string) => fail<T>("time_invalid", `${value} is not a valid time`, { value });
const invalidDate = <T>(value: string) => fail<T>("date_invalid", `${value} is not a valid date`, { value });

const OFFSET_INSTANT =
  /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::(\d{2})(?:\.(\d{1,3}))?)?(?:(Z)|([+-])(\d{2}):(\d{2}))$/;

/**
 * The common case of a machine export, `2025-03-04T10:15:00.000Z` or with a `+02:00` offset,
 * read without luxon (a third of an import's parsing time): the offset fixes the instant whatever
 * the zone. Anything else, or any field out of range, is null and left to luxon, so the result
 * is always luxon's. Example: "2025-03-04T12:15:00+02:00" → "2025-03-04T10:15:00.000Z".
 */
function offsetInstant(input: string): string | null {
  // Already the stored form (what our own exports and most APIs write): it is its own answer when
  // Date reads it back to the same text, which also rejects impossible dates such as 02-30.
  if (input.length === 24 && input.charCodeAt(23) === 90 /* Z */ && input.charCodeAt(0) !== 48 /* 0 */) {
    const time = Date.parse(input);
    if (!Number.isNaN(time) && new Date(time).toISOString() === input) return input;
  }
  const m = OFFSET_INSTANT.exec(input);
  if (!m) return null;
  const [, y, mo, d, h, mi, sec, frac, zulu, sign, oh, om] = m;
  const [year, month, day, hour, minute, second] = [y, mo, d, h, mi, sec ?? "0"].map(Number) as [
    number,
    number,
    number,
    number,
    number,
    number,
  ];
  const offset = zulu ? 0 : (sign === "-" ? -1 : 1) * (Number(oh) * 60 + Number(om));
  if (year < 1000 || hour > 23 || minute > 59 || second > 59 || Math.abs(offset) > 14 * 60 || Number(om) > 59)
    return null;
  const local = Date.UTC(year, month - 1, day, hour, minute, second, Number((frac ?? "0").padEnd(3, "0")));
  const date = new Date(local);
  if (date.getUTCMonth() !== month - 1 || date.getUTCDate() !== day) return null;
  return new Date(local - offset * 60_000).toISOString();
}

const knownZones = new Set<string>();

function isKnownZone(timeZone: string): boolean {
  if (knownZones.has(timeZone)) return true;
  if (!IANAZone.isValidZone(timeZone) && timeZone !== "UTC") return false;
  knownZones.add(timeZone);
  return true;
}

function toUtcIso(value: DateTime): string {
  return new Date(value.toMillis()).toISOString();
}

const GROUPED = /^\d{1,3}(?:[ \u00A0\u202F]\d{3})+$/;

/**
 * A decimal number written the Finnish or English way: `1234.5`, `1234,5`, `1 234,50`
 * (space, NBSP or narrow NBSP between thousands), `-3`, `12 €`, `12 EUR`. When both "." and
 * "," appear, the last one is the decimal mark and the other must group thousands
 * ("1.234,50", "1,234.50"). A lone comma is always decimal: "1,234" is 1.234.
 */
export function parseDecimal(text: string): ParseResult<number> {
  const input = text.trim();
  if (input === "") return fail("empty", EMPTY);
  let body = input
    .replace(/\s*(?:€|eur)$/i, "")
    .replace(/^\u2212/, "-")
    .trim();
  let sign = 1;
  if (body.startsWith("-") || body.startsWith("+")) {
    if (body.startsWith("-")) sign = -1;
    body = body.slice(1).trim();
  }
  const match = /^(.*?)(?:([.,])(\d+))?$/.exec(body);
  const whole = match?.[1] ?? "";
  const mark = match?.[2];
  const fraction = match?.[3] ?? "";
  let digits: string | null = null;
  if (/^\d+$/.test(whole) || GROUPED.test(whole)) digits = whole.replace(/[ \u00A0\u202F]/g, "");
  else if (mark) {
    const other = mark === "," ? "." : ",";
    const thousands = new RegExp(`^\\d{1,3}(?:\\${other}\\d{3})+$`);
    if (thousands.test(whole)) digits = whole.split(other).join("");
  }
  if (digits === null) return notANumber(input);
  const value = sign * Number(fraction ? `${digits}.${fraction}` : digits);
  return Number.isFinite(value) ? ok(value) : notANumber(input);
}

function notANumber<T>(input: string): ParseResult<T> {
  const value = quote(input);
  return fail("number_invalid", `${value} is not a number`, { value });
}

/** Like {@link parseDecimal} but whole numbers only; "9,0" is 9, "9,5" is rejected. */
export function parseInteger(text: string): ParseResult<number> {
  const result = parseDecimal(text);
  if (!result.ok) return result;
  if (!Number.isInteger(result.value)) {
    const value = quote(text.trim());
    return fail("whole_number_got", `must be a whole number (got ${value})`, { value });
  }
  return result;
}

/** Values compare without separators, so "OmaPalvelu", "self-service" and "live chat" all match. */
const valueKey = (text: string): string => foldKey(text).replace(/_/g, "");

/** Builds a folded lookup table from `canonical → aliases`; canonical names match themselves. */
function lookupTable<T extends string>(aliases: Record<T, readonly string[]>): Map<string, T> {
  const table = new Map<string, T>();
  for (const [canonical, names] of Object.entries(aliases) as [T, readonly string[]][]) {
    for (const name of [canonical, ...names]) table.set(valueKey(name), canonical);
  }
  return table;
}

function lookup<T extends string>(
  table: Map<string, T>,
  text: string,
  what: string,
  code: ProblemCode,
): ParseResult<T> {
  const input = text.trim();
  if (input === "") return fail("empty", EMPTY);
  const found = table.get(valueKey(input));
  if (found !== undefined) return ok(found);
  const allowed = [...new Set(table.values())].join(", ");
  const value = quote(input);
  return fail(code, `${value} is not a known ${what}; use one of: ${allowed}`, { value, allowed });
}

const BOOLEANS = lookupTable<"true" | "false">({
  true: ["1", "yes", "y", "kylla", "k", "tosi", "on", "x"],
  false: ["0", "no", "n", "ei", "e", "epatosi", "off"],
});

/** true/false, 1/0, yes/no, y/n, kyllä/ei, k/e, tosi/epätosi (any case). */
export function parseBoolean(text: string): ParseResult<boolean> {
  const result = lookup(BOOLEANS, text, "yes/no value", "boolean_invalid");
  if (!result.ok) {
    const value = quote(text.trim());
    return fail("boolean_invalid", `${value} is not a yes/no value; use true/false, kyllä/ei or 1/0`, {
      value,
    });
  }
  return ok(result.value === "true");
}

const CHANNEL_ALIASES: Record<Channel, readonly string[]> = {
  phone: ["puhelin", "call", "soitto", "puhelu", "voice", "telephone", "tel"],
  chat: ["chatti", "verkkochat", "live chat", "livechat", "web chat", "messenger chat"],
  email: ["e-mail", "mail", "sähköposti", "sposti", "s-posti"],
  bot: ["botti", "chatbot", "virtuaaliavustaja", "virtual assistant", "chat bot"],
  self_service: [
    "self-service",
    "selfservice",
    "omapalvelu",
    "verkkopalvelu",
    "web",
    "app",
    "sovellus",
    "mobile",
  ],
  visit: ["käynti", "myymälä", "toimipiste", "store", "shop", "branch", "in person", "paikan päällä"],
  social: ["some", "sosiaalinen media", "social media", "facebook", "instagram", "x", "twitter", "linkedin"],
};
const CHANNELS_TABLE = lookupTable(CHANNEL_ALIASES);

/**
 * A channel: the canonical id when the text is one or a Finnish/English alias ("sähköposti" →
 * email), so reports group the known channels together; otherwise the organisation's own
 * channel name as written ("Kauppa Oulu"), under the same rules as any name (display-names.ts).
 */
export function parseChannel(text: string): ParseResult<string> {
  const known = CHANNELS_TABLE.get(valueKey(text.trim()));
  return known !== undefined ? ok(known) : normalizeName(text);
}

const SPEAKERS_TABLE = lookupTable<Speaker>({
  customer: ["asiakas", "client", "caller", "soittaja", "user", "käyttäjä", "kuluttaja"],
  agent: [
    "asiakaspalvelija",
    "palvelija",
    "advisor",
    "operator",
    "virkailija",
    "agentti",
    "neuvoja",
    "myyjä",
    "representative",
    "rep",
    "support",
  ],
  bot: ["botti", "chatbot", "virtuaaliavustaja", "assistant", "system", "järjestelmä"],
});

/** Who spoke a turn: customer/asiakas/caller…, agent/asiakaspalvelija/advisor…, bot/botti. */
export function parseSpeaker(text: string): ParseResult<Speaker> {
  return lookup(SPEAKERS_TABLE, text, "speaker", "speaker_unknown");
}

const SURVEY_KINDS_TABLE = lookupTable<SurveyKind>({
  nps: ["net promoter score", "suositteluindeksi"],
  csat: ["customer satisfaction", "tyytyväisyys", "asiakastyytyväisyys"],
  ces: ["customer effort score", "vaivattomuus", "effort"],
});

/** nps, csat or ces (any case). */
export function parseSurveyKind(text: string): ParseResult<SurveyKind> {
  return lookup(SURVEY_KINDS_TABLE, text, "survey kind", "survey_kind_unknown");
}

/**
 * A duration or offset in seconds: a number ("12", "12,5") or a clock `HH:MM:SS(.mmm)`,
 * `HH:MM:SS,mmm` (SRT) or `MM:SS`. Negative values are rejected.
 */
export function parseOffsetSeconds(text: string): ParseResult<number> {
  const input = text.trim();
  if (input === "") return fail("empty", EMPTY);
  const clock = /^(?:(\d+):)?(\d{1,2}):(\d{1,2})(?:[.,](\d{1,3}))?$/.exec(input);
  if (clock) {
    const [, h, m, s, ms] = clock;
    if (Number(s) > 59 || (h !== undefined && Number(m) > 59)) return invalidTime(quote(input));
    const millis = ms ? Number(ms.padEnd(3, "0")) / 1000 : 0;
    return ok(Number(h ?? 0) * 3600 + Number(m) * 60 + Number(s) + millis);
  }
  const number = parseDecimal(input.replace(/\s*(?:s|sec|sek|seconds|sekuntia)$/i, ""));
  const value = quote(input);
  if (!number.ok)
    return fail("seconds_invalid", `${value} is not a number of seconds or a time like 01:23`, { value });
  if (number.value < 0) return fail("negative", `must not be negative (got ${value})`, { value });
  return number;
}

/**
 * A calendar month as `YYYY-MM`. Accepts `2025-03`, `2025-3`, `3/2025`, `3.2025`, `03-2025`, and
 * a full date (ISO or Finnish), whose month is taken.
 */
export function parsePeriod(text: string, timeZone = "Europe/Helsinki"): ParseResult<string> {
  const input = text.trim();
  if (input === "") return fail("empty", EMPTY);
  const value = quote(input);
  const yearFirst = /^(\d{4})[-/.](\d{1,2})$/.exec(input);
  const monthFirst = /^(\d{1,2})[-/.](\d{4})$/.exec(input);
  const year = yearFirst?.[1] ?? monthFirst?.[2];
  const month = yearFirst?.[2] ?? monthFirst?.[1];
  if (year !== undefined && month !== undefined) {
    const m = Number(month);
    if (m < 1 || m > 12) return fail("month_invalid", `${value} is not a valid month`, { value });
    return ok(`${year}-${String(m).padStart(2, "0")}`);
  }
  const date = /^\d{1,2}\.\d{1,2}\.\d{4}$/.test(input)
    ? parseInstant(input, timeZone)
    : /^\d{4}-\d{2}-\d{2}$/.test(input)
      ? parseInstant(input, timeZone)
      : null;
  if (date?.ok) return ok(DateTime.fromISO(date.value).setZone(timeZone).toFormat("yyyy-MM"));
  if (date && !date.ok) return date;
  return fail("month_unreadable", `${value} is not a month; use YYYY-MM, e.g. 2025-03`, { value });
}
