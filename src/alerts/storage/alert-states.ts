import type { Kysely } from "kysely";
import { type Database, jsonb } from "../../store/index.js";
import type { AlertState } from "../alert-state.js";

/** The stored deduplication state of an alert key, or null. */
export async function loadAlertState(
  db: Kysely<Database>,
  workspaceId: string,
  key: string,
): Promise<AlertState | null> {
  const row = await db
    .selectFrom("alert_states")
    .select("state")
    .where("workspace_id", "=", workspaceId)
    .where("key", "=", key)
    .executeTakeFirst();
  return (row?.state as AlertState | undefined) ?? null;
}

export async function saveAlertState(
  db: Kysely<Database>,
  workspaceId: string,
  state: AlertState,
  now: Date,
): Promise<void> {
  const values = { status: state.status, state: jsonb(state), updated_at: now };
  await db
    .insertInto("alert_states")
    .values({ workspace_id: workspaceId, key: state.key, ...values })
    .onConflict((oc) => oc.columns(["workspace_id", "key"]).doUpdateSet(values))
    .execute();
}
