import type { Lang } from "./text/language.ts";
import { sentenceSpans, type TextSpan } from "./text/message-parts.ts";
import type { TextAnalyzer } from "./text-analyzer.ts";

export type { TextSpan };

/**
 * The sentences of an (already redacted) text in which the analyzer finds a theme on their own:
 * what a reader should look at when the text is listed under that theme. A theme found only in the
 * text as a whole (no single sentence carries it) gives no span, and a one-sentence text is its own
 * evidence. Sentences are cut as the analysis cuts long texts (text/message-parts.ts: abbreviations and
 * decimal commas do not split; a quoted thread and a signature are not evidence).
 * Example: "Lasku oli väärin. Palvelu oli hyvää." with "billing" → [{ start: 0, end: 18 }].
 */
export function themeEvidence(
  analyzer: TextAnalyzer,
  text: string,
  themeId: string,
  lang?: Lang,
): TextSpan[] {
  const sentences = sentenceSpans(text, lang ?? "fi");
  if (sentences.length <= 1) return sentences;
  return sentences.filter(({ start, end }) =>
    analyzer
      .analyzeText(text.slice(start, end), lang, { alreadyRedacted: true })
      .themes.some((t) => t.id === themeId),
  );
}
