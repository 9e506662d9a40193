/**
 * The closed list of reasons an imported row (or API item) is rejected for, as stable codes for a
 * UI to word in its language; `reason` keeps the English sentence that rejects files, the CLI and API
 * clients read. Parameters are what the sentence quotes (a value as the English quotes it, a limit,
 * a line), always as text; the web dictionaries (web/src/i18n/pages/import-reasons.ts) must word every
 * code in Finnish and English, which their type enforces.
 */
export const PROBLEM_CODES = [
  // Any field
  "required",
  "empty",
  "not_empty",
  "too_long",
  "too_many",
  "too_big",
  "too_small",
  "one_of",
  "type_list",
  "type_text",
  "type_other",
  "type_mismatch",
  "format_invalid",
  "datetime_invalid",
  "invalid",
  // Domain rules (domain/records.ts, display-names.ts)
  "no_spaces",
  "month_format",
  "range",
  "score_range",
  "whole_number",
  "whole_number_got",
  "before_start",
  "name_control_character",
  // Single values (ingest/field-values.ts, value-coercion.ts)
  "time_zone_unknown",
  "time_invalid",
  "date_invalid",
  "date_unreadable",
  "number_invalid",
  "finite_number",
  "boolean_invalid",
  "boolean_number",
  "speaker_unknown",
  "survey_kind_unknown",
  "seconds_invalid",
  "negative",
  "month_invalid",
  "month_unreadable",
  // Rows of a file (control characters, CSV, XLSX, JSONL, per-turn encounter rows)
  "control_character",
  "control_character_in",
  "cell_count",
  "quote_unclosed",
  "csv_unparsable",
  "beyond_header",
  "json_invalid",
  "json_not_object",
  "encounter_id_required",
  "encounter_field_differs",
  "seq_repeated",
  // An encounter's turns
  "turns_required",
  "turns_not_list",
  "turn_not_object",
  "at_needs_start",
  "at_before_start",
  // Call transcripts (VTT, SRT) and speech-to-text JSON
  "cue_no_timing",
  "note_not_pair",
  "note_unknown_key",
  "cue_start_unreadable",
  "cue_end_unreadable",
  "speaker_label_missing",
  "speaker_label_unknown",
  "started_at_vtt",
  "started_at_speech",
  "speech_none",
  "speech_not_diarised",
  "speaker_not_mapped",
  "speaker_third_voice",
  "seconds_type",
  "seconds_text",
  "seconds_like",
  "not_negative",
  "text_or_number",
  "aws_item_type",
  "alternatives_empty",
  "ticks_type",
  "nbest_list",
  "pronunciation_untimed",
  "punctuation_first",
  "word_backwards",
  "no_offset",
  "no_text",
  "beyond_day",
  "ends_before_start",
  "starts_backwards",
  "more_problems",
  // API batches
  "id_repeated",
] as const;
export type ProblemCode = (typeof PROBLEM_CODES)[number];

/** A reason's parameters, by name; values as text (numbers as digits, quoted values with their quotes). */
export type ProblemParams = Readonly<Record<string, string>>;

/** Why a value or row is refused: the English sentence and its stable code and parameters. */
export interface Reason {
  reason: string;
  code: ProblemCode;
  params: ProblemParams;
}

/** A reason; `params` values are made text (a number as `String(n)`). */
export function because(
  code: ProblemCode,
  reason: string,
  params: Readonly<Record<string, string | number>> = {},
): Reason {
  return { reason, code, params: textParams(params) };
}

/** Parameters as text, as reasons and file errors keep them (a number as `String(n)`). */
export function textParams(params: Readonly<Record<string, string | number>>): Record<string, string> {
  const text: Record<string, string> = {};
  for (const key in params) text[key] = String(params[key]);
  return text;
}

/** Just the reason of a failed result (`{ ok: false, reason, code, params }`), to put in a problem. */
export function reasonOf(failure: Reason): Reason {
  return { reason: failure.reason, code: failure.code, params: failure.params };
}

/** Whether a stored or received code is one this version knows. */
export function isProblemCode(code: unknown): code is ProblemCode {
  return typeof code === "string" && (PROBLEM_CODES as readonly string[]).includes(code);
}

/**
 * A rule's code by its exact message: zod keeps only a message on a built-in check, so the rules
 * written with one (domain/records.ts, ingest/speech-json-parts.ts) are found again by it.
 */
export function rulesByMessage(
  rules: Readonly<Record<string, Reason>>,
): (message: string) => Reason | undefined {
  const byMessage = new Map<string, Reason>(Object.values(rules).map((rule) => [rule.reason, rule]));
  return (message) => byMessage.get(message);
}

/**
 * The reason a zod issue carries: a custom check's code in its `params` (`{ code, params }`), else
 * a built-in check's by its message among `rules`; undefined for a message of zod's own.
 */
export function reasonOfIssue(
  issue: { code: string; message: string; params?: unknown },
  rules: (message: string) => Reason | undefined,
): Reason | undefined {
  const coded = issue.code === "custom" ? (issue.params as Partial<Reason> | undefined) : undefined;
  if (coded && isProblemCode(coded.code))
    return { reason: issue.message, code: coded.code, params: coded.params ?? {} };
  return rules(issue.message);
}
