import type { Kysely } from "kysely";
import { runStatements } from "./run-statements.js";

/**
 * Secrets a workspace admin stores for probe placeholders (`${secret:NAME}`): only sealed values
 * (AES-256-GCM, see src/probes/secret-store) and the fingerprint of the key that sealed them.
 */
// biome-ignore lint/suspicious/noExplicitAny: migrations run before the typed schema exists
export async function up(db: Kysely<any>): Promise<void> {
  await runStatements(db, [
    `create table workspace_secrets (
      workspace_id text not null references workspaces(id) on delete cascade,
      name text not null,
      sealed text not null,
      key_id text not null,
      created_by text references users(id) on delete set null,
      created_at timestamptz not null default date_trunc('milliseconds', now()),
      updated_at timestamptz not null default date_trunc('milliseconds', now()),
      primary key (workspace_id, name)
    )`,
  ]);
}
