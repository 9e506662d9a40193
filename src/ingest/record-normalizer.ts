import type { z } from "zod";
import {
  BEFORE_START,
  because,
  type FieldProblem,
  type RecordKind,
  type RecordOfKind,
  reasonOf,
  reasonOfIssue,
  ruleOfMessage,
  SCHEMA_OF_KIND,
  SCORE_RANGE,
  type SurveyKind,
  scoreRangeReason,
} from "../domain/index.ts";
import { normalizeTurns } from "./turn-normalizer.ts";
import { coerceValue, type ValueType } from "./value-coercion.ts";

/**
 * Raw input (snake_case; CSV strings or typed JSON) → a validated domain record (camelCase).
 * Shared by file import and the HTTP API, so it knows nothing about files or lines. Every
 * problem of a record is reported, each under the INPUT field name the user wrote, so a
 * rejects file or API answer can be fixed without knowing the domain's internal names.
 */

export interface NormalizeOptions {
  /** IANA zone for timestamps without an offset (Finnish exports have none). */
  timeZone: string;
  /** Values used when the input lacks a field or leaves it empty, e.g. `{ kind: "nps" }`. */
  defaults?: Readonly<Record<string, unknown>>;
}

export type NormalizeResult<K extends RecordKind> =
  | { ok: true; record: RecordOfKind[K] }
  | { ok: false; id?: string; problems: FieldProblem[] };

interface FieldSpec {
  input: string;
  output: string;
  type: ValueType;
}

const f = (input: string, type: ValueType, output = camel(input)): FieldSpec => ({ input, output, type });

function camel(snake: string): string {
  return snake.replace(/_([a-z])/g, (_, letter: string) => letter.toUpperCase());
}

const SPECS: Record<RecordKind, readonly FieldSpec[]> = {
  encounters: [
    f("id", "id"),
    f("channel", "channel"),
    f("touchpoint", "name"),
    f("started_at", "instant"),
    f("ended_at", "instant"),
    f("team", "name"),
    f("agent", "name"),
    f("customer_id", "id"),
    f("wait_seconds", "seconds"),
    f("transfers", "integer"),
    f("resolved", "boolean"),
  ],
  responses: [
    f("id", "id"),
    f("kind", "surveyKind"),
    f("score", "integer"),
    f("comment", "text"),
    f("answered_at", "instant"),
    f("channel", "channel"),
    f("touchpoint", "name"),
    f("team", "name"),
    f("agent", "name"),
    f("customer_id", "id"),
    f("encounter_id", "id"),
  ],
  invitations: [
    f("id", "id"),
    f("sent_at", "instant"),
    f("channel", "channel"),
    f("kind", "surveyKind"),
    f("customer_id", "id"),
    f("encounter_id", "id"),
  ],
  pulse: [
    f("id", "id"),
    f("team", "name"),
    f("period", "period"),
    f("score", "integer"),
    f("comment", "text"),
  ],
  customers: [f("id", "id"), f("segment", "name"), f("yearly_value_eur", "decimal")],
  // An agent's id is the name encounters and answers carry in `agent`.
  agents: [f("id", "name"), f("name", "text"), f("team", "name")],
};

/** Each kind's input field name by the domain's name, for naming the field of a schema issue. */
const INPUT_OF: Readonly<Record<string, ReadonlyMap<string, string>>> = Object.fromEntries(
  Object.entries(SPECS).map(([kind, specs]) => [
    kind,
    new Map(specs.map((spec) => [spec.output, spec.input])),
  ]),
);

/** Turns up in problem names: `turns[2].at` is the third turn's `at`. */
const TURN_INPUT_NAMES: Readonly<Record<string, string>> = { offsetSeconds: "at", seq: "seq" };

export function normalizeRecord<K extends RecordKind>(
  kind: K,
  raw: Readonly<Record<string, unknown>>,
  opts: NormalizeOptions,
): NormalizeResult<K> {
  const problems = new ProblemList();
  const candidate: Record<string, unknown> = {};
  for (const spec of SPECS[kind]) {
    const value = isAbsent(raw[spec.input]) ? opts.defaults?.[spec.input] : raw[spec.input];
    const result = coerceValue(value, spec.type, opts.timeZone);
    if (result === null) continue;
    if (result.ok) candidate[spec.output] = result.value;
    else problems.add(spec.input, reasonOf(result));
  }
  if (kind === "encounters") {
    const turns = normalizeTurns(raw.turns, candidate.startedAt, opts.timeZone);
    for (const problem of turns.problems) problems.add(problem.field, problem);
    if (turns.value) candidate.turns = turns.value;
  }
  const parsed = SCHEMA_OF_KIND[kind].safeParse(candidate);
  const id = idOf(raw.id ?? opts.defaults?.id);
  if (parsed.success && problems.isEmpty()) return { ok: true, record: parsed.data as RecordOfKind[K] };
  if (!parsed.success) {
    for (const issue of parsed.error.issues) {
      const field = inputName(issue.path, INPUT_OF[kind] as ReadonlyMap<string, string>);
      problems.add(field, describeIssue(issue, hasPath(candidate, issue.path)));
    }
  }
  crossFieldChecks(kind, candidate, problems);
  const rejection = { ok: false as const, problems: problems.list() };
  return id === undefined ? rejection : { ...rejection, id };
}

/** One problem per field: the first one found is the one the user must fix first. */
class ProblemList {
  // Made on the first problem: a valid record (nearly every one) allocates no map.
  private byField: Map<string, Pick<FieldProblem, "reason" | "code" | "params">> | null = null;
  add(field: string, reason: Pick<FieldProblem, "reason" | "code" | "params">): void {
    this.byField ??= new Map();
    if (!this.byField.has(field)) this.byField.set(field, reason);
  }
  isEmpty(): boolean {
    return this.byField === null;
  }
  list(): FieldProblem[] {
    return [...(this.byField ?? [])].map(([field, { reason, code, params }]) => ({
      field,
      reason,
      ...(code === undefined ? {} : { code, params: params ?? {} }),
    }));
  }
}

function isAbsent(value: unknown): boolean {
  return value === undefined || value === null || (typeof value === "string" && value.trim() === "");
}

function idOf(value: unknown): string | undefined {
  if (typeof value === "string" && value.trim() !== "") return value.trim();
  if (typeof value === "number" && Number.isFinite(value)) return String(value);
  return undefined;
}

function inputName(path: readonly PropertyKey[], inputOf: ReadonlyMap<string, string>): string {
  const [head, index, leaf] = path;
  if (head === "turns" && typeof index === "number") {
    const name = typeof leaf === "string" ? (TURN_INPUT_NAMES[leaf] ?? leaf) : undefined;
    return name ? `turns[${index}].${name}` : `turns[${index}]`;
  }
  if (typeof head === "string") return inputOf.get(head) ?? head;
  return "record";
}

function hasPath(value: unknown, path: readonly PropertyKey[]): boolean {
  let current: unknown = value;
  for (const key of path) {
    if (current === null || typeof current !== "object") return false;
    current = (current as Record<PropertyKey, unknown>)[key];
  }
  return current !== undefined;
}

/**
 * Turns zod's issues into the same plain English as the field parsers, with their codes: a rule of
 * domain/records.ts by its code (in a custom issue's params, or by its message), any other by the
 * issue's kind and limits.
 */
function describeIssue(
  issue: z.core.$ZodIssue,
  present: boolean,
): Pick<FieldProblem, "reason" | "code" | "params"> {
  if (!present && (issue.code === "invalid_type" || issue.code === "invalid_value"))
    return because("required", "is required");
  const rule = reasonOfIssue(issue, ruleOfMessage);
  if (rule) return rule;
  if (issue.message.startsWith("must")) return { reason: issue.message }; // written in domain/records.ts
  switch (issue.code) {
    case "invalid_type":
      return issue.expected === "array"
        ? because("type_list", "must be a list")
        : because("type_other", `must be a ${issue.expected}`, { expected: issue.expected });
    case "too_big": {
      const max = Number(issue.maximum);
      const code = issue.origin === "string" ? "too_long" : issue.origin === "array" ? "too_many" : "too_big";
      return because(code, `must be at most ${max.toLocaleString("en")}${unit(issue.origin)}`, { max });
    }
    case "too_small": {
      // Only numbers have lower limits in domain/records.ts (a text's "must not be empty" is a rule).
      const min = Number(issue.minimum);
      return because("too_small", `must be at least ${min.toLocaleString("en")}${unit(issue.origin)}`, {
        min,
      });
    }
    case "invalid_value": {
      const values = issue.values.map(String).join(", ");
      return because("one_of", `must be one of: ${values}`, { values });
    }
    case "invalid_format":
      return issue.format === "datetime"
        ? because("datetime_invalid", "is not a valid date and time")
        : because("format_invalid", `is not a valid ${issue.format}`, { format: issue.format });
    default:
      return { reason: issue.message };
  }
}

function unit(origin: string): string {
  if (origin === "string") return " characters";
  if (origin === "array") return " items";
  return "";
}

/**
 * zod skips object-level refinements while any field is invalid, which would hide e.g. an NPS
 * of 11 behind a bad date. Re-check those rules here (with the domain's own SCORE_RANGE) so a
 * rejected row lists everything wrong with it at once.
 */
function crossFieldChecks(kind: RecordKind, candidate: Record<string, unknown>, problems: ProblemList): void {
  if (kind === "responses" && typeof candidate.score === "number" && typeof candidate.kind === "string") {
    const surveyKind = candidate.kind as SurveyKind;
    const range = SCORE_RANGE[surveyKind];
    const score = candidate.score;
    if (range && (score < range.min || score > range.max))
      problems.add("score", scoreRangeReason(surveyKind, score));
  }
  if (
    kind === "encounters" &&
    typeof candidate.startedAt === "string" &&
    typeof candidate.endedAt === "string"
  ) {
    if (candidate.endedAt < candidate.startedAt) problems.add("ended_at", BEFORE_START);
  }
}
