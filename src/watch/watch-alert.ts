import { sql } from "kysely";
import { raiseAlert } from "../alerts/index.js";
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

const RULE: Record<WatchAlertEvent["kind"], string> = {
  "terms.weakened": "terms-change",
  "watch.broken": "watch-broken",
  "status.incident": "status-incident",
  "status.maintenance": "status-maintenance",
};
const LEAD: Record<WatchAlertEvent["kind"], { en: string; zh: string }> = {
  "terms.weakened": { en: "Vendor terms weakened", zh: "供应商条款变弱" },
  "watch.broken": { en: "Watched page no longer matches", zh: "监视的页面无法解析" },
  "status.incident": { en: "Vendor declared an incident", zh: "供应商公布了故障" },
  "status.maintenance": { en: "Vendor announced maintenance", zh: "供应商公布了维护" },
};

/** The details' plain values as message fields (nested values are left to the API's event record). */
function fieldsOf(details: Record<string, unknown>): [string, string][] {
  return Object.entries(details)
    .filter(([, v]) => ["string", "number", "boolean"].includes(typeof v))
    .slice(0, 20)
    .map(([k, v]) => [k.slice(0, 200), String(v).slice(0, 2000)]);
}

/**
 * The one place watch events leave this folder: recorded once per dedupe key (for the feed and
 * the API) and, the first time, raised through src/alerts so the workspace's channels hear of it.
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
  if (inserted === undefined) return false;
  const lead = LEAD[event.kind];
  const fields = fieldsOf(event.details);
  const title = (l: string) => `${l}: ${event.title}`.slice(0, 300);
  await raiseAlert(
    db,
    workspaceId,
    {
      key: `watch:${event.dedupeKey}`.slice(0, 300),
      rule: RULE[event.kind],
      status: "firing",
      severity: event.severity === "high" ? "page" : "ticket",
      vendor_id: event.vendorId,
      subject: event.title.slice(0, 300),
      message: {
        en: { title: title(lead.en), text: event.evidenceUrl ?? "", fields },
        zh: { title: title(lead.zh), text: event.evidenceUrl ?? "", fields },
      },
      path: event.vendorId ? `/vendors/${event.vendorId}` : null,
    },
    { now: at },
  );
  return true;
}
