import { describe, expect, it } from "vitest";
import { detectPhones } from "./phone-detector.ts";

const spans = (text: string) => detectPhones(text).map((m) => text.slice(m.start, m.end));

describe("detectPhones", () => {
  it("finds Finnish mobile, landline and service numbers as customers write them", () => {
    const examples = [
      "040 123 4567",
      "040-1234567",
      "040/1234567",
      "0401234567",
      "0400 123 456",
      "050 12345",
      "+358 40 123 4567",
      "+358401234567",
      "+358 (0)40 123 4567",
      "00358 40 123 4567",
      "09 123 4567",
      "(09) 1234 567",
      "(09)1234567",
      "03 222 3344",
      "013 123 456",
      "020 123 456",
      "0800 123 456",
      "010 123 4567",
    ];
    for (const phone of examples) expect(spans(`soita numeroon ${phone}, kiitos`), phone).toEqual([phone]);
  });

  it("finds international numbers in E.164 form", () => {
    for (const phone of [
      "+44 20 7946 0958",
      "+1 415 555 0100",
      "+46 70 123 45 67",
      "+49 30 12345678",
      "+4915112345678",
    ]) {
      expect(spans(`Call me at ${phone}.`), phone).toEqual([phone]);
    }
  });

  it("splits neighbouring numbers and keeps a number after a date", () => {
    expect(spans("040 1234567 050 7654321")).toEqual(["040 1234567", "050 7654321"]);
    expect(spans("Soitin 12.3.2025 040 123 4567")).toEqual(["040 123 4567"]);
    expect(spans("puh.0401234567 tel:+358401234567")).toEqual(["0401234567", "+358401234567"]);
  });

  it("rejects numbers outside the Finnish plan and too short or long international ones", () => {
    expect(spans("0123 456 789")).toEqual([]); // 012 is no area code
    expect(spans("070 123 4567")).toEqual([]); // 070 alone is not in the plan
    expect(spans("+358 12 345 6789")).toEqual([]);
    expect(spans("+44 1234")).toEqual([]);
    expect(spans("+1 234 567 890 123 456 789")).toEqual([]);
  });

  it("leaves dates, times, postcodes, amounts, counts and labelled numbers alone", () => {
    const text = [
      "12-03-2025",
      "03/12/2025",
      "exp 05/27",
      "03 12 2025",
      "2025-03-12",
      "klo 09.30",
      "00100 Helsinki",
      "FI-00100",
      "0401 kpl",
      "045 %",
      "tilausnumero 0401234567",
      "asiakasnumero 044 123 4567",
      "order 0501234567",
      "030688-6605",
      "FI47 0396 7467 3214 14",
    ].join("; ");
    expect(spans(text)).toEqual([]);
  });
});
