import { InvalidArgumentError } from "commander";
import { describe, expect, it } from "vitest";
import { portNumber, positiveWholeNumber, wholeNumber } from "./number-options.ts";

describe("numeric CLI options", () => {
  it("accepts whole numbers in range", () => {
    expect(portNumber("0")).toBe(0);
    expect(portNumber(" 8080 ")).toBe(8080);
    expect(positiveWholeNumber("30")).toBe(30);
    expect(wholeNumber(-5, 5)("-5")).toBe(-5);
  });

  it("refuses what Number() and parseInt() let through as NaN or a silent prefix", () => {
    for (const bad of ["abc", "", "12abc", "1.5", "1e3", "0x10", "NaN", "Infinity", "99999999999999999999"]) {
      expect(() => positiveWholeNumber(bad), bad).toThrow(InvalidArgumentError);
    }
    expect(() => portNumber("65536")).toThrow("expected a whole number from 0 to 65535");
    expect(() => positiveWholeNumber("0")).toThrow("expected a whole number of at least 1");
    expect(() => positiveWholeNumber("-1")).toThrow("of at least 1");
  });
});
