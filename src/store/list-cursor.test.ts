import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type Page, type Store, selectPage } from "./index.js";
import { storeBackends } from "./testing.js";

// selectPage reads a page as one JSON value: its order must still be the list's (created_at desc,
// id desc, with ties on created_at broken by id as the database compares them), across pages.
describe.each(storeBackends())("selectPage on $name", ({ open }) => {
  let store: Store;
  const tie = new Date("2026-03-01T00:00:00Z");
  beforeAll(async () => {
    store = await open();
    await store.db.insertInto("workspaces").values({ id: "ws", name: "ws" }).execute();
    await store.db.insertInto("workspaces").values({ id: "other", name: "other" }).execute();
    const vendors = ["b", "D", "a", "c", "e", "B"].map((id, i) => ({
      id: `v-${id}`,
      workspace_id: "ws",
      name: `vendor ${id}`,
      // Four share one instant; two are older.
      created_at: i < 4 ? tie : new Date(tie.getTime() - (i + 1) * 60_000),
    }));
    await store.db.insertInto("vendors").values(vendors).execute();
    await store.db
      .insertInto("vendors")
      .values({ id: "v-x", workspace_id: "other", name: "elsewhere", created_at: tie })
      .execute();
  });
  afterAll(async () => {
    await store?.close();
  });

  const query = () =>
    store.db
      .selectFrom("vendors")
      .select(["id", "name", "created_at", "updated_at"])
      .where("workspace_id", "=", "ws");

  it("answers the rows paginate would, in the same order, with Dates, page by page", async () => {
    const expected = await query().orderBy("created_at", "desc").orderBy("id", "desc").execute();
    const seen: { id: string; created_at: Date; updated_at: Date }[] = [];
    let cursor: string | undefined;
    let pages = 0;
    do {
      const page: Page<{ id: string; name: string; created_at: Date; updated_at: Date }> = await selectPage(
        store.db,
        query(),
        { limit: 4, cursor },
        ["created_at", "updated_at"],
      );
      seen.push(...page.items);
      cursor = page.next_cursor ?? undefined;
      pages++;
    } while (cursor);
    expect(pages).toBe(2);
    expect(seen.map((v) => v.id)).toEqual(expected.map((v) => v.id));
    expect(seen).toEqual(expected);
    expect(seen[0]?.created_at).toBeInstanceOf(Date);
  });

  it("answers an empty page for a workspace with nothing", async () => {
    const empty = await selectPage(
      store.db,
      store.db.selectFrom("vendors").select(["id", "created_at"]).where("workspace_id", "=", "none"),
      { limit: 10 },
      ["created_at"],
    );
    expect(empty).toEqual({ items: [], next_cursor: null });
  });
});
