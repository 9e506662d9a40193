import { describe, expect, it } from "vitest";
import { detectIbans, ibanChecksumValid, mod97 } from "./iban-detector.ts";

const spans = (text: string) => detectIbans(text).map((m) => text.slice(m.start, m.end));

describe("detectIbans", () => {
  it("finds registry examples, grouped or compact", () => {
    const examples = [
      "FI21 1234 5600 0007 85",
      "FI2112345600000785",
      "GB82 WEST 1234 5698 7654 32",
      "DE89 3704 0044 0532 0130 00",
      "SE45 5000 0000 0583 9825 7466",
      "NO93 8601 1117 947",
      "FR14 2004 1010 0505 0001 3M02 606",
      "NL91 ABNA 0417 1643 00",
    ];
    for (const iban of examples) expect(spans(`Tilinumeroni on ${iban}, kiitos.`), iban).toEqual([iban]);
  });

  it("accepts lower case as typed by customers", () => {
    expect(spans("tili fi21 1234 5600 0007 85")).toEqual(["fi21 1234 5600 0007 85"]);
  });

  it("rejects a wrong check, a wrong length and unknown countries", () => {
    expect(spans("FI22 1234 5600 0007 85")).toEqual([]); // check digits off by one
    expect(spans("FI21 1234 5600 0007 58")).toEqual([]); // transposed digits
    expect(spans("FI21 1234 5600 0007 8")).toEqual([]); // too short
    expect(spans("FI21 1234 5600 0007 8512")).toEqual([]); // continues past the registry length
    expect(spans("RF18 5390 0754 7034")).toEqual([]); // creditor reference: same check, no country
    expect(spans("XX21 1234 5600 0007 85")).toEqual([]);
  });

  it("implements MOD 97-10 (ISO 7064)", () => {
    expect(mod97("123456000007 85FI21".replace(/ /g, ""))).toBe(1);
    expect(ibanChecksumValid("FI2112345600000785")).toBe(true);
    expect(ibanChecksumValid("FI2112345600000786")).toBe(false);
  });
});
