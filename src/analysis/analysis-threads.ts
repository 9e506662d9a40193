import { type AnalysisItem, type AnalysisOf, analyzeItem } from "./analysis-item.ts";
import type { ParallelAnalyzer } from "./parallel-analyzer.ts";
import type { TextAnalyzer } from "./text-analyzer.ts";

/**
 * Batch analysis for the background jobs (jobs/analysis-job.ts, ingest/reanalyzer.ts) on
 * KOHTAAMO_ANALYSIS_THREADS worker threads (parallel-analyzer.ts), or on the calling thread when
 * that is 1 or the batch is too small to pay for the trip. A pool is started on first use for the
 * analyzer's version (the workspace's taxonomy is part of it) and kept while jobs use that version;
 * when the taxonomy changes, the next batch starts a pool for the new one and the old one is closed.
 * A pool whose threads answer with another version than the analyzer's (models loaded from
 * elsewhere) is not used: the batch is analysed inline, so what is stored never depends on the pool.
 *
 * @example
 *   const threads = new AnalysisThreads(2);
 *   const [a, b] = await threads.analyzeMany(analyzer, [{ text: "Lasku oli väärin" }, { turns }]);
 *   await threads.close(); // on worker shutdown
 */
export class AnalysisThreads {
  private current: { version: string; pool: ParallelAnalyzer; usable: Promise<boolean> } | null = null;
  private closed = false;
  /** Batches the threads analysed (for tests and diagnostics; the others were analysed inline). */
  batchesOnThreads = 0;

  constructor(
    /** Threads per pool; 1 analyses inline. */
    readonly threads: number,
    /** Texts below which a batch is analysed inline (a pool call costs a structured clone each way). */
    readonly minTexts = MIN_POOL_TEXTS,
  ) {}

  /** Every item's analysis, in the items' order, as `analyzer` gives it on this thread. */
  async analyzeMany<T extends AnalysisItem>(
    analyzer: TextAnalyzer,
    items: readonly T[],
  ): Promise<AnalysisOf<T>[]> {
    const pool =
      this.threads > 1 && !this.closed && textsIn(items) >= this.minTexts
        ? await this.poolFor(analyzer)
        : null;
    if (pool) {
      this.batchesOnThreads++;
      return pool.analyzeMany(items);
    }
    return items.map((item) => analyzeItem(analyzer, item));
  }

  /** Whether batches for `analyzer` go to threads (for batch sizing: a pool call wants ≥ minTexts texts). */
  get parallel(): boolean {
    return this.threads > 1 && !this.closed;
  }

  /** Stops the threads; later batches are analysed inline. */
  async close(): Promise<void> {
    this.closed = true;
    const current = this.current;
    this.current = null;
    await current?.pool.close();
  }

  private async poolFor(analyzer: TextAnalyzer): Promise<ParallelAnalyzer | null> {
    if (this.current?.version !== analyzer.version) {
      // Loaded here: a process whose batches all stay inline never loads piscina.
      const { ParallelAnalyzer } = await import("./parallel-analyzer.ts");
      if (this.closed) return null;
      // Another batch may have started this version's pool meanwhile.
      if (this.current?.version === analyzer.version) return this.poolFor(analyzer);
      const previous = this.current;
      const pool = new ParallelAnalyzer({ threads: this.threads, taxonomy: analyzer.taxonomy });
      const usable = pool.version().then(
        (v) => v === analyzer.version,
        () => false,
      );
      this.current = { version: analyzer.version, pool, usable };
      // Tasks already sent to the old pool are answered before its threads stop.
      if (previous) void previous.pool.close();
    }
    const { pool, usable } = this.current as NonNullable<typeof this.current>;
    return (await usable) ? pool : null;
  }
}

/** Below this many texts (an encounter counts its turns) a batch is analysed inline. */
export const MIN_POOL_TEXTS = 200;

function textsIn(items: readonly AnalysisItem[]): number {
  let n = 0;
  for (const item of items) n += "turns" in item ? item.turns.length : 1;
  return n;
}
