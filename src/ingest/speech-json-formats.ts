import { z } from "zod";
import type { FieldProblem } from "../domain/index.ts";

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

export interface SpokenSegment {
  /** Where it came from, for messages: `segments[3]`, `results.items[120]`, `recognizedPhrases[7]`. */
  where: string;
  /** The speaker as the file names it (`spk_0`, `SPEAKER_01`, `2`), or null when not diarised. */
  speaker: string | null;
  /** The audio channel as the file names it (`ch_0`, `0`), when the output is per channel. */
  channel: string | null;
  start: number;
  end: number;
  text: string;
}

export interface SpokenTranscript {
  segments: SpokenSegment[];
  problems: FieldProblem[];
}

/** A document that is not the named format at all (not an object, its main list missing). */
export class SpeechShapeError extends Error {}

/** At most this many problems are listed for one file; the rest are counted. */
const MAX_PROBLEMS = 20;

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

class ProblemList {
  private readonly items: FieldProblem[] = [];
  private dropped = 0;
  add(field: string, reason: string): void {
    if (this.items.length < MAX_PROBLEMS) this.items.push({ field, reason });
    else this.dropped += 1;
  }
  list(): FieldProblem[] {
    if (this.dropped === 0) return this.items;
    return [...this.items, { field: "file", reason: `and ${this.dropped} more problems of the same kinds` }];
  }
}

function objectOf(doc: unknown, what: string): Record<string, unknown> {
  if (doc === null || typeof doc !== "object" || Array.isArray(doc)) {
    throw new SpeechShapeError(`${what} must be a JSON object`);
  }
  return doc as Record<string, unknown>;
}

function listOf(value: unknown, field: string, what: string): unknown[] {
  if (Array.isArray(value)) return value;
  throw new SpeechShapeError(
    value === undefined ? `${field} is missing: ${what}` : `${field} must be a list: ${what}`,
  );
}

function issueText(error: z.ZodError): { path: string; reason: string } {
  const issue = error.issues[0];
  const path = (issue?.path ?? []).map((p) => (typeof p === "number" ? `[${p}]` : `.${String(p)}`)).join("");
  return { path, reason: issue?.message ?? "is not valid" };
}

const seconds = z.number({ error: "must be a number of seconds" }).finite().min(0, "must not be negative");
const label = z
  .union([z.string(), z.number()], { error: "must be text or a number" })
  .transform((v) => String(v).trim())
  .nullish();

// ─── Whisper ────────────────────────────────────────────────────────────────────────────────

const WhisperSegment = z.object({
  start: seconds,
  end: seconds,
  text: z.string({ error: "must be text" }),
  speaker: label,
});

function whisperSegments(doc: unknown, problems: ProblemList): SpokenSegment[] {
  const root = objectOf(doc, "a Whisper transcript");
  const list = listOf(
    root.segments,
    '"segments"',
    "a Whisper transcript needs its timed segments (response_format verbose_json, or WhisperX output)",
  );
  const out: SpokenSegment[] = [];
  list.forEach((item, index) => {
    const where = `segments[${index}]`;
    const parsed = WhisperSegment.safeParse(item);
    if (!parsed.success) {
      const { path, reason } = issueText(parsed.error);
      problems.add(`${where}${path}`, reason);
      return;
    }
    const { start, end, text, speaker } = parsed.data;
    out.push({ where, speaker: speaker || null, channel: null, start, end, text: text.trim() });
  });
  return out;
}

// ─── AWS Transcribe ─────────────────────────────────────────────────────────────────────────

/** AWS writes times as strings ("4.87"); numbers are taken too. */
const awsSeconds = z
  .union([z.string(), z.number()], { error: 'must be seconds like "4.87"' })
  .transform((v, ctx) => {
    const n = typeof v === "number" ? v : /^\s*\d+(\.\d+)?\s*$/.test(v) ? Number(v) : Number.NaN;
    if (!Number.isFinite(n) || n < 0) {
      ctx.addIssue({ code: "custom", message: `must be seconds like "4.87" (got ${JSON.stringify(v)})` });
      return z.NEVER;
    }
    return n;
  });

const AwsItem = z.object({
  id: z.number().int().optional(),
  type: z.enum(["pronunciation", "punctuation"], { error: 'must be "pronunciation" or "punctuation"' }),
  start_time: awsSeconds.optional(),
  end_time: awsSeconds.optional(),
  speaker_label: label,
  channel_label: label,
  alternatives: z
    .array(z.object({ content: z.string({ error: "must be text" }) }), { error: "must be a list" })
    .min(1, "must hold at least one alternative"),
});

const AwsLabelledItem = z.object({
  start_time: awsSeconds,
  end_time: awsSeconds.optional(),
  speaker_label: label,
  channel_label: label,
});

const AwsAudioSegment = z.object({
  start_time: awsSeconds,
  end_time: awsSeconds,
  transcript: z.string({ error: "must be text" }),
  speaker_label: label,
  channel_label: label,
  items: z.array(z.number().int()).optional(),
});

interface Word {
  index: number;
  punctuation: boolean;
  start: number | null;
  end: number | null;
  speaker: string | null;
  channel: string | null;
  text: string;
  id: number | undefined;
}

function awsSegments(doc: unknown, problems: ProblemList): SpokenSegment[] {
  const results = objectOf(objectOf(doc, "an AWS Transcribe transcript").results, '"results"');
  const rawItems = results.items === undefined ? [] : listOf(results.items, '"results.items"', "the words");
  const words: Word[] = [];
  rawItems.forEach((item, index) => {
    const parsed = AwsItem.safeParse(item);
    const where = `results.items[${index}]`;
    if (!parsed.success) {
      const { path, reason } = issueText(parsed.error);
      problems.add(`${where}${path}`, reason);
      return;
    }
    const w = parsed.data;
    const punctuation = w.type === "punctuation";
    if (!punctuation && (w.start_time === undefined || w.end_time === undefined)) {
      problems.add(where, "is a pronunciation item without start_time and end_time");
      return;
    }
    words.push({
      index,
      punctuation,
      start: w.start_time ?? null,
      end: w.end_time ?? null,
      speaker: w.speaker_label || null,
      channel: w.channel_label || null,
      text: (w.alternatives[0]?.content ?? "").trim(),
      id: w.id,
    });
  });
  labelWords(words, results, problems);
  const audioSegments = parseAudioSegments(results, problems);
  if (words.length === 0) {
    if (audioSegments.length > 0) return audioSegments;
    if (rawItems.length === 0 && results.audio_segments === undefined) {
      throw new SpeechShapeError('"results.items" is missing or empty: the transcript has no words');
    }
    return [];
  }
  return runsOf(words, problems);
}

/** Older jobs name speakers and channels beside the words; copy them onto the words. */
function labelWords(words: Word[], results: Record<string, unknown>, problems: ProblemList): void {
  const pronounced = words.filter((w) => !w.punctuation);
  if (pronounced.some((w) => w.speaker === null)) {
    const speakers = labelsByStart(results.speaker_labels, "results.speaker_labels", problems);
    if (speakers.size > 0) for (const w of pronounced) w.speaker ??= speakers.get(w.start ?? -1) ?? null;
  }
  if (pronounced.some((w) => w.speaker === null) && Array.isArray(results.audio_segments)) {
    const byId = new Map<number, string>();
    results.audio_segments.forEach((segment) => {
      const parsed = AwsAudioSegment.safeParse(segment);
      if (!parsed.success || !parsed.data.speaker_label) return;
      for (const id of parsed.data.items ?? []) byId.set(id, parsed.data.speaker_label);
    });
    for (const w of pronounced)
      if (w.speaker === null && w.id !== undefined) w.speaker = byId.get(w.id) ?? null;
  }
  if (pronounced.some((w) => w.channel === null) && results.channel_labels !== undefined) {
    const channels = results.channel_labels as { channels?: unknown };
    const byStart = new Map<number, string>();
    if (Array.isArray(channels?.channels)) {
      channels.channels.forEach((channel, c) => {
        const found = labelsByStart(
          { segments: [channel] },
          `results.channel_labels.channels[${c}]`,
          problems,
          "channel",
        );
        for (const [start, name] of found) byStart.set(start, name);
      });
    }
    for (const w of pronounced) w.channel ??= byStart.get(w.start ?? -1) ?? null;
  }
  // A punctuation mark belongs to the word before it.
  let previous: Word | undefined;
  for (const w of words) {
    if (w.punctuation && previous) {
      w.speaker = previous.speaker;
      w.channel = previous.channel;
    } else if (!w.punctuation) previous = w;
  }
}

/** `{segments: [{speaker_label, items: [{start_time, speaker_label}]}]}` → start second → label. */
function labelsByStart(
  section: unknown,
  name: string,
  problems: ProblemList,
  kind: "speaker" | "channel" = "speaker",
): Map<number, string> {
  const out = new Map<number, string>();
  const segments = (section as { segments?: unknown } | undefined)?.segments;
  if (!Array.isArray(segments)) return out;
  segments.forEach((segment, s) => {
    const head = segment as { speaker_label?: unknown; channel_label?: unknown; items?: unknown };
    const segmentLabel = kind === "speaker" ? head?.speaker_label : head?.channel_label;
    if (!Array.isArray(head?.items)) return;
    head.items.forEach((item, i) => {
      const parsed = AwsLabelledItem.safeParse(item);
      if (!parsed.success) {
        const { path, reason } = issueText(parsed.error);
        problems.add(`${name}.segments[${s}].items[${i}]${path}`, reason);
        return;
      }
      const own = kind === "speaker" ? parsed.data.speaker_label : parsed.data.channel_label;
      const value = own || (typeof segmentLabel === "string" ? segmentLabel : null);
      if (value) out.set(parsed.data.start_time, value);
    });
  });
  return out;
}

function parseAudioSegments(results: Record<string, unknown>, problems: ProblemList): SpokenSegment[] {
  if (results.audio_segments === undefined) return [];
  const list = listOf(results.audio_segments, '"results.audio_segments"', "the speakers' segments");
  const out: SpokenSegment[] = [];
  list.forEach((segment, index) => {
    const where = `results.audio_segments[${index}]`;
    const parsed = AwsAudioSegment.safeParse(segment);
    if (!parsed.success) {
      const { path, reason } = issueText(parsed.error);
      problems.add(`${where}${path}`, reason);
      return;
    }
    const s = parsed.data;
    out.push({
      where,
      speaker: s.speaker_label || null,
      channel: s.channel_label || null,
      start: s.start_time,
      end: s.end_time,
      text: s.transcript.trim(),
    });
  });
  return out;
}

/** Words → one segment per run of the same speaker (and channel); a change of speaker starts a new one. */
function runsOf(words: Word[], problems: ProblemList): SpokenSegment[] {
  const out: SpokenSegment[] = [];
  let current: SpokenSegment | null = null;
  let previous: Word | null = null;
  for (const w of words) {
    if (w.punctuation) {
      if (current) current.text += w.text;
      else problems.add(`results.items[${w.index}]`, "is punctuation before any word");
      continue;
    }
    const start = w.start ?? 0;
    if (current && previous && current.speaker === w.speaker && current.channel === w.channel) {
      // Runs' starts are checked against each other in ordered(); words inside a run here.
      if (start < (previous.start ?? 0)) {
        problems.add(
          `results.items[${w.index}].start_time`,
          `is ${start} s, before results.items[${previous.index}] at ${previous.start} s: times must not go backwards`,
        );
      }
      current.text = current.text === "" ? w.text : `${current.text} ${w.text}`;
      current.end = Math.max(current.end, w.end ?? start);
      previous = w;
      continue;
    }
    previous = w;
    current = {
      where: `results.items[${w.index}]`,
      speaker: w.speaker,
      channel: w.channel,
      start,
      end: w.end ?? start,
      text: w.text,
    };
    out.push(current);
  }
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

const ticks = z
  .number({ error: "must be a number of ticks (100 ns)" })
  .finite()
  .min(0, "must not be negative");

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
      { error: "must be a list of recognition alternatives" },
    )
    .optional(),
});

function azureSegments(doc: unknown, problems: ProblemList): SpokenSegment[] {
  const root = objectOf(doc, "an Azure Speech transcript");
  const list = listOf(
    root.recognizedPhrases,
    '"recognizedPhrases"',
    "an Azure Speech batch transcription result lists its phrases there",
  );
  const out: SpokenSegment[] = [];
  list.forEach((phrase, index) => {
    const where = `recognizedPhrases[${index}]`;
    const parsed = AzurePhrase.safeParse(phrase);
    if (!parsed.success) {
      const { path, reason } = issueText(parsed.error);
      problems.add(`${where}${path}`, reason);
      return;
    }
    const p = parsed.data;
    // NoMatch, InitialSilenceTimeout…: nothing was recognised in that stretch of audio.
    if (p.recognitionStatus !== undefined && p.recognitionStatus !== "Success") return;
    const start = azureSeconds(p.offsetInTicks, p.offsetMilliseconds, p.offset);
    if (start === null) {
      problems.add(
        where,
        'has no readable offset (offsetInTicks, offsetMilliseconds or offset like "PT1.2S")',
      );
      return;
    }
    const length = azureSeconds(p.durationInTicks, p.durationMilliseconds, p.duration) ?? 0;
    const best = p.nBest?.[0];
    const text = best?.display ?? best?.itn ?? best?.lexical;
    if (text === undefined) {
      problems.add(`${where}.nBest`, "has no recognised text (nBest[0].display)");
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

// ─── Order ──────────────────────────────────────────────────────────────────────────────────

/**
 * Within one channel, speech must come in time order: a start before the previous one is a
 * broken file (or a hand edit), not something to sort away silently. Separate channels are
 * independent recognitions and are merged by start time (a stable sort keeps equal starts in
 * file order). Empty pieces (silence, a lone filler) are dropped.
 */
function ordered(segments: SpokenSegment[], problems: ProblemList): SpokenSegment[] {
  const last = new Map<string, SpokenSegment>();
  for (const s of segments) {
    if (s.end < s.start) problems.add(s.where, `ends (${s.end} s) before it starts (${s.start} s)`);
    const stream = s.channel ?? "";
    const before = last.get(stream);
    if (before && s.start < before.start) {
      problems.add(
        s.where,
        `starts at ${s.start} s, before ${before.where} at ${before.start} s: times must not go backwards`,
      );
    }
    last.set(stream, s);
  }
  return segments.filter((s) => s.text !== "").sort((a, b) => a.start - b.start);
}
