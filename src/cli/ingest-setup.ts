import type { Config } from "../config.ts";
import { type IngestPipeline, ingestPipeline } from "../ingest/ingest-pipeline.ts";

/**
 * The ingest pipeline the configuration asks for. The analyzer (and its models) is loaded only
 * when analysis is on, so `import --no-analysis` starts fast.
 */
export async function configuredPipeline(cfg: Config, analysis = true): Promise<IngestPipeline> {
  const analyzer = analysis ? (await import("../analysis/default-analyzer.ts")).loadDefaultAnalyzer() : null;
  // KOHTAAMO_ANALYSIS=queue (or auto): batches are stored with analysis jobs instead (jobs/analysis-job.ts).
  const deferral =
    analyzer && cfg.analysis !== "inline"
      ? (await import("../jobs/analysis-job.ts")).analysisDeferral({
          mode: cfg.analysis,
          databaseUrl: cfg.databaseUrl,
        })
      : null;
  return ingestPipeline({ redaction: cfg.redaction, analyzer, deferral });
}
