import type { IngestPipeline } from "../ingest/ingest-pipeline.ts";
import type { Store } from "../store/index.ts";

/** What every router needs: the store, the time zone of naive dates, and the ingest pipeline (redaction and analysis). */
export interface ServerContext {
  store: Store;
  timeZone: string;
  pipeline: IngestPipeline;
}
