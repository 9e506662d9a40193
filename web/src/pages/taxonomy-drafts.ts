import type {
  TaxonomyBody,
  TaxonomyProblemBody,
  TaxonomyThemeBody,
} from "../../../src/server/taxonomy-schemas.ts";
import { en, type MessageKey } from "../i18n/en.ts";
import type { Translate } from "../i18n/i18n-context.tsx";

export type Taxonomy = TaxonomyBody;
export type TaxonomyTheme = TaxonomyThemeBody;
export type Problem = TaxonomyProblemBody;
export type Lang = "fi" | "en";

/** A theme as its form holds it: lists as text, one item per line. */
export interface ThemeDraft {
  nameFi: string;
  nameEn: string;
  patternsFi: string;
  patternsEn: string;
  examplesFi: string;
  examplesEn: string;
}

export function draftOf(theme: TaxonomyTheme): ThemeDraft {
  return {
    nameFi: theme.name.fi,
    nameEn: theme.name.en,
    patternsFi: theme.patterns.fi.join("\n"),
    patternsEn: theme.patterns.en.join("\n"),
    examplesFi: theme.examples.fi.join("\n"),
    examplesEn: theme.examples.en.join("\n"),
  };
}

export function sameDraft(a: ThemeDraft, b: ThemeDraft): boolean {
  return (Object.keys(a) as (keyof ThemeDraft)[]).every((k) => a[k] === b[k]);
}

const lines = (text: string) =>
  text
    .split("\n")
    .map((l) => l.trim())
    .filter((l) => l !== "");

/** The PUT body's theme: every line that holds something, names trimmed. */
export function themeFromDraft(theme: TaxonomyTheme, d: ThemeDraft) {
  return {
    id: theme.id,
    name: { fi: d.nameFi.trim(), en: d.nameEn.trim() },
    ...(theme.description !== undefined ? { description: theme.description } : {}),
    patterns: { fi: lines(d.patternsFi), en: lines(d.patternsEn) },
    examples: { fi: lines(d.examplesFi), en: lines(d.examplesEn) },
  };
}

/** The problems of a refused save, from the 400's details (none when the answer had another shape). */
export function problemsOf(details: unknown): Problem[] {
  const problems = (details as { problems?: unknown } | null | undefined)?.problems;
  if (!Array.isArray(problems)) return [];
  return problems.filter(
    (p): p is Problem =>
      typeof p === "object" && p !== null && typeof (p as Problem).theme === "string" && "code" in p,
  );
}

/** A problem in the reader's language: the theme's name, the language and pattern, and why. */
export function describeProblem(t: Translate, p: Problem, themeName: string): string {
  const key = `taxonomy.problem.${p.code}`;
  const reason = key in en ? t(key as MessageKey) : p.reason;
  const langName = p.lang ? t(p.lang === "fi" ? "taxonomy.langFi" : "taxonomy.langEn") : "";
  if (p.pattern !== undefined)
    return t("taxonomy.problemPattern", { theme: themeName, lang: langName, pattern: p.pattern, reason });
  if (p.lang) return t("taxonomy.problemName", { theme: themeName, lang: langName, reason });
  return t("taxonomy.problemTheme", { theme: themeName, reason });
}
