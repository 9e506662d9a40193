import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import type { SourceItem } from "./source-item.ts";
import { openSource } from "./source-reader.ts";

/** Every folder made for a file below, removed when the tests end. */
const dirs: string[] = [];
afterAll(async () => {
  await Promise.all(dirs.map((dir) => rm(dir, { recursive: true, force: true })));
});

async function readEncounterCsv(content: string): Promise<SourceItem<"encounters">[]> {
  const dir = await mkdtemp(join(tmpdir(), "kohtaamo-encounters-"));
  dirs.push(dir);
  const path = join(dir, "kontaktit.csv");
  await writeFile(path, content);
  const source = await openSource(path, { kind: "encounters", timeZone: "Europe/Helsinki" });
  const items: SourceItem<"encounters">[] = [];
  for await (const item of source.items) items.push(item);
  return items;
}

const HEADER = "Kontakti_ID;Nro;Puhuja;Viesti;Kanava;Alkoi;Tiimi;Odotusaika;Ratkaistu\n";

describe("encounter CSV grouping", () => {
  it("groups interleaved rows by encounter, in first-seen order, turns ordered by seq", async () => {
    // K-2's team is written twice, in two spellings of one name: not a conflict.
    const items = await readEncounterCsv(
      HEADER +
        "K-2;1;Asiakas;Laskussa on virhe;puhelin;1.3.2025 10:00;Asiakaspalvelu Tampere;45;kyllä\n" +
        "K-1;2;Asiakaspalvelija;Hei, miten voin auttaa?;;;;;\n" +
        "K-1;1;Asiakas;Tilaukseni ei ole tullut;chat;1.3.2025 9:00;logistiikka;12;ei\n" +
        "K-2;2;Agentti;Korjaan sen heti;;;ASIAKASPALVELU  Tampere;;\n" +
        "K-1;3;Asiakas;Kiitos;;;;;\n",
    );
    expect(items.map((item) => [item.line, item.ok])).toEqual([
      [2, true],
      [3, true],
    ]);
    const [k2, k1] = items;
    expect(k2).toMatchObject({
      ok: true,
      record: {
        id: "K-2",
        channel: "phone",
        team: "Asiakaspalvelu Tampere",
        waitSeconds: 45,
        resolved: true,
      },
    });
    expect(k1?.ok && k1.record.turns.map((turn) => [turn.seq, turn.speaker, turn.text])).toEqual([
      [0, "customer", "Tilaukseni ei ole tullut"],
      [1, "agent", "Hei, miten voin auttaa?"],
      [2, "customer", "Kiitos"],
    ]);
    expect(k1).toMatchObject({ record: { startedAt: "2025-03-01T07:00:00.000Z", resolved: false } });
  });

  it("rejects a whole encounter naming each bad line, and conflicting encounter values", async () => {
    const items = await readEncounterCsv(
      HEADER +
        "K-1;1;Asiakas;Hei;chat;1.3.2025 9:00;;;\n" +
        "K-2;1;Asiakas;Moi;puhelin;1.3.2025 10:00;;;\n" +
        "K-1;2;Naapuri;Huhuu;;;;;\n" +
        "K-1;3;Agentti;Hei vaan;puhelin;;;;\n" +
        "K-1;4;Agentti;rivi;liian;monta;soluja;x;y;z\n",
    );
    expect(items.map((item) => [item.line, item.ok])).toEqual([
      [2, false],
      [3, true],
    ]);
    const rejected = items[0];
    if (rejected?.ok !== false) throw new Error("expected a rejection");
    expect(rejected.id).toBe("K-1");
    expect(rejected.problems).toMatchObject([
      {
        field: "line 6",
        reason: expect.stringContaining("has 10 cells but the header has 9"),
        code: "cell_count",
        params: { cells: "10", width: "9", delimiter: ";" },
      },
      {
        field: "line 5: channel",
        reason: '"puhelin" differs from "chat" on line 2; an encounter has one channel',
        code: "encounter_field_differs",
        params: { value: "puhelin", first: "chat", line: "2", field: "channel" },
      },
      {
        field: "line 4: speaker",
        reason: expect.stringContaining('"Naapuri" is not a known speaker'),
        code: "speaker_unknown",
      },
    ]);
    expect(rejected.rawRows?.map((row) => row.line)).toEqual([2, 4, 5, 6]);
  });

  it("rejects a row without an encounter id on its own", async () => {
    const items = await readEncounterCsv(`${HEADER};1;Asiakas;Hei;chat;1.3.2025 9:00;;;\n`);
    expect(items).toMatchObject([{ line: 2, ok: false, problems: [{ field: "encounter_id" }] }]);
  });
});
