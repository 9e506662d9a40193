import { because, type FieldProblem, reasonOf } from "../domain/index.ts";
import { type ParseResult, parseInstant } from "./field-values.ts";
import { coerceValue } from "./value-coercion.ts";

/**
 * The `turns` of an encounter from JSON: `[{ speaker, text, at? }]`, in spoken order. `at` may
 * be seconds (`75`), a clock (`"01:15"`) or an instant (`"2025-03-01T10:01:15+02:00"`, made
 * relative to `started_at`) because chat exports carry message timestamps, call transcripts
 * carry offsets, and neither should need converting by hand. `seq` is the array position.
 */

export interface TurnsResult {
  /** Turns to hand to the schema (fields with problems left out), or undefined when not a list. */
  value?: Record<string, unknown>[];
  problems: FieldProblem[];
}

const LOOKS_LIKE_DATE = /^(\d{4}-\d{1,2}-\d{1,2}|\d{1,2}\.\d{1,2}\.\d{4})/;

export function normalizeTurns(raw: unknown, startedAt: unknown, timeZone: string): TurnsResult {
  if (raw === undefined || raw === null) {
    return {
      problems: [
        {
          field: "turns",
          ...because("turns_required", "is required (use [] for an encounter without a transcript)"),
        },
      ],
    };
  }
  if (!Array.isArray(raw))
    return { problems: [{ field: "turns", ...because("turns_not_list", "must be a list of turns") }] };
  const problems: FieldProblem[] = [];
  const value = raw.map((item: unknown, index) => {
    const turn: Record<string, unknown> = { seq: index };
    const name = (field: string): string => `turns[${index}].${field}`;
    if (item === null || typeof item !== "object" || Array.isArray(item)) {
      const reason = "must be an object with speaker and text";
      problems.push({ field: `turns[${index}]`, ...because("turn_not_object", reason) });
      return turn;
    }
    const source = item as Record<string, unknown>;
    const speaker = coerceValue(source.speaker, "speaker", timeZone);
    if (speaker?.ok) turn.speaker = speaker.value;
    else if (speaker) problems.push({ field: name("speaker"), ...reasonOf(speaker) });
    const text = source.text;
    if (typeof text === "string") turn.text = text.trim();
    else if (typeof text === "number") turn.text = String(text);
    else if (text !== undefined && text !== null)
      problems.push({ field: name("text"), ...because("type_text", "must be text") });
    const at = offsetOf(source.at, startedAt, timeZone);
    if (at?.ok) turn.offsetSeconds = at.value;
    else if (at) problems.push({ field: name("at"), ...reasonOf(at) });
    return turn;
  });
  return { value, problems };
}

type Offset = ParseResult<number> | null;

function offsetOf(at: unknown, startedAt: unknown, timeZone: string): Offset {
  if (typeof at !== "string" || !LOOKS_LIKE_DATE.test(at.trim())) {
    return coerceValue(at, "seconds", timeZone) as Offset;
  }
  const instant = parseInstant(at, timeZone);
  if (!instant.ok) return instant;
  if (typeof startedAt !== "string")
    return { ok: false, ...because("at_needs_start", "is a date, but started_at is missing or invalid") };
  const seconds = (Date.parse(instant.value) - Date.parse(startedAt)) / 1000;
  if (seconds < 0) {
    const value = at.trim();
    return { ok: false, ...because("at_before_start", `${value} is before started_at`, { value }) };
  }
  return { ok: true, value: seconds };
}
