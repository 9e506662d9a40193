import { describe, expect, it } from "vitest";
import { SMALL_SAMPLE } from "../../../src/stats/nps-estimate.ts";
import { FEW_ANSWERS } from "./themes-shared.tsx";

describe("the few-answers floor the themes chart states", () => {
  it("is the API's small-sample floor, below which an impact carries a warning", () => {
    expect(FEW_ANSWERS).toBe(SMALL_SAMPLE);
  });
});
