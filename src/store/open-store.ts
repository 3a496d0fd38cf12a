import { mkdirSync } from "node:fs";
import { PGlite } from "@electric-sql/pglite";
import { Kysely, type Migration, type MigrationProvider, Migrator, PostgresDialect } from "kysely";
import { PGliteDialect } from "kysely-pglite-dialect";
import pg from "pg";
import { TermsightError } from "../errors/index.js";
import { lockDataFolder } from "./folder-lock.js";
import { migrations } from "./migrations/index.js";
import { prepareStatementsPerConnection } from "./pg-prepared.js";
import { PgliteThread, pgliteThreadStore } from "./pglite-thread.js";
import { type Store, storeOver } from "./store-handle.js";

export type { Store };

import type { Database } from "./schema.js";

export interface OpenStoreOptions {
  /** PGlite data folder (default `./.termsight`); ignored when `databaseUrl` is set. */
  dataDir?: string;
  /** `postgres://…`: use a PostgreSQL server instead of the embedded PGlite. */
  databaseUrl?: string;
  /** PostgreSQL only: the schema set as search_path on every pooled connection (tests use one each). */
  schema?: string;
  /** PostgreSQL pool size (default 10). */
  poolSize?: number;
  /**
   * PostgreSQL only: each connection prepares its data statements once (pg-prepared.ts). Off for a
   * pooler that cannot follow named statements across its server connections (PgBouncer in
   * transaction mode without `max_prepared_statements`). Default: on, unless the environment has
   * TERMSIGHT_PG_PREPARED_STATEMENTS=0, so every command and replica can be told the same way.
   */
  preparedStatements?: boolean;
  /**
   * PGlite only: run the database on its own thread ("worker", what `termsight serve` uses) or in
   * the caller's thread ("main", the default: short-lived CLI commands and tests).
   */
  pgliteThread?: "main" | "worker";
}

const staticProvider: MigrationProvider = {
  async getMigrations() {
    const out: Record<string, Migration> = {};
    for (const m of migrations) out[m.name] = await m.load();
    return out;
  },
};

/** Opens the store (PGlite in a folder, or PostgreSQL) and runs every pending migration. */
export async function openStore(opts: OpenStoreOptions = {}): Promise<Store> {
  const store = opts.databaseUrl
    ? openPostgres(opts.databaseUrl, opts)
    : await openPglite(opts.dataDir ?? ".termsight", opts.pgliteThread ?? "main");
  try {
    await migrateToLatest(store.db, opts.databaseUrl ? opts.schema : undefined);
  } catch (err) {
    await store.close().catch(() => {});
    throw err;
  }
  return store;
}

async function openPglite(dataDir: string, thread: "main" | "worker"): Promise<Store> {
  if (dataDir.startsWith("memory://")) return openPgliteIn(dataDir, thread);
  mkdirSync(dataDir, { recursive: true });
  const lock = lockDataFolder(dataDir);
  let store: Store;
  try {
    store = await openPgliteIn(dataDir, thread);
  } catch (err) {
    lock.release();
    throw err;
  }
  const close = store.close.bind(store);
  return Object.assign(store, {
    close: async () => {
      try {
        await close();
      } finally {
        lock.release();
      }
    },
  });
}

async function openPgliteIn(dataDir: string, thread: "main" | "worker"): Promise<Store> {
  if (thread === "worker") return pgliteThreadStore(await PgliteThread.open(dataDir));
  return pgliteStore(await PGlite.create(dataDir));
}

/** Runs the pending migrations on a store opened elsewhere (tests); closes it if they fail. */
export async function migrateStore(store: Store): Promise<Store> {
  try {
    await migrateToLatest(store.db);
  } catch (err) {
    await store.close().catch(() => {});
    throw err;
  }
  return store;
}

/** A store over an already created PGlite (tests load a migrated template into one). */
export function openPgliteStore(client: PGlite): Promise<Store> {
  return migrateStore(pgliteStore(client));
}

/** A fingerprint of the migration list (names and code), for caching migrated templates. */
export async function migrationsFingerprint(): Promise<string> {
  const migrations_ = await staticProvider.getMigrations();
  return Object.entries(migrations_)
    .map(([name, m]) => `${name}:${m.up.toString()}`)
    .join("\n");
}

function pgliteStore(client: PGlite): Store {
  return storeOver(new Kysely<Database>({ dialect: new PGliteDialect(client) }), "pglite", async () => {
    if (!client.closed) await client.close();
  });
}

function openPostgres(url: string, opts: OpenStoreOptions): Store {
  if (opts.schema && !/^[a-z_][a-z0-9_]*$/.test(opts.schema)) {
    throw new TermsightError("INPUT", `schema "${opts.schema}": expected a lower-case identifier`);
  }
  const pool = new pg.Pool({
    connectionString: url,
    max: opts.poolSize ?? 10,
    // A connection closed after node-pg's default 10 s idle is reopened at the next burst: a new
    // PostgreSQL backend, cold caches, every statement prepared again. In a bench:api trace on two
    // replicas, three of five stalls (50–150 ms) began within 100 ms of such a new connection.
    idleTimeoutMillis: 5 * 60_000,
    // A command that is done does not wait for its idle connections to time out.
    allowExitOnIdle: true,
    ...(opts.schema ? { options: `-c search_path=${opts.schema}` } : {}),
  });
  if (opts.preparedStatements ?? process.env.TERMSIGHT_PG_PREPARED_STATEMENTS !== "0")
    prepareStatementsPerConnection(pool);
  return storeOver(new Kysely<Database>({ dialect: new PostgresDialect({ pool }) }), "postgres");
}

async function migrateToLatest(db: Kysely<Database>, schema?: string): Promise<void> {
  // The migration bookkeeping tables live in the store's own schema: without this, Kysely's
  // introspection sees another schema's kysely_migration table and skips creating its own.
  const migrator = new Migrator({
    db,
    provider: staticProvider,
    ...(schema ? { migrationTableSchema: schema } : {}),
  });
  const { error, results } = await migrator.migrateToLatest();
  if (error) {
    const failed = results?.find((r) => r.status === "Error")?.migrationName ?? "unknown";
    const message = error instanceof Error ? error.message : String(error);
    throw new TermsightError("INTERNAL", `store migration ${failed} failed: ${message}`, { cause: error });
  }
}
