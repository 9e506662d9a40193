import { because, type FieldProblem, fileError } from "../domain/index.ts";
import { parseOffsetSeconds } from "./field-values.ts";

/**
 * WebVTT and SRT → timed cues with an optional speaker label. Only what call transcripts use is
 * understood: cue timings, `<v Name>` voice spans, "Name: text" prefixes, and `NOTE key=value`
 * metadata before the first cue. Styling (STYLE, REGION, <i>, {\an8}) is dropped.
 */

export interface Cue {
  /** 1-based position among the file's cues, for messages ("cue 3"). */
  index: number;
  /** Physical line of the cue's timing line. */
  line: number;
  startSeconds: number;
  endSeconds: number;
  /** The cue text split where a new speaker label starts. */
  segments: { label: string | null; text: string }[];
}

export interface ParsedTranscript {
  cues: Cue[];
  /** `key=value` pairs from NOTE blocks before the first cue (VTT only). */
  metadata: Record<string, string>;
  /** Cues whose timing could not be read. */
  problems: FieldProblem[];
}

interface Block {
  line: number;
  lines: string[];
}

function blocksOf(text: string): Block[] {
  const blocks: Block[] = [];
  let current: Block | null = null;
  text
    .replace(/\r\n?/g, "\n")
    .split("\n")
    .forEach((content, index) => {
      if (content.trim() === "") current = null;
      else if (current) current.lines.push(content);
      else {
        current = { line: index + 1, lines: [content] };
        blocks.push(current);
      }
    });
  return blocks;
}

const TIMING = /^\s*(\S+)\s+-->\s+(\S+)/;
const VOICE = /<v(?:\.[^\s>]*)?\s+([^>]+)>/;
const LABEL = /^\s*(?:-\s*)?\[?([\p{L}][\p{L}\p{N} ._'-]{0,40}?)\]?\s*:\s*(.*)$/u;

/**
 * `isSpeakerLabel` decides whether "Word: text" names a speaker or is just text with a colon
 * ("Huom: lasku on maksettu" is not a speaker called Huom).
 */
export function parseTranscript(
  text: string,
  format: "vtt" | "srt",
  isSpeakerLabel: (label: string) => boolean,
): ParsedTranscript {
  const blocks = blocksOf(text);
  const metadata: Record<string, string> = {};
  const problems: FieldProblem[] = [];
  const cues: Cue[] = [];
  if (format === "vtt") {
    const first = blocks.shift();
    if (!first?.lines[0]?.startsWith("WEBVTT")) {
      const message = "not a WebVTT file: the first line must be WEBVTT";
      throw fileError("unreadable_input", "vtt_header", message);
    }
    first.lines.slice(1).forEach((extra, i) => {
      Object.assign(metadata, noteMetadata(extra, first.line + 1 + i, problems));
    });
  }
  for (const block of blocks) {
    const head = block.lines[0] ?? "";
    if (format === "vtt" && /^NOTE(\s|$)/.test(head)) {
      if (cues.length === 0)
        Object.assign(metadata, noteMetadata(block.lines.join("\n").slice(4), block.line, problems));
      continue;
    }
    if (format === "vtt" && /^(STYLE|REGION)(\s|$)/.test(head)) continue;
    const timingAt = block.lines.findIndex((line) => line.includes("-->"));
    const name = `cue ${cues.length + 1} (line ${block.line})`;
    const timing = TIMING.exec(block.lines[timingAt] ?? "");
    if (timingAt < 0 || timingAt > 1 || !timing) {
      const reason = "has no timing line like 00:00:05.000 --> 00:00:08.000";
      problems.push({ field: name, ...because("cue_no_timing", reason) });
      continue;
    }
    const start = parseOffsetSeconds(timing[1] ?? "");
    const end = parseOffsetSeconds(timing[2] ?? "");
    if (!start.ok) {
      const reason = `has an unreadable start time: ${start.reason}`;
      problems.push({
        field: name,
        ...because("cue_start_unreadable", reason, { ...start.params, inner: start.code }),
      });
      continue;
    }
    if (!end.ok) {
      const reason = `has an unreadable end time: ${end.reason}`;
      problems.push({
        field: name,
        ...because("cue_end_unreadable", reason, { ...end.params, inner: end.code }),
      });
      continue;
    }
    cues.push({
      index: cues.length + 1,
      line: block.line + timingAt,
      startSeconds: start.value,
      endSeconds: Math.max(start.value, end.value),
      segments: segmentsOf(block.lines.slice(timingAt + 1), isSpeakerLabel),
    });
  }
  if (cues.length === 0 && problems.length === 0) {
    const message = `no cues found; expected timed cues like "00:00:01.000 --> 00:00:04.000"`;
    throw fileError("unreadable_input", "cues_none", message, { format });
  }
  return { cues, metadata, problems };
}

/**
 * `started_at=2025-03-01T10:00:00+02:00 team=laskutus touchpoint="Laskun selvitys"`. A NOTE that
 * holds such pairs is metadata, so a word in it outside any pair is a mistake that would lose a
 * value without a word: `started_at=3.3.2026 9.02` (the time unquoted) gives the day only. Such a
 * word is a problem (the record is rejected, naming the NOTE's line); a NOTE without pairs is a
 * comment and is left alone.
 */
function noteMetadata(text: string, line: number, problems: FieldProblem[]): Record<string, string> {
  const pairs: Record<string, string> = {};
  const PAIR = /([A-Za-z_][\w-]*)=(?:"([^"]*)"|(\S+))/g;
  for (const match of text.matchAll(PAIR)) {
    const key = match[1];
    if (key) pairs[key] = match[2] ?? match[3] ?? "";
  }
  if (Object.keys(pairs).length === 0) return pairs;
  for (const word of text.replace(PAIR, " ").split(/\s+/)) {
    if (word === "") continue;
    const reason = `"${word}" is not a key=value pair: quote a value with spaces, as in started_at="3.3.2025 9.02"`;
    problems.push({
      field: `NOTE (line ${line})`,
      ...because("note_not_pair", reason, { word: `"${word}"` }),
    });
  }
  return pairs;
}

function segmentsOf(payload: string[], isSpeakerLabel: (label: string) => boolean): Cue["segments"] {
  const segments: Cue["segments"] = [];
  for (const rawLine of payload) {
    const voice = VOICE.exec(rawLine)?.[1]?.trim() ?? null;
    const plain = stripMarkup(rawLine);
    const labelled = LABEL.exec(plain);
    if (voice !== null) segments.push({ label: voice, text: plain });
    else if (labelled?.[1] && isSpeakerLabel(labelled[1].trim()))
      segments.push({ label: labelled[1].trim(), text: labelled[2] ?? "" });
    else if (segments.length > 0) {
      const last = segments[segments.length - 1];
      if (last) last.text = `${last.text} ${plain}`.trim();
    } else segments.push({ label: null, text: plain });
  }
  return segments.filter((segment) => segment.text !== "" || segment.label !== null);
}

const ENTITIES: Record<string, string> = {
  amp: "&",
  lt: "<",
  gt: ">",
  quot: '"',
  apos: "'",
  nbsp: " ",
  lrm: "",
  rlm: "",
};

function stripMarkup(line: string): string {
  return line
    .replace(/<[^>]*>/g, "")
    .replace(/\{\\[^}]*\}/g, "")
    .replace(/&(#\d+|[a-z]+);/g, (whole, name: string) =>
      name.startsWith("#") ? String.fromCodePoint(Number(name.slice(1))) : (ENTITIES[name] ?? whole),
    )
    .trim();
}
