import fs from "node:fs";
import path from "node:path";
import iconv from "iconv-lite";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import type { ImportSummary } from "../../src/ingest/importer.ts";
import { ingestPipeline } from "../../src/ingest/ingest-pipeline.ts";
import { createApp } from "../../src/server/app.ts";
import { signedIn } from "../support/auth.ts";
import { lastJsonLine, runCli } from "../support/cli.ts";
import { DIALECTS, freshCliEnv, storeFor, tempDir } from "../support/databases.ts";

const TEAMS = [
  "Asiakaspalvelu Tampere",
  "Asiakaspalvelu Tampere",
  "Asiakaspalvelu Tampere",
  "Laskutus",
  "Laskutus",
  "laskutus ",
  "Yritysasiakkaat / Oulu",
  "Yritysasiakkaat / Oulu",
] as const;
const AGENTS = ["Maija Meikäläinen", "Matti Virtanen", "MAIJA  MEIKÄLÄINEN", "Liisa Korhonen"] as const;
const CHANNELS = ["puhelin", "chatti", "Asiakaspalvelu puhelin", "Kauppa Oulu", "sähköposti"] as const;

/**
 * 200 NPS answers as a Finnish spreadsheet program exports them: `;` between cells, Finnish
 * headers, d.m.yyyy dates (some with a time), scores with a decimal comma, ä/ö/€ in the text,
 * and teams, agents and channels named the way people name them. Every row is valid.
 */
function finnishNpsExport(): string {
  const header = "Tunniste;Vastausaika;NPS;Kommentti;Kanava;Tiimi;Asiakaspalvelija;Asiakasnumero";
  const rows: string[] = [];
  for (let i = 0; i < 200; i++) {
    const day = 1 + (i % 28);
    const date =
      i % 3 === 0 ? `${day}.3.2026` : `${day}.3.2026 ${8 + (i % 9)}.${String((i * 7) % 60).padStart(2, "0")}`;
    const score = i % 4 === 0 ? `${i % 11},0` : String(i % 11);
    const comment =
      i % 2 === 0 ? `"Lasku ${i},90 € oli väärä; jonotin pitkään"` : "Ystävällinen ja nopea palvelu";
    const cells = [
      `nps-${i + 1}`,
      date,
      score,
      comment,
      CHANNELS[i % CHANNELS.length],
      TEAMS[i % TEAMS.length],
      AGENTS[i % AGENTS.length],
      `as-${1000 + i}`,
    ];
    rows.push(cells.join(";"));
  }
  return `${header}\r\n${rows.join("\r\n")}\r\n`;
}

const count = <T>(list: readonly T[], pick: (value: T) => boolean, total = 200) =>
  Array.from({ length: total }, (_, i) => list[i % list.length] as T).filter(pick).length;
const TAMPERE = count(TEAMS, (t) => t === "Asiakaspalvelu Tampere");
const LASKUTUS = count(TEAMS, (t) => t.trim().toLowerCase() === "laskutus");
const OULU = count(TEAMS, (t) => t === "Yritysasiakkaat / Oulu");
const MAIJA = count(AGENTS, (a) => a.includes("MEIK") || a.includes("Meik"));

const ENCODINGS: [string, (text: string) => Buffer][] = [
  ["Windows-1252", (t) => iconv.encode(t, "win1252")],
  ["UTF-8 with BOM", (t) => Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(t, "utf8")])],
];

interface TeamReport {
  n: number;
  groups: { group: string | null; n: number }[];
}

for (const dialect of DIALECTS) {
  describe(`names as people write them, on ${dialect}`, () => {
    let cli: Awaited<ReturnType<typeof freshCliEnv>>;
    let dir: string;
    beforeEach(async () => {
      cli = await freshCliEnv(dialect);
      dir = tempDir();
    });
    afterEach(async () => {
      await cli.dispose();
      fs.rmSync(dir, { recursive: true, force: true });
    });

    const report = async (...args: string[]) => {
      const r = await runCli(["report", "nps", "--json", ...args], cli.env);
      expect(r.code, r.stderr).toBe(0);
      return lastJsonLine<TeamReport>(r.stdout);
    };

    for (const [label, encode] of ENCODINGS) {
      it(`imports every row of a Finnish export (${label}) with teams like "Asiakaspalvelu Tampere"`, async () => {
        expect([TAMPERE, LASKUTUS, OULU]).toEqual([75, 75, 50]);
        const file = path.join(dir, "nps-vastaukset.csv");
        fs.writeFileSync(file, encode(finnishNpsExport()));

        const first = await runCli(["import", file, "--kind", "responses"], cli.env);
        expect(first.code, first.stderr).toBe(0);
        expect(lastJsonLine<ImportSummary>(first.stdout)).toMatchObject({
          imported: 200,
          updated: 0,
          unchanged: 0,
          rejected: 0,
        });

        // One team per key, shown by the first spelling stored ("Laskutus" comes before "laskutus ").
        const byTeam = await report("--by", "team");
        expect(byTeam.n).toBe(200);
        expect(byTeam.groups.map((g) => [g.group, g.n])).toEqual([
          ["Asiakaspalvelu Tampere", TAMPERE],
          ["Laskutus", LASKUTUS],
          ["Yritysasiakkaat / Oulu", OULU],
        ]);

        // A filter matches the team however it is spelled.
        for (const team of ["laskutus", "LASKUTUS "]) {
          const only = await report("--by", "team", "--team", team);
          expect(only.groups.map((g) => [g.group, g.n])).toEqual([["Laskutus", LASKUTUS]]);
        }
        expect((await report("--team", "asiakaspalvelu  tampere")).n).toBe(TAMPERE);

        // Aliases still map to the known channels; other channel names are kept as written.
        const byChannel = await report("--by", "channel");
        expect(byChannel.groups.map((g) => g.group).sort()).toEqual(
          ["Asiakaspalvelu puhelin", "Kauppa Oulu", "chat", "email", "phone"].sort(),
        );

        const again = await runCli(["import", file, "--kind", "responses"], cli.env);
        expect(lastJsonLine<ImportSummary>(again.stdout)).toMatchObject({
          imported: 0,
          updated: 0,
          unchanged: 200,
          rejected: 0,
        });
      }, 120_000); // seven CLI runs, each loading the analysis models
    }

    it("filters the API by name key: ?team=laskutus, ?agent=…, and a manager's teams", async () => {
      const file = path.join(dir, "nps.csv");
      fs.writeFileSync(file, finnishNpsExport());
      const imported = await runCli(["import", file, "--kind", "responses"], cli.env);
      expect(imported.code, imported.stderr).toBe(0);

      const store = storeFor(cli.env);
      try {
        const app = createApp({
          store,
          timeZone: "Europe/Helsinki",
          pipeline: ingestPipeline({ analyzer: null }),
        });
        const list = async (headers: Record<string, string>, query: string) => {
          const res = await app.request(`/api/v1/responses?limit=500&${query}`, { headers });
          expect(res.status).toBe(200);
          return ((await res.json()) as { items: { id: string; team: string; agent: string }[] }).items;
        };
        const admin = (await signedIn(store, "admin")).headers;

        const laskutus = await list(admin, "team=laskutus");
        expect(laskutus).toHaveLength(LASKUTUS);
        expect(new Set(laskutus.map((r) => r.team))).toEqual(new Set(["Laskutus"]));
        expect(await list(admin, `team=${encodeURIComponent("yritysasiakkaat / OULU")}`)).toHaveLength(OULU);

        const maija = await list(admin, `agent=${encodeURIComponent("maija meikäläinen")}`);
        expect(maija).toHaveLength(MAIJA);
        expect(new Set(maija.map((r) => r.agent))).toEqual(new Set(["Maija Meikäläinen"]));

        expect(await list(admin, `channel=${encodeURIComponent("kauppa oulu")}`)).toHaveLength(40);
        expect(await list(admin, "channel=puhelin")).toHaveLength(40);

        // A manager whose account says "LASKUTUS " leads the team stored as "Laskutus".
        const manager = (await signedIn(store, "manager", { teams: ["LASKUTUS "] })).headers;
        expect(await list(manager, "")).toHaveLength(LASKUTUS);
        expect(await list(manager, "team=laskutus")).toHaveLength(LASKUTUS);
        expect(await list(manager, `team=${encodeURIComponent("Asiakaspalvelu Tampere")}`)).toHaveLength(0);
        const [one] = laskutus;
        expect((await app.request(`/api/v1/responses/${one?.id}`, { headers: manager })).status).toBe(200);
      } finally {
        await store.close();
      }
    });

    it("rejects only the row whose name holds a control character, naming the field", async () => {
      const file = path.join(dir, "nps.csv");
      const rows = [
        "Tunniste;Vastausaika;NPS;Tiimi;Asiakaspalvelija",
        "a-1;1.3.2026;9;Laskutus;Maija Meikäläinen",
        "a-2;1.3.2026;7;Lasku\u0007tus;Maija Meikäläinen",
        "a-3;1.3.2026;3;Laskutus;Matti\u001bVirtanen",
        "a-4;2.3.2026;10;laskutus;Matti Virtanen",
      ];
      fs.writeFileSync(file, `${rows.join("\n")}\n`);
      const result = await runCli(["import", file, "--kind", "responses"], cli.env);
      expect(result.code, result.stderr).toBe(0);
      const summary = lastJsonLine<ImportSummary>(result.stdout);
      expect(summary).toMatchObject({ imported: 2, rejected: 2 });
      const rejects = fs.readFileSync(summary.rejectsFile as string, "utf8");
      // Found by the reader (any field) or the name rules (names): either way, the field and the character.
      expect(rejects).toMatch(/^3;"?team: [^;]*control character[^;]*U\+0007/m);
      expect(rejects).toMatch(/^4;"?agent: [^;]*control character[^;]*U\+001B/m);
    });
  });
}
