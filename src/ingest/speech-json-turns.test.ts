import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { type SpeechJsonFormat, SpeechShapeError } from "./speech-json-formats.ts";
import { readSpeechJson } from "./transcript-json.ts";

/**
 * Properties of every speech-to-text reader: whatever the utterances, the encounter's turns come
 * in time order, no two neighbours have the same role (consecutive speech of one role is one
 * turn), and every word said is in the turns, in order — nothing is lost or duplicated.
 */

interface Utterance {
  speaker: 0 | 1;
  gap: number;
  length: number;
  words: string[];
}

const WORDS = [
  "lasku",
  "väärä",
  "kiitos",
  "hyvä",
  "bill",
  "wrong",
  "thanks",
  "jonotin",
  "tunnin",
  "ok",
  "öljy",
  "Åland",
];
const word = fc.oneof(fc.constantFrom(...WORDS), fc.stringMatching(/^[a-zäöå]{1,8}$/));
const utterance: fc.Arbitrary<Utterance> = fc.record({
  speaker: fc.constantFrom(0 as const, 1 as const),
  gap: fc.integer({ min: 0, max: 5000 }).map((ms) => ms / 1000),
  length: fc.integer({ min: 100, max: 9000 }).map((ms) => ms / 1000),
  words: fc.array(word, { minLength: 1, maxLength: 8 }),
});

/** The same conversation as each vendor writes it; times are laid end to end. */
function documentOf(format: SpeechJsonFormat, utterances: Utterance[]): unknown {
  let clock = 0;
  const timed = utterances.map((u) => {
    const start = clock + u.gap;
    clock = start + u.length;
    return { ...u, start, end: clock };
  });
  if (format === "whisper") {
    return {
      task: "transcribe",
      language: "finnish",
      duration: clock,
      text: timed.map((u) => u.words.join(" ")).join(" "),
      segments: timed.map((u, id) => ({
        id,
        seek: 0,
        start: u.start,
        end: u.end,
        text: ` ${u.words.join(" ")}`,
        speaker: `SPEAKER_0${u.speaker}`,
      })),
    };
  }
  if (format === "azure-speech") {
    return {
      source: "call.wav",
      recognizedPhrases: timed.map((u) => ({
        recognitionStatus: "Success",
        channel: 0,
        speaker: u.speaker + 1,
        offset: `PT${u.start}S`,
        duration: `PT${u.length}S`,
        offsetInTicks: Math.round(u.start * 1e7),
        durationInTicks: Math.round(u.length * 1e7),
        nBest: [{ confidence: 0.9, lexical: u.words.join(" "), display: u.words.join(" ") }],
      })),
    };
  }
  const items: Record<string, unknown>[] = [];
  for (const u of timed) {
    const step = u.length / u.words.length;
    u.words.forEach((content, i) => {
      items.push({
        id: items.length,
        start_time: (u.start + i * step).toFixed(3),
        end_time: (u.start + (i + 1) * step).toFixed(3),
        speaker_label: `spk_${u.speaker}`,
        alternatives: [{ confidence: "0.99", content }],
        type: "pronunciation",
      });
    });
  }
  return { jobName: "job", results: { transcripts: [{ transcript: "" }], items } };
}

describe("speech-to-text JSON → turns (property)", () => {
  for (const format of ["whisper", "aws-transcribe", "azure-speech"] as const) {
    it(`${format}: turns are in time order, alternate roles and hold every word once, in order`, () => {
      fc.assert(
        fc.property(fc.array(utterance, { minLength: 1, maxLength: 40 }), (utterances) => {
          const result = readSpeechJson(JSON.stringify(documentOf(format, utterances)), {
            format,
            fileName: "call.json",
            baseName: "call",
            timeZone: "Europe/Helsinki",
            transcript: { startedAt: "2025-03-01T10:00:00+02:00" },
          });
          if (!result.ok) throw new Error(JSON.stringify(result.problems));
          const turns = result.record.turns;
          for (let i = 1; i < turns.length; i += 1) {
            expect(turns[i]?.offsetSeconds ?? 0).toBeGreaterThanOrEqual(turns[i - 1]?.offsetSeconds ?? 0);
            expect(turns[i]?.speaker).not.toBe(turns[i - 1]?.speaker);
          }
          expect(turns.map((t) => t.seq)).toEqual(turns.map((_, i) => i));
          const said = utterances.flatMap((u) => u.words).join(" ");
          expect(turns.map((t) => t.text).join(" ")).toBe(said);
          // The first voice is the agent by default, and a voice keeps its role throughout.
          const first = utterances[0]?.speaker;
          expect(turns[0]?.speaker).toBe("agent");
          const roleOf = (u: Utterance) => (u.speaker === first ? "agent" : "customer");
          const expected = utterances.map(roleOf).filter((role, i, all) => i === 0 || all[i - 1] !== role);
          expect(turns.map((t) => t.speaker)).toEqual(expected);
        }),
        { numRuns: 150 },
      );
    });
  }
});

describe("speech-to-text JSON: any input is a result or a clear error (property)", () => {
  const wrap: Record<SpeechJsonFormat, (value: unknown) => unknown> = {
    whisper: (value) => ({ segments: value }),
    "aws-transcribe": (value) => ({
      results: { items: value, speaker_labels: { segments: value }, audio_segments: value },
    }),
    "azure-speech": (value) => ({ recognizedPhrases: value }),
  };
  // Near-misses of the real shapes: the right keys with values of any type.
  const field = fc.oneof(fc.jsonValue(), fc.double(), fc.constantFrom("4.87", "PT1.5S", "-1", "", "spk_0"));
  const item = fc.record(
    {
      start: field,
      end: field,
      text: field,
      speaker: field,
      start_time: field,
      end_time: field,
      type: fc.constantFrom("pronunciation", "punctuation", "other"),
      speaker_label: field,
      channel_label: field,
      alternatives: fc.oneof(field, fc.array(fc.record({ content: field }))),
      id: field,
      items: field,
      channel: field,
      offsetInTicks: field,
      offset: field,
      nBest: fc.oneof(field, fc.array(fc.record({ display: field }))),
      recognitionStatus: fc.constantFrom("Success", "NoMatch"),
      transcript: field,
    },
    { requiredKeys: [] },
  );
  for (const format of ["whisper", "aws-transcribe", "azure-speech"] as const) {
    it(`${format}: never throws anything but a shape error`, () => {
      fc.assert(
        fc.property(fc.oneof(fc.jsonValue(), fc.array(item, { maxLength: 12 })), (value) => {
          try {
            const result = readSpeechJson(JSON.stringify(wrap[format](value)), {
              format,
              fileName: "fuzz.json",
              baseName: "fuzz",
              timeZone: "Europe/Helsinki",
              transcript: { startedAt: "2025-03-01T10:00:00+02:00" },
            });
            if (!result.ok) expect(result.problems.length).toBeGreaterThan(0);
          } catch (error) {
            expect(error).toBeInstanceOf(SpeechShapeError);
          }
        }),
        { numRuns: 300 },
      );
    });
  }
});
