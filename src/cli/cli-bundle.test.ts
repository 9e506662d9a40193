import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, describe, expect, it } from "vitest";
import { cliBundle } from "./cli-bundle.mjs";

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../..");
const tmp = fs.mkdtempSync(path.join(os.tmpdir(), "kohtaamo-cli-bundle-"));
afterAll(() => fs.rmSync(tmp, { recursive: true, force: true }));

/** A checkout of its own (src/ copied), so a file can be edited without touching the real one. */
function checkout(): { root: string; cache: string } {
  const root = fs.mkdtempSync(path.join(tmp, "root-"));
  fs.cpSync(path.join(ROOT, "src"), path.join(root, "src"), { recursive: true });
  return { root, cache: path.join(root, "cache") };
}

const bundled = (url: string) =>
  fs
    .readdirSync(path.dirname(fileURLToPath(url)))
    .filter((f) => f.endsWith(".mjs"))
    .map((f) => fs.readFileSync(path.join(path.dirname(fileURLToPath(url)), f), "utf8"))
    .join("\n");

describe("the bundle the kohtaamo commands run from", () => {
  it("is built once, used while its sources are unchanged, and built again when one changes", async () => {
    const { root, cache } = checkout();
    const first = (await cliBundle(root, cache))?.analyze;
    expect(first).toBeTruthy();
    expect((await cliBundle(root, cache))?.analyze).toBe(first);

    const lines = path.join(root, "src/analysis/analyze-lines.ts");
    const edited = fs
      .readFileSync(lines, "utf8")
      .replace("empty line, nothing to analyse", "empty line, edited after the first build");
    fs.writeFileSync(lines, edited);
    const second = (await cliBundle(root, cache))?.analyze;
    expect(second).not.toBeNull();
    expect(second).not.toBe(first);
    expect(bundled(second as string)).toContain("edited after the first build");
    expect(bundled(first as string)).not.toContain("edited after the first build");
    expect((await cliBundle(root, cache))?.analyze).toBe(second);
  });

  it("keeps the bundle when a file is touched but its content is the same (a fresh checkout)", async () => {
    const { root, cache } = checkout();
    const first = await cliBundle(root, cache);
    expect(first).not.toBeNull();
    const later = new Date(Date.now() + 60_000);
    fs.utimesSync(path.join(root, "src/cli/main.ts"), later, later);
    expect(await cliBundle(root, cache)).toEqual(first);
  });

  it("bundles every command, and a change to a file only the server uses builds it again", async () => {
    const { root, cache } = checkout();
    const first = await cliBundle(root, cache);
    expect(first).not.toBeNull();
    expect(path.dirname(first?.main as string)).toBe(path.dirname(first?.analyze as string));
    // The commands' definitions are in it (main.ts registers them), not only the analysis.
    expect(bundled(first?.main as string)).toContain("kohtaamo");
    const migrate = path.join(root, "src/cli/migrate-command.ts");
    const text = fs.readFileSync(migrate, "utf8");
    expect(text).toContain("Bring the database schema up to date");
    fs.writeFileSync(
      migrate,
      text.replace("Bring the database schema up to date", "migrate edited after the first build"),
    );
    const second = await cliBundle(root, cache);
    expect(second?.main).not.toBe(first?.main);
    expect(bundled(second?.main as string)).toContain("migrate edited after the first build");
  });

  it("keeps import.meta.url the source file's, so models/ is found as from the sources", async () => {
    const { root, cache } = checkout();
    const url = (await cliBundle(root, cache))?.analyze as string;
    const modelsDir = path.join(root, "src/analysis/model/models-dir.ts");
    expect(bundled(url)).toContain(JSON.stringify(`file://${modelsDir}`));
  });

  it("is not used, and tsx runs the sources instead, when it cannot be built", async () => {
    const { root, cache } = checkout();
    fs.appendFileSync(path.join(root, "src/analysis/analyze-lines.ts"), "\nexport const broken = ;\n");
    expect(await cliBundle(root, cache)).toBeNull();
  });
});
