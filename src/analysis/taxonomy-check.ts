import type { Taxonomy, ThemeDefinition } from "./model/model-set.ts";
import { tokenize } from "./text/tokenize.ts";

/** What is wrong with one pattern (or one theme), in words an analyst can act on. */
export interface TaxonomyProblem {
  /** Which rule: for a translated message (the dashboard); `reason` says it in English. */
  code: ProblemCode;
  theme: string;
  lang?: "fi" | "en";
  pattern?: string;
  reason: string;
}

export type ProblemCode =
  | "empty"
  | "too_long"
  | "too_many_words"
  | "bare_wildcard"
  | "inner_wildcard"
  | "short_wildcard"
  | "split"
  | "folded"
  | "unknown_theme"
  | "duplicate_theme"
  | "missing_theme"
  | "empty_name"
  | "too_many_patterns"
  | "duplicate_pattern";

/** Limits that keep one text's matching cheap (word-patterns.ts indexes every pattern). */
export const PATTERN_LIMITS = { maxLength: 100, maxWords: 6, maxPerLanguage: 500, minWildcardCore: 3 };

/**
 * Why a word pattern (word-patterns.ts syntax: words, `*` at a word's start or end) cannot work,
 * or null when it can. A pattern is refused when it could never match (a `*` inside a word, or a
 * word the tokenizer splits or folds, such as "24-hour" or "4g"), or would match nearly every
 * text (a wildcard on fewer than three letters: "*a*").
 *
 * Example: patternProblem("lasku*") → null; patternProblem("la*sku")?.code → "inner_wildcard".
 */
export function patternProblem(pattern: string): { code: ProblemCode; reason: string } | null {
  const words = pattern.trim().toLowerCase().split(/\s+/).filter(Boolean);
  const no = (code: ProblemCode, reason: string) => ({ code, reason });
  if (words.length === 0) return no("empty", "the pattern is empty");
  if (pattern.length > PATTERN_LIMITS.maxLength)
    return no("too_long", `the pattern is longer than ${PATTERN_LIMITS.maxLength} characters`);
  if (words.length > PATTERN_LIMITS.maxWords)
    return no("too_many_words", `the pattern has more than ${PATTERN_LIMITS.maxWords} words`);
  for (const w of words) {
    const core = w.replace(/^\*+|\*+$/g, "");
    if (core === "") return no("bare_wildcard", "a word is only “*”: it would match every word");
    if (core.includes("*"))
      return no("inner_wildcard", `“*” may only stand at the start or end of a word (“${w}”)`);
    if (core !== w && [...core].length < PATTERN_LIMITS.minWildcardCore)
      return no(
        "short_wildcard",
        `“${w}” has fewer than ${PATTERN_LIMITS.minWildcardCore} letters besides “*”: it would match almost any word`,
      );
    const tokens = tokenize(core);
    const only = tokens[0];
    if (tokens.length !== 1 || !only || (only.kind !== "word" && only.kind !== "number"))
      return no(
        "split",
        `“${core}” is read as ${tokens.length} pieces (${tokens.map((t) => `“${t.text}”`).join(" ")}), so the pattern can never match: write them as separate words`,
      );
    if (only.text !== core)
      return no("folded", `“${core}” is read as “${only.text}”, so the pattern can never match`);
  }
  return null;
}

/**
 * Every problem of an edited taxonomy: theme ids must be those of `shipped` (the themes model
 * predicts exactly these labels), each once, with both names; every pattern must pass
 * patternProblem(). Patterns that `shipped` already holds for the same theme and language are
 * not judged again, so the shipped taxonomy can always be saved back unchanged.
 */
export function taxonomyProblems(themes: readonly ThemeDefinition[], shipped: Taxonomy): TaxonomyProblem[] {
  const problems: TaxonomyProblem[] = [];
  const known = new Map(shipped.themes.map((t) => [t.id, t]));
  const seen = new Set<string>();
  for (const theme of themes) {
    const base = known.get(theme.id);
    if (!base) {
      problems.push({
        code: "unknown_theme",
        theme: theme.id,
        reason: "unknown theme id (themes cannot be added or renamed by id)",
      });
      continue;
    }
    if (seen.has(theme.id))
      problems.push({ code: "duplicate_theme", theme: theme.id, reason: "the theme is listed twice" });
    seen.add(theme.id);
    for (const lang of ["fi", "en"] as const) {
      if (theme.name[lang].trim() === "")
        problems.push({ code: "empty_name", theme: theme.id, lang, reason: "the name is empty" });
      const patterns = theme.patterns?.[lang] ?? [];
      if (patterns.length > PATTERN_LIMITS.maxPerLanguage)
        problems.push({
          code: "too_many_patterns",
          theme: theme.id,
          lang,
          reason: `more than ${PATTERN_LIMITS.maxPerLanguage} patterns`,
        });
      const grandfathered = new Set(base.patterns?.[lang] ?? []);
      const unique = new Set<string>();
      for (const pattern of patterns) {
        if (unique.has(pattern)) {
          problems.push({
            code: "duplicate_pattern",
            theme: theme.id,
            lang,
            pattern,
            reason: "the pattern is listed twice",
          });
          continue;
        }
        unique.add(pattern);
        if (grandfathered.has(pattern)) continue;
        const problem = patternProblem(pattern);
        if (problem) problems.push({ ...problem, theme: theme.id, lang, pattern });
      }
    }
  }
  for (const id of known.keys())
    if (!seen.has(id))
      problems.push({
        code: "missing_theme",
        theme: id,
        reason: "the theme is missing (every theme must be listed)",
      });
  return problems;
}
