import type { Kysely } from "kysely";
import { runStatements } from "./run-statements.js";

const NOW = "date_trunc('milliseconds', now())";

/**
 * Instance roles, invitations, password resets, session idle time and token lineage:
 * - `users.instance_role`: 'admin' (the setup account; may create workspaces, export, manage
 *   accounts) or 'member'. Existing instances make the setup account admin (its `setup` audit
 *   entry, or the oldest user when there is none).
 * - `users.password_reset_hash/_expires_at`: an admin-issued one-time reset token (sha256).
 * - `sessions.last_seen_at`: for the idle lifetime, written at a coarse resolution.
 * - `api_tokens.parent_id`: the token that minted this one; revoking a token revokes its children.
 * - `invitations`: a workspace admin invites an email; the token is stored as its sha256.
 */
// biome-ignore lint/suspicious/noExplicitAny: migrations run before the typed schema exists
export async function up(db: Kysely<any>): Promise<void> {
  await runStatements(db, [
    `alter table users
      add column instance_role text not null default 'member' check (instance_role in ('admin', 'member')),
      add column password_reset_hash text,
      add column password_reset_expires_at timestamptz`,
    `update users set instance_role = 'admin' where id = coalesce(
      (select entity_id from audit_log where action = 'setup' and entity = 'user' order by at limit 1),
      (select id from users order by created_at, id limit 1))`,
    `alter table sessions add column last_seen_at timestamptz not null default ${NOW}`,
    "create index sessions_user on sessions (user_id)",
    "alter table api_tokens add column parent_id text references api_tokens(id) on delete set null",
    `create table invitations (
      id text primary key,
      workspace_id text not null references workspaces(id) on delete cascade,
      email text not null,
      role text not null check (role in ('admin', 'editor', 'viewer')),
      token_hash text not null unique,
      invited_by text references users(id) on delete set null,
      created_at timestamptz not null default ${NOW},
      expires_at timestamptz not null,
      accepted_at timestamptz,
      accepted_by text references users(id) on delete set null,
      revoked_at timestamptz
    )`,
    "create index invitations_workspace on invitations (workspace_id, created_at)",
  ]);
}
