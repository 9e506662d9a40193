/** The drivers texts of the dashboard; merged into en.ts and fi.ts (dictionaries.test.ts checks both). */
export const driversEn = {} as const;

export const driversFi: Record<keyof typeof driversEn, string> = {};
