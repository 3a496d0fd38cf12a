import { newId, type Store } from "../../store/index.js";

/** A workspace with one vendor, for watch tests and the bench. */
export async function seedWatchWorkspace(
  store: Store,
  vendors = 1,
): Promise<{ workspaceId: string; vendorIds: string[] }> {
  const workspaceId = newId();
  await store.db.insertInto("workspaces").values({ id: workspaceId, name: "watch test" }).execute();
  const vendorIds: string[] = [];
  for (let i = 0; i < vendors; i++) {
    const id = newId();
    await store.db
      .insertInto("vendors")
      .values({ id, workspace_id: workspaceId, name: `Acme ${i}`, website: null, notes: null })
      .execute();
    vendorIds.push(id);
  }
  return { workspaceId, vendorIds };
}
