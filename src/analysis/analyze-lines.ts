import { z } from "zod";
import { htmlToText } from "./text/html-text.ts";
import type { TextAnalysis, TextAnalyzer } from "./text-analyzer.ts";

/**
 * The line contract of `kohtaamo analyze` (CONTRACT.md): `{"id"?,"text","lang"?}` or
 * `{"id"?,"turns":[{"speaker","text","at"?}]}` per line; without an `id` the line number is the id.
 * A line whose first non-blank character is not `{` is plain text. An HTML body is read as its text
 * (text/html-text.ts), as an import would store it. Here rather than in the CLI so the
 * analysis worker threads (parallel-analyzer.ts) answer a chunk of lines with the same code.
 */
const lineId = z.union([z.string(), z.number()]).nullish();
const textLine = z.object({
  id: lineId,
  text: z.string(),
  lang: z.enum(["fi", "en", "sv", "other"]).optional(),
});
const turnsLine = z.object({
  id: lineId,
  turns: z
    .array(
      z.object({
        speaker: z.enum(["customer", "agent", "bot"]),
        text: z.string(),
        at: z.union([z.number(), z.string()]).optional(),
      }),
    )
    .max(10_000),
});

/** Each sentence of a long text with its (redacted) words beside its offsets, for a reader of the output. */
function withSentenceText<T extends Pick<TextAnalysis, "redacted" | "sentences">>(a: T): T {
  if (!a.sentences) return a;
  return { ...a, sentences: a.sentences.map((s) => ({ text: a.redacted.slice(s.start, s.end), ...s })) };
}

/**
 * One answer per input line, so output line N always belongs to input line N: an empty line is
 * answered with an error rather than skipped, and a line that is not JSON is analysed as text.
 */
export function analyzeLine(line: string, lineNo: number, analyzer: TextAnalyzer): Record<string, unknown> {
  const { id, rest } = answerLine(line, lineNo, analyzer);
  return { id, ...rest };
}

/** An answer (analyzeLine) as its id and the rest of its fields, in their order. */
interface LineAnswer {
  id: unknown;
  rest: object;
}

function answerLine(line: string, lineNo: number, analyzer: TextAnalyzer): LineAnswer {
  const trimmed = line.trim();
  if (trimmed === "")
    return { id: lineNo, rest: { line: lineNo, error: `line ${lineNo}: empty line, nothing to analyse` } };
  if (!trimmed.startsWith("{"))
    return { id: lineNo, rest: withSentenceText(analyzer.analyzeText(htmlToText(trimmed))) };
  let value: unknown;
  try {
    value = JSON.parse(line);
  } catch (e) {
    return {
      id: lineNo,
      rest: { line: lineNo, error: `line ${lineNo}: not JSON (${(e as Error).message})` },
    };
  }
  const given = (value as { id?: unknown }).id;
  const id = given === undefined || given === null ? lineNo : given;
  // Pick the shape by its key, so a bad encounter line is told which turn field is wrong.
  const isTurns = value !== null && typeof value === "object" && "turns" in value;
  const parsed = isTurns ? turnsLine.safeParse(value) : textLine.safeParse(value);
  if (!parsed.success) {
    const why = parsed.error.issues.map((i) => `${i.path.join(".") || "line"}: ${i.message}`).join("; ");
    return {
      id,
      rest: {
        line: lineNo,
        error: `line ${lineNo}: expected {"text"} or {"turns"} (with an optional "id"): ${why}`,
      },
    };
  }
  const rec = parsed.data;
  if ("text" in rec)
    return { id, rest: withSentenceText(analyzer.analyzeText(htmlToText(rec.text), rec.lang)) };
  const a = analyzer.analyzeEncounter(
    rec.turns.map((t) => ({ speaker: t.speaker, text: htmlToText(t.text), offsetSeconds: secondsOf(t.at) })),
  );
  const rest = {
    lang: a.lang,
    // The encounter's tone is how the customer ended it (peak–end rule); with no customer turn, neutral.
    tone: a.arc.end ? a.turns[a.arc.end.turn]?.tone : { label: "neutral", score: 0 },
    emotions: a.emotions,
    themes: a.themes,
    pii: a.turns.flatMap((t, turn) => t.pii.map((p) => ({ ...p, turn }))),
    redacted: a.turns.map((t) => t.redacted),
    turns: a.turns.map(({ redacted, pii, ...t }) => withSentenceText({ ...t, redacted })),
    arc: a.arc,
    moments: a.moments.map((m) => ({ turn: m.turn, kind: m.kind })),
    effort: a.effort,
    behaviours: a.behaviours,
  };
  return { id, rest };
}

/** The JSONL answer to consecutive input lines, the first of them numbered `firstLineNo`. */
export function analyzeLines(lines: readonly string[], firstLineNo: number, analyzer: TextAnalyzer): string {
  let out = "";
  for (let i = 0; i < lines.length; i++) {
    const { id, rest } = answerLine(lines[i] as string, firstLineNo + i, analyzer);
    // JSON.stringify({ id, ...rest }) without copying the answer into a new object (no field of
    // `rest` is named id): the id, then the rest's fields as they are written.
    const fields = JSON.stringify(rest);
    out += `{"id":${JSON.stringify(id)}${fields === "{}" ? "}" : `,${fields.slice(1)}`}\n`;
  }
  return out;
}

/** `at` as seconds: a number, "MM:SS" or "HH:MM:SS(.mmm)"; anything else is no timestamp. */
function secondsOf(at: number | string | undefined): number | undefined {
  if (typeof at === "number") return Number.isFinite(at) && at >= 0 ? at : undefined;
  if (typeof at !== "string" || !/^\d+(:\d{1,2}){1,2}(\.\d+)?$/.test(at)) return undefined;
  return at.split(":").reduce((sum, part) => sum * 60 + Number(part), 0);
}
