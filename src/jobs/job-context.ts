import type { TextAnalyzer } from "../analysis/text-analyzer.ts";
import type { Config } from "../config.ts";
import type { Store } from "../store/index.ts";
import { notificationDeps } from "../workflows/notification-loop.ts";
import type { JobContext } from "./job-kind.ts";
import { deliverNotificationsKind } from "./notification-jobs.ts";

/**
 * The context handlers run with, from the configuration: the notification dispatcher's mailer, the
 * analyzer (loaded on first use: a worker that only delivers webhooks never loads the models), and
 * the notification interval, the analysis threads (started on first use). `close` releases the
 * mailer and stops the threads.
 */
export async function jobContext(
  store: Store,
  cfg: Pick<Config, "notifications" | "notifyIntervalMs"> & Partial<Pick<Config, "analysisThreads">>,
  analyzer?: TextAnalyzer,
): Promise<JobContext & { close(): Promise<void> }> {
  const { loadDefaultAnalyzer } = await import("../analysis/default-analyzer.ts");
  const { AnalysisThreads } = await import("../analysis/analysis-threads.ts");
  const analysisThreads = new AnalysisThreads(cfg.analysisThreads ?? 1);
  const deps = notificationDeps(store, cfg.notifications);
  let loaded = analyzer;
  return {
    store,
    notifications: deps,
    analyzer: () => {
      loaded ??= loadDefaultAnalyzer();
      return loaded;
    },
    analysisThreads,
    intervals: { [deliverNotificationsKind.name]: cfg.notifyIntervalMs },
    close: async () => {
      deps.close();
      // The analysis threads would keep the process alive.
      await analysisThreads.close();
    },
  };
}
