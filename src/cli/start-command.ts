import type { Command } from "commander";
import { config } from "../config.ts";
import { updateReportCube } from "./cube-update.ts";
import { configuredPipeline } from "./ingest-setup.ts";
import { portNumber } from "./number-options.ts";

export function registerStart(program: Command): void {
  program
    .command("start")
    .description("Serve the API and the dashboard. Loads the demo workspace when the database is empty.")
    .option("--port <n>", "port to listen on (default: PORT or 3000)", portNumber)
    .option("--host <host>", "interface to listen on (default: HOST or 127.0.0.1)")
    .option("--no-demo", "do not load the demo workspace into an empty database")
    .action(async (opts: { port?: number; host?: string; demo: boolean }) => {
      // Loaded here, not at the top: other commands should not pay for the server and the demo generator.
      const [{ createApp }, { needsDemo, seedDemo }, { serveHttp }, { openStore }] = await Promise.all([
        import("../server/app.ts"),
        import("../ingest/demo-seeder.ts"),
        import("../server/http-server.ts"),
        import("../store/index.ts"),
      ]);
      // Before the app is created: it serves web/dist when that exists (README: install, start, done).
      await (await import("./web-build.ts")).ensureWebBuild((line) => process.stderr.write(`${line}\n`));
      const cfg = config();
      const store = openStore({
        databaseUrl: cfg.databaseUrl,
        sqliteFile: cfg.sqliteFile,
        caseRules: cfg.caseRules,
      });
      await store.migrate();
      const pipeline = await configuredPipeline(cfg);
      let ready = false;
      const oidc = cfg.oidc ? await (await import("../auth/oidc.ts")).OidcClient.discover(cfg.oidc) : null;
      // Background jobs (notification delivery, reanalysis, retention): the route handlers enqueue
      // them; this process runs them unless KOHTAAMO_WORKER=off (then `kohtaamo worker` processes do).
      const [{ openJobQueue }, { jobContext }, { webProcessKinds }] = await Promise.all([
        import("../jobs/job-queue.ts"),
        import("../jobs/job-context.ts"),
        import("../jobs/job-registry.ts"),
      ]);
      const jobs = await openJobQueue(store, cfg.databaseUrl);
      const jobCtx = await jobContext(store, cfg, pipeline.analyzer ?? undefined);
      const runner =
        cfg.worker === "inline"
          ? await jobs
              .startRunner({
                kinds: webProcessKinds(cfg.analysis),
                context: jobCtx,
                concurrency: 2,
                onFailure: (j) =>
                  process.stderr.write(`job ${j.id} (${j.kind}) attempt ${j.attempt} failed: ${j.error}\n`),
              })
              .catch((e: unknown) => {
                // SQLite: a `kohtaamo worker` already runs this database's jobs; it goes on doing so.
                process.stderr.write(`jobs: not run in this process: ${(e as Error).message}\n`);
                return null;
              })
          : null;
      if (cfg.worker === "off")
        process.stderr.write("jobs: run by `kohtaamo worker` processes (KOHTAAMO_WORKER=off)\n");
      if (cfg.analysis !== "inline")
        process.stderr.write(
          `analysis: ${cfg.analysis === "queue" ? "by `kohtaamo worker` jobs, never in this process" : "by `kohtaamo worker` jobs while one runs, else inline"} (KOHTAAMO_ANALYSIS=${cfg.analysis === "auto" ? "unset" : cfg.analysis})\n`,
        );
      const atStop: (() => Promise<void>)[] = [];
      const app = createApp({
        atStop: (stop) => atStop.push(stop),
        jobs,
        store,
        timeZone: cfg.timeZone,
        pipeline,
        oidc,
        trustedProxies: cfg.trustedProxies,
        demoSignIn: opts.demo,
        isReady: () => ready,
        notifications: cfg.notifications,
      });
      const port = opts.port ?? cfg.port;
      const hostname = opts.host ?? cfg.host;
      const server = serveHttp(app.fetch, port, hostname, (listening) => {
        process.stderr.write(
          `Kohtaamo listening on http://${hostname === "0.0.0.0" ? "localhost" : hostname}:${listening} (database: ${store.dialect.location})\n`,
        );
      });
      // Notifications (webhooks, e-mail) leave from the outbox as the periodic job notifications.deliver.
      const shutdown = () => {
        server.close();
        void Promise.all(atStop.map((stop) => stop().catch(() => undefined)))
          .then(() => runner?.stop())
          .then(() => jobCtx.close())
          .then(() => jobs.close())
          .finally(() => void store.close().finally(() => process.exit(0)));
      };
      process.once("SIGINT", shutdown);
      process.once("SIGTERM", shutdown);

      if (opts.demo && (await needsDemo(store))) {
        process.stderr.write("Empty database: loading the demo workspace (use --no-demo to skip)…\n");
        const { counts } = await seedDemo(store, {
          pipeline,
          onProgress: (m) => process.stderr.write(`  ${m}\n`),
        });
        process.stderr.write(`Demo workspace loaded: ${JSON.stringify(counts)}\n`);
        const { ensureDemoUsers, DEMO_PASSWORD } = await import("../auth/demo-users.ts");
        if ((await ensureDemoUsers(store)) > 0) {
          process.stderr.write(
            `Demo accounts: admin@, analyst@, manager@, agent@ and viewer@demo.example.org, password "${DEMO_PASSWORD}" (see README)\n`,
          );
        }
        // After the accounts: the Laskutus lead owns that team's cases and works them.
        const { workDemoCases } = await import("../ingest/demo-case-work.ts");
        process.stderr.write(`Demo follow-up cases worked: ${JSON.stringify(await workDemoCases(store))}\n`);
      }
      if (cfg.retentionDays) {
        const cutoff = new Date(Date.now() - cfg.retentionDays * 86_400_000).toISOString();
        const removed = await store.privacy.applyRetention(cutoff);
        await store.access.audit({
          actor: "start",
          action: "retention.apply",
          details: { days: cfg.retentionDays, cutoff, ...removed },
        });
      }
      // Months written since the last refresh (imports by other processes, or a new time zone) are
      // summed now rather than by the first dashboard reader.
      await updateReportCube(store, cfg.timeZone);
      if ((await store.access.countUsers()) === 0) {
        const { FIRST_ADMIN_HINT } = await import("../auth/demo-users.ts");
        process.stderr.write(FIRST_ADMIN_HINT);
      }
      ready = true;
    });
}
