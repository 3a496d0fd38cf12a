import type { Kysely } from "kysely";
import { runStatements } from "./run-statements.js";

/** Timestamps default to now() truncated to milliseconds, so JS Dates round-trip exactly. */
const NOW = "date_trunc('milliseconds', now())";

const EVENT_TYPES =
  "'created', 'agent_reply', 'customer_reply', 'status', 'severity_changed', 'solved', 'reopened', 'closed'";

// biome-ignore lint/suspicious/noExplicitAny: migrations run before the typed schema exists
export async function up(db: Kysely<any>): Promise<void> {
  await runStatements(db, [
    `create table import_jobs (
      id text primary key,
      workspace_id text not null references workspaces(id) on delete cascade,
      vendor_id text references vendors(id) on delete set null,
      format text not null check (format in ('csv', 'json', 'eml')),
      source_name text not null,
      sha256 text not null,
      options jsonb not null,
      payload bytea not null,
      status text not null check (status in ('running', 'done', 'failed')),
      total integer not null,
      done integer not null default 0,
      failed integer not null default 0,
      batch_size integer not null,
      error text,
      created_by text references users(id) on delete set null,
      created_at timestamptz not null default ${NOW},
      updated_at timestamptz not null default ${NOW},
      finished_at timestamptz
    )`,
    "create index import_jobs_list on import_jobs (workspace_id, created_at desc, id desc)",
    `create table tickets (
      id text primary key,
      workspace_id text not null references workspaces(id) on delete cascade,
      vendor_id text references vendors(id) on delete set null,
      external_id text,
      subject text not null,
      severity text not null,
      status text not null,
      policy jsonb,
      opened_at timestamptz not null,
      last_event_at timestamptz not null,
      event_count integer not null,
      import_id text references import_jobs(id) on delete set null,
      version integer not null default 1,
      created_by text references users(id) on delete set null,
      created_at timestamptz not null default ${NOW},
      updated_at timestamptz not null default ${NOW},
      unique (workspace_id, external_id)
    )`,
    "create index tickets_list on tickets (workspace_id, created_at desc, id desc)",
    `create table ticket_events (
      id text primary key,
      workspace_id text not null references workspaces(id) on delete cascade,
      ticket_id text not null references tickets(id) on delete cascade,
      seq integer not null,
      type text not null check (type in (${EVENT_TYPES})),
      at timestamptz not null,
      severity text,
      status text check (status in ('open', 'pending', 'on_hold')),
      author text,
      body text,
      source_key text,
      created_by text references users(id) on delete set null,
      created_at timestamptz not null default ${NOW},
      unique (ticket_id, seq),
      unique (ticket_id, source_key)
    )`,
    `create table incidents (
      id text primary key,
      workspace_id text not null references workspaces(id) on delete cascade,
      vendor_id text references vendors(id) on delete set null,
      ticket_id text references tickets(id) on delete set null,
      title text not null,
      severity text,
      description text not null default '',
      started_at timestamptz not null,
      resolved_at timestamptz,
      version integer not null default 1,
      created_by text references users(id) on delete set null,
      created_at timestamptz not null default ${NOW},
      updated_at timestamptz not null default ${NOW}
    )`,
    "create index incidents_list on incidents (workspace_id, created_at desc, id desc)",
    `create table rca_reports (
      id text primary key,
      workspace_id text not null references workspaces(id) on delete cascade,
      incident_id text not null references incidents(id) on delete cascade,
      received_at timestamptz not null,
      document_id text references documents(id) on delete set null,
      summary text not null default '',
      contents jsonb not null,
      created_by text references users(id) on delete set null,
      created_at timestamptz not null default ${NOW}
    )`,
    "create index rca_reports_incident on rca_reports (incident_id, received_at)",
    `create table maintenance_notices (
      id text primary key,
      workspace_id text not null references workspaces(id) on delete cascade,
      vendor_id text references vendors(id) on delete set null,
      title text not null,
      notice_at timestamptz not null,
      window_start timestamptz not null,
      window_end timestamptz not null,
      committed_hours double precision,
      notice_hours_given double precision not null,
      late boolean,
      created_by text references users(id) on delete set null,
      created_at timestamptz not null default ${NOW},
      check (window_end >= window_start)
    )`,
    "create index maintenance_notices_list on maintenance_notices (workspace_id, created_at desc, id desc)",
  ]);
}
