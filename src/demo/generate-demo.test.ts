import { describe, expect, it } from "vitest";
import { SCHEMA_OF_KIND } from "../domain/index.ts";
import { demoTruthsJson, generateDemo } from "./index.ts";

const ws = generateDemo();

describe("generateDemo: determinism and shape", () => {
  it("counts in its truths exactly the records it generated", () => {
    expect(ws.truths.counts).toEqual({
      teams: ws.teams.length,
      agents: ws.agents.length,
      customers: ws.customers.length,
      encounters: ws.encounters.length,
      invitations: ws.invitations.length,
      responses: ws.responses.length,
      npsResponses: ws.responses.filter((r) => r.kind === "nps").length,
      pulse: ws.pulse.length,
    });
  });

  it("is byte-identical for the same options and differs for another seed", () => {
    const again = generateDemo();
    expect(JSON.stringify(again)).toBe(JSON.stringify(ws));
    const small = { seed: 7, scale: 0.2 };
    expect(JSON.stringify(generateDemo(small))).toBe(JSON.stringify(generateDemo(small)));
    expect(JSON.stringify(generateDemo({ ...small, seed: 8 }))).not.toBe(JSON.stringify(generateDemo(small)));
  });

  it("treats explicitly undefined options as defaults", () => {
    const viaUndefined = generateDemo({ seed: undefined, scale: 0.1 });
    expect(JSON.stringify(viaUndefined)).toBe(JSON.stringify(generateDemo({ scale: 0.1 })));
  });

  it("every record passes its zod schema", () => {
    const kinds = ["encounters", "responses", "invitations", "pulse", "customers", "agents"] as const;
    for (const kind of kinds) {
      const schema = SCHEMA_OF_KIND[kind];
      const bad = ws[kind].map((r) => schema.safeParse(r)).filter((r) => !r.success);
      expect(bad.length, `${kind}: ${bad[0]?.error?.message ?? ""}`).toBe(0);
    }
  });

  it("has the intended sizes at scale 1", () => {
    expect(ws.teams).toHaveLength(5);
    expect(ws.agents.length).toBeGreaterThanOrEqual(25);
    expect(ws.customers).toHaveLength(1500);
    expect(ws.encounters.length).toBeGreaterThanOrEqual(6000);
    expect(ws.encounters.length).toBeLessThanOrEqual(8000);
    const nps = ws.responses.filter((r) => r.kind === "nps").length;
    expect(nps).toBeGreaterThanOrEqual(1900);
    expect(nps).toBeLessThanOrEqual(3000);
    expect(ws.responses.some((r) => r.kind === "csat")).toBe(true);
    expect(ws.responses.some((r) => r.kind === "ces")).toBe(true);
    const rate = ws.responses.length / ws.invitations.length;
    expect(rate).toBeGreaterThan(0.25);
    expect(rate).toBeLessThan(0.35);
    const commented = ws.responses.filter((r) => r.comment).length / ws.responses.length;
    expect(commented).toBeGreaterThan(0.5);
    expect(commented).toBeLessThan(0.7);
  });

  it("uses stable, readable ids", () => {
    expect(ws.encounters[0]?.id).toBe("enc-000001");
    expect(ws.responses.every((r) => /^resp-\d{6}$/.test(r.id))).toBe(true);
    expect(ws.invitations.every((r) => /^inv-\d{6}$/.test(r.id))).toBe(true);
    expect(ws.pulse.every((r) => /^pulse-\d{6}$/.test(r.id))).toBe(true);
    expect(ws.customers.every((r) => /^cust-\d{6}$/.test(r.id))).toBe(true);
    expect(ws.agents.every((r) => /^agent-\d{2}$/.test(r.id))).toBe(true);
    expect(ws.teams.map((t) => t.id)).toContain("Tekninen tuki");
  });

  it("keeps references and timestamps consistent", () => {
    const enc = new Map(ws.encounters.map((e) => [e.id, e]));
    const inv = new Map(ws.invitations.map((i) => [i.encounterId, i]));
    expect(inv.size).toBe(ws.invitations.length);
    const agentIds = new Set(ws.agents.map((a) => a.id));
    const customerIds = new Set(ws.customers.map((c) => c.id));
    for (const e of ws.encounters) {
      expect(customerIds.has(e.customerId as string)).toBe(true);
      if (e.agent) expect(agentIds.has(e.agent)).toBe(true);
    }
    for (const r of ws.responses) {
      const e = enc.get(r.encounterId as string);
      const i = inv.get(r.encounterId);
      expect(e && i).toBeTruthy();
      if (!e || !i) continue;
      expect(r.customerId).toBe(e.customerId);
      expect(r.channel).toBe(e.channel);
      expect(r.kind).toBe(i.kind);
      expect(i.sentAt >= (e.endedAt as string)).toBe(true);
      expect(r.answeredAt > i.sentAt).toBe(true);
    }
    const months = new Set(ws.truths.months);
    expect(ws.truths.months).toHaveLength(12);
    expect(ws.truths.months.at(-1)).toBe("2026-10");
    expect(ws.pulse.every((p) => months.has(p.period))).toBe(true);
  });

  it("validates options", () => {
    expect(() => generateDemo({ endMonth: "2026-13" })).toThrow(/endMonth/);
    expect(() => generateDemo({ months: 3 })).toThrow(/months/);
    expect(() => generateDemo({ scale: 0 })).toThrow(/scale/);
  });

  it("writes JSON-serialisable truths", () => {
    const json = demoTruthsJson(ws);
    expect(JSON.parse(json)).toEqual(ws.truths);
    expect(ws.truths.version).toBe(1);
    expect(ws.truths.drivers.drivers).toEqual(["billing", "waiting"]);
    expect(ws.truths.leadingIndicator.leadMonths).toBe(2);
    for (const n of ws.truths.noise) expect(n.description.length).toBeGreaterThan(20);
  });

  it("honours endMonth, months and scale", () => {
    const small = generateDemo({ endMonth: "2025-06", months: 8, scale: 0.1 });
    expect(small.truths.months[0]).toBe("2024-11");
    expect(small.truths.months.at(-1)).toBe("2025-06");
    expect(small.encounters.length).toBeLessThan(800);
    expect(small.encounters.every((e) => e.startedAt >= "2024-10-31" && e.startedAt < "2025-07-01")).toBe(
      true,
    );
  });
});
