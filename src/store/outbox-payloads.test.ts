import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { NOTIFICATION_PAYLOADS, type NotificationEvent } from "../domain/notification-events.ts";
import { payloadJson } from "./outbox-payloads.ts";

/** What the outbox stored before the compiled check: zod's parse, as JSON; or the error zod throws. */
function viaZod(event: NotificationEvent): { json: string } | { error: true } {
  try {
    return {
      json: JSON.stringify(
        (NOTIFICATION_PAYLOADS[event.type] as { parse(v: unknown): unknown }).parse(event.payload),
      ),
    };
  } catch {
    return { error: true };
  }
}

function viaCompiled(event: NotificationEvent): { json: string } | { error: true } {
  try {
    return { json: payloadJson(event) };
  } catch {
    return { error: true };
  }
}

const opened = {
  case_id: "0193a7f0-0000-7000-8000-000000000001",
  rule: "nps_detractor",
  source: { kind: "response", id: "resp-1" },
  team: "Laskutus",
  owner_id: null,
  status: "new",
  due_at: "2026-12-05T10:00:00.000Z",
  path: "/cases/0193a7f0-0000-7000-8000-000000000001",
};

const event = (type: NotificationEvent["type"], payload: unknown) => ({ type, payload }) as NotificationEvent;

describe("payloadJson", () => {
  it("stores what the schema keeps, in its order, and drops fields it does not name", () => {
    const json = payloadJson(
      event("case.opened", {
        secret: "never stored",
        ...opened,
        source: { id: "resp-1", comment: "never stored either", kind: "response" },
      }),
    );
    expect(json).toBe(JSON.stringify(opened));
    expect(json).not.toContain("never stored");
  });

  it("rejects what the schema rejects, with zod's error", () => {
    expect(() => payloadJson(event("case.opened", { ...opened, rule: "no_such_rule" }))).toThrow(/rule/);
    expect(() => payloadJson(event("case.opened", { ...opened, team: undefined }))).toThrow(/team/);
    expect(() => payloadJson(event("case.opened", { ...opened, source: null }))).toThrow(/source/);
    expect(() => payloadJson(event("case.opened", [opened]))).toThrow();
  });

  it("gives exactly zod's result for any payload of any event type", () => {
    const text = fc.oneof(fc.string(), fc.constantFrom("new", "response", "nps_detractor", "created"));
    const value = fc.oneof(text, fc.constant(null), fc.constant(undefined), fc.integer(), fc.boolean());
    // Payloads near the real shape (each field mostly valid, else mutated or missing) and arbitrary ones.
    const nearOpened = fc.record(
      Object.fromEntries(
        Object.entries(opened).map(([key, v]) => [
          key,
          fc.oneof(
            { arbitrary: fc.constant(v), weight: 12 },
            value,
            fc.record({ kind: value, id: value }, { requiredKeys: [] }),
          ),
        ]),
      ),
      { requiredKeys: [] },
    );
    const payload = fc.oneof(nearOpened, fc.object(), fc.anything());
    const type = fc.constantFrom(...(Object.keys(NOTIFICATION_PAYLOADS) as NotificationEvent["type"][]));
    fc.assert(
      fc.property(type, payload, (t, p) => {
        expect(viaCompiled(event(t, p))).toEqual(viaZod(event(t, p)));
      }),
      { numRuns: 3000 },
    );
  });
});
