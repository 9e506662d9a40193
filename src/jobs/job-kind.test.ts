import os from "node:os";
import { describe, expect, it } from "vitest";
import { backoffDelay } from "./job-kind.ts";
import { JOB_KINDS } from "./job-registry.ts";
import { isAlive, STALE_AFTER_MS } from "./worker-registry.ts";

describe("job kinds", () => {
  it("back off exponentially from the kind's base, capped at an hour", () => {
    const kind = { backoffMs: 1000 };
    expect([1, 2, 3, 4].map((n) => backoffDelay(kind, n))).toEqual([1000, 2000, 4000, 8000]);
    expect(backoffDelay(kind, 30)).toBe(3_600_000);
  });

  it("are registered once each, and periodic ones accept an empty payload", () => {
    const names = JOB_KINDS.map((k) => k.name);
    expect(new Set(names).size).toBe(names.length);
    expect(names).toEqual(
      expect.arrayContaining(["notifications.deliver", "retention.prune", "reanalysis.run"]),
    );
    for (const k of JOB_KINDS.filter((k) => k.every))
      expect(k.schema.safeParse({}).success, k.name).toBe(true);
    expect(JOB_KINDS.find((k) => k.name === "reanalysis.run")?.schema.safeParse({}).success).toBe(false);
  });
});

describe("runner liveness", () => {
  const now = Date.now();
  const fresh = new Date(now).toISOString();
  it("is alive while this machine's process lives and its heartbeat is fresh", () => {
    expect(isAlive({ pid: process.pid, host: os.hostname(), heartbeat_at: fresh }, now)).toBe(true);
    expect(isAlive({ pid: 1, host: "elsewhere", heartbeat_at: fresh }, now)).toBe(true);
  });
  it("is dead when its process is gone from this machine, or its heartbeat is stale anywhere", () => {
    expect(isAlive({ pid: 2 ** 22 + 12345, host: os.hostname(), heartbeat_at: fresh }, now)).toBe(false);
    const stale = new Date(now - STALE_AFTER_MS - 1).toISOString();
    expect(isAlive({ pid: process.pid, host: "elsewhere", heartbeat_at: stale }, now)).toBe(false);
  });
});
