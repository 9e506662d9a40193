import { describe, expect, it } from "vitest";
import { generateDemoWithLabels } from "./index.ts";

const { workspace: ws, labels } = generateDemoWithLabels();
const customerText = (id: string): string =>
  (ws.encounters.find((e) => e.id === id)?.turns ?? [])
    .filter((t) => t.speaker === "customer")
    .map((t) => t.text)
    .join(" ");

const FINNISH = /\b(mä|mun|ja|on|ei|kiitos|hei|lasku|laskun|että|et|oo|joo|sopimus|en|tää|toi)\b/i;
const ENGLISH = /\b(the|and|is|my|I|it|you|to)\b/;
// Whole words only (a letter on neither side, ä and ö included): words that are not also Finnish words.
const ENGLISH_WORD =
  /(?<!\p{L})(the|and|is|was|my|i|it|you|to|not|of|for|with|but|too|this|there|were|had|got|good|thanks|still|nothing|great|okay)(?!\p{L})/iu;
const FINNISH_MARK =
  /[äö]|(?<!\p{L})(ja|ei|oli|kiitos|että|mä|mun|oo|joo|asia|mutta|kun|ilman|meni|sujui|hoitui|ole|olen|vielä|taas|liian|heti)(?!\p{L})/iu;

describe("demo text", () => {
  it("is ~70 % Finnish, by label and by the words used", () => {
    const fiIds = ws.encounters.filter((e) => labels.encounters[e.id]?.language === "fi");
    const share = fiIds.length / ws.encounters.length;
    expect(share).toBeGreaterThan(0.6);
    expect(share).toBeLessThan(0.8);
    const sample = ws.encounters.filter((_, i) => i % 10 === 0);
    const agree = sample.filter((e) => {
      const text = customerText(e.id);
      const looksFi = FINNISH.test(text) && !ENGLISH.test(text.replace(/\bI\b/g, "I"));
      return looksFi === (labels.encounters[e.id]?.language === "fi");
    });
    expect(agree.length / sample.length).toBeGreaterThan(0.9);
  });

  it("has varied first customer turns (< 5 % duplicates)", () => {
    const firsts = ws.encounters.map((e) => e.turns.find((t) => t.speaker === "customer")?.text ?? "");
    const dupShare = 1 - new Set(firsts).size / firsts.length;
    console.log(`duplicate first customer turns: ${(dupShare * 100).toFixed(1)} %`);
    expect(dupShare).toBeLessThan(0.05);
  });

  it("fills every placeholder and keeps turn counts realistic", () => {
    const leftovers = ws.encounters.filter((e) => e.turns.some((t) => /\{\w+\}/.test(t.text)));
    expect(leftovers).toHaveLength(0);
    expect(ws.responses.filter((r) => r.comment && /\{\w+\}/.test(r.comment))).toHaveLength(0);
    for (const e of ws.encounters) {
      if (e.channel === "email") {
        expect(e.turns.length).toBeGreaterThanOrEqual(2);
        expect(e.turns.length).toBeLessThanOrEqual(4);
      }
      if (e.channel === "phone" || e.channel === "chat") {
        expect(e.turns.length).toBeGreaterThanOrEqual(4);
        expect(e.turns.length).toBeLessThanOrEqual(14);
      }
      if (e.channel === "phone") expect(e.turns.every((t) => t.offsetSeconds !== undefined)).toBe(true);
    }
    expect(ws.encounters.some((e) => e.channel === "bot" && e.turns.some((t) => t.speaker === "bot"))).toBe(
      true,
    );
  });

  it("uses spoken Finnish on calls and formal Finnish in email", () => {
    const fiCalls = ws.encounters.filter(
      (e) => e.channel === "phone" && labels.encounters[e.id]?.language === "fi",
    );
    const spoken = fiCalls.filter((e) => /\b(mä|mun|joo|toi|no ni|oo)\b/i.test(customerText(e.id)));
    expect(spoken.length / fiCalls.length).toBeGreaterThan(0.5);
    const fiEmail = ws.encounters.filter(
      (e) => e.channel === "email" && labels.encounters[e.id]?.language === "fi",
    );
    const formal = fiEmail.filter((e) =>
      /Ystävällisin terveisin|Terveisin|Ystävällisesti|Kiittäen/.test(customerText(e.id)),
    );
    expect(formal.length / fiEmail.length).toBeGreaterThan(0.95);
  });

  it("contains personal details to redact and amounts, invoice numbers and dates to keep", () => {
    const all = ws.encounters.flatMap((e) => e.turns.map((t) => t.text)).join("\n");
    expect(all).toMatch(/\b0(40|50|44|45|41) ?\d{3} ?\d{4}\b/);
    expect(all).toMatch(/[a-z]+\.[a-z]+\d*@example\.(com|fi|org|net)/);
    expect(all).toMatch(/\d+,\d{2} €/);
    expect(all).toMatch(/€\d+\.\d{2}/);
    expect(all).toMatch(/\b\d{1,2}\.\d{1,2}\./);
    expect(all).toMatch(/\b[2-9]\d{7}\b/);
  });

  it("writes comments in the customer's language that match the score", () => {
    const commented = ws.responses.filter((r) => r.comment && r.kind === "nps");
    const billingNeg = commented.filter(
      (r) => r.score <= 6 && labels.encounters[r.encounterId as string]?.theme === "billing",
    );
    const mentionsBill = billingNeg.filter((r) =>
      /lasku|invoice|bill|veloit|charge|hyvity|refund/i.test(r.comment ?? ""),
    );
    expect(mentionsBill.length / billingNeg.length).toBeGreaterThan(0.6);
    const sarcasm = commented.filter((r) => /Kiitos vaan|Thanks a lot/.test(r.comment ?? ""));
    expect(sarcasm.every((r) => r.score <= 6)).toBe(true);
    // Each comment is in its customer's language: no English word in a Finnish comment and no
    // Finnish word or letter in an English one, and nearly all carry a word of their own language.
    const inLanguage = (lang: string) =>
      commented
        .filter((r) => labels.encounters[r.encounterId as string]?.language === lang)
        .map((r) => r.comment ?? "");
    const en = inLanguage("en");
    const fi = inLanguage("fi");
    expect(en.length).toBeGreaterThan(100);
    expect(fi.length).toBeGreaterThan(100);
    expect(en.filter((c) => FINNISH_MARK.test(c))).toEqual([]);
    expect(fi.filter((c) => ENGLISH_WORD.test(c))).toEqual([]);
    expect(en.filter((c) => ENGLISH_WORD.test(c)).length / en.length).toBeGreaterThan(0.9);
    expect(fi.filter((c) => FINNISH_MARK.test(c)).length / fi.length).toBeGreaterThan(0.9);
  });

  it("has pulse answers for every team and month, with comments", () => {
    for (const team of ws.teams) {
      for (const month of ws.truths.months) {
        const n = ws.pulse.filter((p) => p.team === team.id && p.period === month).length;
        expect(n).toBeGreaterThanOrEqual(6);
        expect(n).toBeLessThanOrEqual(12);
      }
    }
    expect(ws.pulse.filter((p) => p.comment).length).toBeGreaterThan(100);
  });
});
