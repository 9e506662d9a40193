import type { TextAnalyzer } from "../analysis/pipeline.ts";
import type { Store } from "../store/index.ts";

/** What every router needs: the store, the time zone of naive dates, and the analysis stage. */
export interface ServerContext {
  store: Store;
  timeZone: string;
  analyzer: TextAnalyzer | null;
}
