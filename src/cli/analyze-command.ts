import fs from "node:fs";
import readline from "node:readline";
import type { Command } from "commander";
import { z } from "zod";

/** CONTRACT.md: `{"id","text","lang"?}` or `{"id","turns":[{"speaker","text","at"?}]}` per line. */
const textLine = z.object({
  id: z.union([z.string(), z.number()]),
  text: z.string(),
  lang: z.enum(["fi", "en", "sv", "other"]).optional(),
});
const turnsLine = z.object({
  id: z.union([z.string(), z.number()]),
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

export function registerAnalyze(program: Command): void {
  program
    .command("analyze")
    .description(
      "Analyse texts or encounters: JSONL in, JSONL out, one output line per input line in the same order. Nothing is stored.",
    )
    .argument("[file]", "input JSONL file, or - for stdin", "-")
    .action(async (file: string) => {
      const { loadDefaultAnalyzer } = await import("../analysis/default-analyzer.ts");
      const analyzer = loadDefaultAnalyzer();
      const input = file === "-" ? process.stdin : fs.createReadStream(file);
      input.on("error", (e: Error) => {
        process.stderr.write(`kohtaamo analyze: cannot read ${file}: ${e.message}\n`);
        process.exitCode = 2;
      });
      const lines = readline.createInterface({ input, crlfDelay: Number.POSITIVE_INFINITY });
      let out = "";
      let lineNo = 0;
      for await (const line of lines) {
        lineNo++;
        if (line.trim() === "") continue;
        out += `${JSON.stringify(analyzeLine(line, lineNo, analyzer))}\n`;
        if (out.length > 1 << 16) {
          if (!process.stdout.write(out)) await new Promise((r) => process.stdout.once("drain", r));
          out = "";
        }
      }
      process.stdout.write(out);
    });
}

type Analyzer = ReturnType<typeof import("../analysis/default-analyzer.ts").loadDefaultAnalyzer>;

function analyzeLine(line: string, lineNo: number, analyzer: Analyzer): Record<string, unknown> {
  let value: unknown;
  try {
    value = JSON.parse(line);
  } catch (e) {
    return { id: null, line: lineNo, error: `line ${lineNo}: not JSON (${(e as Error).message})` };
  }
  const id = value && typeof value === "object" && "id" in value ? (value as { id: unknown }).id : null;
  // Pick the shape by its key, so a bad encounter line is told which turn field is wrong.
  const isTurns = value !== null && typeof value === "object" && "turns" in value;
  const parsed = isTurns ? turnsLine.safeParse(value) : textLine.safeParse(value);
  if (!parsed.success) {
    const why = parsed.error.issues.map((i) => `${i.path.join(".") || "line"}: ${i.message}`).join("; ");
    return { id, line: lineNo, error: `line ${lineNo}: expected {"id","text"} or {"id","turns"}: ${why}` };
  }
  const rec = parsed.data;
  if ("text" in rec) {
    const a = analyzer.analyzeText(rec.text, rec.lang);
    return { id: rec.id, ...a };
  }
  const a = analyzer.analyzeEncounter(
    rec.turns.map((t) => ({ speaker: t.speaker, text: t.text, offsetSeconds: secondsOf(t.at) })),
  );
  return {
    id: rec.id,
    lang: a.lang,
    // The encounter's tone is how the customer ended it (peak–end rule); with no customer turn, neutral.
    tone: a.arc.end ? a.turns[a.arc.end.turn]?.tone : { label: "neutral", score: 0 },
    emotions: a.emotions,
    themes: a.themes,
    pii: a.turns.flatMap((t, turn) => t.pii.map((p) => ({ ...p, turn }))),
    redacted: a.turns.map((t) => t.redacted),
    turns: a.turns.map(({ redacted, pii, ...t }) => ({ ...t, redacted })),
    arc: a.arc,
    moments: a.moments.map((m) => ({ turn: m.turn, kind: m.kind })),
    effort: a.effort,
    behaviours: a.behaviours,
  };
}

/** `at` as seconds: a number, "MM:SS" or "HH:MM:SS(.mmm)"; anything else is no timestamp. */
function secondsOf(at: number | string | undefined): number | undefined {
  if (typeof at === "number") return Number.isFinite(at) && at >= 0 ? at : undefined;
  if (typeof at !== "string" || !/^\d+(:\d{1,2}){1,2}(\.\d+)?$/.test(at)) return undefined;
  return at.split(":").reduce((sum, part) => sum * 60 + Number(part), 0);
}
