import { createHash } from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { ANALYSIS_FINGERPRINT } from "./analysis-fingerprint.ts";
import { analyzeLines } from "./analyze-lines.ts";
import { loadDefaultAnalyzer, MODELS_DIR } from "./default-analyzer.ts";
import type { Taxonomy } from "./model/model-set.ts";
import type { Lang, Speaker, TextAnalyzer, TurnInput } from "./text-analyzer.ts";

/**
 * The analysis must not change when its code is made faster: a digest of every answer over a fixed
 * corpus (2,466 texts and 40 encounters of the demo workspace, synthetic, in
 * test/fixtures/analysis/corpus.jsonl) under several option sets, recorded in the snapshot beside
 * the analyzer's version. Each pass is run twice, so the second one reads from the warm per-word
 * memos (stems, hashes, lexicon scores) and must answer byte for byte as the cold one did.
 *
 * The digests belong to the model files and the rules: after `npm run train` they change with the
 * models, and after a deliberate change of what a rule reads (its commit says which answers moved
 * and why), and the snapshot is recorded again (`npx vitest run -u
 * src/analysis/analysis-digest.test.ts`) — but only then, never to make a speed-up pass.
 */
const CORPUS = path.resolve(
  path.dirname(fileURLToPath(import.meta.url)),
  "../../test/fixtures/analysis/corpus.jsonl",
);

interface TextLine {
  text: string;
  speaker?: Speaker;
}
interface TurnsLine {
  turns: TurnInput[];
}

const lines = fs.readFileSync(CORPUS, "utf8").split("\n").filter(Boolean);
/**
 * Lines that exercise rules the corpus above does not (test/fixtures/analysis/rule-probes.jsonl): a
 * change of a rule adds a line here that its change answers differently, so that the fingerprint, and
 * with it the analyzer's version, moves (analysis-fingerprint.ts).
 */
const probes = fs
  .readFileSync(path.join(path.dirname(CORPUS), "rule-probes.jsonl"), "utf8")
  .split("\n")
  .filter(Boolean)
  .map((l) => (JSON.parse(l) as TextLine).text);
const records = lines.map((l) => JSON.parse(l) as TextLine | TurnsLine);
const texts = records.filter((r): r is TextLine => "text" in r);
const encounters = records.filter((r): r is TurnsLine => "turns" in r);
/** Long e-mails (read sentence by sentence): 20 consecutive texts under a greeting, with a signature and a quote. */
const emails: string[] = [];
for (let i = 0; i + 20 <= texts.length; i += 20) {
  const body = texts
    .slice(i, i + 20)
    .map((t) => t.text)
    .join("\n");
  emails.push(
    `Hei,\n\n${body}\n\nYstävällisin terveisin\nAsiakas\n\nOn Mon, 1 Dec 2026, Support wrote:\n> Kiitos.`,
  );
}

/** The shipped taxonomy as a workspace might edit it: the first theme now found by "virhe*" and "error*". */
const shipped = JSON.parse(fs.readFileSync(path.join(MODELS_DIR, "taxonomy.json"), "utf8")) as Taxonomy;
const EDITED: Taxonomy = {
  ...shipped,
  version: "edited-in-digest-test",
  themes: shipped.themes.map((t, i) =>
    i === 0 ? { ...t, patterns: { fi: ["virhe*"], en: ["error*"] } } : t,
  ),
};

function digest(answers: Iterable<unknown>): string {
  const h = createHash("sha256");
  for (const a of answers) h.update(`${JSON.stringify(a)}\n`);
  return h.digest("hex").slice(0, 16);
}

const a = loadDefaultAnalyzer();
const edited = a.withTaxonomy(EDITED);
const text = (lang: Lang | undefined, options: Parameters<TextAnalyzer["analyzeText"]>[2]) => () =>
  texts.map((t) => a.analyzeText(t.text, lang, options));

/** Each option set's answers over the corpus. */
const CASES: [string, () => unknown[]][] = [
  ["texts, defaults", text(undefined, {})],
  ["texts, their speakers", () => texts.map((t) => a.analyzeText(t.text, undefined, { speaker: t.speaker }))],
  ["texts, lang fi", text("fi", {})],
  ["texts, lang en, agent", text("en", { speaker: "agent" })],
  ["texts, lang sv read all the same, bot", text("sv", { speaker: "bot", unread: false })],
  ["texts, whole text", text(undefined, { wholeText: true })],
  ["texts, already redacted", text(undefined, { alreadyRedacted: true })],
  [
    "texts, edited taxonomy",
    () => texts.map((t) => edited.analyzeText(t.text, undefined, { speaker: t.speaker })),
  ],
  ["e-mails, defaults", () => emails.map((e) => a.analyzeText(e))],
  ["e-mails, customer, lang fi", () => emails.map((e) => a.analyzeText(e, "fi", { speaker: "customer" }))],
  ["e-mails, whole text", () => emails.map((e) => a.analyzeText(e, undefined, { wholeText: true }))],
  ["encounters", () => encounters.map((e) => a.analyzeEncounter(e.turns))],
  [
    "encounters, already redacted",
    () => encounters.map((e) => a.analyzeEncounter(e.turns, { alreadyRedacted: true })),
  ],
  ["kohtaamo analyze lines", () => [analyzeLines(lines, 1, a)]],
  ["rule probes", () => probes.map((t) => a.analyzeText(t))],
];

describe("analysis digest", () => {
  it("covers short texts, long e-mails and encounters, for these models", () => {
    expect(texts.length).toBeGreaterThan(2000);
    expect(emails.length).toBeGreaterThan(100);
    expect(encounters.length).toBe(40);
    expect(a.version).toMatchSnapshot();
  });

  const seen = new Map<string, string>();
  for (const [name, run] of CASES) {
    it(`${name}: answers as recorded, cold and with warm memos alike`, { timeout: 120_000 }, () => {
      const cold = digest(run());
      expect(digest(run())).toBe(cold);
      seen.set(name, cold);
      expect(cold).toMatchSnapshot();
    });
  }

  // The analyzer's version names what it answers (analysis-fingerprint.ts), so that stored analyses
  // of other rules count as outdated: a change of any answer above must change it too.
  it("is fingerprinted in the analyzer's version by these answers", () => {
    expect(seen.size, "run the whole file: every case's digest goes into the fingerprint").toBe(CASES.length);
    const fingerprint = digest(CASES.map(([name]) => `${name} ${seen.get(name)}`)).slice(0, 8);
    expect(
      ANALYSIS_FINGERPRINT,
      `the analysis answers differently: put "${fingerprint}" in src/analysis/analysis-fingerprint.ts`,
    ).toBe(fingerprint);
    expect(a.version).toContain(`+rules-${fingerprint}`);
  });
});
