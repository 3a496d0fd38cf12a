import type { Kysely } from "kysely";
import { runStatements } from "./run-statements.js";

/** Timestamps default to now() truncated to milliseconds, so JS Dates round-trip exactly. */
const NOW = "date_trunc('milliseconds', now())";

/**
 * Probes per workspace, agents (hashed tokens, region), raw samples (idempotent per agent batch),
 * and minute/hour/day rollups with mergeable latency histograms. Raw samples and minute rollups
 * are pruned by retention; a year stays small.
 */
// biome-ignore lint/suspicious/noExplicitAny: migrations run before the typed schema exists
export async function up(db: Kysely<any>): Promise<void> {
  await runStatements(db, [
    `create table probes (
      id text primary key,
      workspace_id text not null references workspaces(id) on delete cascade,
      vendor_id text references vendors(id) on delete set null,
      name text,
      kind text not null check (kind in ('http', 'sse', 'ws', 'tcp', 'tls')),
      url text not null,
      interval_s integer not null,
      jitter_s double precision not null default 0,
      timeout_ms integer not null,
      retries integer not null default 0,
      regions jsonb not null,
      config jsonb not null,
      enabled boolean not null default true,
      version integer not null default 1,
      created_by text references users(id) on delete set null,
      created_at timestamptz not null default ${NOW},
      updated_at timestamptz not null default ${NOW}
    )`,
    "create index probes_list on probes (workspace_id, created_at desc, id desc)",
    `create table probe_agents (
      id text primary key,
      workspace_id text not null references workspaces(id) on delete cascade,
      name text not null,
      region text not null,
      token_hash text not null unique,
      created_by text references users(id) on delete set null,
      created_at timestamptz not null default ${NOW},
      last_seen_at timestamptz,
      revoked_at timestamptz
    )`,
    "create index probe_agents_list on probe_agents (workspace_id, created_at desc, id desc)",
    `create table probe_batches (
      agent_id text not null references probe_agents(id) on delete cascade,
      batch_id text not null,
      workspace_id text not null references workspaces(id) on delete cascade,
      samples integer not null,
      sent_at timestamptz,
      received_at timestamptz not null,
      skew_ms integer,
      skew_flagged boolean not null default false,
      primary key (agent_id, batch_id)
    )`,
    "create index probe_batches_received on probe_batches (received_at)",
    `create table probe_samples (
      id bigint generated always as identity primary key,
      workspace_id text not null references workspaces(id) on delete cascade,
      probe_id text not null references probes(id) on delete cascade,
      agent_id text references probe_agents(id) on delete set null,
      batch_id text,
      region text,
      at timestamptz not null,
      received_at timestamptz not null,
      skew_flagged boolean not null default false,
      ok boolean not null,
      degraded boolean not null default false,
      attempt smallint not null default 1,
      status integer,
      error text,
      total_ms double precision,
      sample jsonb not null
    )`,
    "create index probe_samples_probe_at on probe_samples (probe_id, at)",
    "create index probe_samples_at on probe_samples (at)",
    `create table probe_rollups (
      probe_id text not null references probes(id) on delete cascade,
      workspace_id text not null references workspaces(id) on delete cascade,
      region text not null default '',
      resolution text not null check (resolution in ('minute', 'hour', 'day')),
      bucket_start timestamptz not null,
      count integer not null,
      ok integer not null,
      fail integer not null,
      degraded integer not null,
      histogram jsonb not null,
      primary key (probe_id, resolution, region, bucket_start)
    )`,
    "create index probe_rollups_retention on probe_rollups (resolution, bucket_start)",
  ]);
}
