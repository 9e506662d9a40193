import { describe, expect, it } from "vitest";
import { pendingPollDelay } from "./use-api.ts";

describe("pendingPollDelay", () => {
  it("asks again soon at first, then less often, never slower than every 15 s and never giving up", () => {
    expect(pendingPollDelay(0)).toBe(1500);
    const delays = Array.from({ length: 60 }, (_, i) => pendingPollDelay(i));
    for (let i = 1; i < delays.length; i++) expect(delays[i]).toBeGreaterThanOrEqual(delays[i - 1] as number);
    expect(Math.max(...delays)).toBe(15_000);
    // Within the first minute it still asks at least 10 times, so a quick job shows up quickly.
    let elapsed = 0;
    let polls = 0;
    while (elapsed + pendingPollDelay(polls) <= 60_000) elapsed += pendingPollDelay(polls++);
    expect(polls).toBeGreaterThanOrEqual(10);
    // After an hour of waiting it is still asking (about every 15 s).
    expect(pendingPollDelay(10_000)).toBe(15_000);
  });
});
