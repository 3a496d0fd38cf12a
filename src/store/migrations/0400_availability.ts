import type { Kysely } from "kysely";
import { runStatements } from "./run-statements.js";

/** Timestamps default to now() truncated to milliseconds, so JS Dates round-trip exactly. */
const NOW = "date_trunc('milliseconds', now())";

/**
 * Availability per contract: how it is measured (vendor formula, time zone, calendar, fee),
 * the customer's imported request logs (idempotent per file sha256), computed periods with their
 * credit and claim window, and alert state for deduplication.
 */
// biome-ignore lint/suspicious/noExplicitAny: migrations run before the typed schema exists
export async function up(db: Kysely<any>): Promise<void> {
  await runStatements(db, [
    `create table availability_settings (
      contract_id text primary key references contracts(id) on delete cascade,
      workspace_id text not null references workspaces(id) on delete cascade,
      formula text not null,
      timezone text not null,
      calendar jsonb,
      probe_ids jsonb,
      monthly_fee double precision,
      currency text,
      version integer not null default 1,
      updated_at timestamptz not null default ${NOW}
    )`,
    `create table request_log_imports (
      id text primary key,
      workspace_id text not null references workspaces(id) on delete cascade,
      contract_id text not null references contracts(id) on delete cascade,
      name text not null,
      sha256 text not null,
      imported integer not null,
      broken_count integer not null,
      broken jsonb not null,
      created_by text references users(id) on delete set null,
      created_at timestamptz not null default ${NOW},
      unique (contract_id, sha256)
    )`,
    `create table request_log_entries (
      id bigint generated always as identity primary key,
      import_id text not null references request_log_imports(id) on delete cascade,
      workspace_id text not null references workspaces(id) on delete cascade,
      contract_id text not null references contracts(id) on delete cascade,
      at timestamptz not null,
      ok boolean not null,
      status integer,
      latency_ms double precision,
      region text
    )`,
    "create index request_log_entries_contract_at on request_log_entries (contract_id, at)",
    `create table availability_periods (
      contract_id text not null references contracts(id) on delete cascade,
      period text not null,
      workspace_id text not null references workspaces(id) on delete cascade,
      formula text not null,
      measured_percent double precision,
      credit_percent double precision not null,
      report jsonb not null,
      credit jsonb not null,
      claim_window jsonb,
      computed_at timestamptz not null default ${NOW},
      primary key (contract_id, period)
    )`,
    `create table alert_states (
      workspace_id text not null references workspaces(id) on delete cascade,
      key text not null,
      status text not null check (status in ('firing', 'resolved')),
      state jsonb not null,
      updated_at timestamptz not null default ${NOW},
      primary key (workspace_id, key)
    )`,
  ]);
}
