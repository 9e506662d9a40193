import { describe, expect, it } from "vitest";
import { loadDefaultAnalyzer } from "../analysis/default-analyzer.ts";
import { themeName } from "../workflows/theme-names.ts";
import { answerAnalysis, encounterAnalysis } from "./analysis-view.ts";

/**
 * The detail routes show a long text's sentences only as ranges of the text as stored: the stored
 * result of the real analyzer gives them; a result whose ranges cannot be ranges of that text gives none.
 */

const analyzer = loadDefaultAnalyzer();
const COMMENT = [
  "Tilasin uuden liittymän kaksi viikkoa sitten verkkokaupastanne.",
  "Liittymä toimii nyt hyvin ja olen siihen tyytyväinen.",
  "Ensimmäinen lasku oli kuitenkin kaksinkertainen sovittuun hintaan verrattuna.",
  "Jonotin asiakaspalveluun puhelimessa yli tunnin ennen kuin kukaan vastasi.",
  "Pyydän korjaamaan laskun.",
  "Olen ollut asiakkaananne jo kymmenen vuotta, joten toivon, että asia hoidetaan nopeasti.",
].join(" ");

function stored(text: string, alreadyRedacted = true) {
  const { redacted: _text, ...result } = analyzer.analyzeText(text, undefined, { alreadyRedacted });
  return { subjectKind: "response" as const, subjectId: "r", analyzerVersion: analyzer.version, result };
}

describe("sentences of a stored analysis", () => {
  it("gives each sentence of a long comment as a range of it, with its tone and named themes", () => {
    const view = answerAnalysis(stored(COMMENT), COMMENT);
    const sentences = view?.sentences ?? [];
    expect(sentences.map((s) => COMMENT.slice(s.start, s.end))).toEqual(COMMENT.split(/(?<=\.) /));
    expect(sentences.map((s) => s.tone.label).slice(1, 4)).toEqual(["positive", "negative", "negative"]);
    for (const s of sentences) for (const t of s.themes) expect(t.name).toEqual(themeName(t.id));
  });

  it("gives none for a short text, read as one piece", () => {
    const text = "Lasku oli väärin.";
    expect(answerAnalysis(stored(text), text)?.sentences).toEqual([]);
  });

  it("gives none when the analyzer redacted the text itself: its ranges are of the redacted copy", () => {
    // Stored unredacted (KOHTAAMO_REDACTION=off): the e-mail address shifts every later range.
    const text = `Sähköpostini on matti.meikalainen@example.com. ${COMMENT}`;
    const record = stored(text, false);
    expect((record.result as { sentences?: unknown[] }).sentences?.length).toBeGreaterThan(1);
    expect(answerAnalysis(record, text)?.sentences).toEqual([]);
  });

  it("gives none for ranges that do not fit the stored text, and none for a comment that is gone", () => {
    const record = stored(COMMENT);
    const result = record.result as { sentences: { start: number; end: number }[] };
    const shorter = COMMENT.slice(0, (result.sentences.at(-1)?.end ?? 0) - 1);
    expect(answerAnalysis(record, shorter)?.sentences).toEqual([]);
    expect(answerAnalysis(record, null)?.sentences).toEqual([]);
    const overlapping = structuredClone(result);
    (overlapping.sentences[1] as { start: number }).start = (overlapping.sentences[0]?.end ?? 0) - 2;
    expect(answerAnalysis({ ...record, result: overlapping }, COMMENT)?.sentences).toEqual([]);
    // The rest of the analysis is shown all the same.
    expect(answerAnalysis({ ...record, result: overlapping }, COMMENT)?.tone).toEqual(
      answerAnalysis(record, COMMENT)?.tone,
    );
  });

  it("aligns an encounter's turns with their own texts", () => {
    const turns = [
      { seq: 1, speaker: "customer" as const, at: null, text: COMMENT },
      { seq: 2, speaker: "agent" as const, at: null, text: "Korjaan laskun heti." },
    ];
    const { turns: analysed, ...rest } = analyzer.analyzeEncounter(turns, { alreadyRedacted: true });
    const result = { ...rest, turns: analysed.map(({ redacted: _text, ...t }) => t) };
    const view = encounterAnalysis(
      { subjectKind: "encounter", subjectId: "e", analyzerVersion: analyzer.version, result },
      turns,
    );
    expect(view?.turns[0]?.sentences.map((s) => COMMENT.slice(s.start, s.end))).toEqual(
      COMMENT.split(/(?<=\.) /),
    );
    expect(view?.turns[1]?.sentences).toEqual([]);
  });
});
