import iconv from "iconv-lite";
import { describe, expect, it } from "vitest";
import { countingRepair, repairJson, repairMojibake } from "./mojibake.ts";

/** `text`'s UTF-8 bytes read as Windows-1252, as a program on the way did (undefined bytes as C1 controls). */
function throughWindows1252(text: string): string {
  let out = "";
  for (const byte of Buffer.from(text, "utf8")) {
    const char = iconv.decode(Buffer.from([byte]), "win1252");
    out += char === "\ufffd" ? String.fromCharCode(byte) : char;
  }
  return out;
}

describe("repairMojibake: cells saved through a wrong encoding, read as they were meant", () => {
  it("turns Finnish letters, the euro sign, quotes and dashes back", () => {
    const meant = "Hyvää päivää! Lasku 89,90 € oli ”väärä” – en ymmärrä, miksi. Åland, ÄÖ, café ’ok’";
    const damaged = throughWindows1252(meant);
    expect(damaged).toContain("pÃ¤ivÃ¤Ã¤");
    expect(damaged).toContain("â‚¬");
    expect(repairMojibake(damaged)).toBe(meant);
  });

  it("turns a double-encoded emoji back too, in a cell that is all of a piece", () => {
    const meant = "Kiitos avusta 😀 päivä pelastui";
    expect(repairMojibake(throughWindows1252(meant))).toBe(meant);
  });

  it("leaves text as it is when it is not such a cell", () => {
    for (const text of [
      "Hyvää päivää",
      "SÃO PAULO",
      "Ã",
      "pÃ¤ivÃ¤ ja oikea ä", // a correct ä beside: not all of one encoding
      "Kiitos 😀 pÃ¤ivÃ¤", // a character Windows-1252 has no byte for
      "plain ASCII text",
      "",
    ])
      expect(repairMojibake(text)).toBe(text);
  });

  it("leaves a cell whose bytes are not UTF-8 as it is", () => {
    // "Ã" then "(" : the bytes C3 28 are not UTF-8.
    expect(repairMojibake("Ã¤Ã(")).toBe("Ã¤Ã(");
  });
});

describe("repairJson: every string of a JSON line, keys included", () => {
  it("repairs values at any depth and renamed keys in their order, and counts each string once", () => {
    const line = {
      id: "e-1",
      [throughWindows1252("tiimi")]: throughWindows1252("Jyväskylä"),
      [throughWindows1252("päivä")]: "2026-12-01",
      turns: [
        { speaker: "customer", text: throughWindows1252("Lasku 89,90 € oli väärä") },
        { speaker: "agent", text: "Korjaan sen heti." },
      ],
      score: 3,
      resolved: null,
    };
    // Python's json.dumps escapes non-ASCII by default: the parsed strings carry the same marks.
    const parsed = JSON.parse(
      JSON.stringify(line).replace(
        /[\u0080-\uffff]/g,
        (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, "0")}`,
      ),
    );
    const repairs = { cells: 0 };
    const repaired = repairJson(parsed, countingRepair(repairs)) as Record<string, unknown>;
    expect(repaired).toEqual({
      id: "e-1",
      tiimi: "Jyväskylä",
      päivä: "2026-12-01",
      turns: [
        { speaker: "customer", text: "Lasku 89,90 € oli väärä" },
        { speaker: "agent", text: "Korjaan sen heti." },
      ],
      score: 3,
      resolved: null,
    });
    expect(Object.keys(repaired)).toEqual(["id", "tiimi", "päivä", "turns", "score", "resolved"]);
    // "tiimi" has nothing to repair; the value "Jyväskylä", the key "päivä" and the turn's text.
    expect(repairs.cells).toBe(3);
  });

  it("leaves a clean line as the same object", () => {
    const clean = { id: "r-1", comment: "Hyvää päivää", tags: ["a", "ä"], nested: { n: 1 } };
    const copy = structuredClone(clean);
    const repairs = { cells: 0 };
    expect(repairJson(clean, countingRepair(repairs))).toBe(clean);
    expect(clean).toEqual(copy);
    expect(repairs.cells).toBe(0);
  });
});
