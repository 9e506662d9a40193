import fs from "node:fs";
import path from "node:path";
import { SingleBar } from "cli-progress";
import type { Command } from "commander";
import { KohtaamoError, RECORD_KINDS, type RecordKind } from "../domain/index.ts";
import { parseSpeakerMapping } from "../ingest/transcript-json.ts";
import { updateReportCube } from "./cube-update.ts";
import { configuredPipeline } from "./ingest-setup.ts";
import { wholeNumber } from "./number-options.ts";
import { withStore } from "./store-session.ts";

const FORMATS = [
  "auto",
  "csv",
  "xlsx",
  "jsonl",
  "vtt",
  "srt",
  "whisper",
  "aws-transcribe",
  "azure-speech",
] as const;

export function registerImport(program: Command): void {
  program
    .command("import")
    .description(
      "Import a CSV, Excel (.xlsx), JSONL, WebVTT or SRT file, or a speech-to-text JSON (Whisper, AWS Transcribe, Azure Speech). Progress goes to stderr; the last stdout line is a JSON summary.",
    )
    .argument("<file>", "the file to import")
    .requiredOption("--kind <kind>", `what the file holds: ${RECORD_KINDS.join("|")}`)
    .option("--format <format>", `${FORMATS.join("|")}`, "auto")
    .option("--mapping <json-file>", 'column mapping, a JSON file like {"Vastausaika":"answered_at"}')
    .option(
      "--rejects <file>",
      "where to write rejected rows (default: <file>.rejects.csv|jsonl beside the input, or under the data directory when that folder is not writable)",
    )
    .option("--survey-kind <kind>", "nps|csat|ces for survey files without a kind column")
    .option("--set <field=value...>", "a value for a field the file lacks, e.g. --set channel=phone")
    .option("--id <id>", "transcripts: encounter id (default: the file name)")
    .option("--started-at <when>", "transcripts: when the call started (ISO 8601 or d.m.yyyy HH:MM)")
    .option("--channel <channel>", "transcripts: channel (default phone)")
    .option("--team <team>", "transcripts: team")
    .option("--agent <agent>", "transcripts: agent")
    .option("--customer <id>", "transcripts: customer id")
    .option(
      "--speakers <pairs>",
      "transcripts: who is who, e.g. spk_0=agent,spk_1=customer (channel:0=agent, *=customer for the rest); " +
        "default for speech-to-text JSON: the first voice is the agent, the second the customer",
    )
    .option("--batch-size <n>", "records per transaction", wholeNumber(1, 100_000))
    .option("--no-analysis", "store records without running the analysis stage")
    .option("--no-progress", "do not draw a progress bar")
    .action(async (file: string, opts: ImportCliOptions) => {
      const kind = parseKind(opts.kind);
      const format = parseFormat(opts.format);
      const mapping = opts.mapping ? readMapping(opts.mapping) : undefined;
      if (opts.rejects) checkRejectsFolder(opts.rejects);
      const defaults = parseDefaults(opts.set ?? []);
      if (opts.surveyKind) defaults.kind = opts.surveyKind;
      const transcript = {
        ...(opts.id ? { id: opts.id } : {}),
        ...(opts.startedAt ? { startedAt: opts.startedAt } : {}),
        ...(opts.channel ? { channel: opts.channel } : {}),
        ...(opts.team ? { team: opts.team } : {}),
        ...(opts.agent ? { agent: opts.agent } : {}),
        ...(opts.customer ? { customerId: opts.customer } : {}),
        ...(opts.speakers ? { speakers: parseSpeakerMapping(opts.speakers) } : {}),
      };
      const { importFile } = await import("../ingest/importer.ts");
      const summary = await withStore(async (store, cfg) => {
        // Piped stderr (CI, logs) still gets a progress line every few seconds instead of nothing.
        const bar = opts.progress
          ? new SingleBar({
              format: "importing {bar} {percentage}% | {processed} records | {eta_formatted} left",
              stream: process.stderr,
              hideCursor: true,
              noTTYOutput: true,
              notTTYSchedule: 3000,
            })
          : null;
        let started = false;
        const summary = await importFile(store, file, {
          kind,
          format,
          timeZone: cfg.timeZone,
          pipeline: await configuredPipeline(cfg, opts.analysis),
          ...(mapping ? { mapping } : {}),
          ...(Object.keys(defaults).length > 0 ? { defaults } : {}),
          ...(Object.keys(transcript).length > 0 ? { transcript } : {}),
          ...(opts.rejects ? { rejectsFile: opts.rejects } : { fallbackRejectsDir: cfg.dataDir }),
          ...(opts.batchSize ? { batchSize: opts.batchSize } : {}),
          onProgress: (p) => {
            if (!bar) return;
            if (!started) {
              bar.start(Math.max(1, p.totalBytes), 0, { processed: 0 });
              started = true;
            }
            bar.update(p.bytesRead, { processed: p.processed });
          },
        });
        bar?.stop();
        process.stderr.write(
          `imported ${summary.imported}, updated ${summary.updated}, unchanged ${summary.unchanged}, rejected ${summary.rejected}\n`,
        );
        if (summary.tooOldForCases > 0) {
          // Otherwise a history import leaves people wondering where its detractors' cases went.
          process.stderr.write(
            `${summary.tooOldForCases} ${kind === "encounters" ? "encounters" : "answers"} older than the case rules' maxAgeDays (KOHTAAMO_CASE_RULES) opened no follow-up case\n`,
          );
        }
        if (summary.encodingRepairs > 0) {
          // Said, not done silently: the export that made them is worth fixing at its source.
          const one = summary.encodingRepairs === 1;
          process.stderr.write(
            `${summary.encodingRepairs} ${one ? "value had" : "values had"} been saved through a wrong encoding on the way ("Ã¤" for "ä") and ${one ? "was" : "were"} read as meant\n`,
          );
        }
        if (summary.htmlBodies > 0) {
          const one = summary.htmlBodies === 1;
          process.stderr.write(
            `${summary.htmlBodies} ${one ? "text was" : "texts were"} HTML and ${one ? "was" : "were"} stored as ${one ? "its" : "their"} text\n`,
          );
        }
        if (summary.rejectsFile) {
          process.stderr.write(
            `${summary.rejected} rejected rows, with reasons, written to ${summary.rejectsFile}\n`,
          );
        }
        if (opts.analysis && cfg.analysis !== "inline") {
          // KOHTAAMO_ANALYSIS=queue (or auto with a worker running): say what the import left to the workers.
          const waiting = (await store.analysisQueue.counts()).total;
          if (waiting > 0)
            process.stderr.write(
              `${waiting} records await analysis by kohtaamo worker (KOHTAAMO_ANALYSIS)\n`,
            );
        }
        await updateReportCube(store, cfg.timeZone);
        return summary;
      });
      process.stdout.write(`${JSON.stringify(summary)}\n`);
    });
}

interface ImportCliOptions {
  kind: string;
  format: string;
  mapping?: string;
  rejects?: string;
  batchSize?: number;
  surveyKind?: string;
  set?: string[];
  id?: string;
  startedAt?: string;
  channel?: string;
  team?: string;
  agent?: string;
  customer?: string;
  speakers?: string;
  analysis: boolean;
  progress: boolean;
}

export function parseKind(kind: string): RecordKind {
  if ((RECORD_KINDS as readonly string[]).includes(kind)) return kind as RecordKind;
  throw new KohtaamoError("bad_request", `--kind: "${kind}" is not one of ${RECORD_KINDS.join(", ")}`);
}

function parseFormat(format: string): (typeof FORMATS)[number] {
  if ((FORMATS as readonly string[]).includes(format)) return format as (typeof FORMATS)[number];
  throw new KohtaamoError("bad_request", `--format: "${format}" is not one of ${FORMATS.join(", ")}`);
}

/** A --rejects path in a folder that does not exist fails now, not after half the file is imported. */
function checkRejectsFolder(file: string): void {
  const folder = path.dirname(path.resolve(file));
  if (!fs.statSync(folder, { throwIfNoEntry: false })?.isDirectory()) {
    throw new KohtaamoError("bad_request", `--rejects: the folder ${folder} does not exist`);
  }
}

function readMapping(file: string): Record<string, string> {
  let parsed: unknown;
  try {
    parsed = JSON.parse(fs.readFileSync(file, "utf8"));
  } catch (e) {
    throw new KohtaamoError(
      "unreadable_input",
      `--mapping: cannot read ${file} as JSON: ${(e as Error).message}`,
    );
  }
  if (!parsed || typeof parsed !== "object" || Array.isArray(parsed)) {
    throw new KohtaamoError(
      "unreadable_input",
      `--mapping: ${file} must hold a JSON object {"File column": "field"}`,
    );
  }
  for (const [k, v] of Object.entries(parsed)) {
    if (typeof v !== "string")
      throw new KohtaamoError("unreadable_input", `--mapping: the value of "${k}" must be a field name`);
  }
  return parsed as Record<string, string>;
}

function parseDefaults(pairs: string[]): Record<string, string> {
  const out: Record<string, string> = {};
  for (const pair of pairs) {
    const eq = pair.indexOf("=");
    if (eq <= 0) throw new KohtaamoError("bad_request", `--set: "${pair}" must look like field=value`);
    out[pair.slice(0, eq).trim()] = pair.slice(eq + 1).trim();
  }
  return out;
}
