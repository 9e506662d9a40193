import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { loadDefaultAnalyzer } from "../../src/analysis/default-analyzer.ts";
import {
  loadWorkspaceTaxonomy,
  saveWorkspaceTaxonomy,
  shippedTaxonomy,
  workspaceAnalyzer,
} from "../../src/ingest/workspace-taxonomy.ts";
import type { Store } from "../../src/store/index.ts";
import { DIALECTS, freshStore } from "../support/databases.ts";

/**
 * A workspace that saved its edited taxonomy before a release added a theme (service_overall,
 * issue 11) keeps its edits, gets the new theme with its shipped names and patterns, and can save
 * the taxonomy back (every shipped theme must be listed).
 */
for (const dialect of DIALECTS) {
  describe(`a taxonomy saved before a theme was added, on ${dialect}`, () => {
    let store: Store;
    let dispose: () => Promise<void>;

    beforeAll(async () => {
      ({ store, dispose } = await freshStore(dialect));
      const shipped = shippedTaxonomy();
      const older = shipped.themes
        .filter((t) => t.id !== "service_overall")
        .map((t) => (t.id === "billing" ? { ...t, name: { fi: "Laskut", en: "Bills" } } : t));
      await store.taxonomy.save({ groups: shipped.groups, themes: older }, "admin@example.com");
    });
    afterAll(async () => {
      await dispose();
    });

    it("keeps the workspace's edits and adds the new theme from the shipped taxonomy", async () => {
      const { taxonomy, source } = await loadWorkspaceTaxonomy(store);
      expect(source).toBe("workspace");
      expect(taxonomy.themes).toHaveLength(shippedTaxonomy().themes.length);
      expect(taxonomy.themes.find((t) => t.id === "billing")?.name.en).toBe("Bills");
      expect(taxonomy.themes.find((t) => t.id === "service_overall")?.name).toEqual({
        fi: "Palvelu yleisesti",
        en: "Service overall",
      });
      expect(taxonomy.version).toContain(shippedTaxonomy().version);
    });

    it("can be saved back as it is loaded, and analysis finds the new theme", async () => {
      const { taxonomy } = await loadWorkspaceTaxonomy(store);
      const saved = await saveWorkspaceTaxonomy(store, taxonomy.themes, "admin@example.com");
      expect(saved.taxonomy.themes.map((t) => t.id)).toEqual(taxonomy.themes.map((t) => t.id));
      const analyzer = await workspaceAnalyzer(store, loadDefaultAnalyzer());
      expect(analyzer.analyzeText("Hyvä palvelu.", "fi").themes.map((t) => t.id)).toEqual([
        "service_overall",
      ]);
    });
  });
}
