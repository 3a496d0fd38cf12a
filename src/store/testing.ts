import { createHash } from "node:crypto";
import { existsSync, mkdtempSync, readFileSync, renameSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { PGlite } from "@electric-sql/pglite";
import pg from "pg";
import { migrateStore, migrationsFingerprint, openPgliteStore, openStore, type Store } from "./open-store.js";
import { PgliteThread, pgliteThreadStore } from "./pglite-thread.js";

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

/**
 * A fresh PGlite store in a new temp folder, removed on close. The first call on a machine builds
 * a migrated template (cached in the temp folder, keyed by the migrations' code); later calls load
 * it instead of running initdb and the migrations again (seconds instead of tens of seconds).
 */
export async function openTestPglite(): Promise<Store> {
  // TERMSIGHT_TEST_PGLITE_THREAD=1 runs every PGlite test against the database on its own thread.
  if (process.env.TERMSIGHT_TEST_PGLITE_THREAD === "1") return openTestPgliteThread();
  const dir = mkdtempSync(join(tmpdir(), "termsight-store-"));
  const template = await migratedTemplate();
  const client = await PGlite.create(dir, { loadDataDir: template });
  const store = await openPgliteStore(client);
  return withCleanup(store, async () => rmSync(dir, { recursive: true, force: true }));
}

/** Like `openTestPglite`, with the database on its own thread (what `termsight serve` uses). */
export async function openTestPgliteThread(): Promise<Store> {
  const dir = mkdtempSync(join(tmpdir(), "termsight-store-"));
  const template = new Uint8Array(await (await migratedTemplate()).arrayBuffer());
  const store = await migrateStore(pgliteThreadStore(await PgliteThread.open(dir, template)));
  return withCleanup(store, async () => rmSync(dir, { recursive: true, force: true }));
}

/** The migrated PGlite data folder as a tarball (built once per migration set, then cached). */
export async function migratedTemplate(): Promise<Blob> {
  const key = createHash("sha256")
    .update(await migrationsFingerprint())
    .digest("hex")
    .slice(0, 16);
  const file = join(tmpdir(), `termsight-pglite-template-${key}.tar`);
  if (existsSync(file)) return new Blob([readFileSync(file)]);
  const client = await PGlite.create();
  const store = await openPgliteStore(client);
  const dump = await client.dumpDataDir("none");
  await store.close();
  const bytes = new Uint8Array(await dump.arrayBuffer());
  const tmp = `${file}.${process.pid}.${Date.now()}`;
  writeFileSync(tmp, bytes);
  renameSync(tmp, file);
  return new Blob([bytes]);
}

/** A fresh PostgreSQL store in a uniquely named schema, dropped on close. Fails loudly if the server is down. */
export async function openTestPostgres(): Promise<Store> {
  const schema = `ts_test_${process.pid}_${Date.now().toString(36)}_${Math.random().toString(36).slice(2, 8)}`;
  await adminQuery(`create schema ${schema}`);
  let store: Store;
  try {
    store = await openStore({ databaseUrl: TEST_PG_URL, schema, poolSize: 4 });
  } catch (err) {
    await adminQuery(`drop schema if exists ${schema} cascade`).catch(() => {});
    throw err;
  }
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
