import fs from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { analyzeLines } from "./analyze-lines.ts";
import { loadDefaultAnalyzer, MODELS_DIR } from "./default-analyzer.ts";
import type { Taxonomy } from "./model/model-set.ts";
import { type EncounterItem, ParallelAnalyzer, type TextItem } from "./parallel-analyzer.ts";
import type { Speaker } from "./text-analyzer.ts";

const DATA = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../../training/data");

/** Every 12th text of each training file, Finnish and English, short lines and long e-mails alike. */
function varied(): { text: string; speaker?: Speaker }[] {
  const out: { text: string; speaker?: Speaker }[] = [];
  for (const lang of ["fi", "en"]) {
    for (const file of fs
      .readdirSync(path.join(DATA, lang))
      .filter((f) => f.endsWith(".jsonl"))
      .sort()) {
      const lines = fs
        .readFileSync(path.join(DATA, lang, file), "utf8")
        .split("\n")
        .filter(Boolean);
      for (let i = 0; i < lines.length; i += 12) {
        const r = JSON.parse(lines[i] as string) as { text: string; speaker?: Speaker };
        out.push({ text: r.text, ...(r.speaker ? { speaker: r.speaker } : {}) });
      }
    }
  }
  // Long e-mails too (read sentence by sentence): 15 of the texts under a greeting, with a signature and a quote.
  for (let i = 0; i + 15 <= 300; i += 15) {
    const body = out
      .slice(i, i + 15)
      .map((t) => t.text)
      .join("\n");
    out.push({
      text: `Hei,\n\n${body}\n\nTerveisin\nAsiakas\n\nOn Mon, 1 Dec 2026, Support wrote:\n> Thank you.`,
    });
  }
  return out;
}

/** The shipped taxonomy as a workspace might edit it: the first theme now found by "virhe*" and "error*". */
const shipped = JSON.parse(fs.readFileSync(path.join(MODELS_DIR, "taxonomy.json"), "utf8")) as Taxonomy;
const TAXONOMY: Taxonomy = {
  ...shipped,
  version: "edited-in-test",
  themes: shipped.themes.map((t, i) =>
    i === 0 ? { ...t, patterns: { fi: ["virhe*"], en: ["error*"] } } : t,
  ),
};

// The threads must give what the main thread gives: the same analyzer, the same answers.
describe("ParallelAnalyzer", () => {
  const inline = loadDefaultAnalyzer();
  const texts = varied();
  let pool: ParallelAnalyzer;
  beforeAll(() => {
    pool = new ParallelAnalyzer({ threads: 2, chunkSize: 40 });
  });
  afterAll(async () => {
    await pool.close();
  });

  it("analyses texts as the inline analyzer does, in the items' order", async () => {
    expect(texts.length).toBeGreaterThan(300);
    expect(texts.some((t) => t.text.length > 400)).toBe(true);
    const items: TextItem[] = texts.map((t, i) => ({
      text: t.text,
      ...(t.speaker ? { speaker: t.speaker } : {}),
      ...(i % 5 === 0 ? { wholeText: true } : {}),
      ...(i % 7 === 0 ? { lang: "fi" as const } : {}),
    }));
    const got = await pool.analyzeMany(items);
    expect(got).toEqual(items.map(({ text, lang, ...options }) => inline.analyzeText(text, lang, options)));
  });

  it("analyses encounters as the inline analyzer does", async () => {
    const items: EncounterItem[] = [];
    for (let i = 0; i + 4 <= texts.length && items.length < 60; i += 4) {
      items.push({
        turns: texts.slice(i, i + 4).map((t, k) => ({
          speaker: k % 2 === 0 ? "customer" : "agent",
          text: t.text,
          offsetSeconds: k * 20,
        })),
      });
    }
    const got = await pool.analyzeMany(items);
    expect(got).toEqual(items.map((e) => inline.analyzeEncounter(e.turns)));
  });

  it("answers input lines of `kohtaamo analyze` as the main thread does, line numbers included", async () => {
    const lines = [
      ...texts.slice(0, 50).map((t, i) => JSON.stringify({ id: `t${i}`, text: t.text })),
      "",
      "{not json",
      texts[3]?.text ?? "",
      JSON.stringify({ turns: [{ speaker: "customer", text: texts[0]?.text, at: "00:05" }] }),
      JSON.stringify({ turns: [{ speaker: "robot", text: "x" }] }),
    ];
    expect(await pool.analyzeLines(lines, 101)).toBe(analyzeLines(lines, 101, inline));
  });

  it("names the version of its analyzer, and a workspace taxonomy's", async () => {
    expect(await pool.version()).toBe(inline.version);
    const edited = new ParallelAnalyzer({ threads: 1, taxonomy: TAXONOMY });
    try {
      expect(await edited.version()).toBe(inline.withTaxonomy(TAXONOMY).version);
      expect(await edited.version()).not.toBe(inline.version);
      const [a] = await edited.analyzeMany([{ text: "Laskussa on virhe" }]);
      expect(a).toEqual(inline.withTaxonomy(TAXONOMY).analyzeText("Laskussa on virhe"));
    } finally {
      await edited.close();
    }
  });

  it("rejects a batch with the reason when its threads cannot load the models", async () => {
    const broken = new ParallelAnalyzer({ threads: 1, modelsDir: path.join(DATA, "no-models-here") });
    try {
      await expect(broken.analyzeMany([{ text: "Lasku on väärin" }])).rejects.toThrow(/taxonomy\.json/);
    } finally {
      await broken.close();
    }
  });

  it("answers an empty batch with nothing", async () => {
    expect(await pool.analyzeMany([])).toEqual([]);
  });
});
