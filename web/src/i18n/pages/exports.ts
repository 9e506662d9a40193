/** The exports texts of the dashboard; merged into en.ts and fi.ts (dictionaries.test.ts checks both). */
export const exportsEn = {} as const;

export const exportsFi: Record<keyof typeof exportsEn, string> = {};
