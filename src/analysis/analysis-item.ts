import type {
  EncounterAnalysis,
  Lang,
  Speaker,
  TextAnalysis,
  TextAnalyzer,
  TurnInput,
} from "./text-analyzer.ts";

/*
 * One unit of batch analysis, the same on the calling thread and on a pool thread
 * (parallel-analyzer.ts): here, without the pool, so inline callers do not load it.
 */

/** One text, with the options of TextAnalyzer.analyzeText. */
export interface TextItem {
  text: string;
  lang?: Lang;
  speaker?: Speaker;
  alreadyRedacted?: boolean;
  wholeText?: boolean;
}

/** One encounter, with the options of TextAnalyzer.analyzeEncounter. */
export interface EncounterItem {
  turns: TurnInput[];
  alreadyRedacted?: boolean;
}

export type AnalysisItem = TextItem | EncounterItem;
export type AnalysisOf<T extends AnalysisItem> = T extends EncounterItem ? EncounterAnalysis : TextAnalysis;

/** One item's analysis, as a thread gives it (parallel-worker.ts) and as analysis-threads.ts gives it inline. */
export function analyzeItem<T extends AnalysisItem>(analyzer: TextAnalyzer, item: T): AnalysisOf<T> {
  if ("turns" in item)
    return analyzer.analyzeEncounter(item.turns, { alreadyRedacted: item.alreadyRedacted }) as AnalysisOf<T>;
  const { text, lang, ...options } = item as TextItem;
  return analyzer.analyzeText(text, lang, options) as AnalysisOf<T>;
}
