/** The teams texts of the dashboard; merged into en.ts and fi.ts (dictionaries.test.ts checks both). */
export const teamsEn = {} as const;

export const teamsFi: Record<keyof typeof teamsEn, string> = {};
