import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { parse } from "csv-parse/sync";
import { describe, expect, it } from "vitest";
import { because } from "../domain/index.ts";
import { RejectsWriter, storedProblems } from "./rejects-writer.ts";

const dir = fs.mkdtempSync(path.join(os.tmpdir(), "kohtaamo-rejects-"));
const rejection = {
  line: 3,
  problems: [{ field: "score", ...because("score_range", "must be 0–10 for NPS (got 11)", { got: 11 }) }],
};

async function written(name: string, structured?: boolean): Promise<string[]> {
  const writer = new RejectsWriter(path.join(dir, name), undefined, structured);
  await writer.write(rejection, { id: "w-2", score: "11" });
  return fs
    .readFileSync((await writer.close()) ?? "", "utf8")
    .trim()
    .split("\n");
}

describe("rejects files", () => {
  it("keep the CLI's columns, and in a structured file each row's problems with their codes", async () => {
    expect(await written("plain.csv")).toEqual([
      "_line;_reason;id;score",
      "3;score: must be 0–10 for NPS (got 11);w-2;11",
    ]);
    const [header, row] = await written("web.csv", true);
    expect(header).toBe("_line;_reason;_problems;id;score");
    expect(row).toMatch(/^3;score: must be 0–10 for NPS \(got 11\);".*";w-2;11$/);
    const cells = (parse(`${row}\n`, { delimiter: ";" }) as string[][])[0] ?? [];
    const json = cells[2];
    expect(storedProblems(json)).toEqual(rejection.problems);
  });

  it("read back only problems of a known shape, and codes this version knows", () => {
    const stored = [
      { field: "score", reason: "is odd", code: "from_a_newer_version", params: { a: "1" } },
      { field: "id", reason: "must not contain spaces", code: "no_spaces", params: { n: 5, ok: "x" } },
      { reason: "no field" },
      "not an object",
    ];
    expect(storedProblems(JSON.stringify(stored))).toEqual([
      { field: "score", reason: "is odd" },
      { field: "id", reason: "must not contain spaces", code: "no_spaces", params: { ok: "x" } },
    ]);
    expect(storedProblems("{broken")).toEqual([]);
    expect(storedProblems(undefined)).toEqual([]);
  });
});
