import type { Migration } from "kysely";

/**
 * The ordered list of migrations: one line per migration, never reorder or rename one that has
 * shipped. Names sort in order (Kysely checks it); each file's header says what it adds.
 */
export const migrations: { name: string; load: () => Promise<Migration> }[] = [
  { name: "0001_core", load: () => import("./0001_core.js") },
  { name: "0200_tickets", load: () => import("./0200_tickets.js") },
  { name: "0300_probes", load: () => import("./0300_probes.js") },
  { name: "0400_availability", load: () => import("./0400_availability.js") },
  { name: "0500_ticket_sla", load: () => import("./0500_ticket_sla.js") },
  { name: "0600_workspace_secrets", load: () => import("./0600_workspace_secrets.js") },
  { name: "0610_instance_roles_invitations", load: () => import("./0610_instance_roles_invitations.js") },
  { name: "0700_jobs", load: () => import("./0700_jobs.js") },
  { name: "0715_alerts", load: () => import("./0715_alerts.js") },
  { name: "0720_reports", load: () => import("./0720_reports.js") },
  { name: "0730_watch", load: () => import("./0730_watch.js") },
  { name: "0740_review_scenario_check", load: () => import("./0740_review_scenario_check.js") },
  { name: "0745_probe_kinds", load: () => import("./0745_probe_kinds.js") },
  { name: "0760_alert_round_indexes", load: () => import("./0760_alert_round_indexes.js") },
  { name: "0761_report_deliveries", load: () => import("./0761_report_deliveries.js") },
  { name: "0770_credit_records", load: () => import("./0770_credit_records.js") },
  { name: "0780_workspace_settings", load: () => import("./0780_workspace_settings.js") },
  { name: "0790_contract_versions", load: () => import("./0790_contract_versions.js") },
  { name: "0800_alert_round_pages", load: () => import("./0800_alert_round_pages.js") },
];
