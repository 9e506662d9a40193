import type { Store } from "../store/index.ts";
import { smtpMailer } from "./mail-sender.ts";
import {
  type DispatchDeps,
  type DispatchSummary,
  deliverDueNotifications,
} from "./notification-dispatcher.ts";
import { emailStatus, type NotificationSettings } from "./notification-settings.ts";

export interface NotificationLoop {
  /** Stops the timer and waits for a pass that is running. */
  stop(): Promise<void>;
}

/**
 * Runs the dispatcher in this process every `intervalMs` (the embedded default; issue 14 moves it
 * onto graphile-worker). Passes never overlap: the next is scheduled when one ends. The timer does
 * not keep the process alive. A failing pass is reported and the loop goes on.
 */
export function startNotificationLoop(
  deps: DispatchDeps,
  options: { intervalMs: number; onPass?: (s: DispatchSummary) => void; onError?: (e: unknown) => void },
): NotificationLoop {
  let timer: NodeJS.Timeout | undefined;
  let running: Promise<void> | undefined;
  let stopped = false;
  const schedule = () => {
    if (stopped) return;
    timer = setTimeout(pass, options.intervalMs);
    timer.unref();
  };
  const pass = () => {
    running = deliverDueNotifications(deps)
      .then((s) => options.onPass?.(s))
      .catch((e: unknown) => options.onError?.(e))
      .finally(() => {
        running = undefined;
        schedule();
      });
  };
  schedule();
  return {
    async stop() {
      stopped = true;
      if (timer) clearTimeout(timer);
      await running;
    },
  };
}

/** The dispatcher's dependencies from the configuration: an SMTP mailer only when e-mail is on. */
export function notificationDeps(
  store: Store,
  settings: NotificationSettings,
): DispatchDeps & { close(): void } {
  const mailer =
    emailStatus(settings).enabled && settings.smtpUrl && settings.mailFrom
      ? smtpMailer(settings.smtpUrl, settings.mailFrom)
      : null;
  return { store, settings, mailer, close: () => mailer?.close() };
}
