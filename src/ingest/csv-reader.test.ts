import { describe, expect, it } from "vitest";
import { type CsvRow, detectDelimiter, readCsvRows } from "./csv-reader.ts";

async function rows(chunks: string[], delimiter: ";" | "," = ";"): Promise<CsvRow[]> {
  const out: CsvRow[] = [];
  for await (const row of readCsvRows(
    (async function* () {
      yield* chunks;
    })(),
    delimiter,
  ))
    out.push(row);
  return out;
}

describe("detectDelimiter", () => {
  it("reads the header line when the sample ends inside a long quoted cell with a line break", () => {
    // Found by the import fuzz test: the head handed to the sniffer was cut inside a quoted cell,
    // no delimiter parsed it, and "," won by default although the header is split by ";".
    const head = `id;answered_at;kind;score;comment\nr1;2020-01-01;nps;1;"a\n${'"'.repeat(40)}${"x".repeat(500)}`;
    expect(detectDelimiter(head)).toBe(";");
    expect(detectDelimiter(head.replaceAll(";", "\t"))).toBe("\t");
  });
  it("prefers the delimiter that splits lines consistently, respecting quotes", () => {
    expect(detectDelimiter("id;score;value\n1;9;12,5\n2;7;3,25\n")).toBe(";");
    expect(detectDelimiter('id,comment\n1,"a; b; c"\n2,"d; e"\n')).toBe(",");
    expect(detectDelimiter("id\tscore\n1\t9\n")).toBe("\t");
    expect(detectDelimiter("id|score\n1|9\n")).toBe("|");
    expect(detectDelimiter("id\n1\n")).toBe(",");
  });
});

describe("readCsvRows", () => {
  it("gives each row its first physical line, across CR LF split between chunks", async () => {
    const result = await rows(["a;b\r", '\n1;"multi\r\nline"\r\n\r\n2;', "x\r\n"]);
    expect(result).toEqual([
      { line: 1, ok: true, cells: ["a", "b"] },
      { line: 2, ok: true, cells: ["1", "multi\nline"] },
      { line: 5, ok: true, cells: ["2", "x"] },
    ]);
  });

  it("trims cells and skips rows that are entirely empty", async () => {
    const result = await rows(["a;b\n  1 ; 2 \n;\n  ;  \n3;4"]);
    expect(result.map((row) => [row.line, row.cells])).toEqual([
      [1, ["a", "b"]],
      [2, ["1", "2"]],
      [5, ["3", "4"]],
    ]);
  });

  it("reports a quote that is never closed instead of throwing, keeping earlier rows", async () => {
    const result = await rows(['a,b\n1,2\n3,"never closed\n4,5\n'], ",");
    expect(result).toEqual([
      { line: 1, ok: true, cells: ["a", "b"] },
      { line: 2, ok: true, cells: ["1", "2"] },
      {
        line: 3,
        ok: false,
        cells: [],
        reason: expect.stringContaining("never closed"),
        code: "quote_unclosed",
        params: {},
      },
    ]);
  });
});
