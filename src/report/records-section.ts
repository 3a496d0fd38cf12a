import type { Db } from "../context/index.js";
import { checkRca } from "../tickets/index.js";
import type { IncidentSection, MaintenanceSection, ReviewSection } from "./report-model.js";

/** Incidents that started in `[from, to)` with their duration and the RCA verdict against the committed deadline. */
export async function incidentSection(
  db: Db,
  workspaceId: string,
  vendorId: string | null,
  rcaDeadlineHours: number | null,
  rcaContents: string[],
  from: Date,
  to: Date,
  now: Date,
): Promise<IncidentSection> {
  const incidents = vendorId
    ? await db
        .selectFrom("incidents")
        .select(["id", "title", "severity", "started_at", "resolved_at"])
        .where("workspace_id", "=", workspaceId)
        .where("vendor_id", "=", vendorId)
        .where("started_at", ">=", from)
        .where("started_at", "<", to)
        .orderBy("started_at")
        .execute()
    : [];
  const reports = incidents.length
    ? await db
        .selectFrom("rca_reports")
        .select(["incident_id", "received_at", "contents"])
        .where("workspace_id", "=", workspaceId)
        .where(
          "incident_id",
          "in",
          incidents.map((i) => i.id),
        )
        .orderBy("received_at")
        .execute()
    : [];
  const rca = { on_time: 0, late: 0, missing: 0, pending: 0, not_committed: 0 };
  const rows = incidents.map((i) => {
    const mine = reports.filter((r) => r.incident_id === i.id);
    const resolvedAt = i.resolved_at == null ? null : new Date(i.resolved_at).toISOString();
    const receivedAt = mine.length ? new Date(mine[0].received_at).toISOString() : null;
    const check = checkRca({ deadlineHours: rcaDeadlineHours, resolvedAt, receivedAt, now });
    rca[check.verdict]++;
    const covered = new Set(mine.flatMap((r) => (Array.isArray(r.contents) ? r.contents : [])));
    const started = new Date(i.started_at).getTime();
    return {
      id: i.id,
      title: i.title,
      severity: i.severity,
      started_at: new Date(started).toISOString(),
      resolved_at: resolvedAt,
      duration_minutes: resolvedAt == null ? null : Math.round((Date.parse(resolvedAt) - started) / 60_000),
      rca_verdict: check.verdict,
      rca_due_at: check.due_at,
      rca_received_at: receivedAt,
      rca_hours_late: check.hours_late,
      rca_missing_contents: mine.length ? rcaContents.filter((c) => !covered.has(c)) : [],
    };
  });
  return { rows, rca, committed_rca_hours: rcaDeadlineHours };
}

/** Maintenance notices for windows starting in `[from, to)`, against the notice committed when recorded. */
export async function maintenanceSection(
  db: Db,
  workspaceId: string,
  vendorId: string | null,
  from: Date,
  to: Date,
): Promise<MaintenanceSection> {
  const notices = vendorId
    ? await db
        .selectFrom("maintenance_notices")
        .select([
          "title",
          "notice_at",
          "window_start",
          "window_end",
          "notice_hours_given",
          "committed_hours",
          "late",
        ])
        .where("workspace_id", "=", workspaceId)
        .where("vendor_id", "=", vendorId)
        .where("window_start", ">=", from)
        .where("window_start", "<", to)
        .orderBy("window_start")
        .execute()
    : [];
  const rows = notices.map((n) => ({
    title: n.title,
    notice_at: new Date(n.notice_at).toISOString(),
    window_start: new Date(n.window_start).toISOString(),
    window_end: new Date(n.window_end).toISOString(),
    notice_hours_given: n.notice_hours_given,
    notice_hours_committed: n.committed_hours,
    late: n.late,
  }));
  return { rows, late: rows.filter((r) => r.late === true).length };
}

interface StoredFinding {
  id?: string;
  topic?: string;
  kind?: string;
  severity?: string;
  title?: string;
  ask?: string | null;
}

/** The latest terms review of the vendor's documents and its high findings (what to renegotiate). */
export async function reviewSection(
  db: Db,
  workspaceId: string,
  vendorId: string | null,
): Promise<ReviewSection> {
  const row = vendorId
    ? await db
        .selectFrom("reviews")
        .innerJoin("documents", "documents.id", "reviews.document_id")
        .select(["reviews.id", "reviews.result", "reviews.score", "reviews.created_at", "documents.name"])
        .where("reviews.workspace_id", "=", workspaceId)
        .where("documents.vendor_id", "=", vendorId)
        .orderBy("reviews.created_at", "desc")
        .executeTakeFirst()
    : undefined;
  if (!row) return { review_id: null, document: null, reviewed_at: null, score: null, high_findings: [] };
  const findings = ((row.result as { findings?: StoredFinding[] } | null)?.findings ?? []).filter(
    (f) => f.severity === "high" && f.kind !== "strength",
  );
  return {
    review_id: row.id,
    document: row.name,
    reviewed_at: new Date(row.created_at).toISOString(),
    score: row.score,
    high_findings: findings.map((f) => ({
      id: f.id ?? "",
      topic: f.topic ?? "",
      title: f.title ?? "",
      ask: f.ask ?? null,
    })),
  };
}
