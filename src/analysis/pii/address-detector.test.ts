import { describe, expect, it } from "vitest";
import { detectAddresses } from "./address-detector.ts";

const spans = (text: string) => detectAddresses(text).map((m) => text.slice(m.start, m.end));

describe("detectAddresses", () => {
  it("finds Finnish street addresses with staircase and flat, leaving postcode and town", () => {
    expect(spans("Asun Mannerheimintie 12 B 34, 00100 Helsinki.")).toEqual(["Mannerheimintie 12 B 34"]);
    expect(spans("Esimerkkikatu 5 as. 3")).toEqual(["Esimerkkikatu 5 as. 3"]);
    expect(spans("Kotipolku 7.")).toEqual(["Kotipolku 7"]);
    expect(spans("Koivukuja 3a")).toEqual(["Koivukuja 3a"]);
    expect(spans("Pohjoinen Rautatiekatu 21 b 7")).toEqual(["Pohjoinen Rautatiekatu 21 b 7"]);
    expect(spans("Alexandersgatan 5")).toEqual(["Alexandersgatan 5"]);
    expect(spans("Bulevardi 5 A 2")).toEqual(["Bulevardi 5 A 2"]);
  });

  it("finds inflected street names", () => {
    expect(spans("asun Hämeenkadulla 5")).toEqual(["Hämeenkadulla 5"]);
    expect(spans("Koivutiellä 12 A 3 on remontti")).toEqual(["Koivutiellä 12 A 3"]);
  });

  it("finds English addresses with a unit", () => {
    expect(spans("221B Baker Street, London")).toEqual(["221B Baker Street"]);
    expect(spans("ship to 12 Main St, Apt 4 please")).toEqual(["12 Main St, Apt 4"]);
    expect(spans("1600 Pennsylvania Avenue")).toEqual(["1600 Pennsylvania Avenue"]);
  });

  it("leaves postcodes, towns, highways, counts and non-street words alone", () => {
    const text = [
      "00100 Helsinki",
      "Valtatie 4 oli ruuhkainen",
      "Katu 5",
      "monitori 2",
      "Mannerheimintie 5 km",
      "Hämeentie 3 kertaa",
      "sateenkaari 7",
      "12 Main",
      "3 streets",
      "Kotipolku 12.3.2025",
    ].join("; ");
    expect(spans(text)).toEqual([]);
  });
});
