import { z } from "zod";
import { because } from "../domain/index.ts";
import {
  issueText,
  label,
  listOf,
  objectAt,
  objectOf,
  type ProblemList,
  SPEECH_RULES,
  SpeechShapeError,
  type SpokenSegment,
} from "./speech-json-parts.ts";

/**
 * AWS Transcribe batch output → speech segments, one per run of words of the same speaker (and
 * channel): a change of speaker starts a new one. See speech-json-formats.ts for the shapes.
 */

/** AWS writes times as strings ("4.87"); numbers are taken too. */
const awsSeconds = z
  .union([z.string(), z.number()], { error: SPEECH_RULES.secondsLike.reason })
  .transform((v, ctx) => {
    const n = typeof v === "number" ? v : /^\s*\d+(\.\d+)?\s*$/.test(v) ? Number(v) : Number.NaN;
    if (!Number.isFinite(n) || n < 0) {
      const value = JSON.stringify(v);
      const { reason, code, params } = because("seconds_text", `must be seconds like "4.87" (got ${value})`, {
        value,
      });
      ctx.addIssue({ code: "custom", message: reason, params: { code, params } });
      return z.NEVER;
    }
    return n;
  });

const AwsItem = z.object({
  id: z.number().int().optional(),
  type: z.enum(["pronunciation", "punctuation"], { error: SPEECH_RULES.awsItemType.reason }),
  start_time: awsSeconds.optional(),
  end_time: awsSeconds.optional(),
  speaker_label: label,
  channel_label: label,
  alternatives: z
    .array(z.object({ content: z.string({ error: SPEECH_RULES.text.reason }) }), {
      error: SPEECH_RULES.list.reason,
    })
    .min(1, SPEECH_RULES.alternatives.reason),
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
  transcript: z.string({ error: SPEECH_RULES.text.reason }),
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

export function awsSegments(doc: unknown, problems: ProblemList): SpokenSegment[] {
  const results = objectAt(objectOf(doc, "an AWS Transcribe transcript").results, "results");
  const rawItems = results.items === undefined ? [] : listOf(results.items, "results.items", "the words");
  const words: Word[] = [];
  rawItems.forEach((item, index) => {
    const parsed = AwsItem.safeParse(item);
    const where = `results.items[${index}]`;
    if (!parsed.success) {
      const { path, ...reason } = issueText(parsed.error);
      problems.add(`${where}${path}`, reason);
      return;
    }
    const w = parsed.data;
    const punctuation = w.type === "punctuation";
    if (!punctuation && (w.start_time === undefined || w.end_time === undefined)) {
      problems.add(
        where,
        because("pronunciation_untimed", "is a pronunciation item without start_time and end_time"),
      );
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
      const message = '"results.items" is missing or empty: the transcript has no words';
      throw new SpeechShapeError(message, "speech_no_words");
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
        const { path, ...reason } = issueText(parsed.error);
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
  const list = listOf(results.audio_segments, "results.audio_segments", "the speakers' segments");
  const out: SpokenSegment[] = [];
  list.forEach((segment, index) => {
    const where = `results.audio_segments[${index}]`;
    const parsed = AwsAudioSegment.safeParse(segment);
    if (!parsed.success) {
      const { path, ...reason } = issueText(parsed.error);
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
      else
        problems.add(
          `results.items[${w.index}]`,
          because("punctuation_first", "is punctuation before any word"),
        );
      continue;
    }
    const start = w.start ?? 0;
    if (current && previous && current.speaker === w.speaker && current.channel === w.channel) {
      // Runs' starts are checked against each other in ordered(); words inside a run here.
      if (start < (previous.start ?? 0)) {
        const before = `results.items[${previous.index}]`;
        const reason = `is ${start} s, before ${before} at ${previous.start} s: times must not go backwards`;
        const params = { start, before, beforeStart: previous.start ?? "null" };
        problems.add(`results.items[${w.index}].start_time`, because("word_backwards", reason, params));
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
