import type { ColumnType, Generated } from "kysely";
import type { Json, Timestamp } from "./core.js";

export type ImportJobStatus = "running" | "done" | "failed";

export interface ImportJobsTable {
  id: string;
  workspace_id: string;
  vendor_id: string | null;
  format: "csv" | "json" | "eml";
  source_name: string;
  /** sha256 of the payload: the same file imported twice is the same work. */
  sha256: string;
  /** Import options (vendor domains, default severity…). */
  options: Json<Record<string, unknown>>;
  /** The uploaded input, kept so an interrupted job can be resumed after a restart. */
  payload: Uint8Array;
  status: ImportJobStatus;
  /** Rows (CSV rows, JSON tickets, emails) in the input. */
  total: number;
  /** Rows committed so far (always a whole number of batches until the last). */
  done: Generated<number>;
  failed: Generated<number>;
  batch_size: number;
  error: string | null;
  created_by: string | null;
  created_at: Timestamp;
  updated_at: Timestamp;
  finished_at: Date | string | null;
}

export interface TicketsTable {
  id: string;
  workspace_id: string;
  vendor_id: string | null;
  /** The help desk's id: unique per workspace, makes imports idempotent. */
  external_id: string | null;
  subject: string;
  severity: string;
  status: string;
  /** An SLA policy stored on the ticket (overrides the vendor contract's `sla_policy`). */
  policy: Json<Record<string, unknown> | null>;
  opened_at: Timestamp;
  last_event_at: Timestamp;
  event_count: number;
  import_id: string | null;
  version: Generated<number>;
  created_by: string | null;
  created_at: Timestamp;
  updated_at: Timestamp;
  /** SLA state as of the last event (src/tickets/sla-snapshot.ts); null until computed. */
  sla_snapshot: Json<Record<string, unknown> | null>;
  /** After this instant the ticket counts as breached (unless a later event changes it). */
  sla_breach_at: ColumnType<Date | null, Date | string | null | undefined, Date | string | null>;
  /** From this instant a running metric is past 75% of its target. */
  sla_risk_at: ColumnType<Date | null, Date | string | null | undefined, Date | string | null>;
  sla_running: Generated<boolean>;
  /** The clock data version the snapshot was computed with; null or another version: recompute. */
  sla_version: string | null;
}

export interface TicketEventsTable {
  id: string;
  workspace_id: string;
  ticket_id: string;
  /** 1, 2, … in the ticket's order. */
  seq: number;
  type: string;
  at: Timestamp;
  severity: string | null;
  status: string | null;
  author: string | null;
  body: string | null;
  /** Idempotency key: an email's Message-ID or `type@at` for file imports; null for API events. */
  source_key: string | null;
  created_by: string | null;
  created_at: Timestamp;
}

export interface IncidentsTable {
  id: string;
  workspace_id: string;
  vendor_id: string | null;
  ticket_id: string | null;
  title: string;
  severity: string | null;
  description: string;
  started_at: Timestamp;
  resolved_at: Date | string | null;
  version: Generated<number>;
  created_by: string | null;
  created_at: Timestamp;
  updated_at: Timestamp;
}

export interface RcaReportsTable {
  id: string;
  workspace_id: string;
  incident_id: string;
  received_at: Timestamp;
  document_id: string | null;
  summary: string;
  /** Which of cause / impact / timeline / prevention the report covers. */
  contents: Json<string[]>;
  created_by: string | null;
  created_at: Timestamp;
}

export interface MaintenanceNoticesTable {
  id: string;
  workspace_id: string;
  vendor_id: string | null;
  title: string;
  notice_at: Timestamp;
  window_start: Timestamp;
  window_end: Timestamp;
  /** The contract's `maintenance.notice_hours` when the notice was recorded. */
  committed_hours: number | null;
  notice_hours_given: number;
  /** Less notice than committed; null when the contract commits none. */
  late: boolean | null;
  created_by: string | null;
  created_at: Timestamp;
}

export interface TicketTables {
  import_jobs: ImportJobsTable;
  tickets: TicketsTable;
  ticket_events: TicketEventsTable;
  incidents: IncidentsTable;
  rca_reports: RcaReportsTable;
  maintenance_notices: MaintenanceNoticesTable;
}
