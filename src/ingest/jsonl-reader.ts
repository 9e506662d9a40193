import { because, type Reason } from "../domain/index.ts";

/**
 * JSON Lines: one JSON object per line. Each line stands alone, so a malformed line is a
 * rejection of that line (with the parser's complaint) and the rest of the file still imports.
 */

export type JsonlLine =
  | { line: number; ok: true; value: Record<string, unknown>; text: string }
  | ({ line: number; ok: false; text: string } & Reason);

/** Splits decoded text into lines without holding more than one line in memory. */
export async function* readLines(
  chunks: AsyncIterable<string>,
): AsyncGenerator<{ line: number; text: string }> {
  let pending = "";
  let line = 0;
  for await (const chunk of chunks) {
    pending += chunk;
    let start = 0;
    let newline = pending.indexOf("\n");
    while (newline >= 0) {
      line += 1;
      yield { line, text: pending.slice(start, newline).replace(/\r$/, "") };
      start = newline + 1;
      newline = pending.indexOf("\n", start);
    }
    pending = pending.slice(start);
  }
  if (pending !== "") yield { line: line + 1, text: pending.replace(/\r$/, "") };
}

/** Parses one line; blank lines give null (skipped, not rejected). */
export function parseJsonLine(line: number, text: string): JsonlLine | null {
  if (text.trim() === "") return null;
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    // V8 quotes the line in its message; drop that so rejects never echo customer text twice.
    const detail = (error instanceof Error ? error.message : String(error)).replace(
      /,?\s*".*" is not valid JSON$/s,
      "",
    );
    return { line, ok: false, ...because("json_invalid", `is not valid JSON: ${detail}`, { detail }), text };
  }
  if (value === null || typeof value !== "object" || Array.isArray(value)) {
    const given = value === null ? "null" : Array.isArray(value) ? "array" : typeof value;
    const got = value === null ? "null" : Array.isArray(value) ? "an array" : `a ${typeof value}`;
    const reason = `must be a JSON object ({...}), got ${got}`;
    return { line, ok: false, ...because("json_not_object", reason, { jsonType: given }), text };
  }
  return { line, ok: true, value: value as Record<string, unknown>, text };
}

/** Streams the non-blank lines of a JSONL text, parsed. */
export async function* readJsonl(chunks: AsyncIterable<string>): AsyncGenerator<JsonlLine> {
  for await (const { line, text } of readLines(chunks)) {
    const parsed = parseJsonLine(line, text);
    if (parsed) yield parsed;
  }
}
