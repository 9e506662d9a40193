import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import type { SourceItem } from "./source-item.ts";
import { openSource } from "./source-reader.ts";
import type { TranscriptOptions } from "./transcript-reader.ts";

/** Every folder made for a file below, removed when the tests end. */
const dirs: string[] = [];
afterAll(async () => {
  await Promise.all(dirs.map((dir) => rm(dir, { recursive: true, force: true })));
});

async function readTranscriptFile(name: string, content: string, transcript?: TranscriptOptions) {
  const dir = await mkdtemp(join(tmpdir(), "kohtaamo-transcript-"));
  dirs.push(dir);
  const path = join(dir, name);
  await writeFile(path, content);
  const source = await openSource(path, {
    kind: "encounters",
    timeZone: "Europe/Helsinki",
    ...(transcript && { transcript }),
  });
  const items: SourceItem<"encounters">[] = [];
  for await (const item of source.items) items.push(item);
  return { source, items };
}

const VTT = `WEBVTT

NOTE started_at=2025-03-01T10:00:00+02:00 team=laskutus agent=maija.v customer_id=C-1002
touchpoint="Laskun selvitys"

1
00:00:01.000 --> 00:00:04.500
<v Asiakaspalvelija>Kohtaamo Energia, Maija, miten voin auttaa?</v>

2
00:00:05.000 --> 00:00:09.000
<v Asiakas Matti>Hei, laskussani on &amp; outo rivi.</v>

3
00:00:09.500 --> 00:00:12.000
<v Asiakas Matti>Se on <i>kaksinkertainen</i>.</v>

4
00:00:12.500 --> 00:00:20.000
Agentti: Tarkistan asian.
Asiakas: Kiitos.
`;

describe("VTT transcripts", () => {
  it("reads voice tags and label prefixes, merges consecutive cues and reads NOTE metadata", async () => {
    const { source, items } = await readTranscriptFile("puhelu-123.vtt", VTT);
    expect(source.format).toBe("vtt");
    expect(items).toHaveLength(1);
    const item = items[0];
    if (!item?.ok) throw new Error(JSON.stringify(item));
    expect(item.record).toMatchObject({
      id: "puhelu-123",
      channel: "phone",
      startedAt: "2025-03-01T08:00:00.000Z",
      endedAt: "2025-03-01T08:00:20.000Z",
      team: "laskutus",
      agent: "maija.v",
      customerId: "C-1002",
      touchpoint: "Laskun selvitys",
    });
    expect(item.record.turns).toEqual([
      { seq: 0, speaker: "agent", text: "Kohtaamo Energia, Maija, miten voin auttaa?", offsetSeconds: 1 },
      {
        seq: 1,
        speaker: "customer",
        text: "Hei, laskussani on & outo rivi. Se on kaksinkertainen.",
        offsetSeconds: 5,
      },
      { seq: 2, speaker: "agent", text: "Tarkistan asian.", offsetSeconds: 12.5 },
      { seq: 3, speaker: "customer", text: "Kiitos.", offsetSeconds: 12.5 },
    ]);
  });

  it("lets options override the NOTE and map speaker names", async () => {
    const vtt = "WEBVTT\n\n00:00:01.000 --> 00:00:02.000\n<v Maija Virtanen>Hei!\n";
    const { items } = await readTranscriptFile("x.vtt", vtt, {
      id: "call-9",
      startedAt: "1.3.2025 10:00",
      channel: "chat",
      speakers: { "Maija Virtanen": "agent" },
    });
    expect(items[0]).toMatchObject({
      ok: true,
      record: { id: "call-9", channel: "chat", turns: [{ speaker: "agent" }] },
    });
  });

  it("rejects unlabeled cues by name and explains a missing start time", async () => {
    const vtt =
      "WEBVTT\n\n00:00:01.000 --> 00:00:02.000\nAsiakas: Hei\n\n00:00:03.000 --> 00:00:04.000\nHuom: tämä ei ole puhuja\n";
    const { items } = await readTranscriptFile("unlabeled.vtt", vtt);
    expect(items[0]).toMatchObject({
      line: 1,
      ok: false,
      id: "unlabeled",
      problems: [
        { field: "cue 2 (line 6, 00:00:03.000)", reason: expect.stringContaining("has no speaker label") },
        { field: "started_at", reason: expect.stringContaining("NOTE started_at=") },
      ],
    });
  });

  it("rejects a NOTE value that lost its time to a space, and a key that is no field; reads Finnish keys", async () => {
    const cue = "\n\n00:00:01.000 --> 00:00:02.000\nAsiakas: Hei, soitan numerosta 040 765 4321\n";
    // The time unquoted: "9.02" is not a pair, and the call would have been stored at midnight.
    const unquoted = await readTranscriptFile(
      "a.vtt",
      `WEBVTT\n\nNOTE started_at=3.3.2026 9.02 team=Laskutus${cue}`,
    );
    expect(unquoted.items[0]).toMatchObject({
      ok: false,
      problems: [
        { field: "NOTE (line 3)", code: "note_not_pair", reason: expect.stringMatching(/^"9\.02" is not/) },
      ],
    });
    // The rejection names the file instead of repeating the unredacted call into the rejects file.
    expect(unquoted.items[0]).toMatchObject({ raw: { file: "a.vtt", format: "vtt" } });
    expect(JSON.stringify(unquoted.items[0])).not.toMatch(/765/);
    const unknown = await readTranscriptFile(
      "b.vtt",
      `WEBVTT\n\nNOTE started_at="3.3.2026 9.02" foo=bar${cue}`,
    );
    expect(unknown.items[0]).toMatchObject({
      ok: false,
      problems: [
        { field: "NOTE foo", code: "note_unknown_key", reason: expect.stringContaining("started_at") },
      ],
    });
    const finnish = await readTranscriptFile(
      "c.vtt",
      `WEBVTT\n\nNOTE started_at="3.3.2026 9.02" tiimi=Laskutus${cue}`,
    );
    expect(finnish.items[0]).toMatchObject({
      ok: true,
      record: { team: "Laskutus", startedAt: "2026-03-03T07:02:00.000Z" },
    });
    // A NOTE without pairs is a comment, as WebVTT means it.
    const comment = await readTranscriptFile(
      "d.vtt",
      `WEBVTT\n\nNOTE Recorded by the phone system\n\nNOTE started_at=2026-03-03T09:02:00+02:00${cue}`,
    );
    expect(comment.items[0]).toMatchObject({ ok: true });
  });

  it("throws unreadable_input for a file that is not WebVTT", async () => {
    await expect(readTranscriptFile("bad.vtt", "hello\n")).rejects.toMatchObject({
      code: "unreadable_input",
    });
  });
});

describe("SRT transcripts", () => {
  it("reads numbered cues with speaker prefixes", async () => {
    const srt =
      "1\r\n00:00:00,500 --> 00:00:03,000\r\nCustomer: Hi, my card was charged twice.\r\n\r\n" +
      "2\r\n00:00:03,500 --> 00:00:06,000\r\nAgent: Sorry about that,\r\nlet me check.\r\n\r\n" +
      "3\r\n00:00:06,500 --> 00:00:08,250\r\n<i>Asiakas:</i> Thanks.\r\n";
    const { items } = await readTranscriptFile("call 7.srt", srt, { startedAt: "2025-03-02T09:00:00Z" });
    const item = items[0];
    if (!item?.ok) throw new Error(JSON.stringify(item));
    expect(item.record.id).toBe("call_7");
    expect(item.record.endedAt).toBe("2025-03-02T09:00:08.250Z");
    expect(item.record.turns.map((turn) => [turn.speaker, turn.text, turn.offsetSeconds])).toEqual([
      ["customer", "Hi, my card was charged twice.", 0.5],
      ["agent", "Sorry about that, let me check.", 3.5],
      ["customer", "Thanks.", 6.5],
    ]);
  });
});
