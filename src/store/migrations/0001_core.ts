import type { Kysely } from "kysely";
import { runStatements } from "./run-statements.js";

/** Timestamps default to now() truncated to milliseconds, so JS Dates round-trip exactly (cursors rely on it). */
const NOW = "date_trunc('milliseconds', now())";

// biome-ignore lint/suspicious/noExplicitAny: migrations run before the typed schema exists
export async function up(db: Kysely<any>): Promise<void> {
  await runStatements(db, [
    `create table users (
      id text primary key,
      email text not null unique,
      name text not null,
      password_hash text not null,
      created_at timestamptz not null default ${NOW}
    )`,
    `create table sessions (
      id text primary key,
      user_id text not null references users(id) on delete cascade,
      token_hash text not null unique,
      csrf_token text not null,
      created_at timestamptz not null default ${NOW},
      expires_at timestamptz not null
    )`,
    `create table workspaces (
      id text primary key,
      name text not null,
      version integer not null default 1,
      created_at timestamptz not null default ${NOW},
      updated_at timestamptz not null default ${NOW}
    )`,
    `create table memberships (
      workspace_id text not null references workspaces(id) on delete cascade,
      user_id text not null references users(id) on delete cascade,
      role text not null check (role in ('admin', 'editor', 'viewer')),
      created_at timestamptz not null default ${NOW},
      primary key (workspace_id, user_id)
    )`,
    "create index memberships_user on memberships (user_id)",
    `create table api_tokens (
      id text primary key,
      workspace_id text not null references workspaces(id) on delete cascade,
      user_id text not null references users(id) on delete cascade,
      name text not null,
      token_hash text not null unique,
      prefix text not null,
      scopes jsonb not null,
      created_at timestamptz not null default ${NOW},
      expires_at timestamptz,
      last_used_at timestamptz,
      revoked_at timestamptz
    )`,
    `create table vendors (
      id text primary key,
      workspace_id text not null references workspaces(id) on delete cascade,
      name text not null,
      website text,
      notes text,
      version integer not null default 1,
      created_at timestamptz not null default ${NOW},
      updated_at timestamptz not null default ${NOW},
      unique (workspace_id, name)
    )`,
    `create table products (
      id text primary key,
      workspace_id text not null references workspaces(id) on delete cascade,
      vendor_id text not null references vendors(id) on delete cascade,
      name text not null,
      created_at timestamptz not null default ${NOW},
      unique (vendor_id, name)
    )`,
    `create table documents (
      id text primary key,
      workspace_id text not null references workspaces(id) on delete cascade,
      vendor_id text references vendors(id) on delete set null,
      product_id text references products(id) on delete set null,
      name text not null,
      format text not null,
      language text not null,
      encoding text,
      size_bytes integer not null,
      sha256 text not null,
      version integer not null,
      original bytea not null,
      text text not null,
      created_by text references users(id) on delete set null,
      created_at timestamptz not null default ${NOW},
      unique (workspace_id, sha256)
    )`,
    "create index documents_list on documents (workspace_id, created_at desc, id desc)",
    `create table reviews (
      id text primary key,
      workspace_id text not null references workspaces(id) on delete cascade,
      document_id text not null references documents(id) on delete cascade,
      scenario text not null,
      lang text not null,
      result jsonb not null,
      score integer,
      created_by text references users(id) on delete set null,
      created_at timestamptz not null default ${NOW},
      unique (document_id, scenario, lang)
    )`,
    `create table contracts (
      id text primary key,
      workspace_id text not null references workspaces(id) on delete cascade,
      vendor_id text references vendors(id) on delete set null,
      name text not null,
      terms_yaml text not null,
      terms jsonb not null,
      valid_from text,
      valid_to text,
      version integer not null default 1,
      created_by text references users(id) on delete set null,
      created_at timestamptz not null default ${NOW},
      updated_at timestamptz not null default ${NOW}
    )`,
    `create table audit_log (
      id text primary key,
      workspace_id text references workspaces(id) on delete cascade,
      actor_id text references users(id) on delete set null,
      action text not null,
      entity text not null,
      entity_id text,
      at timestamptz not null default ${NOW},
      details jsonb
    )`,
    "create index audit_log_list on audit_log (workspace_id, at desc, id desc)",
    `create table settings (
      key text primary key,
      value jsonb not null,
      updated_at timestamptz not null default ${NOW}
    )`,
  ]);
}
