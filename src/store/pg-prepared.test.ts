import { constants, PerformanceObserver } from "node:perf_hooks";
import { getHeapSpaceStatistics } from "node:v8";
import { sql } from "kysely";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openStore } from "./open-store.js";
import { prepareStatementsPerConnection } from "./pg-prepared.js";
import { TEST_PG_URL } from "./testing.js";

// One connection, so pg_prepared_statements (per session) shows what that connection holds.
describe("prepared statements per PostgreSQL connection", () => {
  const schema = `ts_prep_${process.pid}_${Date.now().toString(36)}`;
  let pool: pg.Pool;
  let client: pg.PoolClient;
  const rows = async (text: string, values?: unknown[]) => (await client.query(text, values)).rows;
  const preparedCount = async (text?: string) =>
    Number(
      (
        await rows(
          text === undefined
            ? "select count(*) as n from pg_prepared_statements where statement not like '%pg_prepared_statements%'"
            : "select count(*) as n from pg_prepared_statements where statement = $1",
          text === undefined ? [] : [text],
        )
      )[0]?.n,
    );

  beforeAll(async () => {
    pool = new pg.Pool({ connectionString: TEST_PG_URL, max: 1, options: `-c search_path=${schema}` });
    prepareStatementsPerConnection(pool);
    client = await pool.connect();
    await client.query(`create schema ${schema}`);
  });
  afterAll(async () => {
    await client?.query(`drop schema if exists ${schema} cascade`);
    client?.release();
    await pool?.end();
  });

  it("prepares a data statement once, keeps at most 100, and still answers errors as they are", async () => {
    const text = "select $1::int + 1 as n";
    for (let i = 0; i < 3; i++) expect(await rows(text, [i])).toEqual([{ n: i + 1 }]);
    expect(await preparedCount(text)).toBe(1);
    for (let i = 0; i < 150; i++) await rows(`select $1::int as n${i}`, [i]);
    expect(await preparedCount()).toBeLessThanOrEqual(100);
    const parsed = (client as unknown as { connection: { parsedStatements: Record<string, string> } })
      .connection.parsedStatements;
    expect(Object.keys(parsed).length).toBeLessThanOrEqual(101);
    await expect(rows("select 10 / $1::int as q", [0])).rejects.toMatchObject({ code: "22012" });
    expect(await rows("select 10 / $1::int as q", [2])).toEqual([{ q: 5 }]);
    // Other forms pass through unprepared.
    expect((await client.query({ text: "select 7 as s" })).rows).toEqual([{ s: 7 }]);
    expect(await preparedCount("select 7 as s")).toBe(0);
  });

  it("answers with a table's new shape after a schema change, in or out of a transaction", async () => {
    await rows("create table shape (a int)");
    await rows("insert into shape values ($1)", [1]);
    const all = () => rows("select * from shape");
    expect(await all()).toEqual([{ a: 1 }]);
    expect(await all()).toEqual([{ a: 1 }]);
    await rows("alter table shape add column b int default 2");
    expect(await all()).toEqual([{ a: 1, b: 2 }]);
    await rows("begin");
    await rows("alter table shape add column c int default 3");
    expect(await all()).toEqual([{ a: 1, b: 2, c: 3 }]);
    await rows("commit");
    // Changed where this connection cannot see it (inside a function): prepared afresh outside a
    // transaction; inside one the first error stands.
    await rows(`create function widen_shape() returns void language plpgsql as $$
      begin alter table shape add column d int default 4; end $$`);
    expect(await all()).toEqual([{ a: 1, b: 2, c: 3 }]);
    await rows("select widen_shape()");
    expect(await all()).toEqual([{ a: 1, b: 2, c: 3, d: 4 }]);
    await rows(`create function widen_shape_more() returns void language plpgsql as $$
      begin alter table shape add column e int default 5; end $$`);
    await rows("begin");
    expect(await all()).toEqual([{ a: 1, b: 2, c: 3, d: 4 }]);
    await rows("select widen_shape_more()");
    await expect(all()).rejects.toMatchObject({ code: "0A000" });
    await rows("rollback");
    expect(await all()).toEqual([{ a: 1, b: 2, c: 3, d: 4 }]);
  });

  it("runs an insert whose conflict target names a partial index's predicate any number of times", async () => {
    await rows("create table one_firing (k text, status text)");
    await rows("create unique index one_firing_k on one_firing (k) where status = 'firing'");
    const text = "insert into one_firing values ($1, $2) on conflict (k) where status = $3 do nothing";
    // A generic plan (tried after five runs of a prepared statement) cannot find that index.
    for (let i = 0; i < 8; i++) {
      const r = await client.query(text, [`k${i % 4}`, "firing", "firing"]);
      expect(r.rowCount).toBe(i < 4 ? 1 : 0);
    }
  });
});

describe("openStore with preparedStatements: false", () => {
  it("runs every statement unprepared", async () => {
    const schema = `ts_noprep_${process.pid}_${Date.now().toString(36)}`;
    const admin = new pg.Client({ connectionString: TEST_PG_URL });
    await admin.connect();
    await admin.query(`create schema ${schema}`);
    try {
      const store = await openStore({
        databaseUrl: TEST_PG_URL,
        schema,
        poolSize: 1,
        preparedStatements: false,
      });
      try {
        for (let i = 0; i < 3; i++) await sql`select ${i}::int as n`.execute(store.db);
        const held = await sql<{ n: number }>`select count(*)::int as n from pg_prepared_statements`.execute(
          store.db,
        );
        expect(held.rows[0]?.n).toBe(0);
      } finally {
        await store.close();
      }
    } finally {
      await admin.query(`drop schema if exists ${schema} cascade`);
      await admin.end();
    }
  });
});

// Through the store's pool, as every Kysely query runs: rows a query answered must die young.
describe("query results and the young generation", () => {
  it("does not promote the rows of finished queries to the old generation", async () => {
    const pool = new pg.Pool({ connectionString: TEST_PG_URL, max: 2 });
    prepareStatementsPerConnection(pool);
    const client = await pool.connect();
    const text =
      "select g as id, repeat('x', 40) || g as name, now()::text as at from generate_series(1, $1::int) g";
    // With node-pg's promise form each query's rows outlived the next scavenge and were promoted: about
    // 6 KB a query here, so 1,500 queries grew the old generation by some 9 MB (no major GC between).
    const oldSpaceUsed = () =>
      getHeapSpaceStatistics().find((s) => s.space_name === "old_space")?.space_used_size ?? 0;
    let majorGcs = 0;
    const observer = new PerformanceObserver((list) => {
      for (const e of list.getEntries())
        if (
          (e as PerformanceEntry & { detail?: { kind?: number } }).detail?.kind ===
          constants.NODE_PERFORMANCE_GC_MAJOR
        )
          majorGcs++;
    });
    observer.observe({ entryTypes: ["gc"] });
    try {
      for (let i = 0; i < 200; i++) await client.query(text, [51]);
      // A major GC in the measured loop frees what was promoted; the measure is then retried.
      let grown = Number.POSITIVE_INFINITY;
      for (let attempt = 0; attempt < 4 && !Number.isFinite(grown); attempt++) {
        await new Promise((r) => setTimeout(r, 50)); // let a pending observer entry arrive
        const before = oldSpaceUsed();
        const majorsBefore = majorGcs;
        for (let i = 0; i < 1500; i++) await client.query(text, [51]);
        await new Promise((r) => setTimeout(r, 50));
        if (majorGcs === majorsBefore) grown = oldSpaceUsed() - before;
      }
      expect(Number.isFinite(grown), "a major GC ran during every attempt").toBe(true);
      expect(grown).toBeLessThan(3_000_000);
    } finally {
      observer.disconnect();
      client.release();
      await pool.end();
    }
  }, 60_000);
});
