import { describe, expect, it } from "vitest";
import { en } from "./en.ts";
import { fi } from "./fi.ts";

const placeholders = (text: string) => [...text.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();

describe("the Finnish and English dictionaries", () => {
  it("have the same keys", () => {
    const missingInFi = Object.keys(en).filter((k) => !(k in fi));
    const missingInEn = Object.keys(fi).filter((k) => !(k in en));
    expect({ missingInFi, missingInEn }).toEqual({ missingInFi: [], missingInEn: [] });
  });

  it("have a text for every key, with the same {placeholders} in both languages", () => {
    for (const [key, english] of Object.entries(en)) {
      const finnish = (fi as Record<string, string>)[key] ?? "";
      expect(english.trim(), `en ${key}`).not.toBe("");
      expect(finnish.trim(), `fi ${key}`).not.toBe("");
      expect(placeholders(finnish), key).toEqual(placeholders(english));
    }
  });

  it("name the pages as the issue asks", () => {
    const nav = ["overview", "encounters", "themes", "drivers", "teams", "consistency", "import"] as const;
    expect(nav.map((p) => fi[`nav.${p}`])).toEqual([
      "Yleiskuva",
      "Kohtaamiset",
      "Teemat",
      "Ajurit",
      "Tiimit",
      "Johdonmukaisuus",
      "Tuonti",
    ]);
    expect(nav.map((p) => en[`nav.${p}`])).toEqual([
      "Overview",
      "Encounters",
      "Themes",
      "Drivers",
      "Teams",
      "Consistency",
      "Import",
    ]);
  });
});
