import { z } from "zod";
import {
  because,
  type FieldProblem,
  type FileErrorCode,
  type FileErrorParams,
  type Reason,
  reasonOfIssue,
  rulesByMessage,
} from "../domain/index.ts";

/** What the speech-to-text readers (speech-json-formats.ts, speech-json-aws.ts) share. */

export interface SpokenSegment {
  /** Where it came from, for messages: `segments[3]`, `results.items[120]`, `recognizedPhrases[7]`. */
  where: string;
  /** The speaker as the file names it (`spk_0`, `SPEAKER_01`, `2`), or null when not diarised. */
  speaker: string | null;
  /** The audio channel as the file names it (`ch_0`, `0`), when the output is per channel. */
  channel: string | null;
  start: number;
  end: number;
  text: string;
}

/**
 * A document that is not the named format at all (not an object, its main list missing): the English
 * reason, and its code and parameters (domain/file-error-codes.ts) for the file's error.
 */
export class SpeechShapeError extends Error {
  constructor(
    message: string,
    readonly code: FileErrorCode,
    readonly params: FileErrorParams = {},
  ) {
    super(message);
  }
}

/** At most this many problems are listed for one file; the rest are counted. */
const MAX_PROBLEMS = 20;

export class ProblemList {
  private readonly items: FieldProblem[] = [];
  private dropped = 0;
  add(field: string, reason: Reason | Pick<FieldProblem, "reason">): void {
    if (this.items.length < MAX_PROBLEMS) this.items.push({ field, ...reason });
    else this.dropped += 1;
  }
  list(): FieldProblem[] {
    if (this.dropped === 0) return this.items;
    const reason = `and ${this.dropped} more problems of the same kinds`;
    return [...this.items, { field: "file", ...because("more_problems", reason, { count: this.dropped }) }];
  }
}

const isObject = (value: unknown): value is Record<string, unknown> =>
  value !== null && typeof value === "object" && !Array.isArray(value);

/** The document as an object; `what` names the format ("a Whisper transcript"). */
export function objectOf(doc: unknown, what: string): Record<string, unknown> {
  if (isObject(doc)) return doc;
  throw new SpeechShapeError(`${what} must be a JSON object`, "speech_not_object");
}

/** The object at `field` of the document ("results"). */
export function objectAt(value: unknown, field: string): Record<string, unknown> {
  if (isObject(value)) return value;
  throw new SpeechShapeError(`"${field}" must be a JSON object`, "speech_part_not_object", { field });
}

/** The list at `field` ("segments", "results.items"); `what` says what it holds. */
export function listOf(value: unknown, field: string, what: string): unknown[] {
  if (Array.isArray(value)) return value;
  if (value === undefined)
    throw new SpeechShapeError(`"${field}" is missing: ${what}`, "speech_list_missing", { field });
  throw new SpeechShapeError(`"${field}" must be a list: ${what}`, "speech_not_list", { field });
}

/**
 * The speech readers' own rule texts with their codes: zod keeps only a message on a built-in check,
 * so issueText finds a rule's code by its exact message here.
 */
export const SPEECH_RULES = {
  seconds: because("seconds_type", "must be a number of seconds"),
  secondsLike: because("seconds_like", 'must be seconds like "4.87"'),
  notNegative: because("not_negative", "must not be negative"),
  textOrNumber: because("text_or_number", "must be text or a number"),
  text: because("type_text", "must be text"),
  list: because("type_list", "must be a list"),
  awsItemType: because("aws_item_type", 'must be "pronunciation" or "punctuation"'),
  alternatives: because("alternatives_empty", "must hold at least one alternative"),
  ticks: because("ticks_type", "must be a number of ticks (100 ns)"),
  nBest: because("nbest_list", "must be a list of recognition alternatives"),
} as const;
const ruleOfMessage = rulesByMessage(SPEECH_RULES);

/**
 * The first issue of a speech segment, where it is and why; a custom check carries its code in
 * the issue's params. A message of zod's own (a check without one of ours) has no code.
 */
export function issueText(error: z.ZodError): { path: string } & (Reason | Pick<FieldProblem, "reason">) {
  const issue = error.issues[0];
  const path = (issue?.path ?? []).map((p) => (typeof p === "number" ? `[${p}]` : `.${String(p)}`)).join("");
  if (!issue) return { path, ...because("invalid", "is not valid") };
  return { path, ...(reasonOfIssue(issue, ruleOfMessage) ?? { reason: issue.message }) };
}

export const seconds = z
  .number({ error: SPEECH_RULES.seconds.reason })
  .finite()
  .min(0, SPEECH_RULES.notNegative.reason);
export const label = z
  .union([z.string(), z.number()], { error: SPEECH_RULES.textOrNumber.reason })
  .transform((v) => String(v).trim())
  .nullish();
