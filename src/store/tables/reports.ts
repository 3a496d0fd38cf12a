import type { Json, Timestamp } from "./core.js";

/** The buyer's satisfaction with a solved ticket (migration 0720_reports). */
export interface TicketSatisfactionTable {
  ticket_id: string;
  workspace_id: string;
  /** 1 (poor) … 5 (excellent). */
  score: number;
  note: string;
  rated_by: string | null;
  rated_at: Timestamp;
}

/** A generated report kept for download and delivery (src/report). */
export interface ReportsTable {
  id: string;
  workspace_id: string;
  /** `vendor:<id>` or `contract:<id>`. */
  subject: string;
  /** The period label: `2026-Q4`, `2026-10`, `2026-H2`, `2026`, `2026-10-01..2026-11-15`. */
  period: string;
  lang: string;
  /** "monthly" | "quarterly" when a schedule made it; null when asked for. */
  schedule: string | null;
  model: Json<Record<string, unknown>>;
  html: string;
  created_by: string | null;
  created_at: Timestamp;
}

export interface ReportTables {
  ticket_satisfaction: TicketSatisfactionTable;
  reports: ReportsTable;
}
