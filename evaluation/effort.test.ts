import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { loadDefaultAnalyzer } from "../src/analysis/default-analyzer.ts";
import {
  EFFORT_DEV_FILE,
  EFFORT_EVAL_FILE,
  type EffortLine,
  type EffortReading,
  keywordEffort,
  kohtaamoEffort,
  loadEffortLines,
  scoreEffort,
} from "./effort.ts";

const line = (text: string, gold: Partial<EffortReading> = {}): EffortLine => ({
  id: text,
  lang: "fi",
  text,
  channel: "chat",
  register: "neutral",
  sector: "telecom",
  source: "test",
  repeat_contact: false,
  transfer: false,
  explain_again: false,
  wait_seconds: null,
  ...gold,
});
const reading = (r: Partial<EffortReading> = {}): EffortReading => ({
  repeat_contact: false,
  transfer: false,
  explain_again: false,
  wait_seconds: null,
  ...r,
});

const dirs: string[] = [];
afterAll(() => {
  for (const dir of dirs) fs.rmSync(dir, { recursive: true, force: true });
});

describe("scoreEffort", () => {
  it("scores each field on its own, and a wait's length within a quarter of the stated one", () => {
    const lines = [
      line("a", { repeat_contact: true, wait_seconds: 3600 }),
      line("b", { repeat_contact: true }),
      line("c", { wait_seconds: 600 }),
      line("d"),
      line("e"),
    ];
    const readings = [
      reading({ repeat_contact: true, wait_seconds: 4000 }),
      reading(),
      reading({ wait_seconds: 60 }),
      reading({ repeat_contact: true }),
      reading(),
    ];
    const s = scoreEffort(lines, readings);
    const repeat = s.fields.find((f) => f.field === "repeat_contact");
    expect(repeat).toMatchObject({ support: 2, precision: 0.5, recall: 0.5, f1: 0.5 });
    const wait = s.fields.find((f) => f.field === "wait");
    expect(wait).toMatchObject({ support: 2, precision: 1, recall: 1, f1: 1 });
    expect(s.fields.find((f) => f.field === "transfer")).toMatchObject({ support: 0, precision: 0, f1: 0 });
    // 4000 s for 3600 s is within 25%; 60 s for 600 s is not.
    expect(s.waitLength).toEqual({ right: 1, of: 2 });
    // Of the two lines stating nothing, "d" was read as a repeat contact.
    expect(s.falseOnNone).toEqual({ read: 1, of: 2 });
  });
});

describe("the readers", () => {
  it("Kohtaamo reads the effort a message states through the whole analysis", () => {
    const analyzer = loadDefaultAnalyzer();
    expect(
      // What the message states; whether it also reads explaining again is the effort model's call.
      kohtaamoEffort(analyzer, "Soitin teille jo kolmatta kertaa ja jonotin 40 minuuttia.", "fi"),
    ).toMatchObject({
      repeat_contact: true,
      transfer: false,
      wait_seconds: 2400,
    });
    expect(kohtaamoEffort(analyzer, "I moved my subscription to the new flat.", "en")).toEqual(reading());
  });

  it("the word list takes the longest number and unit for a wait, whatever it measures", () => {
    expect(keywordEffort("Asiakkaana 10 vuotta, jonotin 20 min")).toMatchObject({ wait_seconds: 1200 });
    expect(keywordEffort("waited 2 hours, then 3 days for the reply")).toMatchObject({
      wait_seconds: 259200,
    });
    expect(keywordEffort("I called again and was transferred")).toEqual(
      reading({ repeat_contact: true, transfer: true }),
    );
  });
});

describe("the effort files", () => {
  it("name the file and line of a malformed or mislabelled line", () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "kohtaamo-effort-"));
    dirs.push(dir);
    const file = path.join(dir, "fi.jsonl");
    const ok = JSON.stringify(line("Soitin eilen."));
    fs.writeFileSync(file, `${ok}\n${JSON.stringify({ ...line("x"), wait_seconds: "1 h" })}\n`);
    expect(() => loadEffortLines(file)).toThrow(/fi\.jsonl:2/);
    fs.writeFileSync(file, `${ok}\n`);
    expect(loadEffortLines(file)).toHaveLength(1);
  });

  it.each(["fi", "en"] as const)(
    "the %s evaluation and development sets load, and share no message",
    (lang) => {
      const evaluation = loadEffortLines(EFFORT_EVAL_FILE(lang));
      const dev = loadEffortLines(EFFORT_DEV_FILE(lang));
      expect(evaluation.length).toBeGreaterThanOrEqual(200);
      expect(dev.length).toBeGreaterThanOrEqual(200);
      expect(new Set(evaluation.map((l) => l.id)).size).toBe(evaluation.length);
      const devTexts = new Set(dev.map((l) => l.text.trim().toLowerCase()));
      expect(evaluation.filter((l) => devTexts.has(l.text.trim().toLowerCase()))).toEqual([]);
      expect(evaluation.every((l) => l.lang === lang) && dev.every((l) => l.lang === lang)).toBe(true);
    },
  );
});
