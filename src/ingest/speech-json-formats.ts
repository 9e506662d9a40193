import { z } from "zod";
import { because, type FieldProblem } from "../domain/index.ts";
import { awsSegments } from "./speech-json-aws.ts";
import {
  issueText,
  label,
  listOf,
  objectOf,
  ProblemList,
  SPEECH_RULES,
  type SpokenSegment,
  seconds,
} from "./speech-json-parts.ts";

/**
 * The JSON outputs of the common speech-to-text services → timed, labelled pieces of speech.
 * Shapes follow the vendors' documented examples:
 * - OpenAI Whisper `verbose_json`: `segments[]` with `start`, `end` (seconds) and `text`; diarised
 *   variants (WhisperX, whisper-diarization) add `segments[].speaker` ("SPEAKER_00").
 * - AWS Transcribe: `results.items[]` (words with `start_time`/`end_time` as strings, `type`
 *   pronunciation|punctuation, `alternatives[0].content`), speakers either on each item
 *   (`speaker_label`, newer jobs), in `results.speaker_labels.segments[].items[]` (older jobs),
 *   in `results.audio_segments[]` (newer jobs), or channels (`channel_label`, channel identification).
 * - Azure Speech batch transcription: `recognizedPhrases[]` with `channel`, `speaker` (diarisation),
 *   `offsetInTicks` (100 ns) or `offset` ("PT1.2S") and `nBest[0].display`.
 * Everything is read in the file's order; nothing is reordered here except that phrases of
 * separate channels (two independent recognitions) are merged by their start times.
 */

export const SPEECH_JSON_FORMATS = ["whisper", "aws-transcribe", "azure-speech"] as const;
export type SpeechJsonFormat = (typeof SPEECH_JSON_FORMATS)[number];

export { SpeechShapeError, type SpokenSegment } from "./speech-json-parts.ts";

export interface SpokenTranscript {
  segments: SpokenSegment[];
  problems: FieldProblem[];
}

export function spokenSegments(doc: unknown, format: SpeechJsonFormat): SpokenTranscript {
  const problems = new ProblemList();
  const segments =
    format === "whisper"
      ? whisperSegments(doc, problems)
      : format === "aws-transcribe"
        ? awsSegments(doc, problems)
        : azureSegments(doc, problems);
  return { segments: ordered(segments, problems), problems: problems.list() };
}

/** Which speech-to-text output a parsed JSON document is, by its keys; null for none. */
export function speechFormatOfKeys(
  keys: ReadonlySet<string>,
  resultsKeys: ReadonlySet<string>,
): SpeechJsonFormat | null {
  if (keys.has("recognizedPhrases") || keys.has("combinedRecognizedPhrases")) return "azure-speech";
  if (
    keys.has("results") &&
    ["transcripts", "items", "speaker_labels", "audio_segments"].some((k) => resultsKeys.has(k))
  )
    return "aws-transcribe";
  // OpenAI's verbose_json puts task, language, duration and the whole text before the segments.
  if (keys.has("segments") || (keys.has("task") && keys.has("duration"))) return "whisper";
  return null;
}

// ─── Whisper ────────────────────────────────────────────────────────────────────────────────

const WhisperSegment = z.object({
  start: seconds,
  end: seconds,
  text: z.string({ error: SPEECH_RULES.text.reason }),
  speaker: label,
  /** WhisperX: words with their own speaker; read only when the segment has none. */
  words: z
    .array(z.object({ speaker: label }).loose())
    .optional()
    .catch(undefined),
});

/** The speaker most of a segment's words have (WhisperX leaves a segment unlabelled when unsure). */
function wordsSpeaker(words: readonly { speaker?: string | null | undefined }[] | undefined): string | null {
  const counts = new Map<string, number>();
  for (const w of words ?? []) if (w.speaker) counts.set(w.speaker, (counts.get(w.speaker) ?? 0) + 1);
  let best: string | null = null;
  for (const [name, n] of counts) if (best === null || n > (counts.get(best) ?? 0)) best = name;
  return best;
}

function whisperSegments(doc: unknown, problems: ProblemList): SpokenSegment[] {
  const root = objectOf(doc, "a Whisper transcript");
  const list = listOf(
    root.segments,
    "segments",
    "a Whisper transcript needs its timed segments (response_format verbose_json, or WhisperX output)",
  );
  const out: SpokenSegment[] = [];
  list.forEach((item, index) => {
    const where = `segments[${index}]`;
    const parsed = WhisperSegment.safeParse(item);
    if (!parsed.success) {
      const { path, ...reason } = issueText(parsed.error);
      problems.add(`${where}${path}`, reason);
      return;
    }
    const { start, end, text, speaker, words } = parsed.data;
    const who = speaker || wordsSpeaker(words);
    out.push({ where, speaker: who, channel: null, start, end, text: text.trim() });
  });
  return out;
}

// ─── Azure Speech batch transcription ───────────────────────────────────────────────────────

const ISO_DURATION = /^PT(?:(\d+(?:\.\d+)?)H)?(?:(\d+(?:\.\d+)?)M)?(?:(\d+(?:\.\d+)?)S)?$/;

/** "PT1M2.5S" → 62.5; null when it is not an ISO 8601 time duration. */
export function isoDurationSeconds(text: string): number | null {
  const match = ISO_DURATION.exec(text.trim());
  if (!match || text.trim() === "PT") return null;
  const [, h, m, s] = match;
  return Number(h ?? 0) * 3600 + Number(m ?? 0) * 60 + Number(s ?? 0);
}

const ticks = z.number({ error: SPEECH_RULES.ticks.reason }).finite().min(0, SPEECH_RULES.notNegative.reason);

const AzurePhrase = z.object({
  recognitionStatus: z.string().optional(),
  channel: z.union([z.number(), z.string()]).optional(),
  speaker: label,
  offsetInTicks: ticks.optional(),
  durationInTicks: ticks.optional(),
  offsetMilliseconds: z.number().finite().min(0).optional(),
  durationMilliseconds: z.number().finite().min(0).optional(),
  offset: z.string().optional(),
  duration: z.string().optional(),
  nBest: z
    .array(
      z.object({
        display: z.string().optional(),
        itn: z.string().optional(),
        lexical: z.string().optional(),
      }),
      { error: SPEECH_RULES.nBest.reason },
    )
    .optional(),
});

function azureSegments(doc: unknown, problems: ProblemList): SpokenSegment[] {
  const root = objectOf(doc, "an Azure Speech transcript");
  const list = listOf(
    root.recognizedPhrases,
    "recognizedPhrases",
    "an Azure Speech batch transcription result lists its phrases there",
  );
  const out: SpokenSegment[] = [];
  list.forEach((phrase, index) => {
    const where = `recognizedPhrases[${index}]`;
    const parsed = AzurePhrase.safeParse(phrase);
    if (!parsed.success) {
      const { path, ...reason } = issueText(parsed.error);
      problems.add(`${where}${path}`, reason);
      return;
    }
    const p = parsed.data;
    // NoMatch, InitialSilenceTimeout…: nothing was recognised in that stretch of audio.
    if (p.recognitionStatus !== undefined && p.recognitionStatus !== "Success") return;
    const start = azureSeconds(p.offsetInTicks, p.offsetMilliseconds, p.offset);
    if (start === null) {
      const reason = 'has no readable offset (offsetInTicks, offsetMilliseconds or offset like "PT1.2S")';
      problems.add(where, because("no_offset", reason));
      return;
    }
    const length = azureSeconds(p.durationInTicks, p.durationMilliseconds, p.duration) ?? 0;
    const best = p.nBest?.[0];
    const text = best?.display ?? best?.itn ?? best?.lexical;
    if (text === undefined) {
      problems.add(`${where}.nBest`, because("no_text", "has no recognised text (nBest[0].display)"));
      return;
    }
    out.push({
      where,
      speaker: p.speaker || null,
      channel: p.channel === undefined ? null : String(p.channel),
      start,
      end: start + length,
      text: text.trim(),
    });
  });
  return out;
}

function azureSeconds(inTicks?: number, ms?: number, iso?: string): number | null {
  if (inTicks !== undefined) return inTicks / 1e7;
  if (ms !== undefined) return ms / 1000;
  return iso === undefined ? null : isoDurationSeconds(iso);
}

/** No call lasts a day; a bigger offset is a unit mix-up (milliseconds, ticks) or a broken file. */
const MAX_SECONDS = 86_400;

// ─── Order ──────────────────────────────────────────────────────────────────────────────────

/**
 * Within one channel, speech must come in time order: a start before the previous one is a
 * broken file (or a hand edit), not something to sort away silently. Separate channels are
 * independent recognitions and are merged by start time (a stable sort keeps equal starts in
 * file order). Empty pieces (silence, a lone filler) are dropped.
 */
function ordered(all: SpokenSegment[], problems: ProblemList): SpokenSegment[] {
  const last = new Map<string, SpokenSegment>();
  const segments = all.filter((s) => {
    if (s.start <= MAX_SECONDS && s.end <= MAX_SECONDS) return true;
    const reason = `has a time beyond ${MAX_SECONDS} s (a day): not an offset in a call`;
    problems.add(s.where, because("beyond_day", reason, { limit: MAX_SECONDS }));
    return false;
  });
  for (const s of segments) {
    if (s.end < s.start) {
      const reason = `ends (${s.end} s) before it starts (${s.start} s)`;
      problems.add(s.where, because("ends_before_start", reason, { end: s.end, start: s.start }));
    }
    const stream = s.channel ?? "";
    const before = last.get(stream);
    if (before && s.start < before.start) {
      const reason = `starts at ${s.start} s, before ${before.where} at ${before.start} s: times must not go backwards`;
      const params = { start: s.start, before: before.where, beforeStart: before.start };
      problems.add(s.where, because("starts_backwards", reason, params));
    }
    last.set(stream, s);
  }
  return segments.filter((s) => s.text !== "").sort((a, b) => a.start - b.start);
}
