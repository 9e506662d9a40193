import fs from "node:fs";
import path from "node:path";
import { MODELS_DIR } from "../analysis/default-analyzer.ts";
import type { Taxonomy, ThemeDefinition } from "../analysis/model/model-set.ts";
import { type TaxonomyProblem, taxonomyProblems } from "../analysis/taxonomy-check.ts";
import type { TextAnalyzer } from "../analysis/text-analyzer.ts";
import { KohtaamoError } from "../domain/index.ts";
import type { Store } from "../store/index.ts";

/** The taxonomy analysis uses in this workspace: the edited one saved in the database, else the shipped file. */
export interface WorkspaceTaxonomy {
  taxonomy: Taxonomy;
  source: "workspace" | "default";
  updatedAt: string | null;
  updatedBy: string | null;
}

let shipped: Taxonomy | undefined;

/** models/taxonomy.json, read once: the default, and what an edited taxonomy is checked against. */
export function shippedTaxonomy(): Taxonomy {
  shipped ??= JSON.parse(fs.readFileSync(path.join(MODELS_DIR, "taxonomy.json"), "utf8")) as Taxonomy;
  return shipped;
}

/**
 * The saved document as the analyzer's taxonomy; its version names the content (same edits, same
 * version). A theme shipped after the workspace saved its taxonomy (e.g. service_overall) joins
 * with its shipped names and patterns, and the shipped version joins the name: the document stays
 * valid to save back (every shipped theme must be listed) and analysis knows the new theme.
 */
function fromDocument(document: unknown, digest: string): Taxonomy {
  const doc = document as Pick<Taxonomy, "groups" | "themes">;
  const base = shippedTaxonomy();
  const saved = new Set(doc.themes.map((t) => t.id));
  const added = base.themes.filter((t) => !saved.has(t.id));
  const groups = [...doc.groups, ...base.groups.filter((g) => !doc.groups.some((d) => d.id === g.id))];
  return {
    version: `workspace-${digest.slice(0, 12)}${added.length > 0 ? `-${base.version}` : ""}`,
    groups,
    themes: [...doc.themes, ...added],
  };
}

export async function loadWorkspaceTaxonomy(store: Store): Promise<WorkspaceTaxonomy> {
  const stored = await store.taxonomy.current();
  if (!stored) return { taxonomy: shippedTaxonomy(), source: "default", updatedAt: null, updatedBy: null };
  return {
    taxonomy: fromDocument(stored.document, stored.digest),
    source: "workspace",
    updatedAt: stored.updatedAt,
    updatedBy: stored.updatedBy,
  };
}

/** "theme “billing” (fi), pattern “la*sku”: …" — what a 400 says about each problem. */
export function describeProblem(p: TaxonomyProblem): string {
  return `theme “${p.theme}”${p.lang ? ` (${p.lang})` : ""}${p.pattern !== undefined ? `, pattern “${p.pattern}”` : ""}: ${p.reason}`;
}

/**
 * Checks and saves a workspace's edited themes (the groups stay the shipped ones). A problem is
 * a bad_request naming each theme and pattern (details.problems), never a failure later in analysis.
 */
export async function saveWorkspaceTaxonomy(
  store: Store,
  themes: ThemeDefinition[],
  updatedBy: string,
): Promise<WorkspaceTaxonomy> {
  const base = shippedTaxonomy();
  const problems = taxonomyProblems(themes, base);
  if (problems.length > 0) {
    const shown = problems.slice(0, 5).map(describeProblem).join("; ");
    const more = problems.length > 5 ? ` (and ${problems.length - 5} more)` : "";
    throw new KohtaamoError("bad_request", `taxonomy not saved: ${shown}${more}`, { problems });
  }
  const document = { groups: base.groups, themes };
  const saved = await store.taxonomy.save(document, updatedBy);
  return {
    taxonomy: fromDocument(saved.document, saved.digest),
    source: "workspace",
    updatedAt: saved.updatedAt,
    updatedBy: saved.updatedBy,
  };
}

const cache = new Map<string, TextAnalyzer>();

/**
 * `base` (the shipped models) with the workspace's saved taxonomy, or `base` itself when none was
 * saved. Asked once per import batch and per reanalysis: one small query for the digest, and the
 * taxonomy is parsed and indexed only when it changed, so every process follows an edit.
 */
export async function workspaceAnalyzer(store: Store, base: TextAnalyzer): Promise<TextAnalyzer> {
  const digest = await store.taxonomy.digest();
  if (digest === null) return base;
  const key = `${base.version}\n${digest}`;
  const hit = cache.get(key);
  if (hit) return hit;
  const stored = await store.taxonomy.current();
  if (!stored) return base;
  const analyzer = base.withTaxonomy(fromDocument(stored.document, stored.digest));
  if (cache.size >= 4) cache.clear();
  cache.set(`${base.version}\n${stored.digest}`, analyzer);
  return analyzer;
}
