import { loadModelSet } from "./model/model-set.ts";
import { MODELS_DIR } from "./model/models-dir.ts";
import { TextAnalyzer } from "./text-analyzer.ts";

export { MODELS_DIR };

let cached: TextAnalyzer | undefined;

/** The analyzer with the shipped models, loaded from models/ on first use and kept. */
export function loadDefaultAnalyzer(): TextAnalyzer {
  cached ??= new TextAnalyzer(loadModelSet(MODELS_DIR));
  return cached;
}
