import type { Migration } from "kysely";

/**
 * The ordered list of migrations: append one line per migration, never reorder or rename.
 * Names sort in order (Kysely checks it): 0001 core, 0200 tickets, 0300 probes, 0400 availability,
 * 0500 stored ticket SLA state, 0600 workspace secrets, 0610 instance roles and invitations,
 * 0700 shared scheduled work (src/jobs). On PostgreSQL, Kysely's Migrator holds a session advisory
 * lock (pg_advisory_lock) while it migrates, so N replicas starting at once migrate exactly once.
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
];
