import { expect } from "vitest";
import { loadDefaultAnalyzer } from "../../src/analysis/default-analyzer.ts";
import { keyFromPassphrase, secretBox } from "../../src/auth/secret-box.ts";
import { integrationPullKind } from "../../src/jobs/integration-pull-job.ts";
import type { JobContext } from "../../src/jobs/job-kind.ts";
import type { Store } from "../../src/store/index.ts";
import { IntegrationRepository } from "../../src/store/integration-repository.ts";
import { runCli } from "./cli.ts";
import { freshCliEnv, storeFor, type TestDialect } from "./databases.ts";
import { rowCount } from "./row-count.ts";

/**
 * What the pull tests (integrations-zendesk-pull, integrations-chatwoot-pull) share: a migrated
 * database the CLI runs on with a known sealing key, the integration repository on that key,
 * the rows a pull writes counted, and the integrations.pull job's handler run in the test.
 */
export interface PullTestDatabase {
  env: Record<string, string>;
  store: Store;
  integrations: IntegrationRepository;
  counts: () => Promise<{ encounters: number; turns: number; answers: number }>;
  dispose: () => Promise<void>;
}

export async function pullTestDatabase(dialect: TestDialect, passphrase: string): Promise<PullTestDatabase> {
  const cli = await freshCliEnv(dialect);
  const env = { ...cli.env, KOHTAAMO_SECRET_KEY: passphrase };
  const migrated = await runCli(["migrate"], env);
  expect(migrated.code, migrated.stderr).toBe(0);
  const store = storeFor(env);
  return {
    env,
    store,
    integrations: new IntegrationRepository(store.db, () => secretBox(keyFromPassphrase(passphrase))),
    counts: async () => ({
      encounters: await rowCount(store, "encounters"),
      turns: await rowCount(store, "turns"),
      answers: await rowCount(store, "survey_responses"),
    }),
    dispose: async () => {
      await store.close();
      await cli.dispose();
    },
  };
}

/** The integrations.pull job's handler, as a worker runs it (its sealing key from the configuration). */
export async function runPullJob<T>(store: Store, integrationId: string): Promise<T> {
  const context = { store, analyzer: loadDefaultAnalyzer } as unknown as JobContext;
  const payload = integrationPullKind.schema.parse({ integrationId });
  return (await integrationPullKind.handle(context, payload, { id: "1", attempt: 1, maxAttempts: 3 })) as T;
}
