import { sql } from "kysely";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { AUTO_ANALYZE_LOCK, analyzeChangedTables } from "./auto-analyze.js";
import type { Store } from "./open-store.js";
import { openTestPglite, openTestPostgres } from "./testing.js";

describe("analyzeChangedTables on PGlite", () => {
  let store: Store;
  beforeAll(async () => {
    store = await openTestPglite();
  });
  afterAll(async () => {
    await store?.close();
  });

  it("analyzes the tables that changed enough, then none until they change again", async () => {
    await sql`insert into workspaces (id, name) values ('w1', 'one')`.execute(store.db);
    await sql`insert into vendors (id, workspace_id, name)
      select 'v' || g, 'w1', 'vendor ' || g from generate_series(1, 3000) g`.execute(store.db);
    const before = await sql<{
      n: number;
    }>`select reltuples::int as n from pg_class where relname = 'vendors'`.execute(store.db);
    expect(before.rows[0]?.n).toBeLessThan(3000); // never analyzed: the planner does not know the table
    const analyzed = await analyzeChangedTables(store);
    expect(analyzed).toContain("vendors");
    expect(analyzed).not.toContain("tickets"); // untouched
    const after = await sql<{
      n: number;
    }>`select reltuples::int as n from pg_class where relname = 'vendors'`.execute(store.db);
    expect(after.rows[0]?.n).toBe(3000);
    expect(await analyzeChangedTables(store)).toEqual([]);
  });
});

describe("analyzeChangedTables on PostgreSQL", () => {
  it("does what autovacuum would (the daemon may be off, or not yet past a bulk load)", async () => {
    const store = await openTestPostgres();
    try {
      await sql`insert into workspaces (id, name) values ('w1', 'one')`.execute(store.db);
      await sql`insert into vendors (id, workspace_id, name)
        select 'v' || g, 'w1', 'vendor ' || g from generate_series(1, 3000) g`.execute(store.db);
      const tuples = async () =>
        (
          await sql<{ n: number }>`select c.reltuples::int as n from pg_class c
            join pg_namespace ns on ns.oid = c.relnamespace
            where c.relname = 'vendors' and ns.nspname = current_schema()`.execute(store.db)
        ).rows[0]?.n;
      expect(await tuples()).toBeLessThan(3000); // never analyzed: the planner does not know the table
      // Another pooled connection's counts reach the statistics views when it is next idle (≤ 1 s).
      let analyzed: string[] = [];
      for (let i = 0; i < 20 && !analyzed.includes("vendors"); i++) {
        analyzed = [...analyzed, ...(await analyzeChangedTables(store))];
        if (!analyzed.includes("vendors")) await new Promise((r) => setTimeout(r, 250));
      }
      expect(analyzed).toContain("vendors");
      expect(analyzed).not.toContain("tickets");
      expect(await tuples()).toBe(3000);
      expect(await analyzeChangedTables(store)).toEqual([]);
    } finally {
      await store.close();
    }
  });

  it("analyzes on one server at a time: while another holds the check, this one skips it", async () => {
    const store = await openTestPostgres();
    try {
      await sql`insert into workspaces (id, name) values ('w1', 'one')`.execute(store.db);
      await sql`insert into vendors (id, workspace_id, name)
        select 'v' || g, 'w1', 'vendor ' || g from generate_series(1, 3000) g`.execute(store.db);
      // The insert's counts reach the statistics views when its connection is next idle (≤ 1 s):
      // wait for them, so that an empty answer below can only be the lock's doing.
      const changed = async () =>
        (
          await sql<{ n: number }>`select coalesce(max(n_mod_since_analyze), 0)::int as n
            from pg_stat_user_tables where schemaname = current_schema() and relname = 'vendors'`.execute(
            store.db,
          )
        ).rows[0]?.n ?? 0;
      for (let i = 0; i < 20 && (await changed()) < 3000; i++) await new Promise((r) => setTimeout(r, 250));
      expect(await changed()).toBeGreaterThanOrEqual(3000);
      // Another server's check in progress: its lock, held on another connection.
      await store.db.connection().execute(async (other) => {
        await sql`select pg_advisory_lock(${AUTO_ANALYZE_LOCK})`.execute(other);
        expect(await analyzeChangedTables(store)).toEqual([]);
        await sql`select pg_advisory_unlock(${AUTO_ANALYZE_LOCK})`.execute(other);
      });
      let analyzed: string[] = [];
      for (let i = 0; i < 20 && !analyzed.includes("vendors"); i++) {
        analyzed = [...analyzed, ...(await analyzeChangedTables(store))];
        if (!analyzed.includes("vendors")) await new Promise((r) => setTimeout(r, 250));
      }
      expect(analyzed).toContain("vendors");
    } finally {
      await store.close();
    }
  });
});
