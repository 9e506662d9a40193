import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import {
  type FieldProblem,
  normalizeName,
  PROBLEM_CODES,
  type RecordKind,
} from "../../../src/domain/index.ts";
import { parseDecimal } from "../../../src/ingest/field-values.ts";
import { normalizeRecord } from "../../../src/ingest/record-normalizer.ts";
import { openSource } from "../../../src/ingest/source-reader.ts";
import type { TranscriptOptions } from "../../../src/ingest/transcript-reader.ts";
import { en } from "../i18n/en.ts";
import { fi } from "../i18n/fi.ts";
import { localeOf } from "../i18n/language.ts";
import { translator } from "../i18n/translate.ts";
import { problemsText, reasonText } from "./import-reasons.ts";

const words = (lang: "fi" | "en") => {
  const format = new Intl.NumberFormat(localeOf(lang), { maximumFractionDigits: 0 });
  return {
    t: translator(lang === "fi" ? fi : en),
    num: (v: number | null | undefined) => format.format(v ?? 0),
  };
};
const FI = words("fi");
const EN = words("en");
const OPTS = { timeZone: "Europe/Helsinki" };

function problemsOf(
  kind: RecordKind,
  raw: Record<string, unknown>,
  timeZone = OPTS.timeZone,
): FieldProblem[] {
  const result = normalizeRecord(kind, raw, { timeZone });
  if (result.ok) throw new Error(`expected a rejection: ${JSON.stringify(raw).slice(0, 80)}`);
  return result.problems;
}

const dir = mkdtemp(join(tmpdir(), "kohtaamo-reasons-"));
afterAll(async () => {
  await rm(await dir, { recursive: true, force: true });
});
async function rejectsOf(
  name: string,
  content: string,
  kind: RecordKind,
  transcript?: TranscriptOptions,
): Promise<FieldProblem[]> {
  const path = join(await dir, name);
  await writeFile(path, content);
  const source = await openSource(path, { kind, timeZone: OPTS.timeZone, ...(transcript && { transcript }) });
  const problems: FieldProblem[] = [];
  for await (const item of source.items) if (!item.ok) problems.push(...item.problems);
  return problems;
}

const BASE = { id: "R-1", answered_at: "2025-03-04", kind: "nps", score: "9" };
const ENC = { id: "E-1", channel: "chat", started_at: "2025-03-04T10:00:00+02:00", turns: [] };
const seg = (start: unknown, end: unknown, text: unknown, speaker?: unknown) => ({
  start,
  end,
  text,
  speaker,
});

/** Bad input of every kind the importer reads, through its own code: the problems it gives. */
async function producedProblems(): Promise<FieldProblem[]> {
  const problems: FieldProblem[] = [
    ...problemsOf("responses", {
      ...BASE,
      id: "R 2",
      answered_at: "31.2.2025",
      score: "11",
      team: "La\u0007",
    }),
    ...problemsOf("responses", { ...BASE, answered_at: "4.3.2025 25:00", score: "7,5", kind: "xyz" }),
    ...problemsOf("responses", {
      ...BASE,
      answered_at: "huomenna",
      score: "paljon",
      comment: "x".repeat(20_001),
    }),
    ...problemsOf("responses", { id: "x".repeat(201), kind: "nps", score: true, team: "x".repeat(201) }),
    ...problemsOf("responses", { ...BASE, score: [1], channel: {}, agent: 5 }),
    ...problemsOf("responses", { ...BASE, score: 7.5, kind: 5 }),
    ...problemsOf("responses", { ...BASE, score: Number.POSITIVE_INFINITY }),
    ...problemsOf("responses", BASE, "Mars/Olympus"),
    ...problemsOf("encounters", { ...ENC, resolved: "ehkä", wait_seconds: "-5", transfers: "-1" }),
    ...problemsOf("encounters", {
      ...ENC,
      resolved: 2,
      wait_seconds: "paljon",
      ended_at: "2025-03-04T09:00:00+02:00",
    }),
    ...problemsOf("encounters", { ...ENC, wait_seconds: "1:75" }),
    ...problemsOf("encounters", { ...ENC, wait_seconds: -5 }),
    ...problemsOf("encounters", { ...ENC, wait_seconds: 10_000_000, turns: undefined }),
    ...problemsOf("encounters", { ...ENC, turns: "hei" }),
    ...problemsOf("encounters", {
      ...ENC,
      turns: [
        5,
        { speaker: "naapuri", text: "?" },
        { speaker: "customer", text: {} },
        { speaker: "customer", text: "x", at: "2025-03-04T09:00:00+02:00" },
        { speaker: "agent", text: "x".repeat(100_001) },
      ],
    }),
    ...problemsOf("encounters", {
      ...ENC,
      started_at: "eilen",
      turns: [{ speaker: "bot", text: "x", at: "2025-03-04" }],
    }),
    ...problemsOf("encounters", {
      ...ENC,
      turns: Array.from({ length: 10_001 }, () => ({ speaker: "bot", text: "" })),
    }),
    ...problemsOf("pulse", { id: "P-1", team: "Laskutus", period: "2025-13", score: "11" }),
    ...problemsOf("pulse", { id: "P-2", team: "Laskutus", period: "kevät", score: "5" }),
    ...problemsOf("customers", { id: "C-1", yearly_value_eur: "-5" }),
  ];
  for (const failed of [parseDecimal(""), normalizeName("  ")]) {
    if (!failed.ok)
      problems.push({ field: "x", reason: failed.reason, code: failed.code, params: failed.params });
  }
  const csv = "id;answered_at;kind;score;comment\nR-1;2025-03-04;nps;9;a\u0000b\nR-2;2025-03-04;nps;9\n";
  problems.push(...(await rejectsOf("bad.csv", `${csv}R-3;2025-03-04;nps;9;"never closed\n`, "responses")));
  const rows =
    "encounter_id;seq;speaker;text;channel;started_at\n" +
    ";1;customer;Hei;chat;2025-03-04T10:00:00Z\n" +
    "E-1;1;customer;Hei;chat;2025-03-04T10:00:00Z\n" +
    "E-1;1;agent;Moi;phone;2025-03-04T10:00:00Z\n" +
    "E-2;1;customer;Hei\u0007;chat;2025-03-04T10:00:00Z\n";
  problems.push(...(await rejectsOf("turns.csv", rows, "encounters")));
  const jsonl = `{"id": oops}\n[1, 2]\n${JSON.stringify({ ...ENC, turns: [{ speaker: "customer", text: "a\u001bb" }] })}\n`;
  problems.push(...(await rejectsOf("bad.jsonl", jsonl, "encounters")));
  const vtt =
    "WEBVTT\n\n1\nhei ilman aikaa\n\n2\n00:00:75.000 --> 00:00:08.000\nAsiakas: hei\n\n" +
    "3\n00:00:01.000 --> 00:00:75.000\nAsiakas: hei\n\n4\n00:00:02.000 --> 00:00:03.000\nhei\n\n" +
    "5\n00:00:03.000 --> 00:00:04.000\n<v Naapuri>hei\n";
  problems.push(...(await rejectsOf("call.vtt", vtt, "encounters")));
  // A NOTE with a value that lost its time to a space, and a key that is no encounter field.
  const note =
    "WEBVTT\n\nNOTE started_at=3.3.2025 9.02 foo=bar\n\n00:00:01.000 --> 00:00:02.000\nAsiakas: hei\n";
  problems.push(...(await rejectsOf("note.vtt", note, "encounters")));
  const whisper = {
    segments: [
      seg(5, 6, "Hei.", "SPEAKER_00"),
      seg(3, 4, "Kaksi", "SPEAKER_01"),
      seg(7, 6.5, "Kolme", "SPEAKER_00"),
      seg("8", 9, "Neljä", "SPEAKER_01"),
      seg(9, 10, 5, "SPEAKER_00"),
      seg(10, 11, "x", {}),
      seg(100_000, 100_001, "x", "SPEAKER_00"),
      seg(12, 13, "Kolmas", "SPEAKER_02"),
    ],
  };
  problems.push(...(await rejectsOf("w.json", JSON.stringify(whisper), "encounters")));
  const strict = { segments: [seg(0, 1, "Hei", "SPEAKER_00"), seg(1, 2, "Moi", "SPEAKER_01")] };
  const mapping = { speakers: { SPEAKER_00: "agent" }, startedAt: "2025-03-04T10:00:00Z" };
  problems.push(...(await rejectsOf("strict.json", JSON.stringify(strict), "encounters", mapping)));
  const plain = { segments: [seg(0, 1, "Hei"), ...Array.from({ length: 25 }, () => seg("1", 2, "x"))] };
  problems.push(...(await rejectsOf("plain.json", JSON.stringify(plain), "encounters")));
  problems.push(...(await rejectsOf("empty.json", JSON.stringify({ segments: [] }), "encounters")));
  const word = (start: unknown, content = "sana", type = "pronunciation") => ({
    start_time: start,
    end_time: "9.0",
    type,
    speaker_label: "spk_0",
    alternatives: [{ confidence: "1", content }],
  });
  const aws = {
    jobName: "x",
    results: {
      transcripts: [{ transcript: "x" }],
      items: [
        { type: "punctuation", alternatives: [{ content: "." }] },
        word("2.0"),
        word("1.0"),
        { type: "pronunciation", speaker_label: "spk_0", alternatives: [{ content: "x" }] },
        word("soon"),
        { ...word("3.0"), type: "sound" },
        { ...word("3.0"), alternatives: [] },
        { ...word("3.0"), alternatives: "x" },
        word(true),
      ],
    },
  };
  problems.push(...(await rejectsOf("aws.json", JSON.stringify(aws), "encounters")));
  const phrase = (extra: object) => ({ recognitionStatus: "Success", channel: 0, speaker: 1, ...extra });
  const azure = {
    recognizedPhrases: [
      phrase({ nBest: [{ display: "Hei." }] }),
      phrase({ offsetInTicks: 1e7, nBest: [] }),
      phrase({ offsetInTicks: "x", nBest: [] }),
      phrase({ offsetInTicks: -1, nBest: [] }),
      phrase({ offsetInTicks: 1e7, nBest: "x" }),
    ],
  };
  problems.push(...(await rejectsOf("azure.json", JSON.stringify(azure), "encounters")));
  return problems;
}

/**
 * Codes the samples above do not reach, and why: each is still worded in both languages (the
 * dictionaries' type); a new code must be produced above or listed here.
 */
const NOT_DRIVEN: Record<string, string> = {
  type_other: "every field is coerced to its type before the schema sees it",
  one_of: "enumerations are read by the field parsers, which give their own reason",
  format_invalid: "instants are made by the parser, never left for the schema's format check",
  datetime_invalid: "instants are made by the parser, never left for the schema's format check",
  whole_number: "integers are read by parseInteger, which quotes the value",
  month_format: "periods are read by parsePeriod, which always gives YYYY-MM or its own reason",
  csv_unparsable: "csv-parse's other errors are not reachable with relax_quotes",
  beyond_header: "needs an XLSX file (xlsx-import.test.ts)",
  invalid: "a zod error always has an issue",
  id_repeated: "API batches only (http-api.test.ts)",
};

describe("rejected rows' reasons in the user's language", () => {
  it("words every reason the importer gives in Finnish, and gives back its own English", async () => {
    const problems = await producedProblems();
    const seen = new Set<string>();
    for (const p of problems) {
      const where = `${p.code ?? "no code"}: ${p.reason}`;
      expect(p.code, where).toBeDefined();
      seen.add(p.code ?? "");
      const english = reasonText(EN, p);
      const finnish = reasonText(FI, p);
      expect(english, where).toBe(p.reason);
      expect(finnish, where).not.toBe(english);
      expect(finnish, where).not.toMatch(/\{\w+\}/);
    }
    const missing = PROBLEM_CODES.filter((code) => !seen.has(code) && !(code in NOT_DRIVEN));
    expect(missing).toEqual([]);
    expect(Object.keys(NOT_DRIVEN).filter((code) => seen.has(code))).toEqual([]);
  }, 60_000);

  it("shows a row's reasons as the rejects file writes them in English, and in Finnish with places named", () => {
    const problems = problemsOf("responses", { ...BASE, score: "11", answered_at: "31.2.2025" });
    const reason = problems.map((p) => `${p.field}: ${p.reason}`).join("; ");
    expect(problemsText(EN, { reason, problems })).toBe(reason);
    expect(problemsText(FI, { reason, problems })).toBe(
      "answered_at: 31.2.2025 ei ole kelvollinen päivämäärä; score: NPS-arvon on oltava 0–10 (oli 11)",
    );
    const line = {
      field: "line 6",
      reason: "x",
      code: "cell_count",
      params: { cells: "10", width: "9", delimiter: ";" },
    };
    expect(problemsText(FI, { reason: "", problems: [line] })).toBe(
      'rivi 6: rivillä on 10 solua mutta otsikkorivillä 9; tarkista, puuttuuko erotinmerkki tai onko sitä liikaa tai onko arvossa ";" ilman lainausmerkkejä',
    );
    expect(FI.t("import.reason.too_long", { max: FI.num(100_000) })).toBe(
      "saa olla enintään 100\u00a0000 merkkiä pitkä",
    );
  });

  it("keeps the English for a code this page does not know, and for a row stored without problems", () => {
    const unknown = { field: "score", reason: "is odd", code: "from_a_newer_server", params: {} };
    expect(problemsText(FI, { reason: "score: is odd", problems: [unknown] })).toBe("score: is odd");
    expect(problemsText(FI, { reason: "score: is odd", problems: [] })).toBe("score: is odd");
  });
});
