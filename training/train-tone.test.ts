import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { TONES } from "./corpus.ts";
import { toneAuthorLines } from "./train-tone.ts";

const line = (o: Record<string, unknown>) =>
  JSON.stringify({ speaker: "customer", channel: "chat", tone: "negative", ...o });

describe("toneAuthorLines: the tone-only authors' lines (training/tone)", () => {
  const dirs: string[] = [];
  const folder = (files: Record<string, string>) => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "kohtaamo-tone-"));
    dirs.push(dir);
    for (const [name, text] of Object.entries(files)) fs.writeFileSync(path.join(dir, name), text);
    return dir;
  };
  afterEach(() => {
    for (const d of dirs.splice(0)) fs.rmSync(d, { recursive: true, force: true });
  });

  it("reads only the files of the language asked, each line with its file and line number", () => {
    const dir = folder({
      "fi-x.jsonl": `${line({ text: "Miksi lasku on taas väärin?", lang: "fi" })}\n\n${line({ text: "Kiitos!", lang: "fi", tone: "positive" })}\n`,
      "en-x.jsonl": `${line({ text: "Why is my bill wrong again?", lang: "en" })}\n`,
      "fi-notes.txt": "not read",
    });
    const fi = toneAuthorLines("fi", dir);
    expect(fi.map((u) => [u.text, u.tone, u.source])).toEqual([
      ["Miksi lasku on taas väärin?", "negative", "fi-x.jsonl:1"],
      ["Kiitos!", "positive", "fi-x.jsonl:3"],
    ]);
    expect(toneAuthorLines("en", dir).map((u) => u.source)).toEqual(["en-x.jsonl:1"]);
  });

  it("stops on a line of the wrong language or without a valid tone, naming the file and line", () => {
    const wrongLang = folder({ "fi-x.jsonl": `${line({ text: "Why?", lang: "en" })}\n` });
    expect(() => toneAuthorLines("fi", wrongLang)).toThrow(/fi-x\.jsonl:1: lang is "en"/);
    const badTone = folder({
      "en-x.jsonl": `${line({ text: "Fine.", lang: "en" })}\n${line({ text: "Meh.", lang: "en", tone: "meh" })}\n`,
    });
    expect(() => toneAuthorLines("en", badTone)).toThrow(/en-x\.jsonl:2: tone/);
  });

  it("finds no folder as no lines", () => {
    expect(toneAuthorLines("fi", path.join(os.tmpdir(), "kohtaamo-no-such-folder"))).toEqual([]);
  });

  it("the shipped files are customers' lines of every tone, none repeated", () => {
    for (const lang of ["fi", "en"] as const) {
      const lines = toneAuthorLines(lang);
      expect(lines.length).toBeGreaterThan(300);
      expect(new Set(lines.map((u) => u.speaker))).toEqual(new Set(["customer"]));
      expect(new Set(lines.map((u) => u.tone))).toEqual(new Set(TONES));
      const keys = lines.map((u) => u.text.toLowerCase().replace(/\s+/g, " ").trim());
      expect(new Set(keys).size).toBe(keys.length);
    }
  });
});
