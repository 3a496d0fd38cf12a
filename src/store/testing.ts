import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import pg from "pg";
import { openStore, type Store } from "./open-store.js";

/** One store back-end for `describe.each(storeBackends())("… on $name", ({ open }) => …)`. */
export interface StoreBackend {
  name: "pglite" | "postgres";
  /** Opens a fresh, migrated, empty store; `close()` removes it (temp folder / schema). */
  open(): Promise<Store>;
}

export const TEST_PG_URL = process.env.TERMSIGHT_TEST_PG_URL ?? "postgres://postgres@127.0.0.1:5432/test";

/** The two back-ends every store test runs on: PGlite in a temp folder and PostgreSQL in its own schema. */
export function storeBackends(): StoreBackend[] {
  return [
    { name: "pglite", open: openTestPglite },
    { name: "postgres", open: openTestPostgres },
  ];
}

/** A fresh PGlite store in a new temp folder, removed on close. */
export async function openTestPglite(): Promise<Store> {
  const dir = mkdtempSync(join(tmpdir(), "termsight-store-"));
  const store = await openStore({ dataDir: dir });
  return withCleanup(store, async () => rmSync(dir, { recursive: true, force: true }));
}

/** A fresh PostgreSQL store in a uniquely named schema, dropped on close. Fails loudly if the server is down. */
export async function openTestPostgres(): Promise<Store> {
  const schema = `ts_test_${process.pid}_${Date.now().toString(36)}_${Math.random().toString(36).slice(2, 8)}`;
  await adminQuery(`create schema ${schema}`);
  const store = await openStore({ databaseUrl: TEST_PG_URL, schema, poolSize: 4 });
  return withCleanup(store, () => adminQuery(`drop schema if exists ${schema} cascade`));
}

async function adminQuery(statement: string): Promise<void> {
  const client = new pg.Client({ connectionString: TEST_PG_URL });
  try {
    await client.connect();
  } catch (err) {
    throw new Error(
      `PostgreSQL test server unreachable at ${TEST_PG_URL} (${(err as Error).message}); start it with ` +
        "`pg_ctlcluster --skip-systemctl-redirect $(ls /etc/postgresql) main start` or set TERMSIGHT_TEST_PG_URL",
    );
  }
  try {
    await client.query(statement);
  } finally {
    await client.end();
  }
}

function withCleanup(store: Store, cleanup: () => Promise<void>): Store {
  return {
    ...store,
    async close() {
      await store.close();
      await cleanup();
    },
  };
}
