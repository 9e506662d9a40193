import { AsyncLocalStorage } from "node:async_hooks";
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

/** One set of theme names: its key (JSON of the themes, "null" for the shipped names), its version, its map. */
interface NamesScope {
  key: string;
  version: number;
  names: Map<string, LocalName> | null;
}

/** One version per distinct set of names seen by this process, so a cache keyed by it never mixes two. */
const versions = new Map<string, number>();

function scopeOf(themes: readonly { id: string; name: LocalName }[] | null): NamesScope {
  const key = JSON.stringify(themes);
  let version = versions.get(key);
  if (version === undefined) {
    version = versions.size;
    versions.set(key, version);
  }
  return { key, version, names: themes ? new Map(themes.map((t) => [t.id, t.name])) : null };
}

/** The process's names: what the server sets before each API request. */
let processNames: NamesScope = scopeOf(null);
/** Names of one computation (withThemeNames), seen only by the code it awaits. */
const scoped = new AsyncLocalStorage<NamesScope>();

function current(): NamesScope {
  return scoped.getStore() ?? processNames;
}

/**
 * The names of the workspace's edited taxonomy (saved in the database; the server sets them before
 * each API request, see server/taxonomy-routes.ts), or null for the names of models/taxonomy.json.
 */
export function setWorkspaceThemeNames(themes: readonly { id: string; name: LocalName }[] | null): void {
  if (JSON.stringify(themes) === processNames.key) return;
  processNames = scopeOf(themes);
}

/**
 * Runs `fn` with other theme names than the process's (e.g. the reports.intervals job computing a
 * report another process asked for under its names): only `fn` and what it awaits see them, so a
 * request this process answers meanwhile keeps the process's names. Why not set and restore them:
 * every await in between lets a request run under the wrong names (AsyncLocalStorage scopes them).
 * Example: `await withThemeNames(null, () => themesReport(store, {}))` names themes as shipped.
 */
export function withThemeNames<T>(themes: readonly { id: string; name: LocalName }[] | null, fn: () => T): T {
  return scoped.run(scopeOf(themes), fn);
}

/**
 * The theme names in effect (JSON, "null" for the shipped names): the same in every process that
 * set the same names, so a report stored by one process can be matched by another.
 */
export function themeNamesKey(): string {
  return current().key;
}

/** Differs between any two sets of theme names in effect: part of the key of a cached report. */
export function themeNamesVersion(): number {
  return current().version;
}

/** The name of a theme, or its id in both languages when the taxonomy no longer has it. */
export function themeName(id: string): LocalName {
  return current().names?.get(id) ?? taxonomy().themes.get(id)?.name ?? { fi: id, en: id };
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
