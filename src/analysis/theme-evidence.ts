import type { Lang } from "./text/language.ts";
import type { TextAnalyzer } from "./text-analyzer.ts";

/** A character range [start, end) of a text. */
export interface TextSpan {
  start: number;
  end: number;
}

/**
 * The sentences of an (already redacted) text in which the analyzer finds a theme on their own:
 * what a reader should look at when the text is listed under that theme. A theme found only in the
 * text as a whole (no single sentence carries it) gives no span, and a one-sentence text is its own
 * evidence. Sentences come from Intl.Segmenter, so abbreviations and decimal commas do not split.
 * Example: "Lasku oli väärin. Palvelu oli hyvää." with "billing" → [{ start: 0, end: 18 }].
 */
export function themeEvidence(
  analyzer: TextAnalyzer,
  text: string,
  themeId: string,
  lang?: Lang,
): TextSpan[] {
  const sentences: TextSpan[] = [];
  const segmenter = new Intl.Segmenter(lang === "en" || lang === "sv" ? lang : "fi", {
    granularity: "sentence",
  });
  for (const s of segmenter.segment(text)) {
    if (!/[\p{L}\p{N}]/u.test(s.segment)) continue;
    const trimmed = s.segment.trimEnd();
    sentences.push({ start: s.index, end: s.index + trimmed.length });
  }
  if (sentences.length <= 1) return sentences;
  return sentences.filter(({ start, end }) =>
    analyzer
      .analyzeText(text.slice(start, end), lang, { alreadyRedacted: true })
      .themes.some((t) => t.id === themeId),
  );
}
