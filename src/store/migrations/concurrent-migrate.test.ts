import pg from "pg";
import { describe, expect, it } from "vitest";
import { openStore } from "../open-store.js";
import { TEST_PG_URL } from "../testing.js";
import { migrations } from "./index.js";

async function admin(statement: string): Promise<void> {
  const client = new pg.Client({ connectionString: TEST_PG_URL });
  await client.connect();
  try {
    await client.query(statement);
  } finally {
    await client.end();
  }
}

describe("migrations with several servers starting at once (PostgreSQL)", () => {
  it("three stores opened together on an empty schema migrate it once and all start", async () => {
    const schema = `ts_mig_${process.pid}_${Date.now().toString(36)}`;
    await admin(`create schema ${schema}`);
    try {
      // separate pools, as separate replicas would have: the advisory lock serializes them
      const stores = await Promise.all(
        [0, 1, 2].map(() => openStore({ databaseUrl: TEST_PG_URL, schema, poolSize: 2 })),
      );
      try {
        const rows = await stores[0].db
          // biome-ignore lint/suspicious/noExplicitAny: Kysely's bookkeeping table is not in the schema type
          .selectFrom("kysely_migration" as any)
          .select("name")
          .execute();
        expect(rows.map((r) => r.name).sort()).toEqual(migrations.map((m) => m.name).sort());
      } finally {
        await Promise.all(stores.map((s) => s.close()));
      }
    } finally {
      await admin(`drop schema if exists ${schema} cascade`);
    }
  });
});
