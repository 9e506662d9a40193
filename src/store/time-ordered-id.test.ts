import { describe, expect, it } from "vitest";
import { timeOrderedId } from "./time-ordered-id.ts";

const UUID_V7 = /^[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;

describe("timeOrderedId", () => {
  it("is a version 7 UUID whose first 48 bits are the time in milliseconds", () => {
    const at = Date.UTC(2026, 11, 4, 12, 0, 0);
    const id = timeOrderedId(at + 1_000_000);
    expect(id).toMatch(UUID_V7);
    expect(Number.parseInt(id.slice(0, 8) + id.slice(9, 13), 16)).toBe(at + 1_000_000);
  });

  it("sorts in the order made, also for more ids in one millisecond than the sequence holds", () => {
    const at = Date.UTC(2027, 0, 1);
    const ids = Array.from({ length: 10_000 }, () => timeOrderedId(at));
    expect(new Set(ids).size).toBe(ids.length);
    expect([...ids].sort()).toEqual(ids);
    // A clock that goes back (another process, NTP) does not break the order either.
    const later = timeOrderedId(at - 5_000);
    expect(later > (ids.at(-1) as string)).toBe(true);
    for (const id of ids) expect(id).toMatch(UUID_V7);
  });
});
