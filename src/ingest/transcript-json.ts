import { readFile, stat } from "node:fs/promises";
import { basename, dirname, extname, join } from "node:path";
import {
  because,
  type FieldProblem,
  type FileErrorCode,
  type FileErrorParams,
  fileError,
  type Speaker,
} from "../domain/index.ts";
import { foldKey, parseSpeaker } from "./field-values.ts";
import type { DecodedFile } from "./file-decoding.ts";
import type { NormalizeResult } from "./record-normalizer.ts";
import type { SourceItem } from "./source-item.ts";
import {
  type SpeechJsonFormat,
  SpeechShapeError,
  type SpokenSegment,
  speechFormatOfKeys,
  spokenSegments,
} from "./speech-json-formats.ts";
import {
  finishTranscript,
  OPTION_FIELDS,
  speakerResolver,
  type TranscriptOptions,
} from "./transcript-reader.ts";

/**
 * A speech-to-text JSON file (Whisper, AWS Transcribe, Azure Speech; speech-json-formats.ts) →
 * one encounter, the same way a VTT file becomes one: the file holds who said what when, the
 * encounter's id, start time, team… come from the options or a sidecar `<name>.meta.json` beside
 * the file (`{"started_at": "…", "team": "…", "agent": "…", "customer_id": "…", "speakers": {…}}`).
 *
 * Speakers. Diarised labels (`spk_0`, `SPEAKER_00`, Azure's `1`) say nothing about roles, so:
 * - with a speaker mapping (`--speakers spk_0=agent,spk_1=customer`, `channel:0=agent`, `*=customer`
 *   for everyone else) the mapping is strict: a speaker it does not name is an error naming the
 *   file and the speaker;
 * - without one, a label that is a role word is taken as it is (as for VTT voices: "Agent",
 *   "Asiakas"), and otherwise the first voice heard is the agent and the second the customer —
 *   an inbound service call opens with the agent's greeting. A third unnamed voice is an error,
 *   not a guess.
 */

/** The most a speech-to-text JSON file may hold; it is parsed whole (see README, Data formats). */
export const SPEECH_JSON_MAX_BYTES = 50 * 1024 * 1024;

export interface ReadSpeechJsonOptions {
  format: SpeechJsonFormat;
  /** The file's name, for messages. */
  fileName: string;
  /** The file name without extension, the default id. */
  baseName: string;
  timeZone: string;
  transcript?: TranscriptOptions;
  /** Fields from a sidecar `<name>.meta.json`; the options win over them. */
  metadata?: Readonly<Record<string, unknown>>;
}

export function readSpeechJson(text: string, opts: ReadSpeechJsonOptions): NormalizeResult<"encounters"> {
  const doc = parseJson(text);
  const spoken = spokenSegments(doc, opts.format);
  const options = opts.transcript ?? {};
  const raw: Record<string, unknown> = { id: opts.baseName.replace(/\s+/g, "_"), channel: "phone" };
  let sidecarSpeakers: Record<string, string> | undefined;
  for (const [key, value] of Object.entries(opts.metadata ?? {})) {
    if (key === "speakers") sidecarSpeakers = value as Record<string, string>;
    else raw[foldKey(key)] = value;
  }
  for (const [option, field] of OPTION_FIELDS) {
    const value = options[option];
    if (typeof value === "string" && value.trim() !== "") raw[field] = value;
  }
  const mapping = options.speakers ?? sidecarSpeakers;
  const roles = assignRoles(spoken.segments, mapping, opts.fileName);
  const problems: FieldProblem[] = [...spoken.problems, ...roles.problems];
  if (spoken.segments.length === 0 && problems.length === 0) {
    const reason = `${opts.fileName} holds no recognised speech`;
    problems.push({ field: "file", ...because("speech_none", reason, { file: opts.fileName }) });
  }
  const turns: { speaker: Speaker; text: string; at: number }[] = [];
  spoken.segments.forEach((segment, index) => {
    const speaker = roles.roles[index];
    if (!speaker) return;
    const previous = turns[turns.length - 1];
    if (previous?.speaker === speaker) previous.text = `${previous.text} ${segment.text}`;
    else turns.push({ speaker, text: segment.text, at: roundSeconds(segment.start) });
  });
  const endSeconds = spoken.segments.reduce((end, s) => Math.max(end, s.end), 0);
  return finishTranscript(raw, turns, endSeconds, problems, opts.timeZone, "started_at_speech");
}

/** Offsets to the millisecond: float noise from ticks (7600000 / 1e7) should not reach the store. */
function roundSeconds(value: number): number {
  return Math.round(value * 1000) / 1000;
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch (error) {
    const message = (error as Error).message;
    const position = /at position (\d+)/.exec(message)?.[1];
    // V8 quotes the text around an unexpected token: that is the customer's words, never repeated.
    const token = /^Unexpected token '(.)'/.exec(message)?.[1];
    const reason =
      token !== undefined
        ? `unexpected character '${token}'`
        : message.replace(/\s*in JSON at position \d+.*$/s, "").replace(/"[^"]*"/g, "…");
    // The detail is the parser's English, as a rejected JSON line's (problem-codes.ts json_invalid).
    const at = position === undefined ? null : lineAndColumn(text, Number(position));
    throw at === null
      ? new SpeechShapeError(`it is not valid JSON: ${reason}`, "speech_json_invalid", { detail: reason })
      : new SpeechShapeError(`it is not valid JSON at ${at.text}: ${reason}`, "speech_json_invalid_at", {
          line: String(at.line),
          column: String(at.column),
          detail: reason,
        });
  }
}

function lineAndColumn(text: string, position: number): { line: number; column: number; text: string } {
  const before = text.slice(0, position);
  const line = before.split("\n").length;
  const column = position - before.lastIndexOf("\n");
  return { line, column, text: `line ${line}, column ${column}` };
}

// ─── Speakers ───────────────────────────────────────────────────────────────────────────────

interface Roles {
  /** The role of each segment, or null when it could not be given one (a problem says why). */
  roles: (Speaker | null)[];
  problems: FieldProblem[];
}

const DEFAULT_ORDER: readonly Speaker[] = ["agent", "customer"];

export function assignRoles(
  segments: readonly SpokenSegment[],
  mapping: Readonly<Record<string, string>> | undefined,
  fileName: string,
): Roles {
  const named = Object.fromEntries(Object.entries(mapping ?? {}).filter(([key]) => key.trim() !== "*"));
  const wildcardRole = Object.entries(mapping ?? {}).find(([key]) => key.trim() === "*")?.[1];
  const wildcard = wildcardRole === undefined ? null : parseSpeaker(wildcardRole);
  const strict = Object.keys(mapping ?? {}).length > 0;
  const resolve = speakerResolver(named);
  const known = new Map<string, Speaker | null>();
  const problems: FieldProblem[] = [];
  let unlabelled = 0;
  let nextDefault = 0;
  const roleOf = (segment: SpokenSegment): Speaker | null => {
    const identity = segment.speaker ?? (segment.channel === null ? null : `channel:${segment.channel}`);
    if (identity === null) {
      if (wildcard?.ok) return wildcard.value;
      if (unlabelled++ === 0) {
        const reason =
          `has no speaker in ${fileName}: the transcript is not diarised. Use a diarised output (WhisperX "speaker", ` +
          `AWS ShowSpeakerLabels, Azure diarizationEnabled) or give unlabelled speech a role, e.g. --speakers "*=customer"`;
        problems.push({
          field: segment.where,
          ...because("speech_not_diarised", reason, { file: fileName }),
        });
      }
      return null;
    }
    if (known.has(identity)) return known.get(identity) ?? null;
    let role =
      (segment.speaker === null ? null : resolve(segment.speaker)) ??
      (segment.channel === null ? null : (resolve(`channel:${segment.channel}`) ?? resolve(segment.channel)));
    if (role === null && wildcard?.ok) role = wildcard.value;
    if (role === null) {
      const heard = { file: fileName, where: segment.where, at: clock(segment.start), identity };
      const first = `first heard at ${segment.where}, ${clock(segment.start)}`;
      if (strict) {
        const listed = Object.entries(mapping ?? {})
          .map(([name, role]) => `${name}=${role}`)
          .join(", ");
        const reason = `in ${fileName} (${first}) is not in the speaker mapping (${listed}); add it, e.g. --speakers ${identity}=customer, or map everyone else with *=customer`;
        problems.push({
          field: `speaker ${identity}`,
          ...because("speaker_not_mapped", reason, { ...heard, listed }),
        });
      } else if (nextDefault < DEFAULT_ORDER.length) {
        role = DEFAULT_ORDER[nextDefault++] ?? null;
      } else {
        const reason =
          `in ${fileName} (${first}) is a third voice: by default the first voice heard is the agent and the second ` +
          `the customer; name every speaker's role, e.g. --speakers spk_0=agent,spk_1=customer,${identity}=agent`;
        problems.push({ field: `speaker ${identity}`, ...because("speaker_third_voice", reason, heard) });
      }
    }
    known.set(identity, role);
    return role;
  };
  return { roles: segments.map(roleOf), problems };
}

function clock(seconds: number): string {
  return new Date(Math.round(seconds * 1000)).toISOString().slice(11, 23);
}

/**
 * `spk_0=agent,spk_1=customer` (also `;` between pairs; roles in Finnish or English) → the
 * transcript options' `speakers`. A role that is not customer, agent or bot is refused here, so a
 * typo fails before the file is read.
 */
export function parseSpeakerMapping(text: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const pair of text.split(/[,;]/)) {
    if (pair.trim() === "") continue;
    const eq = pair.lastIndexOf("=");
    const name = pair.slice(0, eq).trim();
    if (eq <= 0 || name === "") {
      const message = `--speakers: "${pair.trim()}" must look like spk_0=agent`;
      throw fileError("bad_request", "speakers_pair", message, { pair: pair.trim() });
    }
    const role = parseSpeaker(pair.slice(eq + 1));
    if (!role.ok) {
      // The role's own reason is worded from its code (problem-codes.ts), as a cue's time is.
      const params = { speaker: name, ...role.params, inner: role.code };
      throw fileError("bad_request", "speakers_role", `--speakers: ${name}: ${role.reason}`, params);
    }
    out[name] = role.value;
  }
  return out;
}

// ─── Detection and the source hook ──────────────────────────────────────────────────────────

/**
 * Which speech-to-text JSON the start of a file is, by the keys of its top-level object (and of
 * `results` for AWS), read with a small scanner because the head is usually cut mid-document.
 * Null for anything else, JSON Lines records included.
 */
export function sniffSpeechJson(head: string): SpeechJsonFormat | null {
  const text = head.trimStart();
  if (!text.startsWith("{")) return null;
  const keys = new Set<string>();
  const resultsKeys = new Set<string>();
  const stack: (string | null)[] = []; // the key each open container sits under
  let lastKey: string | null = null;
  for (let i = 0; i < text.length; i += 1) {
    const ch = text[i];
    if (ch === '"') {
      let j = i + 1;
      while (j < text.length && text[j] !== '"') j += text[j] === "\\" ? 2 : 1;
      if (j >= text.length) break;
      const token = text.slice(i + 1, j);
      i = j;
      let k = j + 1;
      while (k < text.length && /\s/.test(text[k] ?? "")) k += 1;
      if (text[k] !== ":") continue;
      lastKey = token;
      if (stack.length === 1) keys.add(token);
      else if (stack.length === 2 && stack[1] === "results") resultsKeys.add(token);
    } else if (ch === "{" || ch === "[") {
      stack.push(stack.length === 0 ? null : lastKey);
      lastKey = null;
    } else if (ch === "}" || ch === "]") {
      stack.pop();
      if (stack.length === 0) break;
    }
  }
  return speechFormatOfKeys(keys, resultsKeys);
}

/** The sidecar of `calls/c-1.json` is `calls/c-1.meta.json`: an object of encounter fields. */
export async function readSidecar(path: string): Promise<Record<string, unknown> | undefined> {
  const sidecar = join(dirname(path), `${basename(path, extname(path))}.meta.json`);
  if (sidecar === path || !(await stat(sidecar).catch(() => null))?.isFile()) return undefined;
  let value: unknown;
  try {
    value = JSON.parse(await readFile(sidecar, "utf8"));
  } catch (error) {
    // The parser's message is not a parameter: it quotes the file.
    const message = `Cannot read ${sidecar}: ${(error as Error).message}`;
    throw fileError("unreadable_input", "sidecar_invalid", message);
  }
  if (value === null || typeof value !== "object" || Array.isArray(value)) {
    throw fileError(
      "unreadable_input",
      "sidecar_not_object",
      `Cannot read ${sidecar}: it must hold one JSON object of encounter fields`,
    );
  }
  const fields = value as Record<string, unknown>;
  if (fields.speakers !== undefined) {
    const speakers = fields.speakers;
    const valid =
      speakers !== null &&
      typeof speakers === "object" &&
      !Array.isArray(speakers) &&
      Object.values(speakers).every((role) => typeof role === "string" && parseSpeaker(role).ok);
    if (!valid) {
      throw fileError(
        "unreadable_input",
        "sidecar_speakers",
        `Cannot read ${sidecar}: "speakers" must map labels to customer, agent or bot, like {"spk_0": "agent"}`,
      );
    }
  }
  return fields;
}

/** The source reader's hook: the whole file (bounded) → one encounter item, or an error naming the file. */
export async function speechJsonItems(
  file: DecodedFile,
  format: SpeechJsonFormat,
  options: { timeZone: string; transcript?: TranscriptOptions },
): Promise<AsyncIterable<SourceItem<"encounters">>> {
  const unreadable = (what: string, code: FileErrorCode, params: FileErrorParams = {}) =>
    fileError("unreadable_input", code, `Cannot read ${file.path}: ${what}`, { ...params, format });
  if (file.totalBytes > SPEECH_JSON_MAX_BYTES) {
    const size = (file.totalBytes / 1024 / 1024).toFixed(1);
    const max = SPEECH_JSON_MAX_BYTES / 1024 / 1024;
    throw unreadable(
      `it is ${size} MB; a speech-to-text transcript may be at most ${max} MB`,
      "speech_too_large",
      { size, max: String(max) },
    );
  }
  const metadata = await readSidecar(file.path);
  const parts: string[] = [];
  for await (const chunk of file.chunks()) parts.push(chunk);
  const fileName = basename(file.path);
  let result: NormalizeResult<"encounters">;
  try {
    result = readSpeechJson(parts.join(""), {
      format,
      fileName,
      baseName: basename(file.path, extname(file.path)),
      timeZone: options.timeZone,
      ...(options.transcript && { transcript: options.transcript }),
      ...(metadata && { metadata }),
    });
  } catch (error) {
    if (error instanceof SpeechShapeError)
      throw unreadable(`${error.message} (read as ${format} JSON)`, error.code, error.params);
    throw error;
  }
  // The raw text would be the whole unredacted call: a rejection names the file instead.
  const item: SourceItem<"encounters"> = result.ok
    ? { line: 1, ok: true, record: result.record }
    : { line: 1, ...result, raw: { file: fileName, format } };
  return (async function* () {
    yield item;
  })();
}
