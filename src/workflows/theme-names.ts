import fs from "node:fs";
import path from "node:path";
import { MODELS_DIR } from "../analysis/default-analyzer.ts";

export type LocalName = { fi: string; en: string };

let cached: Map<string, LocalName> | undefined;

/** Finnish and English names of the taxonomy's themes (models/taxonomy.json), read once. */
export function themeNames(): Map<string, LocalName> {
  if (!cached) {
    const file = path.join(MODELS_DIR, "taxonomy.json");
    const taxonomy = JSON.parse(fs.readFileSync(file, "utf8")) as {
      themes: { id: string; name: LocalName }[];
    };
    cached = new Map(taxonomy.themes.map((t) => [t.id, t.name]));
  }
  return cached;
}

/** The name of a theme, or its id in both languages when the taxonomy no longer has it. */
export function themeName(id: string): LocalName {
  return themeNames().get(id) ?? { fi: id, en: id };
}
