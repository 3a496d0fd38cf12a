import type { Generated } from "kysely";
import type { Json, Timestamp } from "./core.js";

/** How a contract's availability is measured (one row per contract; defaults apply without one). */
export interface AvailabilitySettingsTable {
  contract_id: string;
  workspace_id: string;
  /** A vendor formula id from data/availability/formulas.yaml (`tencent-trtc`, `google-vertex`, …). */
  formula: string;
  /** IANA zone the periods are cut in. */
  timezone: string;
  /** Business calendar (CONTRACTS.md §2) for claim windows counted in business days. */
  calendar: Json<Record<string, unknown> | null>;
  /** Probes whose samples are evidence; null = the probes of the contract's vendor. */
  probe_ids: Json<string[] | null>;
  monthly_fee: number | null;
  currency: string | null;
  version: Generated<number>;
  updated_at: Timestamp;
}

/** One imported request-log file (idempotent per contract and sha256). */
export interface RequestLogImportsTable {
  id: string;
  workspace_id: string;
  contract_id: string;
  name: string;
  sha256: string;
  imported: number;
  broken_count: number;
  broken: Json<{ line: number; reason: string }[]>;
  created_by: string | null;
  created_at: Timestamp;
}

/** One request of the customer's own log. */
export interface RequestLogEntriesTable {
  id: Generated<string>;
  import_id: string;
  workspace_id: string;
  contract_id: string;
  at: Timestamp;
  ok: boolean;
  status: number | null;
  latency_ms: number | null;
  region: string | null;
}

/** A computed period: the report (termsight.availability/v1), the credit and the claim window. */
export interface AvailabilityPeriodsTable {
  contract_id: string;
  period: string;
  workspace_id: string;
  formula: string;
  measured_percent: number | null;
  credit_percent: number;
  report: Json<Record<string, unknown>>;
  credit: Json<Record<string, unknown>>;
  claim_window: Json<Record<string, unknown> | null>;
  computed_at: Timestamp;
}

/** Deduplication state of one alert key (burn-rate alerts per contract). */
export interface AlertStatesTable {
  workspace_id: string;
  key: string;
  status: "firing" | "resolved";
  state: Json<Record<string, unknown>>;
  updated_at: Timestamp;
}

export interface AvailabilityTables {
  availability_settings: AvailabilitySettingsTable;
  request_log_imports: RequestLogImportsTable;
  request_log_entries: RequestLogEntriesTable;
  availability_periods: AvailabilityPeriodsTable;
  alert_states: AlertStatesTable;
}
