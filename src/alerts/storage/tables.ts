import type { ColumnType, Kysely, Transaction } from "kysely";
import type { Database, Json, Timestamp } from "../../store/index.js";
import type { ChannelName } from "../channels/kinds.js";

type NullableTime = ColumnType<Date | null, Date | string | null | undefined, Date | string | null>;

/** Migration 0715. Typed here (not in src/store/schema.ts) so the alerts domain owns its tables. */
export interface AlertChannelsTable {
  id: string;
  workspace_id: string;
  name: string;
  kind: ChannelName;
  /** The destination with tokens removed (host and path, or the mail recipients). */
  target: string;
  /** The whole channel config (URL tokens, signing secret, SMTP password) sealed with the workspace key. */
  sealed: string;
  key_id: string;
  enabled: boolean;
  severities: Json<("page" | "ticket")[] | null>;
  vendor_ids: Json<string[] | null>;
  quiet: Json<Record<string, unknown> | null>;
  status: ColumnType<
    "new" | "ok" | "failing",
    "new" | "ok" | "failing" | undefined,
    "new" | "ok" | "failing"
  >;
  last_error: ColumnType<string | null, string | null | undefined, string | null>;
  last_attempt_at: NullableTime;
  last_ok_at: NullableTime;
  created_by: string | null;
  created_at: Timestamp;
  updated_at: Timestamp;
}

export interface AlertSettingsTable {
  workspace_id: string;
  lang: "zh" | "en";
  public_url: string | null;
  updated_at: Timestamp;
}

export interface AlertProbePoliciesTable {
  probe_id: string;
  workspace_id: string;
  min_failing_regions: number;
  updated_at: Timestamp;
}

export interface AlertsTable {
  id: string;
  workspace_id: string;
  key: string;
  rule: string;
  status: "firing" | "resolved";
  severity: "page" | "ticket";
  level: number;
  vendor_id: string | null;
  subject: string;
  facts: Json<Record<string, unknown>>;
  opened_at: Timestamp;
  resolved_at: NullableTime;
  last_notified_at: NullableTime;
  updated_at: Timestamp;
}

/** `report`: a scheduled report's notice (no alert row: `alert_id` null). */
export type DeliveryEvent = "firing" | "escalated" | "resolved" | "test" | "report";
export type DeliveryStatus = "pending" | "sent" | "failed";

export interface AlertDeliveriesTable {
  id: string;
  workspace_id: string;
  alert_id: string | null;
  /** Migration 0761: the stored report an event `report` announces. */
  report_id: ColumnType<string | null, string | null | undefined, string | null>;
  channel_id: string;
  event: DeliveryEvent;
  status: DeliveryStatus;
  attempts: number;
  next_attempt_at: Timestamp;
  last_error: string | null;
  message: Json<Record<string, unknown>>;
  created_at: Timestamp;
  sent_at: NullableTime;
}

export interface AlertDatabase extends Database {
  alert_channels: AlertChannelsTable;
  alert_settings: AlertSettingsTable;
  alert_probe_policies: AlertProbePoliciesTable;
  alerts: AlertsTable;
  alert_deliveries: AlertDeliveriesTable;
}

export type AlertDb = Kysely<AlertDatabase> | Transaction<AlertDatabase>;

/** The store handle seen with the alert tables typed. */
export function alertDb(db: Kysely<Database> | Transaction<Database>): Kysely<AlertDatabase> {
  return db as unknown as Kysely<AlertDatabase>;
}
