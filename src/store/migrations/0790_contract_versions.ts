import type { Kysely } from "kysely";
import { runStatements } from "./run-statements.js";

/**
 * Every saved version of a contract's terms YAML (the editor's history and diff). The current
 * version of each existing contract is copied in; earlier edits were not kept before this.
 */
// biome-ignore lint/suspicious/noExplicitAny: migrations run before the typed schema exists
export async function up(db: Kysely<any>): Promise<void> {
  await runStatements(db, [
    `create table contract_versions (
      contract_id text not null references contracts(id) on delete cascade,
      workspace_id text not null references workspaces(id) on delete cascade,
      version integer not null,
      name text not null,
      terms_yaml text not null,
      created_by text references users(id) on delete set null,
      created_at timestamptz not null,
      primary key (contract_id, version)
    )`,
    `insert into contract_versions (contract_id, workspace_id, version, name, terms_yaml, created_by, created_at)
      select id, workspace_id, version, name, terms_yaml,
        case when version = 1 then created_by else null end, updated_at
      from contracts`,
  ]);
}
