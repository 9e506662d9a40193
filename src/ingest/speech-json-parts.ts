import { z } from "zod";
import type { FieldProblem } from "../domain/index.ts";

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

/** A document that is not the named format at all (not an object, its main list missing). */
export class SpeechShapeError extends Error {}

/** At most this many problems are listed for one file; the rest are counted. */
const MAX_PROBLEMS = 20;

export class ProblemList {
  private readonly items: FieldProblem[] = [];
  private dropped = 0;
  add(field: string, reason: string): void {
    if (this.items.length < MAX_PROBLEMS) this.items.push({ field, reason });
    else this.dropped += 1;
  }
  list(): FieldProblem[] {
    if (this.dropped === 0) return this.items;
    return [...this.items, { field: "file", reason: `and ${this.dropped} more problems of the same kinds` }];
  }
}

export function objectOf(doc: unknown, what: string): Record<string, unknown> {
  if (doc === null || typeof doc !== "object" || Array.isArray(doc)) {
    throw new SpeechShapeError(`${what} must be a JSON object`);
  }
  return doc as Record<string, unknown>;
}

export function listOf(value: unknown, field: string, what: string): unknown[] {
  if (Array.isArray(value)) return value;
  throw new SpeechShapeError(
    value === undefined ? `${field} is missing: ${what}` : `${field} must be a list: ${what}`,
  );
}

export function issueText(error: z.ZodError): { path: string; reason: string } {
  const issue = error.issues[0];
  const path = (issue?.path ?? []).map((p) => (typeof p === "number" ? `[${p}]` : `.${String(p)}`)).join("");
  return { path, reason: issue?.message ?? "is not valid" };
}

export const seconds = z
  .number({ error: "must be a number of seconds" })
  .finite()
  .min(0, "must not be negative");
export const label = z
  .union([z.string(), z.number()], { error: "must be text or a number" })
  .transform((v) => String(v).trim())
  .nullish();
