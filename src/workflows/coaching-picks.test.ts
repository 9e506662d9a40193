import { describe, expect, it } from "vitest";
import type { CoachingCandidateRow } from "../store/coaching-repository.ts";
import { pickEncounters } from "./coaching-picks.ts";
import { coachingQuestions } from "./coaching-questions.ts";

type Turn = {
  s: "customer" | "agent";
  tone: number;
  behaviours?: string[];
  gratitude?: number;
  explainAgain?: boolean;
};

/** A stored analysis in the analyzer's shape (analysis/text-analyzer.ts), built from turns. */
function row(id: string, turns: Turn[], extra: Partial<CoachingCandidateRow> = {}): CoachingCandidateRow {
  const cust = turns.flatMap((t, i) => (t.s === "customer" ? [{ turn: i, score: t.tone }] : []));
  const first = cust[0] ?? null;
  const last = cust[cust.length - 1] ?? null;
  const peak = cust.reduce(
    (p, c) => (Math.abs(c.score) > Math.abs(p.score) ? c : p),
    cust[0] ?? { turn: 0, score: 0 },
  );
  const emotions = (g?: number) => [{ id: "gratitude", score: g ?? 0, present: (g ?? 0) >= 0.5 }];
  const maxGratitude = Math.max(0, ...turns.map((t) => (t.s === "customer" ? (t.gratitude ?? 0) : 0)));
  return {
    id,
    started_at: "2026-03-02T10:00:00.000Z",
    team: "Tiimi X",
    agent: "a-1",
    transfers: 0,
    wait_seconds: 0,
    ...extra,
    analysis: {
      turns: turns.map((t) => ({
        speaker: t.s,
        tone: { label: "neutral", score: t.tone },
        emotions: emotions(t.gratitude),
        ...(t.s === "agent" ? { behaviours: t.behaviours ?? [] } : {}),
        effort: { explainAgain: t.explainAgain === true },
      })),
      arc: { start: first, end: last, low: first, high: last, trajectory: "steady" },
      moments: [
        { turn: peak.turn, kind: "peak", score: peak.score },
        ...(last ? [{ turn: last.turn, kind: "end", score: last.score }] : []),
      ],
      emotions: emotions(maxGratitude),
      behaviours: [],
      effort: { explainAgain: turns.some((t) => t.explainAgain) },
    },
  };
}

const c = (tone: number, more: Partial<Turn> = {}): Turn => ({ s: "customer", tone, ...more });
const a = (behaviours: string[] = []): Turn => ({ s: "agent", tone: 0, behaviours });

describe("coaching picks", () => {
  const pool = [
    row("e-worst", [c(-0.3), a(["blame_customer"]), c(-0.9)]),
    row("e-worst-tie-later", [c(-0.3), a(), c(-0.9)]),
    // Upset, pleased right after the agent's reply, and still pleased at the end.
    row("e-recovery", [c(-0.9), a(["empathy", "ownership"]), c(0.7), a(), c(0.9)]),
    // Upset and pleased only in the last words: not a turn-around that stayed.
    row("e-late-thanks", [c(-1), a(), c(-0.5), a(), c(1)]),
    row("e-effort", [c(-0.2, { explainAgain: true }), a(), c(0.1)], { transfers: 2 }),
    row("e-thanks", [c(0.1), a(["next_steps"]), c(0.8, { gratitude: 0.9 })]),
    row("e-plain-1", [c(0.0), a(), c(0.2)]),
    row("e-plain-2", [c(0.1), a(), c(0.3)]),
  ];

  it("picks one encounter per kind, never twice, the smaller id on a tie", () => {
    const { picks, shortfalls } = pickEncounters(pool);
    expect(picks.map((p) => [p.kind, p.encounterId])).toEqual([
      ["worst_ending", "e-worst"],
      ["best_recovery", "e-recovery"],
      ["highest_effort", "e-effort"],
      ["gratitude", "e-thanks"],
      // e-worst carries the blame but is taken: the next encounter with blame would be picked; there is none.
      ["typical", "e-plain-1"],
    ]);
    expect(new Set(picks.map((p) => p.encounterId)).size).toBe(picks.length);
    expect(shortfalls).toEqual([]);
  });

  it("names the turn that matters: the end, the agent's reply before the turn-around, the stated effort, the thanks", () => {
    const { picks } = pickEncounters(pool);
    const turn = (kind: string) => picks.find((p) => p.kind === kind)?.turn;
    expect(turn("worst_ending")).toBe(2);
    expect(turn("best_recovery")).toBe(1);
    expect(turn("highest_effort")).toBe(0);
    expect(turn("gratitude")).toBe(2);
    const recovery = picks.find((p) => p.kind === "best_recovery");
    expect(recovery?.data).toMatchObject({ start_tone: -0.9, end_tone: 0.9, turnaround_turn: 2 });
  });

  it("gives the same picks whatever order the rows come in", () => {
    const forward = pickEncounters(pool).picks.map((p) => p.encounterId);
    const backward = pickEncounters([...pool].reverse()).picks.map((p) => p.encounterId);
    expect(backward).toEqual(forward);
  });

  it("says why a small pool gives fewer picks", () => {
    const { picks, shortfalls } = pickEncounters(pool.slice(6));
    expect(picks.length).toBeLessThan(4);
    expect(shortfalls).toContainEqual({ code: "too_few_encounters", count: 2, needed: 4 });
    expect(shortfalls).toContainEqual({ code: "no_candidate", kind: "best_recovery" });
    expect(shortfalls).toContainEqual({ code: "no_candidate", kind: "worst_ending" });
  });

  it("leaves out encounters without the customer's words or with an unknown analysis shape", () => {
    const { picks, shortfalls } = pickEncounters([
      row("agent-only", [a(), a()]),
      { ...row("odd", [c(-1)]), analysis: { something: "else" } },
    ]);
    expect(picks).toEqual([]);
    expect(shortfalls).toEqual([{ code: "too_few_encounters", count: 0, needed: 4 }]);
  });

  it("picks a blaming encounter when one is left, and asks about it at its turn", () => {
    const { picks } = pickEncounters([...pool, row("e-blame-2", [c(0.2), a(["blame_customer"]), c(-0.1)])]);
    const blame = picks.find((p) => p.kind === "blame");
    expect(blame?.encounterId).toBe("e-blame-2");
    expect(picks).toHaveLength(6);
    const questions = coachingQuestions(picks);
    const q = questions.find((x) => x.id === "blame");
    expect(q?.turn).toBe(1);
    expect(q?.text.en).toMatch(/^Pick 5, turn 2: .*blaming the customer/);
    expect(q?.text.fi).toMatch(/^Poiminta 5, vuoro 2: .*syyttelyltä/);
  });

  it("suggests questions from the behaviours: the recovery reply's empathy, a missing next step", () => {
    const questions = coachingQuestions(pickEncounters(pool).picks);
    const ids = questions.map((q) => q.id);
    expect(new Set(ids).size).toBe(ids.length);
    expect(ids).toEqual(
      expect.arrayContaining(["worst_ending", "recovery_reply", "effort", "no_next_steps"]),
    );
    expect(questions.find((q) => q.id === "recovery_reply")?.text.en).toContain("(empathy and ownership)");
    expect(questions.find((q) => q.id === "effort")?.text.fi).toContain(
      "joutui selittämään asiansa uudelleen",
    );
    expect(questions.length).toBeLessThanOrEqual(7);
  });
});
