import type { Kysely, Transaction } from "kysely";
import { newId } from "./ids.js";
import { jsonb } from "./json.js";
import type { Database } from "./schema.js";

export interface AuditEntry {
  workspaceId: string | null;
  actorId: string | null;
  /** A verb: "create" | "update" | "delete" | "login" | … */
  action: string;
  /** The table-ish noun: "vendor", "document", "ticket", … */
  entity: string;
  entityId: string | null;
  details?: Record<string, unknown> | null;
  at?: Date;
}

/** Writes one audit row; call it with the transaction that makes the change. */
export async function writeAudit(
  db: Kysely<Database> | Transaction<Database>,
  entry: AuditEntry,
): Promise<void> {
  await db
    .insertInto("audit_log")
    .values({
      id: newId(),
      workspace_id: entry.workspaceId,
      actor_id: entry.actorId,
      action: entry.action,
      entity: entry.entity,
      entity_id: entry.entityId,
      ...(entry.at ? { at: entry.at } : {}),
      details: jsonb(entry.details ?? null),
    })
    .execute();
}
