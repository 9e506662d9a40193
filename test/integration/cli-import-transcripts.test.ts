import fs from "node:fs";
import path from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import type { ImportSummary } from "../../src/ingest/importer.ts";
import { lastJsonLine, ROOT, runCli } from "../support/cli.ts";
import { DIALECTS, freshCliEnv, storeFor, tempDir } from "../support/databases.ts";

/**
 * Speech-to-text JSON (Whisper, AWS Transcribe, Azure Speech) through the real `kohtaamo import`
 * into a real database: the encounter's speakers, timing, redacted text and analysis as stored.
 */

const example = (name: string) => path.join(ROOT, "examples", name);

interface StoredAnalysis {
  arc: { trajectory: string };
  turns?: unknown[];
}

for (const dialect of DIALECTS) {
  describe(`kohtaamo import of speech-to-text JSON on ${dialect}`, () => {
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

    const importFile = async (file: string, ...options: string[]) => {
      const run = await runCli(
        ["import", file, "--kind", "encounters", "--no-progress", ...options],
        cli.env,
      );
      expect(run.code, run.stderr).toBe(0);
      return lastJsonLine<ImportSummary>(run.stdout);
    };

    it("imports each format with its speakers, timing, redacted text and analysis; a re-import changes nothing", async () => {
      // Whisper: the encounter's fields from the sidecar beside it (examples/call-whisper.meta.json).
      expect(await importFile(example("call-whisper.json"))).toMatchObject({ imported: 1, rejected: 0 });
      // AWS Transcribe: fields and the speakers given on the command line.
      const aws = [
        "--id",
        "aws-call-1",
        "--started-at",
        "5.3.2025 10:00",
        "--team",
        "Billing",
        "--agent",
        "sam.k",
        "--speakers",
        "spk_0=agent,spk_1=customer",
      ];
      expect(await importFile(example("call-aws-transcribe.json"), ...aws)).toMatchObject({ imported: 1 });
      // Azure Speech: known by its content, not its name.
      const azure = path.join(dir, "puhelu-0417.txt");
      fs.copyFileSync(example("call-azure-speech.json"), azure);
      const azureArgs = ["--started-at", "2025-03-05T11:12:00+02:00", "--team", "Viankorjaus"];
      expect(await importFile(azure, ...azureArgs)).toMatchObject({ imported: 1 });

      const store = storeFor(cli.env);
      try {
        const whisper = await store.encounters.get("call-whisper");
        expect(whisper).toMatchObject({
          channel: "phone",
          team: "Laskutus",
          agent: "maija.v",
          started_at: "2025-03-04T11:20:00.000Z",
        });
        expect(whisper?.turns.map((t) => [t.speaker, t.at])).toEqual([
          ["agent", 0.82],
          ["customer", 4.9],
          ["agent", 10.1],
          ["customer", 16.4],
          ["agent", 31.5],
          ["customer", 38.4],
        ]);
        // The phone number in a segment is redacted before storage.
        expect(whisper?.turns[3]?.text).toContain("[PHONE]");
        expect(whisper?.turns[3]?.text).not.toContain("040 123 4567");

        const awsCall = await store.encounters.get("aws-call-1");
        expect(awsCall).toMatchObject({
          team: "Billing",
          agent: "sam.k",
          started_at: "2025-03-05T08:00:00.000Z",
        });
        expect(awsCall?.turns.map((t) => [t.speaker, t.at])).toEqual([
          ["agent", 0.64],
          ["customer", 4.71],
          ["agent", 9.9],
          ["customer", 13.8],
          ["agent", 22.4],
          ["customer", 28.3],
        ]);
        expect(awsCall?.turns[1]?.text).toBe(
          "Hi, I was charged twice for March and I have been on hold for an hour.",
        );

        const azureCall = await store.encounters.get("puhelu-0417");
        expect(azureCall?.team).toBe("Viankorjaus");
        expect(azureCall?.turns.map((t) => t.speaker)).toEqual([
          "agent",
          "customer",
          "agent",
          "customer",
          "agent",
          "customer",
        ]);
        expect(azureCall?.turns[1]).toMatchObject({ at: 4.52, text: expect.stringMatching(/^Hei, jonotin/) });

        for (const id of ["call-whisper", "aws-call-1", "puhelu-0417"]) {
          const analysis = await store.analysis.latest("encounter", id);
          expect(analysis?.analyzerVersion, id).toMatch(/^linear-/);
          expect((analysis?.result as StoredAnalysis | undefined)?.arc.trajectory, id).toEqual(
            expect.any(String),
          );
        }
        const rows = await store.db.selectFrom("analysis_results").select("result").execute();
        for (const row of rows) expect(row.result).not.toMatch(/040 123 4567/);
      } finally {
        await store.close();
      }

      // Idempotent like any import: the same file again is unchanged.
      expect(await importFile(example("call-whisper.json"))).toMatchObject({ imported: 0, unchanged: 1 });
      expect(await importFile(azure, ...azureArgs)).toMatchObject({ imported: 0, unchanged: 1 });
    }, 120_000); // seven CLI runs, each loading the analysis models

    it("rejects a speaker the mapping does not name, naming the file and the speaker", async () => {
      const rejects = path.join(dir, "r.jsonl");
      const args = ["--started-at", "2025-03-05T10:00:00+02:00", "--speakers", "spk_0=agent"];
      const summary = await importFile(example("call-aws-transcribe.json"), ...args, "--rejects", rejects);
      expect(summary).toMatchObject({ imported: 0, rejected: 1 });
      const rejected = JSON.parse(fs.readFileSync(rejects, "utf8").trim()) as {
        reason: string;
        raw: Record<string, string>;
      };
      expect(rejected.reason).toMatch(/speaker spk_1.*call-aws-transcribe\.json.*not in the speaker mapping/);
      expect(rejected.raw).toEqual({ file: "call-aws-transcribe.json", format: "aws-transcribe" });
    }, 60_000);

    it("refuses malformed JSON with the file, the place and no stack trace", async () => {
      const broken = path.join(dir, "broken-call.json");
      fs.writeFileSync(
        broken,
        '{"segments": [{"start": 0, "end": 1, "text": "Hei", "speaker": "A"},\n  {"start": 2,]}',
      );
      const run = await runCli(["import", broken, "--kind", "encounters", "--format", "whisper"], cli.env);
      expect(run.code).not.toBe(0);
      expect(run.stderr).toMatch(/broken-call\.json: it is not valid JSON at line 2/);
      expect(run.stderr).not.toMatch(/at .*\.ts:\d+/);
      const badSpeakers = await runCli(
        ["import", example("call-whisper.json"), "--kind", "encounters", "--speakers", "SPEAKER_00=boss"],
        cli.env,
      );
      expect(badSpeakers.code).not.toBe(0);
      expect(badSpeakers.stderr).toMatch(/--speakers: SPEAKER_00: "boss" is not a known speaker/);
    }, 60_000);
  });
}
