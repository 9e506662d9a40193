import type { TextAnalyzer } from "../analysis/text-analyzer.ts";
import type { Config } from "../config.ts";
import type { Store } from "../store/index.ts";
import { notificationDeps } from "../workflows/notification-loop.ts";
import type { JobContext } from "./job-kind.ts";
import { deliverNotificationsKind } from "./notification-jobs.ts";

/**
 * The context handlers run with, from the configuration: the notification dispatcher's mailer, the
 * analyzer (loaded on first use: a worker that only delivers webhooks never loads the models), and
 * the notification interval. `close` releases the mailer.
 */
export async function jobContext(
  store: Store,
  cfg: Pick<Config, "notifications" | "notifyIntervalMs">,
  analyzer?: TextAnalyzer,
): Promise<JobContext & { close(): void }> {
  const { loadDefaultAnalyzer } = await import("../analysis/default-analyzer.ts");
  const deps = notificationDeps(store, cfg.notifications);
  let loaded = analyzer;
  return {
    store,
    notifications: deps,
    analyzer: () => {
      loaded ??= loadDefaultAnalyzer();
      return loaded;
    },
    intervals: { [deliverNotificationsKind.name]: cfg.notifyIntervalMs },
    close: () => deps.close(),
  };
}
