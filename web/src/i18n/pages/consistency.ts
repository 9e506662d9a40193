/** The consistency texts of the dashboard; merged into en.ts and fi.ts (dictionaries.test.ts checks both). */
export const consistencyEn = {} as const;

export const consistencyFi: Record<keyof typeof consistencyEn, string> = {};
