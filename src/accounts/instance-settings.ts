import { z } from "zod";
import type { Db } from "../context/index.js";
import { jsonb } from "../store/index.js";

/** Instance settings an instance admin may change, kept as one row of `settings`. */
export const InstanceSettings = z.object({
  /** Who may create workspaces: instance admins only (default), or every account. */
  workspace_creation: z.enum(["instance_admins", "all_accounts"]),
});
export type InstanceSettings = z.infer<typeof InstanceSettings>;

const SETTINGS_KEY = "instance";
export const DEFAULT_INSTANCE_SETTINGS: InstanceSettings = { workspace_creation: "instance_admins" };

export async function readInstanceSettings(db: Db): Promise<InstanceSettings> {
  const row = await db
    .selectFrom("settings")
    .select("value")
    .where("key", "=", SETTINGS_KEY)
    .executeTakeFirst();
  const parsed = InstanceSettings.partial().safeParse(row?.value ?? {});
  return { ...DEFAULT_INSTANCE_SETTINGS, ...(parsed.success ? parsed.data : {}) };
}

export async function writeInstanceSettings(db: Db, settings: InstanceSettings): Promise<void> {
  await db
    .insertInto("settings")
    .values({ key: SETTINGS_KEY, value: jsonb(settings) })
    .onConflict((oc) => oc.column("key").doUpdateSet({ value: jsonb(settings), updated_at: new Date() }))
    .execute();
}

export async function isInstanceAdmin(db: Db, userId: string): Promise<boolean> {
  const row = await db
    .selectFrom("users")
    .select("instance_role")
    .where("id", "=", userId)
    .executeTakeFirst();
  return row?.instance_role === "admin";
}

/**
 * An instance always has an admin: after importing an archive made before instance roles, the
 * oldest account becomes admin (the setup account, as the migration does).
 */
export async function ensureInstanceAdmin(db: Db): Promise<void> {
  const admin = await db
    .selectFrom("users")
    .select("id")
    .where("instance_role", "=", "admin")
    .executeTakeFirst();
  if (admin) return;
  const oldest = await db
    .selectFrom("users")
    .select("id")
    .orderBy("created_at")
    .orderBy("id")
    .limit(1)
    .executeTakeFirst();
  if (oldest)
    await db.updateTable("users").set({ instance_role: "admin" }).where("id", "=", oldest.id).execute();
}
