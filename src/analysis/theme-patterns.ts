import type { Taxonomy } from "./model/model-set.ts";
import { tokenize } from "./text/tokenize.ts";

/**
 * Theme patterns from the editable taxonomy (models/taxonomy.json), matched on word tokens.
 * A pattern is words separated by spaces; `*` at a word's end matches any ending ("lasku*":
 * laskun, laskutus), at its start any beginning ("*lasku*": sähkölaskussa) — the simplest syntax
 * that covers Finnish inflection and compounds, and that a CX analyst can edit without regexes.
 *
 * Each theme's patterns are compiled into one regular expression over " tok1 tok2 … ", so a text is
 * scanned once per theme.
 *
 * Example: patterns {billing: ["lasku*", "double charge*"]} find billing in "Laskussa on virhe".
 */
export class ThemePatterns {
  private readonly compiled: Record<"fi" | "en", { id: string; re: RegExp }[]>;

  constructor(taxonomy: Taxonomy) {
    const compile = (lang: "fi" | "en") =>
      taxonomy.themes.flatMap((t) => {
        const patterns = t.patterns?.[lang] ?? [];
        const alternatives = patterns.map(patternSource).filter((s) => s !== "");
        return alternatives.length > 0
          ? [{ id: t.id, re: new RegExp(`(?<= )(?:${alternatives.join("|")})(?= )`, "u") }]
          : [];
      });
    this.compiled = { fi: compile("fi"), en: compile("en") };
  }

  /** Theme ids whose patterns occur in the text, in taxonomy order. */
  match(text: string, lang: "fi" | "en"): string[] {
    const words = tokenize(text)
      .filter((t) => t.kind === "word" || t.kind === "number")
      .map((t) => t.text);
    if (words.length === 0) return [];
    const joined = ` ${words.join(" ")} `;
    const found: string[] = [];
    for (const { id, re } of this.compiled[lang]) if (re.test(joined)) found.push(id);
    return found;
  }
}

/** "*lasku* on" → "[^ ]*lasku[^ ]* on": words escaped, wildcards confined to one token. */
export function patternSource(pattern: string): string {
  return pattern
    .trim()
    .toLowerCase()
    .split(/\s+/)
    .filter((w) => w !== "" && w !== "*")
    .map((w) => {
      const lead = w.startsWith("*");
      const trail = w.endsWith("*");
      const core = w.replace(/^\*+|\*+$/g, "").replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
      return `${lead ? "[^ ]*" : ""}${core}${trail ? "[^ ]*" : ""}`;
    })
    .join(" ");
}
