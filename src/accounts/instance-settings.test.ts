import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Store } from "../store/index.js";
import { openTestPglite } from "../store/testing.js";
import { createUser } from "./accounts.js";
import { ensureInstanceAdmin } from "./instance-settings.js";

let store: Store;
beforeAll(async () => {
  store = await openTestPglite();
});
afterAll(async () => {
  await store?.close();
});

describe("ensureInstanceAdmin (after importing an archive made before instance roles)", () => {
  it("makes the oldest account admin when none is, and changes nothing when one is", async () => {
    const db = store.db;
    const first = await createUser(db, { email: "first@acme.test", name: "F", password: "x" });
    await db
      .updateTable("users")
      .set({ created_at: "2020-01-01T00:00:00Z" })
      .where("id", "=", first.id)
      .execute();
    const second = await createUser(db, { email: "second@acme.test", name: "S", password: "x" });
    const admins = () => db.selectFrom("users").select("id").where("instance_role", "=", "admin").execute();
    expect(await admins()).toEqual([]);
    await ensureInstanceAdmin(db);
    expect(await admins()).toEqual([{ id: first.id }]);
    await db.updateTable("users").set({ instance_role: "member" }).where("id", "=", first.id).execute();
    await db.updateTable("users").set({ instance_role: "admin" }).where("id", "=", second.id).execute();
    await ensureInstanceAdmin(db);
    expect(await admins()).toEqual([{ id: second.id }]);
  });
});
