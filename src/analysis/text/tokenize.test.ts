import { describe, expect, it } from "vitest";
import { collapseRepeats, MAX_TOKEN_LENGTH, tokenize } from "./tokenize.ts";

const texts = (s: string) => tokenize(s).map((t) => t.text);
const kinds = (s: string) => tokenize(s).map((t) => t.kind);

describe("tokenize", () => {
  it("lowercases and keeps Finnish and Swedish letters inside words", () => {
    expect(texts("Äiti ÖLJYÄ Åbo häiriö")).toEqual(["äiti", "öljyä", "åbo", "häiriö"]);
  });

  it("recomposes decomposed letters before tokenizing", () => {
    expect(texts("ha\u0308iriö")).toEqual(["häiriö"]);
  });

  it("keeps colon case endings and apostrophes inside the word", () => {
    expect(texts("EU:n SMS:llä tekstarit")).toEqual(["eu:n", "sms:llä", "tekstarit"]);
    expect(texts("I don’t think it's fixed")).toEqual(["i", "don't", "think", "it's", "fixed"]);
  });

  it("keeps hyphenated words whole and a free-standing dash as punctuation", () => {
    expect(texts("wi-fi e-lasku – toimii")).toEqual(["wi-fi", "e-lasku", "–", "toimii"]);
  });

  it("cuts letter runs to two", () => {
    expect(texts("huonoooo palveluuuu sooo goood")).toEqual(["huonoo", "palveluu", "soo", "good"]);
    expect(collapseRepeats("kissa")).toBe("kissa");
  });

  it("reads numbers, including decimals, dates and times, as one token each", () => {
    const toks = tokenize("Maksoin 12,50 € 1.5.2024 klo 12:30 ja 50 %");
    expect(toks.map((t) => `${t.kind}:${t.text}`)).toEqual([
      "word:maksoin",
      "number:12,50",
      "symbol:€",
      "number:1.5.2024",
      "word:klo",
      "number:12:30",
      "word:ja",
      "number:50",
      "symbol:%",
    ]);
  });

  it("collapses URLs and e-mail addresses, leaving trailing punctuation out", () => {
    expect(texts("Katso https://oma.example.fi/laskut?id=3. tai www.foo.com")).toEqual([
      "katso",
      "<url>",
      ".",
      "tai",
      "<url>",
    ]);
    expect(texts("kirjaudu oma.elisa.fi tai mailaa asiakas.palvelu@yritys.fi!")).toEqual([
      "kirjaudu",
      "<url>",
      "tai",
      "mailaa",
      "<email>",
      "!",
    ]);
  });

  it("keeps redaction placeholders as single tokens", () => {
    const toks = tokenize("Soita [PHONE] tai [EMAIL_2], terveisin [NAME]");
    expect(toks.filter((t) => t.kind === "placeholder").map((t) => t.text)).toEqual([
      "[PHONE]",
      "[EMAIL_2]",
      "[NAME]",
    ]);
  });

  it("keeps emoji as tokens, folding skin tones, and keeps ZWJ sequences and flags whole", () => {
    expect(texts("kiitos 👍🏽👍 😡😡 👨‍👩‍👧 🇫🇮")).toEqual(["kiitos", "👍", "👍", "😡", "😡", "👨‍👩‍👧", "🇫🇮"]);
    expect(kinds("❤️")).toEqual(["emoji"]);
    expect(texts("❤️")).toEqual(["❤"]);
  });

  it("folds text emoticons, also straight after a word", () => {
    expect(texts("kiitos:) ok :-( hah xD =) <3 :P")).toEqual([
      "kiitos",
      ":)",
      "ok",
      ":(",
      "hah",
      ":D",
      ":)",
      "<3",
      ":p",
    ]);
    expect(kinds("Huom: tämä")).toEqual(["word", "punct", "word"]);
  });

  it("reduces sentence punctuation runs", () => {
    expect(texts("Mitä?!? Ei!!! Hmm... no…")).toEqual(["mitä", "?!", "ei", "!!", "hmm", "...", "no", "..."]);
  });

  it("reports offsets into the input", () => {
    const src = "Hei, EU:n 👍";
    for (const t of tokenize(src)) expect(src.slice(t.start, t.end).length).toBe(t.end - t.start);
    expect(tokenize(src).map((t) => src.slice(t.start, t.end))).toEqual(["Hei", ",", "EU:n", "👍"]);
  });

  it("returns nothing for empty or blank input", () => {
    expect(tokenize("")).toEqual([]);
    expect(tokenize("  \n\t ")).toEqual([]);
  });

  // The test timeout is a hang guard: catastrophic backtracking never finishes; speed itself is measured by bench:analysis.
  it("finishes on very long and hostile input", { timeout: 10_000 }, () => {
    expect(tokenize("a".repeat(100_000))[0]?.text).toBe("aa");
    expect(tokenize("a.".repeat(50_000))).toHaveLength(100_000);
    expect(tokenize("a@".repeat(50_000)).length).toBeGreaterThan(0);
    const long = tokenize(`${"x".repeat(40)}${"yz".repeat(500)}`);
    expect(long[0]?.text.length).toBe(MAX_TOKEN_LENGTH);
  });
});
