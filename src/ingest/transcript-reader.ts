import { because, type FieldProblem, type Reason, type Speaker } from "../domain/index.ts";
import { resolveField } from "./column-aliases.ts";
import { foldKey, parseInstant, parseSpeaker } from "./field-values.ts";
import { type NormalizeResult, normalizeRecord } from "./record-normalizer.ts";
import { type Cue, parseTranscript } from "./transcript-cues.ts";

/**
 * A WebVTT or SRT call transcript → one encounter. The file holds only who said what when;
 * the encounter's id, start time, team… come from options, or for VTT from a metadata NOTE in
 * the header (documented in docs/formats.md):
 *
 *     WEBVTT
 *
 *     NOTE started_at=2025-03-01T10:00:00+02:00 team=laskutus agent=maija.v customer_id=C-1002
 *
 * The start time is never guessed from the file's mtime: a copy or a re-download would change
 * it, and importing the same file twice must give the same record.
 */

export interface TranscriptOptions {
  /** Encounter id; default: the file name without extension (spaces become "_"). */
  id?: string;
  /** Default "phone": transcripts are almost always calls. */
  channel?: string;
  /** Required here or as `NOTE started_at=…`: ISO 8601 or d.m.yyyy HH:MM. */
  startedAt?: string;
  team?: string;
  agent?: string;
  customerId?: string;
  touchpoint?: string;
  /**
   * Voice or label names that are not role words: `{ "Maija Virtanen": "agent" }`. For
   * speech-to-text JSON also diarised labels (`spk_0`, `SPEAKER_00`, Azure's `1`), channels
   * (`channel:0`) and `*` for every other speaker; given, it is strict (transcript-json.ts).
   */
  speakers?: Readonly<Record<string, string>>;
}

export interface ReadTranscriptOptions {
  format: "vtt" | "srt";
  /** The file name without extension, the default id. */
  baseName: string;
  timeZone: string;
  transcript?: TranscriptOptions;
}

export const OPTION_FIELDS: readonly [keyof TranscriptOptions, string][] = [
  ["id", "id"],
  ["channel", "channel"],
  ["startedAt", "started_at"],
  ["team", "team"],
  ["agent", "agent"],
  ["customerId", "customer_id"],
  ["touchpoint", "touchpoint"],
];

export function readTranscript(text: string, opts: ReadTranscriptOptions): NormalizeResult<"encounters"> {
  const options = opts.transcript ?? {};
  const speakerOf = speakerResolver(options.speakers ?? {});
  const parsed = parseTranscript(text, opts.format, (label) => speakerOf(label) !== null);
  const problems: FieldProblem[] = [...parsed.problems];
  const raw: Record<string, unknown> = { id: opts.baseName.replace(/\s+/g, "_"), channel: "phone" };
  for (const [key, value] of Object.entries(parsed.metadata)) {
    // Keys are the encounter's fields, by their names or the aliases a CSV header may use ("tiimi");
    // an unknown one is a problem rather than a value dropped without a word.
    const field = noteField(key);
    if (field) raw[field] = value;
    else {
      const reason = `is not an encounter field; known: ${NOTE_FIELDS.join(", ")}`;
      problems.push({
        field: `NOTE ${key}`,
        ...because("note_unknown_key", reason, { known: NOTE_FIELDS.join(", ") }),
      });
    }
  }
  for (const [option, field] of OPTION_FIELDS) {
    const value = options[option];
    if (typeof value === "string" && value.trim() !== "") raw[field] = value;
  }
  const turns: { speaker: Speaker; text: string; at: number }[] = [];
  for (const cue of parsed.cues) {
    for (const segment of cue.segments) {
      const speaker = segment.label === null ? null : speakerOf(segment.label);
      if (speaker === null) {
        problems.push({ field: cueName(cue), ...labelProblem(segment.label) });
        continue;
      }
      const previous = turns[turns.length - 1];
      if (previous?.speaker === speaker) previous.text = `${previous.text} ${segment.text}`.trim();
      else turns.push({ speaker, text: segment.text, at: cue.startSeconds });
    }
  }
  const endSeconds = Math.max(0, ...parsed.cues.map((cue) => cue.endSeconds));
  return finishTranscript(raw, turns, endSeconds, problems, opts.timeZone);
}

/** The encounter fields a VTT NOTE may give (docs/formats.md, "Metadata"). */
const NOTE_FIELDS = [
  "id",
  "channel",
  "started_at",
  "ended_at",
  "team",
  "agent",
  "customer_id",
  "touchpoint",
  "wait_seconds",
  "transfers",
  "resolved",
] as const;

/** The encounter field a NOTE key names (itself or an alias of a CSV header), or null. */
function noteField(key: string): string | null {
  const field = resolveField("encounters", key);
  if (field === "encounter_id") return "id";
  return field !== null && (NOTE_FIELDS as readonly string[]).includes(field) ? field : null;
}

/** Where a transcript's missing start time can be given, by the kind of file. */
const STARTED_AT_HINTS = {
  started_at_vtt: "add a header line like NOTE started_at=2025-03-01T10:00:00+02:00 to the VTT file",
  started_at_speech: 'put {"started_at": "2025-03-01T10:00:00+02:00"} in a sidecar file <name>.meta.json',
} as const;

/**
 * The common end of every transcript reader (VTT, SRT, speech-to-text JSON): `raw` holds the
 * encounter's fields from the file's metadata and the options; the call's end is its start plus
 * the last spoken second. `startedAtHint` says where a missing start time can be given.
 */
export function finishTranscript(
  raw: Record<string, unknown>,
  turns: readonly { speaker: Speaker; text: string; at: number }[],
  endSeconds: number,
  problems: readonly FieldProblem[],
  timeZone: string,
  startedAtHint: keyof typeof STARTED_AT_HINTS = "started_at_vtt",
): NormalizeResult<"encounters"> {
  raw.turns = turns;
  const started = typeof raw.started_at === "string" ? parseInstant(raw.started_at, timeZone) : null;
  if (started?.ok && raw.ended_at === undefined) {
    raw.ended_at = new Date(Date.parse(started.value) + Math.round(endSeconds * 1000)).toISOString();
  }
  const result = normalizeRecord("encounters", raw, { timeZone });
  if (result.ok && problems.length === 0) return result;
  const all = [
    ...problems,
    ...(result.ok ? [] : result.problems.map((p) => explainStartedAt(p, startedAtHint))),
  ];
  const id = typeof raw.id === "string" ? raw.id : undefined;
  return id === undefined ? { ok: false, problems: all } : { ok: false, id, problems: all };
}

/** Speaker labels → roles: the mapping by name first, then a role word ("Asiakas", "Agentti Maija"). */
export function speakerResolver(names: Readonly<Record<string, string>>): (label: string) => Speaker | null {
  const known = new Map<string, Speaker>();
  for (const [name, role] of Object.entries(names)) {
    const speaker = parseSpeaker(role);
    if (speaker.ok) known.set(foldKey(name), speaker.value);
  }
  return (label) => {
    const byName = known.get(foldKey(label));
    if (byName) return byName;
    const whole = parseSpeaker(label);
    if (whole.ok) return whole.value;
    // "Agentti Maija", "Asiakas (soittaja)": the role word comes first.
    const first = parseSpeaker(label.split(/[\s(]/)[0] ?? "");
    return first.ok ? first.value : null;
  };
}

function cueName(cue: Cue): string {
  const total = Math.round(cue.startSeconds * 1000);
  const clock = new Date(total).toISOString().slice(11, 23);
  return `cue ${cue.index} (line ${cue.line}, ${clock})`;
}

function labelProblem(label: string | null): Reason {
  if (label === null) {
    const reason =
      'has no speaker label; start its text with "Asiakas:" / "Customer:" or "Agentti:" / "Agent:", or use a <v Agent> voice tag';
    return because("speaker_label_missing", reason);
  }
  const reason = `speaker "${label}" is neither customer, agent nor bot; name the role (e.g. "Agentti ${label}") or map the name in the transcript options`;
  return because("speaker_label_unknown", reason, { label });
}

function explainStartedAt(problem: FieldProblem, hint: keyof typeof STARTED_AT_HINTS): FieldProblem {
  if (problem.field !== "started_at" || problem.code !== "required") return problem;
  const reason = `is required for a transcript: pass it as an import option or ${STARTED_AT_HINTS[hint]}`;
  return { field: "started_at", ...because(hint, reason) };
}
