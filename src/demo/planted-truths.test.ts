import { describe, expect, it } from "vitest";
import type { SurveyResponse } from "../domain/index.ts";
import { generateDemoWithLabels } from "./index.ts";
import { expectedNps } from "./scoring.ts";

/** Checks each planted truth directly on the generated records (labels only where records lack a field). */
const { workspace: ws, labels } = generateDemoWithLabels();
const enc = new Map(ws.encounters.map((e) => [e.id, e]));
const npsResponses = ws.responses.filter((r) => r.kind === "nps");
const monthOf = (r: SurveyResponse): string =>
  (enc.get(r.encounterId as string)?.startedAt ?? "").slice(0, 7);
const labelOf = (r: SurveyResponse) => labels.encounters[r.encounterId as string];

function nps(scores: number[]): number {
  const p = scores.filter((s) => s >= 9).length;
  const d = scores.filter((s) => s <= 6).length;
  return (100 * (p - d)) / scores.length;
}
const mean = (xs: number[]): number => xs.reduce((a, b) => a + b, 0) / xs.length;

describe("planted truths hold in the generated data", () => {
  it("1. billing errors and long waits drive detractors", () => {
    const isDriver = (r: SurveyResponse): boolean =>
      labelOf(r)?.theme === "billing" || (enc.get(r.encounterId as string)?.waitSeconds ?? 0) > 600;
    const driver = npsResponses.filter(isDriver).map((r) => r.score);
    const rest = npsResponses.filter((r) => !isDriver(r)).map((r) => r.score);
    expect(nps(driver)).toBeLessThan(nps(rest) - 60);
    // impact = share × NPS gap; billing and waiting (theme or long wait) must be the top two
    const factors: Record<string, (r: SurveyResponse) => boolean> = {
      waiting: (r) => labelOf(r)?.themes.includes("waiting") ?? false,
    };
    for (const t of [
      "callback",
      "billing",
      "prices",
      "delivery",
      "returns_refunds",
      "product_defect",
      "app_login",
    ]) {
      factors[t] = (r) => labelOf(r)?.theme === t;
    }
    for (const t of ["website", "information", "contract_cancellation", "opening_hours", "chatbot"]) {
      factors[t] = (r) => labelOf(r)?.themes.includes(t as "chatbot") ?? false;
    }
    const impact = Object.entries(factors).map(([name, has]) => {
      const inX = npsResponses.filter(has).map((r) => r.score);
      const outX = npsResponses.filter((r) => !has(r)).map((r) => r.score);
      return { name, impact: (inX.length / npsResponses.length) * (nps(outX) - nps(inX)) };
    });
    impact.sort((a, b) => b.impact - a.impact);
    expect(new Set(impact.slice(0, 2).map((i) => i.name))).toEqual(new Set(ws.truths.drivers.drivers));
  });

  it("2. the lead team's pulse falls two months before its customers' scores", () => {
    const { team, enpsDropMonth, npsDropMonth } = ws.truths.leadingIndicator;
    const pulse = ws.pulse.filter((p) => p.team === team);
    const pulseBefore = mean(pulse.filter((p) => p.period < enpsDropMonth).map((p) => p.score));
    const pulseAfter = mean(pulse.filter((p) => p.period >= enpsDropMonth).map((p) => p.score));
    expect(pulseBefore - pulseAfter).toBeGreaterThan(2);
    const teamScores = (from: string, to: string): number[] =>
      npsResponses
        .filter((r) => r.team === team && monthOf(r) >= from && monthOf(r) < to)
        .map((r) => r.score);
    const before = teamScores("0000", enpsDropMonth);
    const window = teamScores(enpsDropMonth, npsDropMonth);
    const after = teamScores(npsDropMonth, "9999");
    expect(Math.abs(mean(window) - mean(before))).toBeLessThan(1);
    expect(mean(before) - mean(after)).toBeGreaterThan(1.5);
    // other teams' pulse has no such drop
    const others = ws.pulse.filter((p) => p.team !== team);
    const othersDrop =
      mean(others.filter((p) => p.period < enpsDropMonth).map((p) => p.score)) -
      mean(others.filter((p) => p.period >= enpsDropMonth).map((p) => p.score));
    expect(Math.abs(othersDrop)).toBeLessThan(0.5);
  });

  it("3. app_login emerges in the planted month", () => {
    const { month } = ws.truths.emergingTheme;
    const share = (pred: (m: string) => boolean): number => {
      const es = ws.encounters.filter((e) => pred(e.startedAt.slice(0, 7)));
      return es.filter((e) => labels.encounters[e.id]?.themes.includes("app_login")).length / es.length;
    };
    expect(share((m) => m < month)).toBeLessThanOrEqual(0.01);
    for (const m of ws.truths.months.filter((x) => x >= month))
      expect(share((x) => x === m)).toBeGreaterThanOrEqual(0.08);
    // and the text says so: customers mention the update
    const emerging = ws.encounters.filter((e) => labels.encounters[e.id]?.emerging);
    const mentions = emerging.filter((e) =>
      e.turns.some((t) => t.speaker === "customer" && /päivit|update|new version|uusi version/i.test(t.text)),
    );
    expect(mentions.length / emerging.length).toBeGreaterThan(0.8);
  });

  it("4. chat invitations are answered at about half the rate of others", () => {
    const answered = new Set(ws.responses.map((r) => r.encounterId));
    const rate = (chat: boolean): number => {
      const inv = ws.invitations.filter((i) => (i.channel === "chat") === chat);
      return inv.filter((i) => answered.has(i.encounterId)).length / inv.length;
    };
    const ratio = rate(true) / rate(false);
    expect(ratio).toBeGreaterThan(0.35);
    expect(ratio).toBeLessThan(0.65);
    expect(Math.abs(rate(true) - ws.truths.channelResponseRate.responseRate)).toBeLessThan(0.04);
  });

  it("5. one agent recovers angry customers", () => {
    const star = ws.truths.recoveryAgent.agent;
    const angry = npsResponses.filter((r) => labelOf(r)?.angryStart);
    const starScores = angry.filter((r) => r.agent === star).map((r) => r.score);
    const otherScores = angry.filter((r) => r.agent !== star).map((r) => r.score);
    expect(starScores.length).toBeGreaterThanOrEqual(10);
    expect(mean(starScores)).toBeGreaterThan(7.5);
    expect(mean(otherScores)).toBeLessThan(5.5);
    const angryEnc = ws.encounters.filter((e) => labels.encounters[e.id]?.angryStart && e.agent === star);
    const recovered = angryEnc.filter((e) => labels.encounters[e.id]?.recovered).length / angryEnc.length;
    expect(recovered).toBeGreaterThan(0.7);
  });

  it("noise: parity teams share an expected NPS; language has no effect", () => {
    const parity = ws.truths.noise.find((n) => n.id === "team-parity");
    const teams = parity?.details.teams as string[];
    const expected = teams.map((t) =>
      expectedNps(
        ws.encounters.filter((e) => e.team === t).map((e) => labels.encounters[e.id]?.latentMean ?? 0),
      ),
    );
    expect(Math.abs((expected[0] ?? 0) - (expected[1] ?? 0))).toBeLessThan(1);
    const observed = teams.map((t) => nps(npsResponses.filter((r) => r.team === t).map((r) => r.score)));
    expect(Math.abs((observed[0] ?? 0) - (observed[1] ?? 0))).toBeLessThan(30);
    const fi = npsResponses.filter((r) => labelOf(r)?.language === "fi").map((r) => r.score);
    const en = npsResponses.filter((r) => labelOf(r)?.language === "en").map((r) => r.score);
    expect(Math.abs(mean(fi) - mean(en))).toBeLessThan(0.5);
  });
});
