import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { PGlite } from "@electric-sql/pglite";
import { sql } from "kysely";
import { afterAll, describe, expect, it } from "vitest";
import { openStore } from "./index.js";
import { openPgliteStore } from "./open-store.js";
import { migratedTemplate, TEST_PG_URL } from "./testing.js";

const dir = mkdtempSync(join(tmpdir(), "termsight-reopen-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe("openStore", () => {
  it("keeps PGlite data in its folder across restarts and does not re-run migrations", async () => {
    const first = await openPgliteStore(await PGlite.create(dir, { loadDataDir: await migratedTemplate() }));
    await first.db.insertInto("workspaces").values({ id: "w1", name: "kept" }).execute();
    await first.close();
    const again = await openStore({ dataDir: dir });
    try {
      expect(again.kind).toBe("pglite");
      const row = await again.db
        .selectFrom("workspaces")
        .select("name")
        .where("id", "=", "w1")
        .executeTakeFirst();
      expect(row?.name).toBe("kept");
      const runs = await sql<{
        n: number;
      }>`select count(*)::int as n from kysely_migration where name = '0001_core'`.execute(again.db);
      expect(runs.rows[0]?.n).toBe(1);
    } finally {
      await again.close();
    }
  });

  it("refuses a schema name that is not an identifier", async () => {
    await expect(
      openStore({ databaseUrl: TEST_PG_URL, schema: "x; drop table users" }),
    ).rejects.toMatchObject({ code: "INPUT" });
  });

  it("fails loudly when PostgreSQL is unreachable", async () => {
    await expect(openStore({ databaseUrl: "postgres://postgres@127.0.0.1:1/none" })).rejects.toThrow();
  });
});
