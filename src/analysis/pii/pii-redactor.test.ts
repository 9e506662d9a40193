import { describe, expect, it } from "vitest";
import { PII_KINDS, PII_PLACEHOLDERS } from "./pii-kinds.ts";
import { redact } from "./pii-redactor.ts";

describe("redact", () => {
  it("replaces each finding with its typed placeholder and reports original offsets", () => {
    const text = "Soita 040 123 4567 tai mailaa matti@example.fi";
    expect(redact(text)).toEqual({
      redacted: "Soita [PHONE] tai mailaa [EMAIL]",
      pii: [
        { kind: "phone", start: 6, end: 18 },
        { kind: "email", start: 30, end: 46 },
      ],
    });
  });

  it("has one placeholder per kind", () => {
    expect(Object.keys(PII_PLACEHOLDERS).sort()).toEqual([...PII_KINDS].sort());
    expect(PII_PLACEHOLDERS.hetu).toBe("[HETU]");
    expect(PII_PLACEHOLDERS.address).toBe("[ADDRESS]");
  });

  it("redacts every kind in one customer message", () => {
    const text =
      "Hei! Hetu 131052-308T, tili FI21 1234 5600 0007 85, kortti 4111 1111 1111 1111, " +
      "puh +358 40 123 4567, anna@yritys.fi, osoite Kotipolku 7 B 12, 00100 Helsinki. Lasku 12345678 89,90 €.";
    const { redacted, pii } = redact(text);
    expect(redacted).toBe(
      "Hei! Hetu [HETU], tili [IBAN], kortti [CARD], puh [PHONE], [EMAIL], osoite [ADDRESS], 00100 Helsinki. " +
        "Lasku 12345678 89,90 €.",
    );
    expect(pii.map((m) => m.kind)).toEqual(["hetu", "iban", "card", "phone", "email", "address"]);
  });

  it("looks only for the requested kinds", () => {
    const text = "040 123 4567, anna@yritys.fi";
    expect(redact(text, { kinds: ["email"] }).redacted).toBe("040 123 4567, [EMAIL]");
    expect(redact(text, { kinds: [] })).toEqual({ redacted: text, pii: [] });
  });

  it("prefers the longer match where candidates overlap", () => {
    // The phone number is part of the e-mail address.
    expect(redact("0401234567@sms.example.fi").pii).toEqual([{ kind: "email", start: 0, end: 25 }]);
    // A valid identity code that also reads as a landline number is a hetu (equal length: more specific).
    const text = "010190-123";
    const withCheck = `${text}${"0123456789ABCDEFHJKLMNPRSTUVWXY"[10190123 % 31]}`;
    expect(redact(withCheck).pii.map((m) => m.kind)).toEqual(["hetu"]);
  });

  it("returns text without personal data unchanged, and handles the empty string", () => {
    expect(redact("")).toEqual({ redacted: "", pii: [] });
    const text =
      "lasku 12345678, viitenumero 1234 56789 12345, tilaus 998877, asiakasnumero 445566, 12.3.2025, 2025-03-12, " +
      "12.3., klo 14.30, 10:45, 89,90 €, €1,234.50, 1 234,50 euroa, 15 %, 00100 Helsinki, vuonna 2024, SKU-12345-678, " +
      "JJFI60123456789012345, versio 1.2.3, 45 minuuttia, 3 kertaa, RF18 5390 0754 7034 😀";
    expect(redact(text)).toEqual({ redacted: text, pii: [] });
  });

  it("counts offsets in UTF-16 code units around emoji", () => {
    const text = "👍🏽 soita 040 123 4567 👨‍👩‍👧 tai anna@yritys.fi";
    const { pii, redacted } = redact(text);
    for (const m of pii) expect(["040 123 4567", "anna@yritys.fi"]).toContain(text.slice(m.start, m.end));
    expect(redacted).toBe("👍🏽 soita [PHONE] 👨‍👩‍👧 tai [EMAIL]");
  });

  // The test timeouts below are a hang guard: catastrophic backtracking never finishes; speed itself is measured by bench:analysis.
  it("redacts every match in 100k characters of customer text", { timeout: 10_000 }, () => {
    const line = "Soita 040 123 4567, hetu 131052-308T, lasku 12345678, Kotipolku 7 B 3, anna@yritys.fi. ";
    const text = line.repeat(Math.ceil(100_000 / line.length));
    const { pii } = redact(text);
    expect(pii.length).toBe(4 * Math.ceil(100_000 / line.length));
  });

  it("finishes on pathological inputs (no catastrophic backtracking)", { timeout: 20_000 }, () => {
    const n = 100_000;
    const inputs = [
      "a".repeat(n),
      "0".repeat(n),
      "0 ".repeat(n / 2),
      "04-".repeat(n / 3),
      "a@".repeat(n / 2),
      `${"a.".repeat(n / 4)}@${"b.".repeat(n / 4)}`,
      "Mannerheimintie ".repeat(n / 16),
      "1 Aaaa ".repeat(n / 7),
      `12 ${"Baker ".repeat(n / 6)}`,
      "+1 ".repeat(n / 3),
      "(0)".repeat(n / 3),
      "FI21 ".repeat(n / 5),
      "010190-".repeat(n / 7),
    ];
    for (const text of inputs) {
      const { redacted } = redact(text);
      expect(redacted.length, text.slice(0, 20)).toBeGreaterThan(0);
    }
  });
});
