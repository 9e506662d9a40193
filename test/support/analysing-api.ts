import { expect } from "vitest";
import { loadDefaultAnalyzer } from "../../src/analysis/default-analyzer.ts";
import type { Role } from "../../src/auth/roles.ts";
import { ingestPipeline } from "../../src/ingest/ingest-pipeline.ts";
import { createApp } from "../../src/server/app.ts";
import type { Store } from "../../src/store/index.ts";
import { signedIn } from "./auth.ts";
import { freshStore, type TestDialect } from "./databases.ts";

/** The API of a fresh store, analysing what it is given with the shipped models, and one signed-in account. */
export interface AnalysingApi {
  store: Store;
  app: ReturnType<typeof createApp>;
  /** The account's API token header. */
  headers: Record<string, string>;
  /** GET as the account; fails the test unless the answer is 200. */
  get<T>(path: string): Promise<T>;
  /** POST JSON as the account; fails the test unless the answer is 200. */
  post(path: string, body: unknown): Promise<void>;
  dispose(): Promise<void>;
}

/**
 * A real store (an SQLite file or a PostgreSQL schema) behind the real API with the shipped models
 * analysing inline, and a real account of `role` (default analyst) with an API token.
 */
export async function analysingApi(dialect: TestDialect, role: Role = "analyst"): Promise<AnalysingApi> {
  const { store, dispose } = await freshStore(dialect);
  const app = createApp({
    store,
    timeZone: "Europe/Helsinki",
    pipeline: ingestPipeline({ analyzer: loadDefaultAnalyzer() }),
  });
  const { headers } = await signedIn(store, role);
  return {
    store,
    app,
    headers,
    async get<T>(path: string) {
      const res = await app.request(path, { headers });
      expect(res.status, path).toBe(200);
      return (await res.json()) as T;
    },
    async post(path: string, body: unknown) {
      const res = await app.request(path, {
        method: "POST",
        headers: { ...headers, "content-type": "application/json" },
        body: JSON.stringify(body),
      });
      expect(res.status, await res.text()).toBe(200);
    },
    dispose,
  };
}
