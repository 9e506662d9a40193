import { describe, expect, it } from "vitest";
import { nonPersonalNumbers } from "./pii-corpus-negatives.ts";
import { plantedPii } from "./pii-corpus-positives.ts";
import { PII_KINDS, type PiiKind } from "./pii-kinds.ts";
import { redact } from "./pii-redactor.ts";

// 6 kinds × 400 = 2,400 planted identifiers; 15 categories × 80 = 1,200 non-personal numbers.
const planted = plantedPii(20250312, 400);
const nonPersonal = nonPersonalNumbers(31, 80);

describe("generated corpus", () => {
  it("finds planted identifiers with exact offsets: recall ≥ 0.99 overall and per kind", () => {
    const hits = new Map<PiiKind, number>(PII_KINDS.map((k) => [k, 0]));
    const totals = new Map<PiiKind, number>(PII_KINDS.map((k) => [k, 0]));
    const misses: string[] = [];
    const extras: string[] = [];
    for (const p of planted) {
      totals.set(p.kind, (totals.get(p.kind) ?? 0) + 1);
      const { pii } = redact(p.text);
      const hit = pii.find((m) => m.kind === p.kind && m.start === p.start && m.end === p.end);
      if (hit) hits.set(p.kind, (hits.get(p.kind) ?? 0) + 1);
      else misses.push(`${p.kind}: ${p.text} → ${JSON.stringify(pii)}`);
      // Nothing else in the carrier ("exp 12/27", "00100 Helsinki", "klo 14.30") may be redacted.
      for (const m of pii)
        if (m !== hit) extras.push(`${p.text} → ${p.text.slice(m.start, m.end)} (${m.kind})`);
    }
    const recall = Object.fromEntries(
      PII_KINDS.map((k) => [k, Number(((hits.get(k) ?? 0) / (totals.get(k) ?? 1)).toFixed(4))]),
    );
    const overall = [...hits.values()].reduce((a, b) => a + b, 0) / planted.length;
    console.log(`PII recall on ${planted.length} planted identifiers: overall ${overall.toFixed(4)}`, recall);
    if (misses.length > 0) console.log("missed (first 20):\n", misses.slice(0, 20).join("\n"));
    expect(planted.length).toBeGreaterThanOrEqual(2000);
    expect(overall).toBeGreaterThanOrEqual(0.99);
    for (const kind of PII_KINDS) expect(recall[kind], kind).toBeGreaterThanOrEqual(0.99);
    expect(extras).toEqual([]);
  });

  it("redacts none of the non-personal numbers", () => {
    const falseRedactions = nonPersonal.flatMap((n) =>
      redact(n.text).pii.map((m) => `${n.category}: ${n.text} → ${n.text.slice(m.start, m.end)} (${m.kind})`),
    );
    console.log(`false redactions on ${nonPersonal.length} non-personal numbers: ${falseRedactions.length}`);
    if (falseRedactions.length > 0) console.log(falseRedactions.slice(0, 30).join("\n"));
    expect(nonPersonal.length).toBeGreaterThanOrEqual(1000);
    expect(falseRedactions).toEqual([]);
  });

  it("reports spans whose original text is the planted identifier, and redacts them in place", () => {
    for (const p of planted.slice(0, 600)) {
      const { redacted, pii } = redact(p.text);
      const match = pii.find((m) => m.start === p.start);
      expect(match && p.text.slice(match.start, match.end)).toBe(p.text.slice(p.start, p.end));
      expect(redacted).toContain(`[${p.kind.toUpperCase()}]`);
    }
  });

  it("is deterministic for a seed", () => {
    expect(plantedPii(7, 5)).toEqual(plantedPii(7, 5));
    expect(nonPersonalNumbers(7, 5)).toEqual(nonPersonalNumbers(7, 5));
  });
});
