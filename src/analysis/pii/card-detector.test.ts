import { describe, expect, it } from "vitest";
import { detectCards, isCardNumber } from "./card-detector.ts";

const spans = (text: string) => detectCards(text).map((m) => text.slice(m.start, m.end));

describe("detectCards", () => {
  it("finds network test numbers, whole or grouped with spaces or dashes", () => {
    const examples = [
      "4111 1111 1111 1111", // Visa
      "4111-1111-1111-1111",
      "4222222222222", // Visa, 13 digits
      "5555 5555 5555 4444", // Mastercard
      "2223 0000 4841 0010", // Mastercard 2-series
      "3782 822463 10005", // American Express 4-6-5
      "6011 1111 1111 1117", // Discover
      "3530 1113 3330 0000", // JCB
    ];
    for (const card of examples) expect(spans(`my card is ${card}, exp 12/27`), card).toEqual([card]);
  });

  it("rejects a failed Luhn check", () => {
    expect(spans("kortti 4111 1111 1111 1112")).toEqual([]);
    expect(spans("kortti 5555 5555 5555 4445")).toEqual([]);
  });

  it("rejects Luhn-valid numbers with no issuer prefix or the wrong length for it", () => {
    expect(isCardNumber("1111111111111117")).toBe(false); // prefix 1
    expect(isCardNumber("9111111111111111")).toBe(false); // prefix 9
    expect(isCardNumber("378282246310005")).toBe(true);
    expect(isCardNumber("3782822463100051")).toBe(false); // Amex is 15 digits
    expect(isCardNumber("411111111111")).toBe(false); // 12 digits
  });

  it("leaves labelled reference, invoice, order and tracking numbers alone", () => {
    for (const label of [
      "viitenumero",
      "Viite:",
      "lasku",
      "invoice no.",
      "tilausnumero",
      "order",
      "seurantakoodi",
    ]) {
      expect(spans(`${label} 4111 1111 1111 1111`), label).toEqual([]);
    }
    // A nearer positive label wins over an earlier veto.
    expect(spans("Tilaus maksettiin kortilla 4111 1111 1111 1111")).toEqual(["4111 1111 1111 1111"]);
  });

  it("rejects numbers glued to codes, amounts and mixed separators", () => {
    expect(spans("JJFI4111111111111111 #4111111111111111 4111111111111111€")).toEqual([]);
    expect(spans("4111 1111-1111 1111")).toEqual([]);
    expect(spans("FI87 4111 1111 1111 1111")).toEqual([]);
  });
});
