export const LANGUAGES = ["fi", "en"] as const;
export type Language = (typeof LANGUAGES)[number];

export const LANGUAGE_STORAGE_KEY = "kohtaamo.lang";

function asLanguage(value: string | null | undefined): Language | undefined {
  const code = value?.trim().toLowerCase().slice(0, 2);
  return LANGUAGES.find((l) => l === code);
}

/**
 * The language to show: `?lang=` first (a shared link says which), then the choice saved on this
 * browser, then the browser's own preference order; Finnish when none of them is fi or en.
 */
export function pickLanguage(
  queryLang: string | null,
  saved: string | null,
  browserLanguages: readonly string[],
): Language {
  return (
    asLanguage(queryLang) ??
    asLanguage(saved) ??
    browserLanguages.map(asLanguage).find((l) => l !== undefined) ??
    "fi"
  );
}

/** BCP 47 locale for Intl: Finnish as written in Finland, English with day-month-year dates. */
export function localeOf(lang: Language): string {
  return lang === "fi" ? "fi-FI" : "en-GB";
}
