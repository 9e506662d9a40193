import { describe, expect, it } from "vitest";
import { detectEmails } from "./email-detector.ts";

const spans = (text: string) => detectEmails(text).map((m) => text.slice(m.start, m.end));

describe("detectEmails", () => {
  it("finds addresses with dots, plus tags, subdomains and Finnish letters", () => {
    expect(spans("Sähköpostini on matti.meikalainen@example.fi.")).toEqual(["matti.meikalainen@example.fi"]);
    expect(spans("<john_doe+cx@mail.example.co.uk>")).toEqual(["john_doe+cx@mail.example.co.uk"]);
    expect(spans("(äiti@esimerkki.fi) ja x@y.org")).toEqual(["äiti@esimerkki.fi", "x@y.org"]);
  });

  it("rejects handles, missing domains and numeric top-level labels", () => {
    expect(spans("@matti, matti@, matti@localhost, a@b.1, @@, .@example.fi")).toEqual([]);
  });

  it("stops at the address: no trailing dot, dash or following text", () => {
    const text = "mailaa anna@yritys.fi-, kiitos";
    expect(spans(text)).toEqual(["anna@yritys.fi"]);
  });

  // The test timeout is a hang guard: catastrophic backtracking never finishes; speed itself is measured by bench:analysis.
  it("finds nothing in a long input without an address, and finishes", { timeout: 10_000 }, () => {
    const text = `${"a".repeat(50_000)}@${"b".repeat(50_000)}`;
    expect(detectEmails(text)).toEqual([]);
  });
});
