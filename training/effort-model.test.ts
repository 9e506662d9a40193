import fs from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { type EffortLine, loadEffortLines } from "../evaluation/effort.ts";
import { EFFORT_SCREEN, effortLabelsOf, effortTrainingLines, emailNegatives } from "./effort-model.ts";

const DEV = path.join(path.dirname(fileURLToPath(import.meta.url)), "dev");
const stated = (l: EffortLine) => effortLabelsOf(l).length > 0;

describe("the e-mail sentences the effort model learns as stating no effort", () => {
  it.each(["fi", "en"] as const)(
    "(%s) come only from sentences a screen finds no effort word in, and that screen catches every labelled effort line",
    (lang) => {
      // Every message the effort authors and the development sets label with effort is caught, so a
      // sentence that passes the screen is surely effort-free (a screen that let such lines through
      // would teach the model that effort is none).
      const labelled = [
        ...effortTrainingLines(lang),
        ...fs
          .readdirSync(DEV)
          .filter((f) => f.startsWith(`effort-${lang}`) && f.endsWith(".jsonl"))
          .flatMap((f) => loadEffortLines(path.join(DEV, f))),
      ].filter(stated);
      expect(labelled.length).toBeGreaterThan(1500);
      expect(labelled.filter((l) => !EFFORT_SCREEN[lang].test(l.text)).map((l) => l.id)).toEqual([]);

      const negatives = emailNegatives(lang);
      expect(negatives.length).toBeGreaterThan(300);
      for (const n of negatives) {
        expect(n.source).toMatch(/^email-sentences-/);
        expect(EFFORT_SCREEN[lang].test(n.text)).toBe(false);
        expect(stated(n)).toBe(false);
      }
    },
  );

  it("reads a sentence of contacting, trying or waiting as a possible effort line", () => {
    for (const [lang, text] of [
      ["fi", "Tämä on jo toinen viestini tästä laskusta."],
      ["fi", "Yritin tavoittaa teitä koko eilisen päivän."],
      ["fi", "Ootin linjalla puoli tuntia."],
      ["en", "This is my second message about the bill."],
      ["en", "I tried to reach you all day."],
      ["en", "Kept on hold for half an hour."],
    ] as const)
      expect(EFFORT_SCREEN[lang].test(text), text).toBe(true);
    expect(EFFORT_SCREEN.en.test("Best regards, Helen Marsh")).toBe(false);
    expect(EFFORT_SCREEN.fi.test("Ystävällisin terveisin, Matti Virtanen")).toBe(false);
  });
});
