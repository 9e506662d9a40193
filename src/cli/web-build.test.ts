import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { webBuildIsStale } from "./web-build.ts";

/** A web/ folder of its own, with mtimes set by hand: the real web/ is never touched. */
function webFolder(): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "kohtaamo-web-"));
  fs.mkdirSync(path.join(dir, "src", "pages"), { recursive: true });
  fs.writeFileSync(path.join(dir, "index.html"), "<!doctype html>");
  fs.writeFileSync(path.join(dir, "src", "pages", "page.tsx"), "export {};");
  return dir;
}

function build(dir: string, at: Date): void {
  fs.mkdirSync(path.join(dir, "dist"), { recursive: true });
  fs.writeFileSync(path.join(dir, "dist", "index.html"), "built");
  fs.utimesSync(path.join(dir, "dist", "index.html"), at, at);
}

function touch(file: string, at: Date): void {
  fs.utimesSync(file, at, at);
}

describe("webBuildIsStale", () => {
  const made: string[] = [];
  afterEach(() => {
    for (const d of made.splice(0)) fs.rmSync(d, { recursive: true, force: true });
  });
  const earlier = new Date("2026-01-01T00:00:00Z");
  const later = new Date("2026-01-02T00:00:00Z");

  it("is stale without a build", () => {
    const dir = webFolder();
    made.push(dir);
    expect(webBuildIsStale(dir)).toBe(true);
  });

  it("is fresh when the build is newer than every source, and stale once a nested source changes", () => {
    const dir = webFolder();
    made.push(dir);
    const page = path.join(dir, "src", "pages", "page.tsx");
    for (const f of [
      path.join(dir, "index.html"),
      page,
      path.join(dir, "src", "pages"),
      path.join(dir, "src"),
    ]) {
      touch(f, earlier);
    }
    build(dir, later);
    expect(webBuildIsStale(dir)).toBe(false);
    touch(page, new Date("2026-01-03T00:00:00Z"));
    expect(webBuildIsStale(dir)).toBe(true);
  });
});
