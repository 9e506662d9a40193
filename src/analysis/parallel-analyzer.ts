import os from "node:os";
import { Piscina } from "piscina";
import type { AnalysisItem, AnalysisOf } from "./analysis-item.ts";
import type { Taxonomy } from "./model/model-set.ts";
import { MODELS_DIR } from "./model/models-dir.ts";

/**
 * Analysis on every core: a pool of worker threads (piscina), one per core by default
 * (os.availableParallelism()), each loading the models once when it starts. A batch is cut into
 * chunks that the threads take in turn, and the answers come back in the batch's order. Each thread
 * runs the same TextAnalyzer as the main thread would, so results are the same, only sooner.
 *
 * Starting the threads costs about as much as loading the models (a few hundred ms each, in
 * parallel): worth it for a file or a batch of thousands, not for one text — keep the inline
 * analyzer (default-analyzer.ts) for those.
 *
 * @example
 *   const pool = new ParallelAnalyzer();
 *   const [a, b] = await pool.analyzeMany([{ text: "Lasku oli väärin" }, { turns }]);
 *   await pool.close();
 */

/**
 * The bundled thread module, when this runs from the bundle of `kohtaamo analyze` (defined at build
 * time by src/cli/cli-bundle.mjs): its threads then load plain JavaScript, without tsx.
 */
declare const KOHTAAMO_THREAD_BUNDLE: string | undefined;

export type { AnalysisItem, AnalysisOf, EncounterItem, TextItem } from "./analysis-item.ts";

/** What a thread is sent (parallel-worker.ts). */
export type AnalysisTask =
  | { op: "items"; items: AnalysisItem[] }
  | { op: "lines"; lines: string[]; firstLineNo: number }
  | { op: "version" };

export interface ParallelAnalyzerOptions {
  /** Threads; default one per core. */
  threads?: number;
  /** A workspace's edited taxonomy (TextAnalyzer.withTaxonomy); default the shipped one. */
  taxonomy?: Taxonomy;
  /** Where the models are; default models/. */
  modelsDir?: string;
  /** Items per task sent to a thread; default: enough chunks to keep every thread busy, 25..500 each. */
  chunkSize?: number;
}

export class ParallelAnalyzer {
  readonly threads: number;
  private readonly pool: Piscina;
  private readonly chunkSize: number | undefined;

  constructor(options: ParallelAnalyzerOptions = {}) {
    this.threads = Math.max(1, options.threads ?? os.availableParallelism());
    this.chunkSize = options.chunkSize;
    this.pool = new Piscina({
      filename:
        typeof KOHTAAMO_THREAD_BUNDLE === "string"
          ? KOHTAAMO_THREAD_BUNDLE
          : new URL("./parallel-worker-entry.mjs", import.meta.url).href,
      minThreads: this.threads,
      maxThreads: this.threads,
      // Threads stay while the pool is open: loading the models again would cost more than an idle thread.
      idleTimeout: Number.POSITIVE_INFINITY,
      workerData: { modelsDir: options.modelsDir ?? MODELS_DIR, taxonomy: options.taxonomy },
    });
  }

  /** Every item's analysis, in the items' order (a text's TextAnalysis, an encounter's EncounterAnalysis). */
  async analyzeMany<T extends AnalysisItem>(items: readonly T[]): Promise<AnalysisOf<T>[]> {
    const size = this.chunkSize ?? Math.min(500, Math.max(25, Math.ceil(items.length / (this.threads * 4))));
    const chunks: Promise<AnalysisOf<T>[]>[] = [];
    for (let i = 0; i < items.length; i += size) {
      const task: AnalysisTask = { op: "items", items: items.slice(i, i + size) };
      chunks.push(this.pool.run(task));
    }
    return (await Promise.all(chunks)).flat();
  }

  /**
   * The `kohtaamo analyze` answer (JSONL, one line per input line: analyze-lines.ts) to consecutive
   * input lines, the first of them numbered `firstLineNo`.
   */
  analyzeLines(lines: string[], firstLineNo: number): Promise<string> {
    const task: AnalysisTask = { op: "lines", lines, firstLineNo };
    return this.pool.run(task);
  }

  /** The threads' analyzer version (TextAnalyzer.version), which results stored from them carry. */
  version(): Promise<string> {
    const task: AnalysisTask = { op: "version" };
    return this.pool.run(task);
  }

  /** Stops the threads (after the tasks already sent are answered). */
  async close(): Promise<void> {
    await this.pool.close();
  }
}
