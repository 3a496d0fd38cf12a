import type { Kysely } from "kysely";
import { runStatements } from "./run-statements.js";

/**
 * Watched vendor documents (declaration, fetch state, raw snapshots, versions with their meaning
 * diff), the alert events and findings a weakened commitment raises, vendor status sources and the
 * incidents/maintenance they declare. See src/watch/README.md.
 */
// biome-ignore lint/suspicious/noExplicitAny: migrations run before the typed schema exists
export async function up(db: Kysely<any>): Promise<void> {
  await runStatements(db, [
    `create table watched_documents (
      id text primary key,
      workspace_id text not null references workspaces(id) on delete cascade,
      vendor_id text not null references vendors(id) on delete cascade,
      name text not null,
      declaration jsonb not null,
      state text not null default 'pending',
      broken_reason text,
      etag text,
      last_modified text,
      last_text_sha256 text,
      last_document_id text references documents(id) on delete set null,
      last_fetched_at timestamptz,
      next_due_at timestamptz not null,
      created_at timestamptz not null default date_trunc('milliseconds', now()),
      updated_at timestamptz not null default date_trunc('milliseconds', now()),
      unique (workspace_id, vendor_id, name)
    )`,
    `create index watched_documents_due on watched_documents (next_due_at)`,
    `create table watch_snapshots (
      id text primary key,
      workspace_id text not null references workspaces(id) on delete cascade,
      watch_id text not null references watched_documents(id) on delete cascade,
      fetched_at timestamptz not null,
      status integer,
      outcome text not null,
      error text,
      content_type text,
      sha256 text,
      body bytea
    )`,
    `create index watch_snapshots_watch on watch_snapshots (watch_id, fetched_at desc)`,
    `create table watch_versions (
      id text primary key,
      workspace_id text not null references workspaces(id) on delete cascade,
      watch_id text not null references watched_documents(id) on delete cascade,
      document_id text not null references documents(id) on delete cascade,
      previous_document_id text references documents(id) on delete set null,
      text_sha256 text not null,
      changes jsonb not null,
      contract_changes jsonb not null,
      text_diff jsonb not null,
      created_at timestamptz not null
    )`,
    `create index watch_versions_ws on watch_versions (workspace_id, created_at desc)`,
    `create table watch_events (
      id text primary key,
      workspace_id text not null references workspaces(id) on delete cascade,
      dedupe_key text not null,
      kind text not null,
      severity text not null,
      vendor_id text,
      title text not null,
      details jsonb not null,
      evidence_url text,
      created_at timestamptz not null,
      unique (workspace_id, dedupe_key)
    )`,
    `create table vendor_findings (
      id text primary key,
      workspace_id text not null references workspaces(id) on delete cascade,
      vendor_id text not null references vendors(id) on delete cascade,
      source text not null,
      source_id text not null,
      finding_id text not null,
      severity text not null,
      title text not null,
      detail text not null,
      evidence jsonb not null,
      created_at timestamptz not null,
      unique (workspace_id, source_id, finding_id)
    )`,
    `create table status_sources (
      id text primary key,
      workspace_id text not null references workspaces(id) on delete cascade,
      vendor_id text not null references vendors(id) on delete cascade,
      kind text not null,
      url text not null,
      component_map jsonb not null,
      state text not null default 'pending',
      error text,
      last_polled_at timestamptz,
      created_at timestamptz not null default date_trunc('milliseconds', now()),
      unique (workspace_id, url)
    )`,
    `create table status_records (
      id text primary key,
      workspace_id text not null references workspaces(id) on delete cascade,
      source_id text not null references status_sources(id) on delete cascade,
      external_id text not null,
      kind text not null,
      title text not null,
      body text not null,
      status text,
      impact text,
      components jsonb not null,
      services jsonb not null,
      started_at timestamptz,
      resolved_at timestamptz,
      scheduled_for timestamptz,
      scheduled_until timestamptz,
      declared_at timestamptz,
      first_seen_at timestamptz not null,
      last_seen_at timestamptz not null,
      unique (source_id, external_id)
    )`,
  ]);
}
