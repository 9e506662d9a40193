import { describe, expect, it } from "vitest";
import { normalizeRecord } from "./record-normalizer.ts";

const opts = { timeZone: "Europe/Helsinki" };

describe("normalizeRecord", () => {
  it("turns CSV strings into a response record", () => {
    const result = normalizeRecord(
      "responses",
      {
        id: "R-1",
        answered_at: "4.3.2025 12:15",
        kind: "NPS",
        score: "9",
        comment: "Nopea apu!",
        channel: "puhelin",
        team: "",
        agent: "maija.v",
        unknown_extra: "ignored",
      },
      opts,
    );
    expect(result).toEqual({
      ok: true,
      record: {
        id: "R-1",
        answeredAt: "2025-03-04T10:15:00.000Z",
        kind: "nps",
        score: 9,
        comment: "Nopea apu!",
        channel: "phone",
        agent: "maija.v",
      },
    });
  });

  it("accepts typed JSON values", () => {
    const result = normalizeRecord(
      "responses",
      { id: 17, answered_at: "2025-03-04T10:15:00Z", kind: "csat", score: 4 },
      opts,
    );
    expect(result.ok && result.record.id).toBe("17");
  });

  it("reports every problem of a row under its input field name", () => {
    const result = normalizeRecord(
      "responses",
      { id: "R 2", answered_at: "31.2.2025", kind: "nps", score: "11", team: "Lasku\u0007tus" },
      opts,
    );
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.id).toBe("R 2");
    expect(result.problems).toEqual(
      expect.arrayContaining([
        {
          field: "answered_at",
          reason: "31.2.2025 is not a valid date",
          code: "date_invalid",
          params: { value: "31.2.2025" },
        },
        {
          field: "score",
          reason: "must be 0–10 for NPS (got 11)",
          code: "score_range",
          params: { min: "0", max: "10", kind: "NPS", got: "11" },
        },
        { field: "id", reason: "must not contain spaces", code: "no_spaces", params: {} },
        {
          field: "team",
          reason: "must not contain control characters (found U+0007 at character 6)",
          code: "name_control_character",
          params: { char: "U+0007", position: "6" },
        },
      ]),
    );
    expect(result.problems).toHaveLength(4);
  });

  it("accepts names as people write them, in their display form, while record ids stay strict", () => {
    const result = normalizeRecord(
      "responses",
      {
        id: "R-3",
        answered_at: "2025-03-04T10:15:00Z",
        kind: "nps",
        score: 9,
        channel: " Kauppa  Oulu",
        team: "  Asiakaspalvelu \t Tampere ",
        agent: "Maija Meika\u0308la\u0308inen",
        touchpoint: "Yritysasiakkaat / Oulu",
      },
      opts,
    );
    expect(result.ok && result.record).toMatchObject({
      channel: "Kauppa Oulu",
      team: "Asiakaspalvelu Tampere",
      agent: "Maija Meikäläinen",
      touchpoint: "Yritysasiakkaat / Oulu",
    });
    const badId = normalizeRecord(
      "responses",
      { id: "R 3", answered_at: "2025-03-04", kind: "nps", score: 9 },
      opts,
    );
    expect(badId.ok ? [] : badId.problems).toEqual([
      { field: "id", reason: "must not contain spaces", code: "no_spaces", params: {} },
    ]);
  });

  it("names missing required fields", () => {
    const result = normalizeRecord("pulse", { id: "P1", score: "7,5" }, opts);
    expect(result.ok ? [] : result.problems).toEqual([
      {
        field: "score",
        reason: 'must be a whole number (got "7,5")',
        code: "whole_number_got",
        params: { value: '"7,5"' },
      },
      { field: "team", reason: "is required", code: "required", params: {} },
      { field: "period", reason: "is required", code: "required", params: {} },
    ]);
  });

  it("uses defaults for absent fields", () => {
    const result = normalizeRecord(
      "responses",
      { id: "R3", answered_at: "2025-03-04", score: "10" },
      { ...opts, defaults: { kind: "nps" } },
    );
    expect(result.ok && result.record.kind).toBe("nps");
  });

  it("normalises encounter turns with offsets given three ways", () => {
    const result = normalizeRecord(
      "encounters",
      {
        id: "E1",
        channel: "chat",
        started_at: "2025-03-01T10:00:00+02:00",
        resolved: "kyllä",
        wait_seconds: "01:30",
        turns: [
          { speaker: "asiakas", text: "Hei, laskuni on väärin.", at: 0 },
          { speaker: "agent", text: "Katsotaan.", at: "00:42" },
          { speaker: "customer", text: "Kiitos!", at: "2025-03-01T10:02:00+02:00" },
        ],
      },
      opts,
    );
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.record.waitSeconds).toBe(90);
    expect(result.record.resolved).toBe(true);
    expect(result.record.turns.map((t) => [t.seq, t.speaker, t.offsetSeconds])).toEqual([
      [0, "customer", 0],
      [1, "agent", 42],
      [2, "customer", 120],
    ]);
  });

  it("names bad turns by index", () => {
    const result = normalizeRecord(
      "encounters",
      {
        id: "E2",
        channel: "phone",
        started_at: "1.3.2025 10:00",
        ended_at: "1.3.2025 09:00",
        turns: [{ speaker: "naapuri", text: "?" }, { text: "x" }],
      },
      opts,
    );
    expect(result.ok ? [] : result.problems).toEqual([
      {
        field: "turns[0].speaker",
        reason: expect.stringContaining('"naapuri" is not a known speaker'),
        code: "speaker_unknown",
        params: { value: '"naapuri"', allowed: "customer, agent, bot" },
      },
      { field: "turns[1].speaker", reason: "is required", code: "required", params: {} },
      { field: "ended_at", reason: "must not be before started_at", code: "before_start", params: {} },
    ]);
  });
});
