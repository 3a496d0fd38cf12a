import type { Selectable } from "kysely";
import { NotFoundError } from "../errors/index.js";
import type { Database } from "../store/index.js";
import { findVendorContract } from "./contract-terms.js";
import { checkRca, type RcaVerdict } from "./rca-check.js";
import { type Db, iso, isoOrNull } from "./ticket-context.js";

type IncidentRow = Selectable<Database["incidents"]>;

export interface RcaReportView {
  id: string;
  received_at: string;
  document_id: string | null;
  summary: string;
  contents: string[];
  /** Contents the contract requires that this report lacks. */
  missing_contents: string[];
}

export interface IncidentView {
  id: string;
  vendor_id: string | null;
  ticket_id: string | null;
  title: string;
  severity: string | null;
  description: string;
  started_at: string;
  resolved_at: string | null;
  version: number;
  created_at: string;
  updated_at: string;
  rca: {
    /** The contract's `rca.deadline_hours` (null: no contract or silent). */
    committed_hours: number | null;
    contract_id: string | null;
    verdict: RcaVerdict;
    due_at: string | null;
    hours_late: number;
    /** When the first report arrived. */
    received_at: string | null;
    reports: RcaReportView[];
  };
}

export async function requireIncidentRow(
  db: Db,
  workspaceId: string,
  id: string,
  forUpdate = false,
): Promise<IncidentRow> {
  let q = db.selectFrom("incidents").selectAll().where("id", "=", id).where("workspace_id", "=", workspaceId);
  if (forUpdate) q = q.forUpdate();
  const row = await q.executeTakeFirst();
  if (!row) throw new NotFoundError("incident", id);
  return row;
}

/** Incidents with their RCA reports, checked against the vendor contract's RCA commitment as of `now`. */
export async function incidentViews(
  db: Db,
  workspaceId: string,
  rows: IncidentRow[],
  now: Date,
): Promise<IncidentView[]> {
  if (rows.length === 0) return [];
  const reports = await db
    .selectFrom("rca_reports")
    .selectAll()
    .where(
      "incident_id",
      "in",
      rows.map((r) => r.id),
    )
    .orderBy("received_at")
    .orderBy("id")
    .execute();
  const out: IncidentView[] = [];
  for (const row of rows) {
    const contract = await findVendorContract(db, workspaceId, row.vendor_id, new Date(row.started_at));
    const mine = reports.filter((r) => r.incident_id === row.id);
    const first = mine[0] ? iso(mine[0].received_at) : null;
    const check = checkRca({
      deadlineHours: contract?.rcaDeadlineHours ?? null,
      resolvedAt: isoOrNull(row.resolved_at),
      receivedAt: first,
      now,
    });
    const required = contract?.rcaContents ?? [];
    out.push({
      id: row.id,
      vendor_id: row.vendor_id,
      ticket_id: row.ticket_id,
      title: row.title,
      severity: row.severity,
      description: row.description,
      started_at: iso(row.started_at),
      resolved_at: isoOrNull(row.resolved_at),
      version: row.version,
      created_at: iso(row.created_at),
      updated_at: iso(row.updated_at),
      rca: {
        committed_hours: contract?.rcaDeadlineHours ?? null,
        contract_id: contract?.contractId ?? null,
        ...check,
        received_at: first,
        reports: mine.map((r) => {
          const contents = (r.contents as string[]) ?? [];
          return {
            id: r.id,
            received_at: iso(r.received_at),
            document_id: r.document_id,
            summary: r.summary,
            contents,
            missing_contents: required.filter((c) => !contents.includes(c)),
          };
        }),
      },
    });
  }
  return out;
}
