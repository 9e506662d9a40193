/** The export texts of the dashboard; merged into en.ts and fi.ts (dictionaries.test.ts checks both). */
export const exportsEn = {
  "export.label": "Export",
  "export.as": "Export {what} as {format}",
} as const;

export const exportsFi: Record<keyof typeof exportsEn, string> = {
  "export.label": "Vie",
  "export.as": "Vie {what} muodossa {format}",
};
