import { sql } from "kysely";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { jsonb, newId, type Store, writeAudit } from "./index.js";
import { storeBackends } from "./testing.js";

describe.each(storeBackends())("store on $name", ({ name, open }) => {
  let store: Store;
  beforeAll(async () => {
    store = await open();
  });
  afterAll(async () => {
    await store?.close();
  });

  it("reports its kind and runs the core migration", async () => {
    expect(store.kind).toBe(name);
    const rows = await sql<{ name: string }>`select name from kysely_migration order by name`.execute(
      store.db,
    );
    expect(rows.rows.map((r) => r.name)).toContain("0001_core");
  });

  it("round-trips timestamps, jsonb arrays and bytes", async () => {
    const userId = newId();
    const wsId = newId();
    const at = new Date("2026-03-04T05:06:07.089Z");
    await store.db
      .insertInto("users")
      .values({ id: userId, email: `${userId}@x.test`, name: "u", password_hash: "h", created_at: at })
      .execute();
    await store.db.insertInto("workspaces").values({ id: wsId, name: "w" }).execute();
    await store.db
      .insertInto("api_tokens")
      .values({
        id: newId(),
        workspace_id: wsId,
        user_id: userId,
        name: "t",
        token_hash: newId(),
        prefix: "ts_abc",
        scopes: jsonb(["read", "write"]),
        expires_at: null,
        last_used_at: null,
        revoked_at: null,
      })
      .execute();
    const bytes = new Uint8Array([0, 1, 2, 255]);
    const docId = newId();
    await store.db
      .insertInto("documents")
      .values({
        id: docId,
        workspace_id: wsId,
        vendor_id: null,
        product_id: null,
        name: "a.txt",
        format: "txt",
        language: "en",
        encoding: "utf-8",
        size_bytes: 4,
        sha256: "abc",
        version: 1,
        original: bytes,
        text: "hello",
        created_by: userId,
      })
      .execute();
    const user = await store.db
      .selectFrom("users")
      .selectAll()
      .where("id", "=", userId)
      .executeTakeFirstOrThrow();
    expect(user.created_at).toBeInstanceOf(Date);
    expect(user.created_at.toISOString()).toBe(at.toISOString());
    const token = await store.db.selectFrom("api_tokens").select("scopes").executeTakeFirstOrThrow();
    expect(token.scopes).toEqual(["read", "write"]);
    const doc = await store.db
      .selectFrom("documents")
      .select("original")
      .where("id", "=", docId)
      .executeTakeFirstOrThrow();
    expect(Array.from(doc.original)).toEqual([0, 1, 2, 255]);
  });

  it("enforces one document per (workspace, sha256)", async () => {
    const ws = await store.db.selectFrom("workspaces").select("id").executeTakeFirstOrThrow();
    const insert = () =>
      store.db
        .insertInto("documents")
        .values({
          id: newId(),
          workspace_id: ws.id,
          vendor_id: null,
          product_id: null,
          name: "b.txt",
          format: "txt",
          language: "en",
          encoding: null,
          size_bytes: 1,
          sha256: "dup",
          version: 1,
          original: new Uint8Array([1]),
          text: "x",
          created_by: null,
        })
        .execute();
    await insert();
    await expect(insert()).rejects.toThrow();
  });

  it("rolls back the audit row with a failed transaction", async () => {
    const ws = await store.db.selectFrom("workspaces").select("id").executeTakeFirstOrThrow();
    const before = await store.db
      .selectFrom("audit_log")
      .select(sql<number>`count(*)::int`.as("n"))
      .executeTakeFirstOrThrow();
    await expect(
      store.db.transaction().execute(async (trx) => {
        await writeAudit(trx, {
          workspaceId: ws.id,
          actorId: null,
          action: "create",
          entity: "vendor",
          entityId: "v1",
        });
        throw new Error("boom");
      }),
    ).rejects.toThrow("boom");
    await writeAudit(store.db, {
      workspaceId: ws.id,
      actorId: null,
      action: "create",
      entity: "vendor",
      entityId: "v2",
      details: { name: "x", tags: ["a"] },
    });
    const rows = await store.db.selectFrom("audit_log").selectAll().execute();
    expect(rows.length).toBe(before.n + 1);
    expect(rows.at(-1)?.details).toEqual({ name: "x", tags: ["a"] });
  });
});
