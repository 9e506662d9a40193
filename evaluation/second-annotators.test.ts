import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { loadModelSet } from "../src/analysis/model/model-set.ts";
import { MODELS_DIR } from "../src/analysis/model/models-dir.ts";
import { loadUtterances, type Utterance } from "../training/corpus.ts";
import { agreedLines, loadSecondAnnotations, majorityLines } from "./second-annotators.ts";

const taxonomy = loadModelSet(MODELS_DIR).taxonomy;
const independent = loadUtterances(path.join(import.meta.dirname, "data"));

const line = (text: string, themes: string[]): Utterance => ({
  source: "test",
  text,
  lang: "fi",
  speaker: "customer",
  channel: "chat",
  register: "neutral",
  sector: "telecom",
  tone: "neutral",
  emotions: [],
  themes: themes.map((id) => ({ id, polarity: "neutral" })),
  behaviours: [],
  hard: [],
});

/** Every folder made below, removed when the tests end. */
const dirs: string[] = [];
afterAll(() => {
  for (const dir of dirs) fs.rmSync(dir, { recursive: true, force: true });
});

function dirWith(files: Record<string, string>): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "kohtaamo-second-"));
  dirs.push(dir);
  for (const [name, body] of Object.entries(files)) fs.writeFileSync(path.join(dir, name), body);
  return dir;
}

describe("second annotators of the independent set", () => {
  it("label every line of both languages with the taxonomy's theme ids, two annotators each", () => {
    for (const lang of ["fi", "en"] as const) {
      const set = independent.filter((u) => u.lang === lang);
      const annotations = loadSecondAnnotations(lang, set, taxonomy);
      expect(annotations.map((a) => a.name)).toEqual(["A", "B"]);
      for (const a of annotations) {
        expect(a.themes).toHaveLength(set.length);
        // Most lines name a topic, as the gold labels do: an empty file would not measure anything.
        expect(a.themes.filter((t) => t.length > 0).length).toBeGreaterThan(set.length * 0.8);
      }
    }
  });

  it("match lines by text, whatever the files' order", () => {
    const set = [line("Lasku on väärin.", ["billing"]), line("Netti pätkii.", ["outage"])];
    const dir = dirWith({
      "fi-A.jsonl": `${JSON.stringify({ text: "Netti pätkii.", themes: ["outage"] })}\n${JSON.stringify({ text: "Lasku on väärin.", themes: ["billing", "prices"] })}\n`,
      "en-A.jsonl": "not read for Finnish\n",
    });
    const [a] = loadSecondAnnotations("fi", set, taxonomy, dir);
    expect(a?.themes).toEqual([["billing", "prices"], ["outage"]]);
  });

  it("stop with the file, line and reason on an unknown theme, a foreign text or a line left out", () => {
    const set = [line("Lasku on väärin.", ["billing"]), line("Netti pätkii.", ["outage"])];
    const ok = JSON.stringify({ text: "Lasku on väärin.", themes: ["billing"] });
    const load = (body: string) => () =>
      loadSecondAnnotations("fi", set, taxonomy, dirWith({ "fi-B.jsonl": body }));
    expect(load(`${ok}\n${JSON.stringify({ text: "Netti pätkii.", themes: ["internet"] })}\n`)).toThrow(
      'fi-B.jsonl:2: "themes" must list theme ids',
    );
    expect(load(`${ok}\n${JSON.stringify({ text: "Joku muu.", themes: [] })}\n`)).toThrow(
      "fi-B.jsonl:2: its text is not a line of evaluation/data/fi.jsonl",
    );
    expect(load(`${ok}\n`)).toThrow('fi-B.jsonl: no themes for "Netti pätkii."');
    expect(load(`${ok}\n${ok}\n`)).toThrow("fi-B.jsonl:2: the same line is labelled twice");
    expect(load("{oops\n")).toThrow("fi-B.jsonl:1: not JSON");
  });

  it("keep for the agreed subset only single-topic lines whose theme every annotator gave", () => {
    const set = [
      line("a", ["billing"]),
      line("b", ["outage"]),
      line("c", ["waiting", "callback"]),
      line("d", []),
      line("e", ["delivery"]),
    ];
    const annotations = [
      {
        name: "A",
        themes: [["billing"], ["website"], ["waiting", "callback"], [], ["order_handling", "delivery"]],
      },
      { name: "B", themes: [["billing", "prices"], ["outage"], ["waiting"], [], ["delivery"]] },
    ];
    expect(agreedLines(set, annotations)).toEqual([0, 4]);
  });

  it("give each line the themes that two of its three readers named, the author's polarity kept", () => {
    const set = [
      line("a", ["billing"]),
      line("b", ["outage"]),
      line("c", ["waiting", "callback"]),
      line("d", []),
    ];
    set[0] = { ...set[0], themes: [{ id: "billing", polarity: "negative" }] } as Utterance;
    const annotations = [
      { name: "A", themes: [["billing"], ["website"], ["waiting"], ["prices"]] },
      { name: "B", themes: [["prices", "billing"], ["website", "website"], ["callback"], []] },
    ];
    expect(majorityLines(set, annotations).map((u) => u.themes)).toEqual([
      [{ id: "billing", polarity: "negative" }],
      [{ id: "website", polarity: "neutral" }],
      [
        { id: "waiting", polarity: "neutral" },
        { id: "callback", polarity: "neutral" },
      ],
      [],
    ]);
    // The lines are the set's own otherwise, and the set is left as it was.
    expect(majorityLines(set, annotations)[1]?.text).toBe("b");
    expect(set[1]?.themes).toEqual([{ id: "outage", polarity: "neutral" }]);
  });
});
