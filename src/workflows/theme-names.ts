import fs from "node:fs";
import path from "node:path";
import { MODELS_DIR } from "../analysis/default-analyzer.ts";

export type LocalName = { fi: string; en: string };

interface TaxonomyNames {
  themes: Map<string, { name: LocalName; group: string }>;
  groups: Map<string, LocalName>;
}

let cached: TaxonomyNames | undefined;

function taxonomy(): TaxonomyNames {
  if (!cached) {
    const file = path.join(MODELS_DIR, "taxonomy.json");
    const t = JSON.parse(fs.readFileSync(file, "utf8")) as {
      groups: { id: string; name: LocalName }[];
      themes: { id: string; name: LocalName; group: string }[];
    };
    cached = {
      themes: new Map(t.themes.map((x) => [x.id, { name: x.name, group: x.group }])),
      groups: new Map(t.groups.map((g) => [g.id, g.name])),
    };
  }
  return cached;
}

let workspaceNames: Map<string, LocalName> | null = null;

/**
 * The names of the workspace's edited taxonomy (saved in the database; the server sets them before
 * each API request, see server/taxonomy-routes.ts), or null for the names of models/taxonomy.json.
 */
export function setWorkspaceThemeNames(themes: readonly { id: string; name: LocalName }[] | null): void {
  const key = JSON.stringify(themes);
  if (key === namesKey) return;
  namesKey = key;
  namesVersion++;
  workspaceNames = themes ? new Map(themes.map((t) => [t.id, t.name])) : null;
}

let namesKey = "null";
let namesVersion = 0;

/**
 * The workspace's theme names as set (JSON, "null" for the shipped names): the same in every process
 * that set the same names, so a report stored by one process can be matched by another.
 */
export function themeNamesKey(): string {
  return namesKey;
}

/** Changes whenever the workspace's theme names do: part of the key of a cached report. */
export function themeNamesVersion(): number {
  return namesVersion;
}

/** The name of a theme, or its id in both languages when the taxonomy no longer has it. */
export function themeName(id: string): LocalName {
  return workspaceNames?.get(id) ?? taxonomy().themes.get(id)?.name ?? { fi: id, en: id };
}

/** The taxonomy group a theme belongs to ("billing" → "billing_payments"), or "other". */
export function themeGroup(id: string): string {
  return taxonomy().themes.get(id)?.group ?? "other";
}

/** The name of a taxonomy group. */
export function groupName(id: string): LocalName {
  return taxonomy().groups.get(id) ?? { fi: "Muut", en: "Other" };
}

/** Whether the taxonomy knows this theme id: what filters accept. */
export function isThemeId(id: string): boolean {
  return taxonomy().themes.has(id);
}
