import { describe, expect, it } from "vitest";
import { detectHetus, isHetu } from "./hetu-detector.ts";
import { hetuCheck as hetuCheckChar } from "./pii-corpus-rng.ts";

const spans = (text: string) => detectHetus(text).map((m) => text.slice(m.start, m.end));

describe("detectHetus", () => {
  it("finds the official example and codes with every century sign", () => {
    expect(spans("Henkilötunnukseni on 131052-308T.")).toEqual(["131052-308T"]);
    for (const sign of ["-", "Y", "X", "W", "V", "U"]) {
      const code = `010594${sign}902${hetuCheckChar("010594", "902")}`;
      expect(isHetu(code), code).toBe(true);
    }
    for (const sign of ["A", "B", "C", "D", "E", "F"]) {
      const code = `290220${sign}123${hetuCheckChar("290220", "123")}`; // 29 Feb 2020: leap year
      expect(isHetu(code), code).toBe(true);
    }
    expect(isHetu(`150350+456${hetuCheckChar("150350", "456")}`)).toBe(true);
  });

  it("accepts lower case, and temporary individual numbers 900–999", () => {
    expect(spans("hetu 131052-308t")).toEqual(["131052-308t"]);
    expect(isHetu(`010101a950${hetuCheckChar("010101", "950")}`.toLowerCase())).toBe(true);
  });

  it("rejects a wrong check character", () => {
    expect(spans("131052-308A 131052-308U 131052-309T")).toEqual([]);
  });

  it("rejects impossible dates even with a matching check character", () => {
    for (const [date, sign] of [
      ["290221", "A"], // 29 Feb 2021
      ["290200", "-"], // 29 Feb 1900: not a leap year
      ["310422", "A"], // 31 April
      ["001390", "-"], // day 0, month 13
      ["320190", "-"],
    ] as const) {
      const code = `${date}${sign}123${hetuCheckChar(date, "123")}`;
      expect(isHetu(code), code).toBe(false);
    }
  });

  it("rejects unknown century signs, individual numbers 000–001 and codes glued to other text", () => {
    expect(isHetu(`131052G308${hetuCheckChar("131052", "308")}`)).toBe(false);
    expect(isHetu(`131052-001${hetuCheckChar("131052", "001")}`)).toBe(false);
    expect(spans("X131052-308T 131052-308T5 131052-308TT")).toEqual([]);
  });

  it("reports UTF-16 offsets after emoji", () => {
    const text = "😀😀 131052-308T";
    expect(detectHetus(text)).toEqual([{ kind: "hetu", start: 5, end: 16 }]);
  });
});
