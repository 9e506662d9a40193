/** The themes texts of the dashboard; merged into en.ts and fi.ts (dictionaries.test.ts checks both). */
export const themesEn = {} as const;

export const themesFi: Record<keyof typeof themesEn, string> = {};
