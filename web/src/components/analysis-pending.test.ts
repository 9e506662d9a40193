import { describe, expect, it } from "vitest";
import { analysisWarning } from "./analysis-pending.tsx";

const status = (mode: "inline" | "queue" | "auto" | "off", total: number, workers: number) => ({
  mode,
  pending: { total },
  workers,
});

describe("analysisWarning: when the overview warns about analysis", () => {
  it("says nothing when nothing waits and records are analysed as they come", () => {
    expect(analysisWarning(null)).toBe("none");
    expect(analysisWarning(status("inline", 0, 0))).toBe("none");
    expect(analysisWarning(status("auto", 0, 0))).toBe("none");
    expect(analysisWarning(status("off", 0, 0))).toBe("none");
    expect(analysisWarning(status("queue", 0, 2))).toBe("none");
  });

  it("reports a backlog that running workers are working through", () => {
    expect(analysisWarning(status("queue", 1234, 1))).toBe("backlog");
    expect(analysisWarning(status("auto", 10, 2))).toBe("backlog");
    expect(analysisWarning(status("inline", 5, 0))).toBe("backlog");
  });

  it("alerts when records wait, or will wait, for a worker that is not running", () => {
    expect(analysisWarning(status("queue", 1234, 0))).toBe("noWorker");
    expect(analysisWarning(status("queue", 0, 0))).toBe("noWorker");
    expect(analysisWarning(status("off", 7, 0))).toBe("noWorker");
    expect(analysisWarning(status("auto", 3, 0))).toBe("noWorker");
  });
});
