import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, describe, expect, it } from "vitest";
import type { SourceItem } from "./source-item.ts";
import { openSource } from "./source-reader.ts";
import { isoDurationSeconds } from "./speech-json-formats.ts";
import { parseSpeakerMapping, SPEECH_JSON_MAX_BYTES, sniffSpeechJson } from "./transcript-json.ts";
import type { TranscriptOptions } from "./transcript-reader.ts";

const example = (name: string) => fileURLToPath(new URL(`../../examples/${name}`, import.meta.url));
const START = { startedAt: "2025-03-05T10:00:00+02:00" };

async function readAll(path: string, transcript?: TranscriptOptions, format?: "auto" | "jsonl") {
  const source = await openSource(path, {
    kind: "encounters",
    timeZone: "Europe/Helsinki",
    ...(format && { format }),
    ...(transcript && { transcript }),
  });
  const items: SourceItem<"encounters">[] = [];
  for await (const item of source.items) items.push(item);
  return { source, items };
}

/** Every folder made for a file below, removed when the tests end. */
const dirs: string[] = [];
afterAll(async () => {
  await Promise.all(dirs.map((dir) => rm(dir, { recursive: true, force: true })));
});

async function writeTemp(name: string, content: unknown): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), "kohtaamo-stt-"));
  dirs.push(dir);
  const path = join(dir, name);
  await writeFile(path, typeof content === "string" ? content : JSON.stringify(content, null, 2));
  return path;
}

async function one(path: string, transcript?: TranscriptOptions) {
  const { source, items } = await readAll(path, transcript);
  expect(items).toHaveLength(1);
  const item = items[0];
  if (!item) throw new Error("no item");
  return { format: source.format, item };
}

async function record(path: string, transcript?: TranscriptOptions) {
  const { format, item } = await one(path, transcript);
  if (!item.ok) throw new Error(`rejected: ${JSON.stringify(item.problems)}`);
  return { format, record: item.record };
}

async function problems(path: string, transcript?: TranscriptOptions) {
  const { item } = await one(path, transcript);
  if (item.ok) throw new Error("expected a rejection");
  return item.problems;
}

const turnsOf = (r: { turns: { speaker: string; text: string; offsetSeconds?: number }[] }) =>
  r.turns.map((t) => [t.speaker, t.offsetSeconds, t.text]);

describe("speech-to-text JSON: the documented shapes", () => {
  it("Whisper verbose_json with WhisperX speakers (Finnish), metadata from the sidecar file", async () => {
    const { format, record: r } = await record(example("call-whisper.json"));
    expect(format).toBe("whisper");
    expect(r).toMatchObject({
      id: "call-whisper",
      channel: "phone",
      team: "Laskutus",
      agent: "maija.v",
      customerId: "C-1002",
      touchpoint: "Laskun selvitys",
      startedAt: "2025-03-04T11:20:00.000Z",
      endedAt: "2025-03-04T11:20:41.200Z",
    });
    expect(turnsOf(r)).toEqual([
      ["agent", 0.82, "Kohtaamo Energia, Maija puhelimessa, miten voin auttaa?"],
      ["customer", 4.9, "Hei, sain laskun, jossa on sama kuukausi kahteen kertaan."],
      ["agent", 10.1, "Pahoittelut! Katson asian heti. Mikä on asiakasnumeronne?"],
      [
        "customer",
        16.4,
        "Se on C-1002. Voitte soittaa minulle numeroon 040 123 4567, jos tarvitsette lisätietoja.",
      ],
      [
        "agent",
        31.5,
        "Näen virheen. Hyvitän ylimääräisen kuukauden ja lähetän korjatun laskun sähköpostiin.",
      ],
      ["customer", 38.4, "Kiitos, tosi nopeaa palvelua!"],
    ]);
  });

  it("AWS Transcribe with speaker labels on the items, speaker_labels and audio_segments (English)", async () => {
    const { format, record: r } = await record(example("call-aws-transcribe.json"), START);
    expect(format).toBe("aws-transcribe");
    expect(r.startedAt).toBe("2025-03-05T08:00:00.000Z");
    expect(r.endedAt).toBe("2025-03-05T08:00:30.100Z");
    expect(turnsOf(r)).toEqual([
      ["agent", 0.64, "Thanks for calling Kohtaamo Energy, this is Sam, how can I help?"],
      ["customer", 4.71, "Hi, I was charged twice for March and I have been on hold for an hour."],
      ["agent", 9.9, "Sorry about the wait. Let me check that for you."],
      ["customer", 13.8, "My account number is C-2044."],
      ["agent", 22.4, "I can see the double charge. I will refund it today."],
      ["customer", 28.3, "Great, thank you."],
    ]);
  });

  it("Azure Speech batch transcription with diarisation (Finnish): speaker 1 agent, 2 customer", async () => {
    const { format, record: r } = await record(example("call-azure-speech.json"), START);
    expect(format).toBe("azure-speech");
    expect(turnsOf(r)).toEqual([
      ["agent", 0.56, "Kohtaamo Energia, Jari puhelimessa, miten voin auttaa?"],
      ["customer", 4.52, "Hei, jonotin yli puoli tuntia ja sähkö katkesi eilen illalla."],
      ["agent", 9.84, "Pahoittelen odotusta, katsotaan heti. Mikä on osoitteenne?"],
      ["customer", 16.9, "Kuusitie 3, Tampere."],
      ["agent", 24.1, "Alueella oli vika, joka on nyt korjattu."],
      ["customer", 30.8, "Selvä, kiitos."],
    ]);
    expect(r.endedAt).toBe("2025-03-05T08:00:32.600Z");
  });

  it("an explicit mapping turns the default around (an outbound call: the customer answers)", async () => {
    const { record: r } = await record(example("call-azure-speech.json"), {
      ...START,
      speakers: parseSpeakerMapping("1=asiakas,2=agentti"),
    });
    expect(r.turns.map((t) => t.speaker).slice(0, 2)).toEqual(["customer", "agent"]);
  });

  it("options win over the sidecar", async () => {
    const { record: r } = await record(example("call-whisper.json"), { id: "puhelu-1", team: "Myynti" });
    expect(r).toMatchObject({ id: "puhelu-1", team: "Myynti", agent: "maija.v" });
  });
});

/** AWS Transcribe output of older jobs: speakers only in speaker_labels, matched by start_time. */
function awsOlder() {
  const word = (start: string, end: string, content: string, extra: Record<string, unknown> = {}) => ({
    start_time: start,
    end_time: end,
    alternatives: [{ confidence: "0.99", content }],
    type: "pronunciation",
    ...extra,
  });
  type Item = {
    start_time?: string;
    end_time?: string;
    alternatives: { confidence: string; content: string }[];
    type: string;
  };
  const dot = (content = "."): Item => ({
    alternatives: [{ confidence: "0.0", content }],
    type: "punctuation",
  });
  const items: Item[] = [
    word("0.50", "0.90", "Hello"),
    dot(","),
    word("0.90", "1.40", "support"),
    dot(),
    word("2.00", "2.30", "My"),
    word("2.30", "2.80", "bill"),
    word("2.80", "3.10", "is"),
    word("3.10", "3.60", "wrong"),
    dot(),
  ];
  const segment = (label: string, list: typeof items) => ({
    start_time: list[0]?.start_time,
    end_time: list[list.length - 1]?.end_time,
    speaker_label: label,
    items: list.map((w) => ({ start_time: w.start_time, end_time: w.end_time, speaker_label: label })),
  });
  const pronounced = items.filter((w) => w.type === "pronunciation");
  return {
    jobName: "older-job",
    accountId: "111122223333",
    results: {
      transcripts: [{ transcript: "Hello, support. My bill is wrong." }],
      speaker_labels: {
        speakers: 2,
        segments: [segment("spk_0", pronounced.slice(0, 2)), segment("spk_1", pronounced.slice(2))],
      },
      items,
    },
    status: "COMPLETED",
  };
}

describe("speech-to-text JSON: other documented variants", () => {
  it("AWS without speaker labels on the items takes them from speaker_labels.segments", async () => {
    const { record: r } = await record(await writeTemp("older.json", awsOlder()), START);
    expect(turnsOf(r)).toEqual([
      ["agent", 0.5, "Hello, support."],
      ["customer", 2, "My bill is wrong."],
    ]);
  });

  it("AWS with only audio_segments labelled (items by id) and with audio_segments alone", async () => {
    const doc = awsOlder();
    const { speaker_labels: _dropped, ...rest } = doc.results;
    const ids = rest.items.map((item, id) => ({ ...item, id }));
    const audio_segments = [
      {
        id: 0,
        transcript: "Hello, support.",
        start_time: "0.50",
        end_time: "1.40",
        speaker_label: "spk_0",
        items: [0, 1, 2, 3],
      },
      {
        id: 1,
        transcript: "My bill is wrong.",
        start_time: "2.00",
        end_time: "3.60",
        speaker_label: "spk_1",
        items: [4, 5, 6, 7, 8],
      },
    ];
    const byIds = await record(
      await writeTemp("segments.json", { ...doc, results: { ...rest, items: ids, audio_segments } }),
      START,
    );
    expect(byIds.record.turns.map((t) => [t.speaker, t.text])).toEqual([
      ["agent", "Hello, support."],
      ["customer", "My bill is wrong."],
    ]);
    const alone = await record(
      await writeTemp("alone.json", { results: { transcripts: rest.transcripts, audio_segments } }),
      START,
    );
    expect(alone.format).toBe("aws-transcribe");
    expect(alone.record.turns.map((t) => [t.speaker, t.offsetSeconds, t.text])).toEqual([
      ["agent", 0.5, "Hello, support."],
      ["customer", 2, "My bill is wrong."],
    ]);
  });

  it("AWS channel identification: channels mapped by their labels", async () => {
    const item = (channel: string, start: string, end: string, content: string) => ({
      channel_label: channel,
      start_time: start,
      end_time: end,
      alternatives: [{ confidence: "1.0", content }],
      type: "pronunciation",
    });
    const ch0 = [item("ch_0", "0.20", "0.60", "Hei"), item("ch_0", "3.00", "3.40", "Selvä")];
    const ch1 = [item("ch_1", "1.00", "1.50", "Moi"), item("ch_1", "1.50", "2.00", "vaan")];
    const doc = {
      jobName: "channels",
      results: {
        transcripts: [{ transcript: "Hei Moi vaan Selvä" }],
        channel_labels: {
          channels: [
            { channel_label: "ch_0", items: ch0 },
            { channel_label: "ch_1", items: ch1 },
          ],
          number_of_channels: 2,
        },
        items: [...ch0, ...ch1].sort((a, b) => Number(a.start_time) - Number(b.start_time)),
      },
    };
    const path = await writeTemp("channels.json", doc);
    const { record: r } = await record(path, {
      ...START,
      speakers: parseSpeakerMapping("ch_0=customer,ch_1=agent"),
    });
    expect(turnsOf(r)).toEqual([
      ["customer", 0.2, "Hei"],
      ["agent", 1, "Moi vaan"],
      ["customer", 3, "Selvä"],
    ]);
  });

  it("Azure stereo without diarisation: channels merged by offset, NoMatch phrases skipped", async () => {
    const phrase = (channel: number, offset: number, display: string) => ({
      recognitionStatus: "Success",
      channel,
      offset: `PT${offset}S`,
      duration: "PT1S",
      offsetInTicks: offset * 1e7,
      durationInTicks: 1e7,
      nBest: [
        {
          confidence: 0.9,
          lexical: display.toLowerCase(),
          itn: display.toLowerCase(),
          maskedITN: "",
          display,
        },
      ],
    });
    const doc = {
      source: "stereo.wav",
      timestamp: "2025-03-05T09:12:44Z",
      durationInTicks: 90000000,
      duration: "PT9S",
      combinedRecognizedPhrases: [],
      recognizedPhrases: [
        phrase(0, 0.5, "Asiakaspalvelu, hei."),
        phrase(0, 6, "Selvä, korjaan sen."),
        {
          recognitionStatus: "InitialSilenceTimeout",
          channel: 1,
          offset: "PT0S",
          duration: "PT1S",
          offsetInTicks: 0,
          durationInTicks: 1e7,
        },
        phrase(1, 2, "Laskussa on virhe."),
        { ...phrase(1, 7.5, "Kiitos."), offsetInTicks: undefined, durationInTicks: undefined },
      ],
    };
    const mapping = parseSpeakerMapping("channel:0=agent;channel:1=customer");
    const { record: r } = await record(await writeTemp("stereo.json", doc), { ...START, speakers: mapping });
    expect(turnsOf(r)).toEqual([
      ["agent", 0.5, "Asiakaspalvelu, hei."],
      ["customer", 2, "Laskussa on virhe."],
      ["agent", 6, "Selvä, korjaan sen."],
      ["customer", 7.5, "Kiitos."],
    ]);
  });

  it("plain Whisper (not diarised) needs a role for unlabelled speech; *=customer gives it", async () => {
    const doc = {
      task: "transcribe",
      language: "english",
      duration: 6,
      text: "I'd like to cancel my contract. It is too expensive.",
      segments: [
        {
          id: 0,
          seek: 0,
          start: 0,
          end: 2.5,
          text: " I'd like to cancel my contract.",
          tokens: [1],
          temperature: 0,
          avg_logprob: -0.2,
          compression_ratio: 1.2,
          no_speech_prob: 0.01,
        },
        {
          id: 1,
          seek: 0,
          start: 2.5,
          end: 6,
          text: " It is too expensive.",
          tokens: [2],
          temperature: 0,
          avg_logprob: -0.2,
          compression_ratio: 1.2,
          no_speech_prob: 0.01,
        },
      ],
    };
    const path = await writeTemp("voicemail.json", doc);
    const found = await problems(path, START);
    expect(found).toMatchObject([
      { field: "segments[0]", reason: expect.stringMatching(/voicemail\.json.*not diarised.*\*=customer/) },
    ]);
    const { record: r } = await record(path, { ...START, speakers: { "*": "customer" } });
    expect(turnsOf(r)).toEqual([["customer", 0, "I'd like to cancel my contract. It is too expensive."]]);
  });
});

describe("speech-to-text JSON: speakers that cannot be mapped", () => {
  it("a strict mapping names the file and the speaker it lacks", async () => {
    const found = await problems(example("call-whisper.json"), { speakers: { SPEAKER_00: "agent" } });
    expect(found).toMatchObject([
      {
        field: "speaker SPEAKER_01",
        reason: expect.stringMatching(
          /^in call-whisper\.json \(first heard at segments\[1\], 00:00:04\.900\) is not in the speaker mapping/,
        ),
      },
    ]);
  });

  it("a third voice is not guessed by default", async () => {
    const seg = (start: number, speaker: string, text: string) => ({
      id: start,
      start,
      end: start + 1,
      text,
      speaker,
    });
    const path = await writeTemp("three.json", {
      segments: [
        seg(0, "SPEAKER_00", "Hei."),
        seg(2, "SPEAKER_01", "Moi."),
        seg(4, "SPEAKER_02", "Siirrän puhelun."),
      ],
    });
    expect(await problems(path, START)).toMatchObject([
      { field: "speaker SPEAKER_02", reason: expect.stringMatching(/three\.json.*third voice/) },
    ]);
    const ok = await record(path, {
      ...START,
      speakers: parseSpeakerMapping("SPEAKER_00=agent,SPEAKER_01=customer,SPEAKER_02=agent"),
    });
    expect(ok.record.turns.map((t) => t.speaker)).toEqual(["agent", "customer", "agent"]);
  });

  it("a WhisperX segment without a speaker takes the one most of its words have", async () => {
    const word = (w: string, start: number, speaker?: string) => ({
      word: w,
      start,
      end: start + 0.4,
      score: 0.9,
      ...(speaker && { speaker }),
    });
    const path = await writeTemp("whisperx.json", {
      segments: [
        {
          start: 0,
          end: 1,
          text: " Hei, asiakaspalvelu.",
          speaker: "SPEAKER_01",
          words: [word("Hei,", 0, "SPEAKER_01")],
        },
        {
          start: 1.2,
          end: 2.4,
          text: " Lasku on väärin.",
          words: [word("Lasku", 1.2, "SPEAKER_00"), word("on", 1.6), word("väärin.", 2, "SPEAKER_00")],
        },
      ],
      word_segments: [],
    });
    const { record: r } = await record(path, START);
    expect(turnsOf(r)).toEqual([
      ["agent", 0, "Hei, asiakaspalvelu."],
      ["customer", 1.2, "Lasku on väärin."],
    ]);
  });

  it("role-word labels are taken as they are, as for VTT voices", async () => {
    const path = await writeTemp("roles.json", {
      segments: [
        { start: 0, end: 1, text: "Hei, miten voin auttaa?", speaker: "Asiakaspalvelija" },
        { start: 1, end: 2, text: "Lasku on väärin.", speaker: "Asiakas" },
      ],
    });
    const { record: r } = await record(path, START);
    expect(r.turns.map((t) => t.speaker)).toEqual(["agent", "customer"]);
  });

  it("parses --speakers pairs and refuses unknown roles", () => {
    expect(parseSpeakerMapping("spk_0=agent, spk_1=customer;channel:1=asiakas")).toEqual({
      spk_0: "agent",
      spk_1: "customer",
      "channel:1": "customer",
    });
    expect(() => parseSpeakerMapping("spk_0=boss")).toThrow(/spk_0.*not a known speaker/);
    expect(() => parseSpeakerMapping("agent")).toThrow(/spk_0=agent/);
  });
});

describe("speech-to-text JSON: bad input is an error naming the file and the place", () => {
  it("malformed JSON: the file, line and column", async () => {
    const path = await writeTemp(
      "broken.json",
      '{\n  "segments": [\n    {"start": 0, "end": 1, "text": "Hei"\n  ]\n}\n',
    );
    await expect(readAll(path, START)).rejects.toThrow(
      /broken\.json: it is not valid JSON at line 4, column 3/,
    );
    // V8 would quote the words around a stray character: the message must not repeat the call.
    const leaky = await writeTemp(
      "leaky.json",
      'x{"segments": [{"text": "Soittakaa numeroon 040 123 4567"}]}',
    );
    const options = { kind: "encounters" as const, format: "whisper" as const, timeZone: "Europe/Helsinki" };
    const error = await openSource(leaky, options).catch((e: Error) => e);
    expect(String(error)).toMatch(/leaky\.json: it is not valid JSON: unexpected character 'x'/);
    expect(String(error)).not.toMatch(/040|Soittakaa/);
  });

  it("a Whisper file without segments, read with --format whisper", async () => {
    const path = await writeTemp("nosegments.json", { text: "Hei", language: "fi" });
    const source = openSource(path, { kind: "encounters", format: "whisper", timeZone: "Europe/Helsinki" });
    await expect(source).rejects.toThrow(/nosegments\.json: "segments" is missing/);
  });

  it("times that go backwards, a segment that ends before it starts, a time that is not a number", async () => {
    const path = await writeTemp("backwards.json", {
      segments: [
        { start: 5, end: 6, text: "Yksi", speaker: "A" },
        { start: 3, end: 4, text: "Kaksi", speaker: "B" },
        { start: 7, end: 6.5, text: "Kolme", speaker: "A" },
        { start: "8", end: 9, text: "Neljä", speaker: "B" },
      ],
    });
    expect(await problems(path, START)).toMatchObject([
      { field: "segments[3].start", reason: "must be a number of seconds", code: "seconds_type" },
      {
        field: "segments[1]",
        reason: "starts at 3 s, before segments[0] at 5 s: times must not go backwards",
        code: "starts_backwards",
        params: { start: "3", before: "segments[0]", beforeStart: "5" },
      },
      {
        field: "segments[2]",
        reason: "ends (6.5 s) before it starts (7 s)",
        code: "ends_before_start",
        params: { end: "6.5", start: "7" },
      },
    ]);
  });

  it("AWS words out of order and a pronunciation without times", async () => {
    const doc = awsOlder();
    const items = doc.results.items.map((item) => ({ ...item, speaker_label: "spk_0" }));
    items[5] = { ...items[5], start_time: "1.00" } as (typeof items)[number];
    items[6] = {
      type: "pronunciation",
      alternatives: [{ confidence: "1", content: "x" }],
    } as unknown as (typeof items)[number];
    const path = await writeTemp("aws-bad.json", { ...doc, results: { ...doc.results, items } });
    expect(await problems(path, START)).toMatchObject([
      { field: "results.items[6]", reason: "is a pronunciation item without start_time and end_time" },
      {
        field: "results.items[5].start_time",
        reason: "is 1 s, before results.items[4] at 2 s: times must not go backwards",
      },
    ]);
  });

  it("an Azure phrase without offset or text", async () => {
    const path = await writeTemp("azure-bad.json", {
      recognizedPhrases: [
        { recognitionStatus: "Success", channel: 0, speaker: 1, nBest: [{ display: "Hei." }] },
        {
          recognitionStatus: "Success",
          channel: 0,
          speaker: 2,
          offsetInTicks: 1e7,
          durationInTicks: 1e7,
          nBest: [],
        },
      ],
    });
    expect(await problems(path, START)).toMatchObject([
      { field: "recognizedPhrases[0]", reason: expect.stringMatching(/no readable offset/) },
      { field: "recognizedPhrases[1].nBest", reason: "has no recognised text (nBest[0].display)" },
    ]);
  });

  it("a file over the size bound is refused before it is parsed", async () => {
    const path = await writeTemp("huge.json", `{"segments": [${" ".repeat(SPEECH_JSON_MAX_BYTES)}]}`);
    await expect(readAll(path, START)).rejects.toThrow(/huge\.json: it is 50\.0 MB; .* at most 50 MB/);
  });

  it("only encounters come from a transcript", async () => {
    await expect(
      openSource(example("call-azure-speech.json"), { kind: "responses", timeZone: "Europe/Helsinki" }),
    ).rejects.toThrow(/azure-speech transcripts can only be imported as encounters/);
  });
});

describe("speech-to-text JSON: detection by content", () => {
  it("knows the formats by their keys, whatever the file is called", async () => {
    const azure = await writeTemp(
      "puhelu.txt",
      await import("node:fs/promises").then((fs) => fs.readFile(example("call-azure-speech.json"), "utf8")),
    );
    expect((await one(azure, START)).format).toBe("azure-speech");
    expect(sniffSpeechJson('{"jobName":"x","accountId":"1","results":{"transcripts":[{"transcript":"')).toBe(
      "aws-transcribe",
    );
    // OpenAI puts the whole text before the segments: a long call's head ends inside it.
    expect(
      sniffSpeechJson(
        `{"task":"transcribe","language":"finnish","duration":3600.5,"text":"${"sana ".repeat(20000)}`,
      ),
    ).toBe("whisper");
    expect(sniffSpeechJson('{"segments": [{"start": 0')).toBe("whisper");
  });

  it("leaves JSON Lines records alone", async () => {
    expect(
      sniffSpeechJson(
        '{"id":"e-1","started_at":"2025-03-01","turns":[{"speaker":"customer","text":"results"}]}\n',
      ),
    ).toBeNull();
    const { source } = await readAll(example("encounters.jsonl"));
    expect(source.format).toBe("jsonl");
  });

  it("reads ISO 8601 durations as Azure writes them", () => {
    expect(isoDurationSeconds("PT0.76S")).toBe(0.76);
    expect(isoDurationSeconds("PT1M2.5S")).toBe(62.5);
    expect(isoDurationSeconds("PT1H")).toBe(3600);
    expect(isoDurationSeconds("PT")).toBeNull();
    expect(isoDurationSeconds("5 s")).toBeNull();
  });
});
