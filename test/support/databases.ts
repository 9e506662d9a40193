import { randomBytes } from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import pg from "pg";
import { openStore, type Store } from "../../src/store/index.ts";

/**
 * The databases integration tests run against. SQLite always (a real file); PostgreSQL when
 * KOHTAAMO_TEST_DATABASE_URL is set. KOHTAAMO_TEST_DIALECTS=sqlite|postgres narrows the list,
 * and asking for postgres without a URL fails loudly instead of skipping silently.
 */
export type TestDialect = "sqlite" | "postgres";

const pgUrl = process.env.KOHTAAMO_TEST_DATABASE_URL || undefined;
const wanted = (process.env.KOHTAAMO_TEST_DIALECTS ?? "").split(",").filter(Boolean);

export const DIALECTS: TestDialect[] = (() => {
  const list: TestDialect[] =
    wanted.length > 0 ? (wanted as TestDialect[]) : pgUrl ? ["sqlite", "postgres"] : ["sqlite"];
  if (list.includes("postgres") && !pgUrl) {
    throw new Error("KOHTAAMO_TEST_DIALECTS asks for postgres but KOHTAAMO_TEST_DATABASE_URL is not set");
  }
  return list;
})();

export function postgresUrl(): string {
  if (!pgUrl) throw new Error("KOHTAAMO_TEST_DATABASE_URL is not set");
  return pgUrl;
}

export function tempDir(prefix = "kohtaamo-test-"): string {
  return fs.mkdtempSync(path.join(os.tmpdir(), prefix));
}

/** A fresh PostgreSQL schema (isolated per test) and a URL whose connections use it. */
export async function freshPostgresSchema(): Promise<{ schema: string; drop: () => Promise<void> }> {
  const schema = `t_${randomBytes(6).toString("hex")}`;
  const client = new pg.Client({ connectionString: postgresUrl() });
  await client.connect();
  await client.query(`create schema ${schema}`);
  await client.end();
  return {
    schema,
    drop: async () => {
      const c = new pg.Client({ connectionString: postgresUrl() });
      await c.connect();
      await c.query(`drop schema if exists ${schema} cascade`);
      // The job queue's schema beside it (src/jobs/graphile-queue.ts graphileSchemaFor), when one was made.
      await c.query(`drop schema if exists ${schema}_graphile_worker cascade`);
      await c.end();
    },
  };
}

/** A migrated, empty store on the given database, and how to dispose of it. */
export async function freshStore(
  dialect: TestDialect,
  migrateTo?: string,
): Promise<{ store: Store; dispose: () => Promise<void> }> {
  if (dialect === "sqlite") {
    const dir = tempDir();
    const store = openStore({ sqliteFile: path.join(dir, "kohtaamo.db") });
    await store.migrate(migrateTo);
    return {
      store,
      dispose: async () => {
        await store.close();
        fs.rmSync(dir, { recursive: true, force: true });
      },
    };
  }
  const { schema, drop } = await freshPostgresSchema();
  const store = openStore({ databaseUrl: postgresUrl(), sqliteFile: "/nonexistent", searchPath: schema });
  await store.migrate(migrateTo);
  return {
    store,
    dispose: async () => {
      await store.close();
      await drop();
    },
  };
}

/**
 * Environment for running the CLI against a fresh database of the given dialect: a data dir for
 * SQLite, or a DATABASE_URL whose connections use a fresh PostgreSQL schema.
 */
export async function freshCliEnv(
  dialect: TestDialect,
): Promise<{ env: Record<string, string>; dataDir: string; dispose: () => Promise<void> }> {
  const dataDir = tempDir("kohtaamo-cli-");
  if (dialect === "sqlite") {
    return {
      env: { KOHTAAMO_DATA_DIR: dataDir },
      dataDir,
      dispose: async () => fs.rmSync(dataDir, { recursive: true, force: true }),
    };
  }
  const { schema, drop } = await freshPostgresSchema();
  const url = new URL(postgresUrl());
  url.searchParams.set("options", `-c search_path=${schema}`);
  return {
    env: { KOHTAAMO_DATA_DIR: dataDir, DATABASE_URL: url.toString() },
    dataDir,
    dispose: async () => {
      await drop();
      fs.rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

/** Opens (without migrating) the database a CLI environment points at, to inspect what the CLI stored. */
export function storeFor(env: Record<string, string>): Store {
  return openStore({
    databaseUrl: env.DATABASE_URL,
    sqliteFile: path.join(env.KOHTAAMO_DATA_DIR ?? "./data", "kohtaamo.db"),
  });
}
