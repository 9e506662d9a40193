import { describe, expect, it } from "vitest";
import {
  foldKey,
  parseBoolean,
  parseChannel,
  parseDecimal,
  parseInstant,
  parseInteger,
  parseOffsetSeconds,
  parsePeriod,
  parseSpeaker,
  parseSurveyKind,
} from "./field-values.ts";

const value = <T>(result: { ok: true; value: T } | { ok: false; reason: string }): T | string =>
  result.ok ? result.value : `ERR ${result.reason}`;

describe("parseInstant", () => {
  it("reads Finnish dates as Helsinki local time (winter +02:00, summer +03:00)", () => {
    expect(value(parseInstant("4.3.2025 12:15"))).toBe("2025-03-04T10:15:00.000Z");
    expect(value(parseInstant("4.3.2025 12.15"))).toBe("2025-03-04T10:15:00.000Z");
    expect(value(parseInstant("04.03.2025 9.05"))).toBe("2025-03-04T07:05:00.000Z");
    expect(value(parseInstant("1.7.2025 12:00:30"))).toBe("2025-07-01T09:00:30.000Z");
    expect(value(parseInstant("4.3.2025"))).toBe("2025-03-03T22:00:00.000Z");
    expect(value(parseInstant("4.3.2025 klo 12.15"))).toBe("2025-03-04T10:15:00.000Z");
  });

  it("reads ISO 8601 with and without offset", () => {
    expect(value(parseInstant("2025-03-04T10:15:00Z"))).toBe("2025-03-04T10:15:00.000Z");
    expect(value(parseInstant("2025-03-04T12:15:00+02:00"))).toBe("2025-03-04T10:15:00.000Z");
    expect(value(parseInstant("2025-03-04T12:15"))).toBe("2025-03-04T10:15:00.000Z");
    expect(value(parseInstant("2025-03-04 12:15:00"))).toBe("2025-03-04T10:15:00.000Z");
    expect(value(parseInstant("2025-03-04"))).toBe("2025-03-03T22:00:00.000Z");
    expect(value(parseInstant("2025-03-04T12:15", "UTC"))).toBe("2025-03-04T12:15:00.000Z");
    // A spreadsheet's yyyy-mm-dd h:mm, the hour in one digit.
    expect(value(parseInstant("2026-02-03 9:05"))).toBe("2026-02-03T07:05:00.000Z");
    expect(value(parseInstant("2026-07-03 9:05:30"))).toBe("2026-07-03T06:05:30.000Z");
    expect(value(parseInstant("2026-02-30 9:05"))).toBe("ERR 2026-02-30 is not a valid date");
  });

  it("rejects impossible dates instead of rolling them over", () => {
    expect(value(parseInstant("31.2.2025"))).toBe("ERR 31.2.2025 is not a valid date");
    expect(value(parseInstant("29.2.2023 10:00"))).toBe("ERR 29.2.2023 is not a valid date");
    expect(value(parseInstant("29.2.2024"))).toBe("2024-02-28T22:00:00.000Z");
    expect(value(parseInstant("2025-02-31"))).toBe("ERR 2025-02-31 is not a valid date");
    expect(value(parseInstant("1.3.2025 25:00"))).toBe("ERR 1.3.2025 25:00 is not a valid time");
    // A Finnish clock of 24.00 is a mistake, not the next midnight (ISO 8601's T24:00 is another matter).
    expect(value(parseInstant("3.2.2026 24.00"))).toBe("ERR 3.2.2026 24.00 is not a valid time");
    expect(value(parseInstant("eilen"))).toMatch(/^ERR "eilen" is not a date; use ISO 8601/);
  });

  it("reads an instant with an offset (the fast path) exactly as luxon does, in any zone", () => {
    expect(value(parseInstant("2024-02-29T23:30:00.5-01:00", "UTC"))).toBe("2024-03-01T00:30:00.500Z");
    expect(value(parseInstant("2025-06-30T23:59:59.999+14:00"))).toBe("2025-06-30T09:59:59.999Z");
    expect(value(parseInstant("2025-02-29T10:00:00Z"))).toBe("ERR 2025-02-29T10:00:00Z is not a valid date");
    // Out of the fast path's range: luxon decides (ISO 8601's 24:00 is the end of the day).
    expect(value(parseInstant("2025-03-04T24:00:00Z"))).toBe("2025-03-05T00:00:00.000Z");
    expect(value(parseInstant("2025-03-04T10:15:00Z", "Mars/Olympus"))).toBe(
      'ERR unknown time zone "Mars/Olympus"',
    );
  });

  it("takes an instant already in the stored form as it is, and checks it like any other", () => {
    expect(value(parseInstant("2025-03-04T10:15:00.250Z"))).toBe("2025-03-04T10:15:00.250Z");
    expect(value(parseInstant("2024-02-29T23:59:59.999Z", "UTC"))).toBe("2024-02-29T23:59:59.999Z");
    expect(value(parseInstant("2025-02-29T10:00:00.000Z"))).toBe(
      "ERR 2025-02-29T10:00:00.000Z is not a valid date",
    );
    expect(value(parseInstant("2025-03-04T24:00:00.000Z"))).toBe("2025-03-05T00:00:00.000Z");
    expect(value(parseInstant("2025-03-04T10:60:00.000Z"))).toMatch(/^ERR /);
    expect(value(parseInstant("0999-03-04T10:15:00.000Z", "UTC"))).toBe(
      value(parseInstant("0999-03-04T10:15:00Z", "UTC")),
    );
  });
});

describe("parseDecimal and parseInteger", () => {
  it("accepts Finnish and English number formats", () => {
    expect(value(parseDecimal("1234.5"))).toBe(1234.5);
    expect(value(parseDecimal("1234,5"))).toBe(1234.5);
    expect(value(parseDecimal("1 234,50"))).toBe(1234.5);
    expect(value(parseDecimal("1\u00a0234,50 €"))).toBe(1234.5);
    expect(value(parseDecimal("12\u202f345 EUR"))).toBe(12345);
    expect(value(parseDecimal("-3"))).toBe(-3);
    expect(value(parseDecimal("1.234,50"))).toBe(1234.5);
    expect(value(parseDecimal("1,234.50"))).toBe(1234.5);
  });

  it("rejects ambiguous or non-numeric text", () => {
    expect(value(parseDecimal("12,3,4"))).toBe('ERR "12,3,4" is not a number');
    expect(value(parseDecimal("kymmenen"))).toBe('ERR "kymmenen" is not a number');
    expect(value(parseDecimal("12 34"))).toBe('ERR "12 34" is not a number');
  });

  it("requires whole numbers for integers", () => {
    expect(value(parseInteger("9,0"))).toBe(9);
    expect(value(parseInteger("9,5"))).toBe('ERR must be a whole number (got "9,5")');
  });
});

describe("enumerated values", () => {
  it("parses booleans in Finnish and English", () => {
    for (const yes of ["true", "1", "Yes", "y", "KYLLÄ", "k", "tosi"])
      expect(value(parseBoolean(yes))).toBe(true);
    for (const no of ["false", "0", "no", "N", "ei", "e", "epätosi"])
      expect(value(parseBoolean(no))).toBe(false);
    expect(value(parseBoolean("ehkä"))).toMatch(/^ERR "ehkä" is not a yes\/no value/);
  });

  it("maps channel aliases and lists the allowed values for unknown ones", () => {
    const cases: [string, string][] = [
      ["Puhelin", "phone"],
      ["soitto", "phone"],
      ["Live chat", "chat"],
      ["verkkochat", "chat"],
      ["E-mail", "email"],
      ["sähköposti", "email"],
      ["Sposti", "email"],
      ["virtuaaliavustaja", "bot"],
      ["self-service", "self_service"],
      ["OmaPalvelu", "self_service"],
      ["myymälä", "visit"],
      ["sosiaalinen media", "social"],
      ["X", "social"],
    ];
    for (const [text, channel] of cases) expect(value(parseChannel(text))).toBe(channel);
  });

  it("keeps an organisation's own channel names as written, and refuses control characters", () => {
    expect(value(parseChannel("kirjekyyhky"))).toBe("kirjekyyhky");
    expect(value(parseChannel("  Kauppa   Oulu "))).toBe("Kauppa Oulu");
    expect(value(parseChannel("Asiakaspalvelu puhelin"))).toBe("Asiakaspalvelu puhelin");
    expect(value(parseChannel("Kauppa\u0000Oulu"))).toBe(
      "ERR must not contain control characters (found U+0000 at character 7)",
    );
  });

  it("maps speakers and survey kinds", () => {
    expect(value(parseSpeaker("Asiakas"))).toBe("customer");
    expect(value(parseSpeaker("soittaja"))).toBe("customer");
    expect(value(parseSpeaker("Asiakaspalvelija"))).toBe("agent");
    expect(value(parseSpeaker("operator"))).toBe("agent");
    expect(value(parseSpeaker("Botti"))).toBe("bot");
    expect(value(parseSurveyKind("NPS"))).toBe("nps");
    expect(value(parseSurveyKind("Csat"))).toBe("csat");
    expect(value(parseSurveyKind("xyz"))).toMatch(/use one of: nps, csat, ces/);
  });
});

describe("parseOffsetSeconds and parsePeriod", () => {
  it("reads seconds and clock times", () => {
    expect(value(parseOffsetSeconds("75"))).toBe(75);
    expect(value(parseOffsetSeconds("12,5"))).toBe(12.5);
    expect(value(parseOffsetSeconds("01:15"))).toBe(75);
    expect(value(parseOffsetSeconds("01:02:03.250"))).toBe(3723.25);
    expect(value(parseOffsetSeconds("00:00:01,500"))).toBe(1.5);
    expect(value(parseOffsetSeconds("-4"))).toMatch(/^ERR must not be negative/);
    expect(value(parseOffsetSeconds("01:75"))).toMatch(/not a valid time/);
  });

  it("reads months in several spellings", () => {
    expect(value(parsePeriod("2025-03"))).toBe("2025-03");
    expect(value(parsePeriod("3/2025"))).toBe("2025-03");
    expect(value(parsePeriod("3.2025"))).toBe("2025-03");
    expect(value(parsePeriod("15.3.2025"))).toBe("2025-03");
    expect(value(parsePeriod("2025-13"))).toMatch(/not a valid month/);
  });
});

describe("foldKey", () => {
  it("makes headers meet regardless of case, accents, spacing and camelCase", () => {
    expect(foldKey("Päivämäärä")).toBe("paivamaara");
    expect(foldKey(" Customer ID ")).toBe("customer_id");
    expect(foldKey("customerId")).toBe("customer_id");
    expect(foldKey("Avoin palaute")).toBe("avoin_palaute");
  });
});
