import type { Kysely } from "kysely";
import { InputError } from "../errors/index.js";
import type { Database } from "../store/index.js";
import { AlertEvent } from "./alert-event.js";
import { enqueueDeliveries } from "./deliveries.js";
import { alertDb } from "./storage/tables.js";

export interface ReportNotice {
  /** The stored report the link opens (one per language; the workspace's language picks). */
  report_ids: { zh: string; en: string };
  vendor_id: string | null;
  message: AlertEvent["message"];
  /** Evidence path per language, e.g. `/reports?report=<id>`. */
  paths: { zh: string; en: string };
}

/**
 * Announces a stored report on the workspace's alert channels: routed like an alert of severity
 * `ticket` (vendor routing, quiet hours hold it to business hours), worded in the workspace's
 * language, with a link to the report; email channels get it as mail. Not an alert: no alert row,
 * nothing to deduplicate against or recover — but the same report is announced once per channel
 * (a caught-up or repeated run sends nothing again). Returns the deliveries queued.
 */
export async function announceReport(
  db0: Kysely<Database>,
  workspaceId: string,
  notice: ReportNotice,
  now: Date,
): Promise<number> {
  const db = alertDb(db0);
  const settings = await db
    .selectFrom("alert_settings")
    .select("lang")
    .where("workspace_id", "=", workspaceId)
    .executeTakeFirst();
  const lang = settings?.lang ?? "en";
  const reportId = notice.report_ids[lang];
  const event = AlertEvent.safeParse({
    key: `report:${reportId}`,
    rule: "report",
    status: "firing",
    severity: "ticket",
    vendor_id: notice.vendor_id,
    subject: notice.message.en.title,
    message: notice.message,
    path: notice.paths[lang],
  });
  if (!event.success) {
    const issue = event.error.issues[0];
    throw new InputError(`report notice.${issue.path.join(".")}`, issue.message.toLowerCase());
  }
  return db.transaction().execute(async (trx) => {
    const sent = await trx
      .selectFrom("alert_deliveries")
      .select("id")
      .where("workspace_id", "=", workspaceId)
      .where("event", "=", "report")
      .where("report_id", "in", [notice.report_ids.zh, notice.report_ids.en])
      .executeTakeFirst();
    if (sent) return 0;
    return enqueueDeliveries(trx, workspaceId, { id: null, ...event.data }, "report", now, reportId);
  });
}
