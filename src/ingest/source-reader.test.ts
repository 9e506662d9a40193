import { mkdir, mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import iconv from "iconv-lite";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { RecordKind } from "../domain/index.ts";
import type { SourceItem } from "./source-item.ts";
import { type OpenSourceOptions, openSource } from "./source-reader.ts";

let dir = "";
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), "kohtaamo-source-"));
});
afterAll(async () => {
  if (dir) await rm(dir, { recursive: true, force: true });
});

async function fixture(name: string, content: string | Buffer): Promise<string> {
  const path = join(dir, name);
  await writeFile(path, content);
  return path;
}

async function readAll<K extends RecordKind>(path: string, opts: OpenSourceOptions<K>) {
  const source = await openSource(path, opts);
  const items: SourceItem<K>[] = [];
  for await (const item of source.items) items.push(item);
  return { source, items };
}

const responses = { kind: "responses" as const, timeZone: "Europe/Helsinki" };

describe("openSource: CSV", () => {
  it("reads a Windows-1252 Finnish Excel export (;, d.m.yyyy HH:MM, ä/ö)", async () => {
    const text =
      "Vastaus ID;Vastausaika;Tyyppi;Pisteet;Avoin palaute;Kanava\r\n" +
      "R-1;4.3.2025 12:15;NPS;9;Erittäin nopea ja ystävällinen palvelu;puhelin\r\n" +
      "R-2;5.3.2025 8.05;CSAT;4;Jonotus kesti liian kauan, mutta asia hoitui;sähköposti\r\n";
    const path = await fixture("vastaukset-1252.csv", iconv.encode(text, "win1252"));
    const { source, items } = await readAll(path, responses);
    expect(source.encoding).toBe("windows-1252");
    expect(source.hadBom).toBe(false);
    expect(source.delimiter).toBe(";");
    expect(source.bytesRead()).toBe(source.totalBytes);
    expect(items).toEqual([
      {
        line: 2,
        ok: true,
        record: {
          id: "R-1",
          answeredAt: "2025-03-04T10:15:00.000Z",
          kind: "nps",
          score: 9,
          comment: "Erittäin nopea ja ystävällinen palvelu",
          channel: "phone",
        },
      },
      {
        line: 3,
        ok: true,
        record: {
          id: "R-2",
          answeredAt: "2025-03-05T06:05:00.000Z",
          kind: "csat",
          score: 4,
          comment: "Jonotus kesti liian kauan, mutta asia hoitui",
          channel: "email",
        },
      },
    ]);
  });

  it("reads a UTF-8 file with BOM and comma delimiter", async () => {
    const text = '\uFEFFid,answered_at,kind,score,comment\nR-9,2025-03-04T10:15:00Z,nps,10,"Hyvä, kiitos"\n';
    const { source, items } = await readAll(await fixture("bom.csv", text), responses);
    expect(source.encoding).toBe("utf-8");
    expect(source.hadBom).toBe(true);
    expect(source.delimiter).toBe(",");
    expect(items[0]).toMatchObject({ ok: true, record: { id: "R-9", comment: "Hyvä, kiitos" } });
  });

  it("reads decimal commas in a ; file", async () => {
    const text = "Asiakasnumero;Segmentti;Vuosiarvo (EUR)\nC-1;Yritys;12 450,50\nC-2;Kuluttaja;310,5 €\n";
    const { items } = await readAll(await fixture("asiakkaat.csv", text), {
      kind: "customers",
      timeZone: "UTC",
    });
    expect(items.map((item) => item.ok && item.record.yearlyValueEur)).toEqual([12450.5, 310.5]);
  });

  it("rejects NPS 11 and 31.2.2025 naming their fields, and keeps line numbers across a multi-line comment", async () => {
    const text =
      "id;answered_at;kind;score;comment\n" +
      'R-1;1.3.2025 10:00;nps;7;"Ensimmäinen rivi\n\ntoinen; rivi"\n' +
      "\n" +
      "R-2;2.3.2025 10:00;nps;11;liikaa\n" +
      "R-3;31.2.2025 10:00;nps;8;\n" +
      ";;;;\n" +
      "R-4;3.3.2025;nps;9\n" +
      "R-5;3.3.2025;nps;6;ok\n";
    const { items } = await readAll(await fixture("lines.csv", text), responses);
    expect(items.map((item) => [item.line, item.ok])).toEqual([
      [2, true],
      [6, false],
      [7, false],
      [9, false],
      [10, true],
    ]);
    expect(items[0]).toMatchObject({ record: { comment: "Ensimmäinen rivi\n\ntoinen; rivi" } });
    expect(items[1]).toMatchObject({
      id: "R-2",
      problems: [{ field: "score", reason: "must be 0–10 for NPS (got 11)" }],
      raw: { id: "R-2", answered_at: "2.3.2025 10:00", kind: "nps", score: "11", comment: "liikaa" },
    });
    expect(items[2]).toMatchObject({
      problems: [{ field: "answered_at", reason: "31.2.2025 is not a valid date" }],
    });
    expect(items[3]).toMatchObject({
      problems: [{ field: "line 9", reason: expect.stringContaining("has 4 cells") }],
    });
  });

  it("applies an explicit mapping and infers the survey kind from an NPS header", async () => {
    const text = "Ref;When;NPS;Notes\nX1;1.3.2025 10:00;10;Loistavaa\n";
    const { items } = await readAll(await fixture("mapped.csv", text), {
      ...responses,
      mapping: { Ref: "id", When: "answered_at", Notes: "comment" },
    });
    expect(items[0]).toMatchObject({
      ok: true,
      record: { id: "X1", kind: "nps", score: 10, comment: "Loistavaa" },
    });
  });

  it("maps channel aliases and keeps other channel names as the organisation's own", async () => {
    const text =
      "id;sent_at;channel\nI-1;1.3.2025;kirjekyyhky\nI-2;1.3.2025;tekstiviesti\nI-3;1.3.2025;chatti\n";
    const { items } = await readAll(await fixture("kutsut.csv", text), {
      kind: "invitations",
      timeZone: "UTC",
    });
    expect(items[0]).toMatchObject({ ok: true, record: { channel: "kirjekyyhky" } });
    expect(items[2]).toMatchObject({ ok: true, record: { channel: "chat" } });
  });

  it("throws unreadable_input naming missing columns and the columns found", async () => {
    const path = await fixture("wrong.csv", "Asiakas;Sää\nA;B\n");
    await expect(openSource(path, responses)).rejects.toMatchObject({
      code: "unreadable_input",
      message: expect.stringMatching(
        /missing for responses: id, answered_at, kind, score\. Columns found .*"Sää"/,
      ),
    });
  });

  it("throws unreadable_input for missing, directory, empty and binary files", async () => {
    await mkdir(join(dir, "a-directory.csv"));
    const binary = await fixture("blob.csv", Buffer.from([0x50, 0x4b, 0x03, 0x04, 0x00, 0x00, 0xff, 0x10]));
    const empty = await fixture("empty.csv", "");
    for (const [path, reason] of [
      [join(dir, "nope.csv"), /does not exist/],
      [join(dir, "a-directory.csv"), /is a directory/],
      [empty, /is empty/],
      [binary, /not an Excel workbook that can be read/],
    ] as const) {
      await expect(openSource(path, responses)).rejects.toMatchObject({
        code: "unreadable_input",
        message: reason,
      });
    }
  });
});

describe("openSource: damaged rows", () => {
  it("rejects only the CSV row with a control character, naming the field, and undoes export escaping", async () => {
    const text =
      "id;answered_at;kind;score;comment;ignored\n" +
      'R-1;2025-03-04;nps;9;\'=HYPERLINK("x");\n' +
      "R-2;2025-03-04;nps;7;bro\0ken;\n" +
      "R-3;2025-03-04;nps;8;''+SUM(A1);\x1b in a column nobody imports\n" +
      "R-4;2025-03-04;nps;6;line feed\x7f;\n";
    const { items } = await readAll(await fixture("nul-row.csv", text), responses);
    expect(items.map((item) => [item.line, item.ok])).toEqual([
      [2, true],
      [3, false],
      [4, true],
      [5, false],
    ]);
    expect(items[0]).toMatchObject({ record: { comment: '=HYPERLINK("x")' } });
    expect(items[1]).toMatchObject({
      problems: [
        {
          field: "comment",
          reason: expect.stringMatching(/control character \(U\+0000 NUL\) at character 4/),
        },
      ],
    });
    expect(items[2]).toMatchObject({ record: { comment: "'+SUM(A1)" } });
    expect(items[3]).toMatchObject({
      problems: [{ field: "comment", reason: expect.stringMatching(/U\+007F DEL/) }],
    });
  });

  it("rejects only the encounter whose turn holds a control character", async () => {
    const text =
      "encounter_id;seq;speaker;text;channel;started_at\n" +
      "E-1;1;customer;Hei;chat;2025-03-04T10:00:00Z\n" +
      "E-2;1;customer;Hei\0;chat;2025-03-04T10:00:00Z\n";
    const { items } = await readAll(await fixture("nul-turn.csv", text), {
      kind: "encounters",
      timeZone: "Europe/Helsinki",
    });
    expect(items.map((item) => [item.line, item.ok])).toEqual([
      [2, true],
      [3, false],
    ]);
    expect(items[1]).toMatchObject({ ok: false, id: "E-2" });
    const problems = items[1]?.ok === false ? items[1].problems : [];
    expect(problems[0]).toEqual({
      field: "line 3",
      reason: expect.stringMatching(/^text contains a control/),
      code: "control_character_in",
      params: { field: "text", char: "U+0000", name: "NUL", position: "4" },
    });
  });

  it("rejects a JSONL record whose text holds an escaped control character, naming the field", async () => {
    const lines = [
      { id: "R-1", answered_at: "2025-03-04", kind: "nps", score: 9, comment: "a\u0000b" },
      { id: "R-2", answered_at: "2025-03-04", kind: "nps", score: 19, kommentti: "\u0007" },
      { id: "R-3", answered_at: "2025-03-04", kind: "nps", score: 9, comment: "tab\tand\nnewline are text" },
    ];
    const path = await fixture("nul.jsonl", lines.map((line) => JSON.stringify(line)).join("\n"));
    const { items } = await readAll(path, responses);
    expect(items[0]).toMatchObject({ ok: false, id: "R-1", problems: [{ field: "comment" }] });
    expect(items[1]).toMatchObject({ ok: false, problems: [{ field: "comment" }, { field: "score" }] });
    expect(items[2]).toMatchObject({ ok: true, record: { comment: "tab\tand\nnewline are text" } });
  });
});

describe("openSource: JSONL", () => {
  it("reads objects, skips blank lines and rejects malformed lines with their number", async () => {
    const text = [
      '{"id":"R-1","answered_at":"2025-03-04T12:15:00+02:00","kind":"nps","score":9}',
      "",
      '{"id":"R-2","answered_at":"2025-03-04","kind":"nps","score":',
      "[1,2]",
      '{"vastaus_id":"R-3","pvm":"4.3.2025 12:15","tyyppi":"csat","pisteet":"5","palaute":"Hyvä"}',
      '{"id":"R-4","answered_at":"2025-03-04","kind":"nps","score":12}',
    ].join("\n");
    const { source, items } = await readAll(await fixture("responses.jsonl", text), responses);
    expect(source.format).toBe("jsonl");
    expect(items.map((item) => [item.line, item.ok])).toEqual([
      [1, true],
      [3, false],
      [4, false],
      [5, true],
      [6, false],
    ]);
    expect(items[1]).toMatchObject({
      problems: [{ field: "json", reason: expect.stringMatching(/^is not valid JSON/) }],
    });
    expect(items[1]).toMatchObject({ raw: '{"id":"R-2","answered_at":"2025-03-04","kind":"nps","score":' });
    expect(items[2]).toMatchObject({
      problems: [{ field: "json", reason: "must be a JSON object ({...}), got an array" }],
    });
    expect(items[3]).toMatchObject({ record: { id: "R-3", kind: "csat", score: 5, comment: "Hyvä" } });
    expect(items[4]).toMatchObject({ id: "R-4", problems: [{ field: "score" }] });
  });

  it("reads encounters with turns", async () => {
    const line = {
      id: "chat-1",
      channel: "verkkochat",
      started_at: "2025-03-01T10:00:00+02:00",
      turns: [
        { speaker: "asiakas", text: "Hei!" },
        { speaker: "agentti", text: "Moi, miten voin auttaa?", at: "00:05" },
      ],
    };
    const path = await fixture("encounters.ndjson", `${JSON.stringify(line)}\n`);
    const { items } = await readAll(path, { kind: "encounters", timeZone: "Europe/Helsinki" });
    expect(items[0]).toMatchObject({
      ok: true,
      record: { id: "chat-1", channel: "chat", turns: [{}, { offsetSeconds: 5 }] },
    });
  });

  it("refuses a JSON array file with a clear message", async () => {
    const path = await fixture("array.json", '[{"id":"R-1"}]');
    await expect(openSource(path, responses)).rejects.toThrow(/JSON array; write one JSON object per line/);
  });
});
