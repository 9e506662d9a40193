import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import type { RecordKind } from "../domain/index.ts";
import { openSource } from "./source-reader.ts";

/** The sample files under examples/ are documentation: each must import with no rejections. */
const EXAMPLES: [file: string, kind: RecordKind, count: number][] = [
  ["responses.csv", "responses", 10],
  ["responses.jsonl", "responses", 6],
  ["encounters.jsonl", "encounters", 5],
  ["encounters.csv", "encounters", 3],
  ["invitations.csv", "invitations", 8],
  ["pulse.csv", "pulse", 8],
  ["customers.csv", "customers", 9],
  ["agents.csv", "agents", 6],
  ["call.vtt", "encounters", 1],
  ["call.srt", "encounters", 1],
];

describe("examples/", () => {
  for (const [file, kind, count] of EXAMPLES) {
    it(`${file} imports as ${kind} without rejections`, async () => {
      const path = fileURLToPath(new URL(`../../examples/${file}`, import.meta.url));
      const source = await openSource(path, {
        kind,
        timeZone: "Europe/Helsinki",
        transcript: { startedAt: "2025-03-10T08:40:00+02:00" },
      });
      const rejected: unknown[] = [];
      let imported = 0;
      for await (const item of source.items) {
        if (item.ok) imported += 1;
        else rejected.push({ line: item.line, problems: item.problems });
      }
      expect(rejected).toEqual([]);
      expect(imported).toBe(count);
    });
  }
});
