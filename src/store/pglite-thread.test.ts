import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { sql } from "kysely";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openStore, type Store } from "./open-store.js";
import { openTestPgliteThread } from "./testing.js";

describe("PGlite on its own thread", () => {
  let store: Store;
  beforeAll(async () => {
    store = await openTestPgliteThread();
  });
  afterAll(async () => {
    await store?.close();
  });

  it("round-trips timestamps, json and bytes, and reports affected rows", async () => {
    const at = new Date("2026-03-02T12:34:56.789Z");
    const row = await sql<{ at: Date; j: { a: number[] }; b: Uint8Array }>`
      select ${at}::timestamptz as at, ${JSON.stringify({ a: [1, 2] })}::jsonb as j,
        ${new Uint8Array([0, 255, 7])}::bytea as b`.execute(store.db);
    expect(row.rows[0]?.at).toEqual(at);
    expect(row.rows[0]?.j).toEqual({ a: [1, 2] });
    expect([...(row.rows[0]?.b ?? [])]).toEqual([0, 255, 7]);
    await store.db.insertInto("workspaces").values({ id: "w1", name: "one" }).execute();
    const updated = await store.db
      .updateTable("workspaces")
      .set({ name: "uno" })
      .where("id", "=", "w1")
      .executeTakeFirst();
    expect(updated.numUpdatedRows).toBe(1n);
  });

  it("sends every kind of parameter as PostgreSQL reads it, arrays included, and recovers after an error", async () => {
    const row = await sql<Record<string, unknown>>`
      select ${true}::boolean as yes, ${false}::boolean as no, ${42}::int as n, ${2.5}::float8 as f,
        ${9007199254740993n}::int8::text as big, ${null}::text as nothing, ${'它\'s \\ "q"'}::text as s,
        ${{ k: "v" }}::jsonb as obj, ${new Uint8Array([1, 16])}::bytea as bytes,
        ${new Date("2026-10-01T00:00:00Z")}::timestamptz as at`.execute(store.db);
    expect(row.rows[0]).toEqual({
      yes: true,
      no: false,
      n: 42,
      f: 2.5,
      big: "9007199254740993",
      nothing: null,
      s: '它\'s \\ "q"',
      obj: { k: "v" },
      bytes: new Uint8Array([1, 16]),
      at: new Date("2026-10-01T00:00:00Z"),
    });
    const arr = await sql<{ arr: string[] }>`select ${["a", "b,c"]}::text[] as arr`.execute(store.db);
    expect(arr.rows[0]?.arr).toEqual(["a", "b,c"]);
    // Array parameters take PGlite's query() path; answers to statements of both paths in flight together stay matched.
    const racing = await Promise.all(
      Array.from({ length: 20 }, (_, i) =>
        i % 2
          ? sql<{ v: string }>`select (${[String(i)]}::text[])[1] as v`.execute(store.db)
          : sql<{ v: string }>`select ${String(i)}::text as v`.execute(store.db),
      ),
    );
    expect(racing.map((r) => r.rows[0]?.v)).toEqual(Array.from({ length: 20 }, (_, i) => String(i)));
    await expect(sql`select 1 / ${0}::int`.execute(store.db)).rejects.toMatchObject({ code: "22012" });
    expect((await sql<{ one: number }>`select ${1}::int as one`.execute(store.db)).rows[0]?.one).toBe(1);
  });

  it("keeps a database error's code, so callers can tell a unique violation", async () => {
    const err = await store.db
      .insertInto("workspaces")
      .values({ id: "w1", name: "again" })
      .execute()
      .then(
        () => null,
        (e: unknown) => e as { code?: string; message: string },
      );
    expect(err?.code).toBe("23505");
    expect(err?.message).toMatch(/duplicate key/);
  });

  it("prepares a data statement once, keeps at most 200, and lets go of one that failed", async () => {
    const preparedCount = async (text: string) =>
      (
        await sql<{
          n: number;
        }>`select count(*)::int as n from pg_prepared_statements where statement = ${text}`.execute(store.db)
      ).rows[0]?.n;
    const text = "select $1::int + 1 as n";
    for (let i = 0; i < 3; i++)
      expect((await sql<{ n: number }>`select ${i}::int + 1 as n`.execute(store.db)).rows[0]?.n).toBe(i + 1);
    expect(await preparedCount(text)).toBe(1);
    for (let i = 0; i < 250; i++) await sql`select ${i}::int as ${sql.raw(`n${i}`)}`.execute(store.db);
    // The counting statement sees itself among the prepared ones while it runs.
    const total = await sql<{ n: number }>`select count(*)::int as n from pg_prepared_statements
      where statement not like '%pg_prepared_statements%'`.execute(store.db);
    expect(total.rows[0]?.n).toBeLessThanOrEqual(200);
    const failing = "select 10 / $1::int as q";
    await expect(sql`select 10 / ${0}::int as q`.execute(store.db)).rejects.toMatchObject({ code: "22012" });
    expect(await preparedCount(failing)).toBe(0);
    expect((await sql<{ q: number }>`select 10 / ${2}::int as q`.execute(store.db)).rows[0]?.q).toBe(5);
  });

  it("answers with a table's new shape after a schema change, in or out of a transaction", async () => {
    await sql`create table shape_test (a int)`.execute(store.db);
    await sql`insert into shape_test values (${1})`.execute(store.db);
    const all = () => sql<Record<string, unknown>>`select * from shape_test`.execute(store.db);
    expect((await all()).rows).toEqual([{ a: 1 }]);
    expect((await all()).rows).toEqual([{ a: 1 }]);
    await sql`alter table shape_test add column b int default 2`.execute(store.db);
    expect((await all()).rows).toEqual([{ a: 1, b: 2 }]);
    await store.db.transaction().execute(async (t) => {
      await sql`alter table shape_test add column c int default 3`.execute(t);
      expect((await sql`select * from shape_test`.execute(t)).rows).toEqual([{ a: 1, b: 2, c: 3 }]);
    });
    // A change made where the worker cannot see it (inside a function): the stale plan is prepared afresh.
    await sql`create function widen_shape_test() returns void language plpgsql as $$
      begin alter table shape_test add column d int default 4; end $$`.execute(store.db);
    expect((await all()).rows).toEqual([{ a: 1, b: 2, c: 3 }]);
    await sql`select widen_shape_test()`.execute(store.db);
    expect((await all()).rows).toEqual([{ a: 1, b: 2, c: 3, d: 4 }]);
  });

  it("runs an insert whose conflict target names a partial index's predicate any number of times", async () => {
    await sql`create table one_firing (k text, status text)`.execute(store.db);
    await sql`create unique index one_firing_k on one_firing (k) where status = 'firing'`.execute(store.db);
    // A generic plan (tried after five runs of a prepared statement) cannot find that index.
    for (let i = 0; i < 8; i++) {
      const r = await sql`insert into one_firing values (${`k${i % 4}`}, ${"firing"})
        on conflict (k) where status = ${"firing"} do nothing`.execute(store.db);
      expect(Number(r.numAffectedRows)).toBe(i < 4 ? 1 : 0);
    }
  });

  it("runs a transaction alone: other queries wait for it, a rollback leaves nothing", async () => {
    const order: string[] = [];
    let release: () => void = () => {};
    const gate = new Promise<void>((resolve) => {
      release = resolve;
    });
    const trx = store.db.transaction().execute(async (t) => {
      await t.insertInto("workspaces").values({ id: "w2", name: "two" }).execute();
      order.push("trx insert");
      await gate;
      order.push("trx end");
    });
    const outside = (async () => {
      await new Promise((r) => setTimeout(r, 20));
      const n = await store.db.selectFrom("workspaces").select("id").where("id", "=", "w2").execute();
      order.push(`outside saw ${n.length}`);
    })();
    await new Promise((r) => setTimeout(r, 50));
    release();
    await Promise.all([trx, outside]);
    expect(order).toEqual(["trx insert", "trx end", "outside saw 1"]);
    await expect(
      store.db.transaction().execute(async (t) => {
        await t.insertInto("workspaces").values({ id: "w3", name: "three" }).execute();
        throw new Error("undo");
      }),
    ).rejects.toThrow("undo");
    expect(await store.db.selectFrom("workspaces").select("id").where("id", "=", "w3").execute()).toEqual([]);
  });

  it("sends statements outside transactions at once, and none of them lands inside another's transaction", async () => {
    // Two transactions that roll back, racing 30 single inserts: an insert that ran inside one of the
    // transactions would be rolled back with it.
    const rolledBack = (id: string) =>
      store.db
        .transaction()
        .execute(async (t) => {
          await t.insertInto("workspaces").values({ id, name: id }).execute();
          await new Promise((r) => setTimeout(r, 5));
          await t
            .insertInto("workspaces")
            .values({ id: `${id}-b`, name: id })
            .execute();
          throw new Error("undo");
        })
        .catch((err: Error) => err.message);
    const singles = Array.from({ length: 30 }, (_, i) =>
      store.db
        .insertInto("workspaces")
        .values({ id: `p${i}`, name: `p${i}` })
        .execute(),
    );
    const results = await Promise.all([
      rolledBack("ta"),
      ...singles.slice(0, 15),
      rolledBack("tb"),
      ...singles,
    ]);
    expect(results[0]).toBe("undo");
    const ids = (await store.db.selectFrom("workspaces").select("id").where("id", "like", "%").execute())
      .map((r) => r.id)
      .filter((id) => /^(p\d+|t[ab].*)$/.test(id))
      .sort();
    expect(ids).toEqual(Array.from({ length: 30 }, (_, i) => `p${i}`).sort());
    // Answers come back to the statement that asked, in order.
    const answers = await Promise.all(
      Array.from({ length: 50 }, (_, i) => sql<{ n: number }>`select ${i}::int as n`.execute(store.db)),
    );
    expect(answers.map((a) => a.rows[0]?.n)).toEqual(Array.from({ length: 50 }, (_, i) => i));
  });
});

describe("openStore with pgliteThread: worker", () => {
  it("migrates, keeps its data in the folder, and fails calls after close instead of hanging", async () => {
    const dir = mkdtempSync(join(tmpdir(), "termsight-thread-"));
    try {
      const store = await openStore({ dataDir: dir, pgliteThread: "worker" });
      await store.db.insertInto("workspaces").values({ id: "kept", name: "kept" }).execute();
      await store.close();
      await expect(store.db.selectFrom("workspaces").selectAll().execute()).rejects.toThrow();
      const again = await openStore({ dataDir: dir });
      expect(await again.db.selectFrom("workspaces").select("id").execute()).toEqual([{ id: "kept" }]);
      await again.close();
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }, 120_000);
});
