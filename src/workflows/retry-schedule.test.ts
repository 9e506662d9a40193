import { describe, expect, it } from "vitest";
import { MAX_ATTEMPTS, nextAttemptAt, RETRY_DELAYS_SECONDS } from "./retry-schedule.ts";

const NOW = "2026-03-02T12:00:00.000Z";
const secondsAfter = (iso: string | null) =>
  iso === null ? null : (Date.parse(iso) - Date.parse(NOW)) / 1000;

describe("retry schedule", () => {
  it("waits 5 s after the first failure, spread by ±20%", () => {
    expect(secondsAfter(nextAttemptAt(1, NOW, () => 0))).toBe(4);
    expect(secondsAfter(nextAttemptAt(1, NOW, () => 0.5))).toBe(5);
    expect(secondsAfter(nextAttemptAt(1, NOW, () => 0.999_999))).toBeCloseTo(6, 2);
  });

  it("grows to 10 h and stops after 8 attempts (about 27.6 h in all)", () => {
    const delays = Array.from({ length: MAX_ATTEMPTS }, (_, i) =>
      secondsAfter(nextAttemptAt(i + 1, NOW, () => 0.5)),
    );
    expect(delays).toEqual([...RETRY_DELAYS_SECONDS, null]);
    expect(MAX_ATTEMPTS).toBe(8);
    const total = RETRY_DELAYS_SECONDS.reduce((a, b) => a + b, 0) / 3600;
    expect(total).toBeCloseTo(27.6, 1);
  });
});
