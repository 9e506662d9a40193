import fs from "node:fs";
import { describe, expect, it } from "vitest";
import { TRUTHS_FILE } from "../../scripts/write-demo-truths.ts";
import { demoTruthsJson, generateDemo } from "../../src/demo/index.ts";

describe("docs/demo-truths.json", () => {
  it("is the answer key of the demo workspace that start loads (regenerate with npm run demo:truths)", () => {
    expect(fs.readFileSync(TRUTHS_FILE, "utf8")).toBe(demoTruthsJson(generateDemo()));
  });
});
