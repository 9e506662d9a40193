import { afterEach, describe, expect, it } from "vitest";
import {
  setWorkspaceThemeNames,
  themeName,
  themeNamesKey,
  themeNamesVersion,
  withThemeNames,
} from "./theme-names.ts";

const names = (label: string) => [{ id: "billing", name: { fi: `${label} fi`, en: `${label} en` } }];
const tick = () => new Promise<void>((r) => setImmediate(r));

describe("theme names per computation", () => {
  afterEach(() => setWorkspaceThemeNames(null));

  it("a computation under other names sees them across its awaits; the process keeps its own", async () => {
    setWorkspaceThemeNames(names("ours"));
    const seen: string[] = [];
    const other = withThemeNames(names("theirs"), async () => {
      for (let i = 0; i < 3; i++) {
        seen.push(`job ${themeName("billing").en}`);
        await tick();
      }
    });
    const request = (async () => {
      for (let i = 0; i < 3; i++) {
        seen.push(`request ${themeName("billing").en}`);
        await tick();
      }
    })();
    await Promise.all([other, request]);
    // Interleaved, each saw its own names every time.
    expect(seen).toEqual([
      "job theirs en",
      "request ours en",
      "job theirs en",
      "request ours en",
      "job theirs en",
      "request ours en",
    ]);
    expect(themeName("billing").en).toBe("ours en");
  });

  it("keys and versions follow the names in effect: equal names, equal version; others differ", () => {
    setWorkspaceThemeNames(names("ours"));
    const ours = { key: themeNamesKey(), version: themeNamesVersion() };
    const theirs = withThemeNames(names("theirs"), () => ({
      key: themeNamesKey(),
      version: themeNamesVersion(),
    }));
    expect(theirs.key).toBe(JSON.stringify(names("theirs")));
    expect(theirs.version).not.toBe(ours.version);
    expect(withThemeNames(names("ours"), () => themeNamesVersion())).toBe(ours.version);
    // The shipped names: key "null", and the shipped name of a theme.
    expect(withThemeNames(null, () => themeNamesKey())).toBe("null");
    expect(withThemeNames(null, () => themeName("billing").en)).not.toBe("ours en");
    expect(themeNamesKey()).toBe(ours.key);
  });
});
