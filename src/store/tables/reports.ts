import type { Generated } from "kysely";
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

/** Per (contract, month): the service-credit claim sent and the credit received (migration 0770). */
export interface CreditRecordsTable {
  id: string;
  workspace_id: string;
  contract_id: string;
  /** YYYY-MM. */
  period: string;
  currency: string | null;
  /** Local date YYYY-MM-DD the claim was sent; null: no claim recorded. */
  claimed_on: string | null;
  amount_claimed: number | null;
  claim_reference: string;
  /** Local date YYYY-MM-DD the credit arrived; null: none recorded. */
  received_on: string | null;
  amount_received: number | null;
  version: Generated<number>;
  created_by: string | null;
  created_at: Timestamp;
  updated_at: Timestamp;
}

export interface ReportTables {
  ticket_satisfaction: TicketSatisfactionTable;
  reports: ReportsTable;
  credit_records: CreditRecordsTable;
}
