import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { analyzeLines } from "../../src/analysis/analyze-lines.ts";
import { loadDefaultAnalyzer } from "../../src/analysis/default-analyzer.ts";
import { runCli } from "../support/cli.ts";

const dir = path.resolve("training/data/fi");
const texts = fs
  .readdirSync(dir)
  .filter((f) => f.endsWith(".jsonl"))
  .sort()
  .flatMap((f) => fs.readFileSync(path.join(dir, f), "utf8").split("\n").filter(Boolean))
  .map((l) => (JSON.parse(l) as { text: string }).text);

describe("kohtaamo analyze on a large input (analysed on every core)", () => {
  it("answers every line in input order, as the main thread would, across chunks", async () => {
    // 2,600 lines: three chunks of 1,000 (the last one short), the first held back as an inline input would be.
    const lines = Array.from({ length: 2600 }, (_, i) => {
      if (i === 1500) return "";
      if (i === 2001) return "{broken";
      return JSON.stringify({ text: texts[(i * 7) % texts.length] });
    });
    const r = await runCli(["analyze", "-"], {}, `${lines.join("\n")}\n`);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toBe(analyzeLines(lines, 1, loadDefaultAnalyzer()));
  });

  it("with --threads 1 analyses on the main thread, chunk by chunk, with the same answers", async () => {
    const lines = Array.from({ length: 1100 }, (_, i) =>
      JSON.stringify({ id: i, text: texts[(i * 3) % texts.length] }),
    );
    const r = await runCli(["analyze", "--threads", "1", "-"], {}, `${lines.join("\n")}\n`);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toBe(analyzeLines(lines, 1, loadDefaultAnalyzer()));
  });
});
