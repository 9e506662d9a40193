import type { Command } from "commander";
import { withStore } from "./store-session.ts";

/**
 * `kohtaamo integrations pull <id>`: pulls a Zendesk integration's tickets, comments and
 * satisfaction ratings, or a Chatwoot integration's conversations, messages and CSAT survey
 * responses, from where its last pull stopped (ingest/sources/integration-pull.ts). Progress
 * goes to stderr, the summary as one JSON line to stdout. Safe to kill and run again.
 */
export function registerIntegrations(program: Command): void {
  const integrations = program
    .command("integrations")
    .description("Inbound integrations (Formbricks, Chatwoot, Zendesk, webhooks): pulls over vendor APIs.");
  integrations
    .command("pull")
    .argument("<id>", "the integration's id (GET /api/v1/integrations lists them)")
    .description(
      "Pull a Zendesk integration (tickets by the incremental export, public comments, satisfaction ratings) or a Chatwoot one (conversations, messages without private notes, CSAT survey responses), resuming from the saved cursor.",
    )
    .option("--no-analysis", "store without analysing (analyse later with kohtaamo reanalyze)")
    .action(async (id: string, opts: { analysis: boolean }) => {
      const [
        { secretBox, sealingKey },
        { IntegrationRepository },
        { runIntegrationPull },
        { configuredPipeline },
      ] = await Promise.all([
        import("../auth/secret-box.ts"),
        import("../store/integration-repository.ts"),
        import("../ingest/sources/integration-pull.ts"),
        import("./ingest-setup.ts"),
      ]);
      const summary = await withStore(async (store, cfg) => {
        const repo = new IntegrationRepository(store.db, () => secretBox(sealingKey(cfg)));
        return runIntegrationPull(repo, id, {
          store,
          pipeline: await configuredPipeline(cfg, opts.analysis),
          timeZone: cfg.timeZone,
          log: (line) => process.stderr.write(`${line}\n`),
        });
      });
      process.stdout.write(`${JSON.stringify(summary)}\n`);
    });
}
