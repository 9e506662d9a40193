import fs from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { INTENT_THEMES, themeUtterance } from "./banking77.ts";
import { PATTERN_ONLY, THEME_LABELS } from "./theme-model.ts";

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const taxonomy = JSON.parse(fs.readFileSync(path.join(ROOT, "models", "taxonomy.json"), "utf8")) as {
  themes: { id: string }[];
};

describe("BANKING77 intent → theme mapping", () => {
  it("maps every intent to a theme of the taxonomy that the themes model learns", () => {
    const ids = new Set(taxonomy.themes.map((t) => t.id));
    for (const [intent, theme] of Object.entries(INTENT_THEMES)) {
      expect(ids.has(theme), `${intent} → ${theme}`).toBe(true);
      expect(PATTERN_ONLY.has(theme), `${intent} → ${theme} is pattern-only`).toBe(false);
      expect(THEME_LABELS).toContain(theme);
    }
  });

  it("turns a line into a themes-only utterance naming its intent", () => {
    const u = themeUtterance({
      text: "My card has not arrived yet.",
      intent: "card_arrival",
      theme: "delivery",
    });
    expect(u.themes).toEqual([{ id: "delivery", polarity: "neutral" }]);
    expect(u.source).toBe("banking77:card_arrival");
    expect(u.lang).toBe("en");
  });
});
