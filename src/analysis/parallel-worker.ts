import { workerData } from "piscina";
import { analyzeItem } from "./analysis-item.ts";
import { analyzeLines } from "./analyze-lines.ts";
import type { Taxonomy } from "./model/model-set.ts";
import { loadModelSet } from "./model/model-set.ts";
import type { AnalysisTask } from "./parallel-analyzer.ts";
import { TextAnalyzer } from "./text-analyzer.ts";

/**
 * One analysis thread of parallel-analyzer.ts: loads the models once, when the thread starts, then
 * answers each task (a chunk of items or of input lines) with the very code the main thread would run.
 */
const { modelsDir, taxonomy } = workerData as { modelsDir: string; taxonomy?: Taxonomy };
const base = new TextAnalyzer(loadModelSet(modelsDir));
const analyzer = taxonomy ? base.withTaxonomy(taxonomy) : base;

export default function run(task: AnalysisTask): unknown {
  if (task.op === "lines") return analyzeLines(task.lines, task.firstLineNo, analyzer);
  if (task.op === "version") return analyzer.version;
  return task.items.map((item) => analyzeItem(analyzer, item));
}
