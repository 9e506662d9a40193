import type { Command } from "commander";
import { withStore } from "./store-session.ts";

/**
 * `kohtaamo notify`: delivers the notifications that are due (webhooks, e-mail) and exits, the
 * same pass the server's timer makes every few seconds. For a server started with the dispatcher
 * off, for cron, or to drain the outbox after an import from the CLI.
 */
export function registerNotify(program: Command): void {
  program
    .command("notify")
    .description("Deliver due notifications (webhooks, e-mail) from the outbox, then exit.")
    .option("--once", "one pass only (default: pass after pass until nothing more is due now)")
    .action(async (opts: { once?: boolean }) => {
      const [{ deliverDueNotifications }, { notificationDeps }, { emailStatus }] = await Promise.all([
        import("../workflows/notification-dispatcher.ts"),
        import("../workflows/notification-loop.ts"),
        import("../workflows/notification-settings.ts"),
      ]);
      await withStore(async (store, cfg) => {
        const deps = notificationDeps(store, cfg.notifications);
        const email = emailStatus(cfg.notifications);
        if (!email.enabled) process.stderr.write(`e-mail is off: ${email.reason}\n`);
        try {
          const total = {
            events: 0,
            attempted: 0,
            delivered: 0,
            retrying: 0,
            failed: 0,
            cancelled: 0,
            pruned: 0,
          };
          for (let pass = 0; pass < (opts.once ? 1 : 100); pass++) {
            const s = await deliverDueNotifications(deps);
            for (const k of Object.keys(total) as (keyof typeof total)[]) total[k] += s[k];
            if (s.events === 0 && s.attempted + s.cancelled === 0) break;
          }
          process.stdout.write(`${JSON.stringify(total)}\n`);
        } finally {
          deps.close();
        }
      });
    });
}
