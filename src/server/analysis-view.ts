import { z } from "@hono/zod-openapi";
import { analysisFacts, EFFORT_CODES } from "../store/analysis-facts.ts";
import { type AnalysisRecord, parseThemeCodes, type TurnView } from "../store/index.ts";
import type { ListFacts } from "../store/record-filter.ts";
import { themeName } from "../workflows/theme-names.ts";
import type {
  AnswerAnalysis,
  EncounterAnalysis,
  ListFacts as ListFactsBody,
  TextAnalysis,
  TurnAnalysis,
} from "./api-schemas.ts";

/**
 * Stored analysis JSON (what analysis/text-analyzer.ts produced, any analyzer version) → the wire
 * shape of the detail routes. Parsed, not trusted: a result an older analyzer wrote in another
 * shape shows as "not analysed" (null) rather than a 500.
 */

const ToneLabel = z.enum(["negative", "neutral", "positive"]);
const StoredTone = z.object({ label: ToneLabel, score: z.number() });
const StoredEffort = z.object({
  repeatContact: z.boolean().optional(),
  transfer: z.boolean().optional(),
  explainAgain: z.boolean().optional(),
  statedWaitSeconds: z.number().nullable().optional(),
});
const StoredThemes = z.array(z.object({ id: z.string(), polarity: ToneLabel })).default([]);
const StoredText = z.object({
  lang: z.string().default("other"),
  tone: StoredTone,
  emotions: z
    .array(z.object({ id: z.string(), score: z.number(), present: z.boolean().default(false) }))
    .default([]),
  themes: StoredThemes,
  behaviours: z.array(z.string()).optional(),
  effort: StoredEffort.default({}),
  /** Ranges in the text the analyzer read: the stored text when `pii` is empty (below). */
  sentences: z
    .array(
      z.object({
        start: z.number().int(),
        end: z.number().int(),
        tone: StoredTone,
        themes: StoredThemes,
      }),
    )
    .optional(),
  /** What the analyzer redacted itself: a text stored unredacted (KOHTAAMO_REDACTION=off) with personal data in it. */
  pii: z.array(z.unknown()).optional(),
  /** "language": a text in a language the analyzer does not read (analysis/text-analyzer.ts TextAnalysis.unread). */
  unread: z.string().optional(),
});
const StoredPoint = z.object({ turn: z.number().int(), score: z.number() }).nullable();
const StoredEncounter = z.object({
  lang: z.string().default("other"),
  turns: z.array(StoredText.extend({ speaker: z.string() })),
  arc: z.object({
    start: StoredPoint,
    end: StoredPoint,
    low: StoredPoint,
    high: StoredPoint,
    trajectory: z.enum(["recovered", "deteriorated", "steady"]),
  }),
  moments: z.array(z.object({ turn: z.number().int(), kind: z.enum(["peak", "end"]), score: z.number() })),
  themes: StoredThemes,
  emotions: StoredText.shape.emotions,
  behaviours: z.array(z.string()).default([]),
  effort: StoredEffort.default({}),
});

type Effort = z.infer<typeof StoredEffort>;
type TextOut = z.infer<typeof TextAnalysis>;

function effortOf(e: Effort): TextOut["effort"] {
  const has: Record<(typeof EFFORT_CODES)[number], boolean> = {
    repeat_contact: e.repeatContact === true,
    transfer: e.transfer === true,
    explain_again: e.explainAgain === true,
    stated_wait: e.statedWaitSeconds !== null && e.statedWaitSeconds !== undefined,
  };
  return { signals: EFFORT_CODES.filter((c) => has[c]), stated_wait_seconds: e.statedWaitSeconds ?? null };
}

function themesOf(themes: z.infer<typeof StoredText>["themes"]): TextOut["themes"] {
  return themes.map((t) => ({ id: t.id, polarity: t.polarity, name: themeName(t.id) }));
}

/**
 * The sentences of a long text as they were read, when their ranges are ranges of `text` as stored:
 * the analyzer's offsets index the text it read, which is the stored text unless it redacted
 * something itself (a text stored unredacted: then the ranges are of a redacted copy and would cut
 * the stored one in the wrong places, so none are shown). Ranges out of order or outside the text
 * (an older result, a text edited since) give none either.
 */
function sentencesOf(t: z.infer<typeof StoredText>, text: string | null): TextOut["sentences"] {
  const sentences = t.sentences ?? [];
  if (text === null || sentences.length === 0 || !Array.isArray(t.pii) || t.pii.length > 0) return [];
  let at = 0;
  for (const s of sentences) {
    if (s.start < at || s.end <= s.start || s.end > text.length) return [];
    at = s.end;
  }
  return sentences.map((s) => ({ start: s.start, end: s.end, tone: s.tone, themes: themesOf(s.themes) }));
}

function textOf(t: z.infer<typeof StoredText>, text: string | null): TextOut {
  return {
    tone: t.tone,
    emotions: t.emotions,
    themes: themesOf(t.themes),
    effort: effortOf(t.effort),
    sentences: sentencesOf(t, text),
    unread_language: t.unread === "language" ? t.lang : null,
  };
}

/**
 * The analysis of an answer's comment (`comment`: as stored), or null when there is none (no
 * comment, or an unreadable result).
 */
export function answerAnalysis(
  record: AnalysisRecord | undefined,
  comment: string | null,
): z.infer<typeof AnswerAnalysis> | null {
  const parsed = StoredText.safeParse(record?.result);
  if (!record || !parsed.success) return null;
  return {
    analyzer_version: record.analyzerVersion,
    lang: parsed.data.lang,
    ...textOf(parsed.data, comment),
  };
}

/**
 * An encounter's analysis and the per-turn analyses, aligned with its stored turns by position
 * (the analyzer saw the turns in seq order). Null when there is none or its turns no longer match.
 */
export function encounterAnalysis(
  record: AnalysisRecord | undefined,
  turns: readonly TurnView[],
): { analysis: z.infer<typeof EncounterAnalysis>; turns: z.infer<typeof TurnAnalysis>[] } | null {
  const parsed = StoredEncounter.safeParse(record?.result);
  if (!record || !parsed.success || parsed.data.turns.length !== turns.length) return null;
  const a = parsed.data;
  const seqOf = (turn: number) => turns[turn]?.seq ?? turn;
  const point = (p: z.infer<typeof StoredPoint>) =>
    p ? { turn: p.turn, seq: seqOf(p.turn), score: p.score } : null;
  // The same tone the list's `tone` filter sees (the record's facts).
  const facts = analysisFacts("encounter", record.result);
  return {
    analysis: {
      analyzer_version: record.analyzerVersion,
      lang: a.lang,
      tone:
        facts.toneScore === null ? null : { label: ToneLabel.parse(facts.toneLabel), score: facts.toneScore },
      arc: {
        start: point(a.arc.start),
        end: point(a.arc.end),
        low: point(a.arc.low),
        high: point(a.arc.high),
        trajectory: a.arc.trajectory,
      },
      moments: a.moments.map((m) => ({ turn: m.turn, seq: seqOf(m.turn), kind: m.kind, score: m.score })),
      themes: themesOf(a.themes),
      emotions: a.emotions,
      behaviours: a.behaviours,
      effort: effortOf(a.effort),
    },
    turns: a.turns.map((t, i) => ({ ...textOf(t, turns[i]?.text ?? null), behaviours: t.behaviours ?? [] })),
  };
}

const POLARITY_LABEL = { "-1": "negative", "0": "neutral", "1": "positive" } as const;

/** A list item's facts columns → its wire shape; a value an older version wrote otherwise is left out. */
export function listFactsView(f: ListFacts): z.infer<typeof ListFactsBody> {
  const tone = ToneLabel.safeParse(f.tone_label);
  const trajectory = StoredEncounter.shape.arc.shape.trajectory.safeParse(f.trajectory);
  const effort = new Set((f.effort_codes ?? "").split(" "));
  return {
    tone: tone.success && f.tone_score !== null ? { label: tone.data, score: f.tone_score } : null,
    themes: parseThemeCodes(f.theme_codes).flatMap(([id, polarity]) => {
      const label = POLARITY_LABEL[String(polarity) as keyof typeof POLARITY_LABEL];
      return label ? [{ id, polarity: label, name: themeName(id) }] : [];
    }),
    trajectory: trajectory.success ? trajectory.data : null,
    effort: EFFORT_CODES.filter((c) => effort.has(c)),
    unread_language: f.unread_lang,
  };
}
