import type { Kysely } from "kysely";
import { runStatements } from "./run-statements.js";

/**
 * Scheduled reports are announced through the alert channels: a delivery of event `report` has no
 * alert row (a report is a notice, not an incident) and names the stored report it links to.
 */
// biome-ignore lint/suspicious/noExplicitAny: migrations run before the typed schema exists
export async function up(db: Kysely<any>): Promise<void> {
  await runStatements(db, [
    "alter table alert_deliveries drop constraint alert_deliveries_event_check",
    "alter table alert_deliveries add constraint alert_deliveries_event_check check (event in ('firing', 'escalated', 'resolved', 'test', 'report'))",
    "alter table alert_deliveries add column report_id text references reports(id) on delete cascade",
    "create index alert_deliveries_report on alert_deliveries (report_id) where report_id is not null",
  ]);
}
