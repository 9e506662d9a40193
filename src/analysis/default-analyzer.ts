import path from "node:path";
import { fileURLToPath } from "node:url";
import { loadModelSet } from "./model/model-set.ts";
import { TextAnalyzer } from "./text-analyzer.ts";

export const MODELS_DIR = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../../models");

let cached: TextAnalyzer | undefined;

/** The analyzer with the shipped models, loaded from models/ on first use and kept. */
export function loadDefaultAnalyzer(): TextAnalyzer {
  cached ??= new TextAnalyzer(loadModelSet(MODELS_DIR));
  return cached;
}
