import { sql } from "kysely";
import type { Db } from "../context/index.js";
import { jsonb, newId } from "../store/index.js";

/** An alert event from watching a vendor, in the shape src/alerts' `raiseAlert` takes. */
export interface WatchAlertEvent {
  kind: "terms.weakened" | "watch.broken" | "status.incident" | "status.maintenance";
  severity: "high" | "medium" | "low";
  vendorId: string | null;
  title: string;
  details: Record<string, unknown>;
  /** The same key twice raises one alert. */
  dedupeKey: string;
  evidenceUrl: string | null;
}

/**
 * The one place watch events leave this folder: recorded (once per dedupe key) for the feed and
 * the API. Wiring to `raiseAlert(db, workspaceId, event)` of src/alerts is one line here.
 * Returns false when the key was already raised.
 */
export async function handOnAlert(
  db: Db,
  workspaceId: string,
  event: WatchAlertEvent,
  at: Date,
): Promise<boolean> {
  const inserted = await db
    .insertInto("watch_events")
    .values({
      id: newId(),
      workspace_id: workspaceId,
      dedupe_key: event.dedupeKey,
      kind: event.kind,
      severity: event.severity,
      vendor_id: event.vendorId,
      title: event.title,
      details: jsonb(event.details),
      evidence_url: event.evidenceUrl,
      created_at: at,
    })
    .onConflict((oc) => oc.columns(["workspace_id", "dedupe_key"]).doNothing())
    .returning(sql<number>`1`.as("one"))
    .executeTakeFirst();
  return inserted !== undefined;
}
