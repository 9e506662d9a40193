/** The import texts of the dashboard; merged into en.ts and fi.ts (dictionaries.test.ts checks both). */
export const importEn = {} as const;

export const importFi: Record<keyof typeof importEn, string> = {};
