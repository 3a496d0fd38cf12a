import { type Ctx, requireRole } from "../context/index.js";
import { alertDb } from "./storage/tables.js";

export interface AlertView {
  id: string;
  key: string;
  rule: string;
  status: "firing" | "resolved";
  severity: "page" | "ticket";
  level: number;
  vendor_id: string | null;
  subject: string;
  opened_at: string;
  resolved_at: string | null;
  deliveries: {
    id: string;
    channel_id: string;
    event: string;
    status: string;
    attempts: number;
    next_attempt_at: string;
    last_error: string | null;
    sent_at: string | null;
  }[];
}

const iso = (d: Date | string | null) => (d == null ? null : new Date(d).toISOString());

/** Recent alerts (firing first, then newest) with each delivery's status, for the UI and API. */
export async function listAlerts({
  ctx,
  input,
}: {
  ctx: Ctx;
  input: { status?: "firing" | "resolved"; limit?: number };
}): Promise<AlertView[]> {
  const ws = requireRole(ctx, "viewer");
  const db = alertDb(ctx.db);
  let q = db.selectFrom("alerts").selectAll().where("workspace_id", "=", ws);
  if (input.status) q = q.where("status", "=", input.status);
  const rows = await q
    .orderBy("status", "asc")
    .orderBy("opened_at", "desc")
    .limit(Math.min(Math.max(input.limit ?? 50, 1), 200))
    .execute();
  const deliveries = rows.length
    ? await db
        .selectFrom("alert_deliveries")
        .selectAll()
        .where(
          "alert_id",
          "in",
          rows.map((r) => r.id),
        )
        .orderBy("created_at")
        .execute()
    : [];
  return rows.map((r) => ({
    id: r.id,
    key: r.key,
    rule: r.rule,
    status: r.status,
    severity: r.severity,
    level: r.level,
    vendor_id: r.vendor_id,
    subject: r.subject,
    opened_at: iso(r.opened_at) as string,
    resolved_at: iso(r.resolved_at),
    deliveries: deliveries
      .filter((d) => d.alert_id === r.id)
      .map((d) => ({
        id: d.id,
        channel_id: d.channel_id,
        event: d.event,
        status: d.status,
        attempts: d.attempts,
        next_attempt_at: iso(d.next_attempt_at) as string,
        last_error: d.last_error,
        sent_at: iso(d.sent_at),
      })),
  }));
}
