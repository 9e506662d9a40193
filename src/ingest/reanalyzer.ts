import { randomUUID } from "node:crypto";
import { analyzeItem, type EncounterItem, type TextItem } from "../analysis/analysis-item.ts";
import type { AnalysisThreads } from "../analysis/analysis-threads.ts";
import type { EncounterAnalysis, Speaker, TextAnalysis, TextAnalyzer } from "../analysis/text-analyzer.ts";
import type { AnalysisRecord, Store } from "../store/index.ts";
import {
  REANALYSIS_PHASES,
  type ReanalysisItem,
  type ReanalysisPhase,
  type ReanalysisProgress,
} from "../store/reanalysis-repository.ts";
import { workspaceAnalyzer } from "./workspace-taxonomy.ts";

/** A run whose heartbeat is older than this is taken to be dead: a new start may take it over. */
export const STALE_AFTER_MS = 60_000;

/** Subjects per batch: one transaction and one checkpoint each; small enough that a server stays responsive. */
const BATCH: Record<ReanalysisPhase, number> = { encounter: 100, response: 500, pulse: 500 };
/**
 * Subjects per batch when analysis threads take it (analysis-threads.ts): the event loop is free
 * meanwhile, and a pool call pays for itself from about a thousand texts (an encounter has several).
 */
const THREADED_BATCH: Record<ReanalysisPhase, number> = { encounter: 250, response: 1000, pulse: 1000 };

/** What a caller sees of the run: "interrupted" is a run whose process stopped without finishing. */
export interface ReanalysisStatus {
  state: "idle" | "running" | "done" | "failed" | "interrupted";
  done: number;
  total: number;
  startedAt: string | null;
  finishedAt: string | null;
  error: string | null;
  analyzerVersion: string | null;
  startedBy: string | null;
}

export interface ReanalyzeSummary {
  analyzerVersion: string;
  encounters: number;
  responses: number;
  pulse: number;
  /** Whether the run continued an interrupted one with the same analyzer (counts are then of this run only). */
  resumed: boolean;
}

export function statusOf(p: ReanalysisProgress, now = Date.now()): ReanalysisStatus {
  const stale =
    p.state === "running" && (p.heartbeatAt === null || Date.parse(p.heartbeatAt) < now - STALE_AFTER_MS);
  return {
    state: stale ? "interrupted" : p.state,
    done: Math.min(p.done, Math.max(p.total, p.done)),
    total: Math.max(p.total, p.done),
    startedAt: p.startedAt,
    finishedAt: p.finishedAt,
    error: p.error,
    analyzerVersion: p.analyzerVersion,
    startedBy: p.startedBy,
  };
}

export async function reanalysisStatus(store: Store): Promise<ReanalysisStatus> {
  return statusOf(await store.reanalysis.progress());
}

/**
 * Starts a reanalysis of every stored encounter and comment with the workspace's analyzer (the
 * shipped models with its saved taxonomy): claims the progress row, then returns at once with
 * `run`, which analyses batch by batch and checkpoints after each. Null when another run is live.
 *
 * Idempotent by design: results replace those of the same subject and analyzer version (results of
 * other versions are kept, so two can be compared), so a batch done twice — after a crash between
 * its write and its checkpoint — leaves the same data. A start after a failed or killed run with
 * the same analyzer resumes at its checkpoint; with another analyzer (the taxonomy changed) it
 * starts over.
 */
export async function startReanalysis(
  store: Store,
  base: TextAnalyzer,
  startedBy: string,
  onProgress?: (status: ReanalysisStatus) => void,
  options: { deferred?: boolean } = {},
): Promise<{ status: ReanalysisStatus; run: Promise<ReanalyzeSummary>; runId: string } | null> {
  const runId = randomUUID();
  const staleBefore = new Date(Date.now() - STALE_AFTER_MS).toISOString();
  if (!(await store.reanalysis.claim(runId, startedBy, staleBefore))) return null;
  try {
    const analyzer = await workspaceAnalyzer(store, base);
    const previous = await store.reanalysis.progress();
    const resume = previous.phase !== null && previous.analyzerVersion === analyzer.version;
    const start = {
      analyzerVersion: analyzer.version,
      phase: resume ? (previous.phase as ReanalysisPhase) : "encounter",
      afterId: resume ? previous.afterId : null,
      done: resume ? previous.done : 0,
      total: await store.reanalysis.countSubjects(),
      startedAt: resume && previous.startedAt ? previous.startedAt : new Date().toISOString(),
    } as const;
    await store.reanalysis.begin(runId, start);
    const status = await reanalysisStatus(store);
    // Deferred: the job queue runs it (jobs/reanalysis-job.ts → continueReanalysis), so a killed worker's run resumes.
    if (options.deferred) return { status, run: Promise.resolve(emptySummary(analyzer.version)), runId };
    const run = runBatches(store, analyzer, runId, start, resume, onProgress).catch(async (e: unknown) => {
      await store.reanalysis.fail(runId, (e as Error).message ?? String(e)).catch(() => false);
      throw e;
    });
    return { status, run, runId };
  } catch (e) {
    await store.reanalysis.fail(runId, (e as Error).message ?? String(e)).catch(() => false);
    throw e;
  }
}

/**
 * Runs the claimed run `runId` from its checkpoint (its first batch, or where a killed attempt left
 * it). Null when that run is no longer the live one (finished, failed or taken over): a retried job
 * then has nothing left to do. Errors propagate, leaving the run live for the job's retry.
 */
export async function continueReanalysis(
  store: Store,
  base: TextAnalyzer,
  runId: string,
  onProgress?: (status: ReanalysisStatus) => void,
  threads?: AnalysisThreads,
): Promise<ReanalyzeSummary | null> {
  const p = await store.reanalysis.progress();
  if (p.runId !== runId || p.state !== "running") return null;
  const analyzer = await workspaceAnalyzer(store, base);
  const same = p.analyzerVersion === analyzer.version && p.phase !== null;
  const start = {
    analyzerVersion: analyzer.version,
    phase: same ? (p.phase as ReanalysisPhase) : "encounter",
    afterId: same ? p.afterId : null,
    done: same ? p.done : 0,
    total: same ? p.total : await store.reanalysis.countSubjects(),
    startedAt: same && p.startedAt ? p.startedAt : new Date().toISOString(),
  } as const;
  if (!(await store.reanalysis.begin(runId, start))) return null;
  return runBatches(store, analyzer, runId, start, same && p.done > 0, onProgress, threads);
}

async function runBatches(
  store: Store,
  analyzer: TextAnalyzer,
  runId: string,
  start: { phase: ReanalysisPhase; afterId: string | null; done: number; total: number },
  resumed: boolean,
  onProgress?: (status: ReanalysisStatus) => void,
  threads?: AnalysisThreads,
): Promise<ReanalyzeSummary> {
  const batch = threads?.parallel ? THREADED_BATCH : BATCH;
  const summary: ReanalyzeSummary = {
    analyzerVersion: analyzer.version,
    encounters: 0,
    responses: 0,
    pulse: 0,
    resumed,
  };
  let done = start.done;
  for (const phase of REANALYSIS_PHASES.slice(REANALYSIS_PHASES.indexOf(start.phase))) {
    let after = phase === start.phase ? start.afterId : null;
    for (;;) {
      const items = await store.reanalysis.nextItems(phase, after, batch[phase]);
      if (items.length === 0) break;
      await store.writeAnalyses(await analyseItems(analyzer, items, false, threads));
      done += items.length;
      after = (items[items.length - 1] as ReanalysisItem).id;
      if (phase === "encounter") summary.encounters += items.length;
      else if (phase === "response") summary.responses += items.length;
      else summary.pulse += items.length;
      // Taken over by another start (this process was thought dead): stop without touching its row.
      if (!(await store.reanalysis.checkpoint(runId, { phase, afterId: after, done }))) return summary;
      onProgress?.(await reanalysisStatus(store));
      // Let a server answer requests between batches: analysis is synchronous CPU work.
      await new Promise((resolve) => setImmediate(resolve));
    }
  }
  await store.reanalysis.finish(runId);
  onProgress?.(await reanalysisStatus(store));
  return summary;
}

function emptySummary(analyzerVersion: string): ReanalyzeSummary {
  return { analyzerVersion, encounters: 0, responses: 0, pulse: 0, resumed: false };
}

/**
 * Results omit the text itself, as at import. `alreadyRedacted`: the stored text was redacted when
 * it was written (known for a queued analysis, jobs/analysis-job.ts), so the analyzer skips its own
 * redaction pass (about half its time); otherwise it redacts again, which changes nothing redacted.
 */
export function analyseItem(
  analyzer: TextAnalyzer,
  item: ReanalysisItem,
  alreadyRedacted = false,
): AnalysisRecord[] {
  const input = analysisInput(item, alreadyRedacted);
  if (!input) return [];
  return [recordOf(item, analyzer.version, analyzeItem(analyzer, input))];
}

/**
 * analyseItem over a batch, on the analysis threads when they are configured and the batch is
 * large enough (analysis-threads.ts), else here; the records are the same either way.
 */
export async function analyseItems(
  analyzer: TextAnalyzer,
  items: readonly ReanalysisItem[],
  alreadyRedacted: boolean,
  threads?: AnalysisThreads,
): Promise<AnalysisRecord[]> {
  if (!threads?.parallel) return items.flatMap((item) => analyseItem(analyzer, item, alreadyRedacted));
  const analysed = items.flatMap((item) => {
    const input = analysisInput(item, alreadyRedacted);
    return input ? [{ item, input }] : [];
  });
  const results = await threads.analyzeMany(
    analyzer,
    analysed.map((a) => a.input),
  );
  return analysed.map((a, i) =>
    recordOf(a.item, analyzer.version, results[i] as TextAnalysis | EncounterAnalysis),
  );
}

/** What the analyzer is given for a stored subject; null for an encounter without turns. */
function analysisInput(item: ReanalysisItem, alreadyRedacted: boolean): TextItem | EncounterItem | null {
  if (item.kind !== "encounter") return { text: item.text, alreadyRedacted };
  if (item.turns.length === 0) return null;
  return { turns: item.turns.map((t) => ({ speaker: t.speaker as Speaker, text: t.text })), alreadyRedacted };
}

/** The stored record of an analysis: without the (redacted) text, which is stored with the subject. */
function recordOf(
  item: ReanalysisItem,
  analyzerVersion: string,
  analysis: TextAnalysis | EncounterAnalysis,
): AnalysisRecord {
  if (item.kind === "encounter") {
    const { turns, ...rest } = analysis as EncounterAnalysis;
    const result = { ...rest, turns: turns.map(({ redacted: _text, ...t }) => t) };
    return { subjectKind: "encounter", subjectId: item.id, analyzerVersion, result };
  }
  const { redacted: _text, ...result } = analysis as TextAnalysis;
  return { subjectKind: item.kind, subjectId: item.id, analyzerVersion, result };
}
