import type { Kysely } from "kysely";
import { runStatements } from "./run-statements.js";

/**
 * - `credit_records`: per (contract, month) what the buyer did about the service credit: the claim
 *   sent (date, amount, the vendor's reference) and the credit received (date, amount). Dates are
 *   local dates as written on the claim (`YYYY-MM-DD`), not instants. Read by src/report's credits.
 */
// biome-ignore lint/suspicious/noExplicitAny: migrations run before the typed schema exists
export async function up(db: Kysely<any>): Promise<void> {
  await runStatements(db, [
    `create table credit_records (
      id text primary key,
      workspace_id text not null references workspaces(id) on delete cascade,
      contract_id text not null references contracts(id) on delete cascade,
      period text not null check (period ~ '^[0-9]{4}-(0[1-9]|1[0-2])$'),
      currency text,
      claimed_on text check (claimed_on ~ '^[0-9]{4}-[0-9]{2}-[0-9]{2}$'),
      amount_claimed double precision check (amount_claimed >= 0),
      claim_reference text not null default '',
      received_on text check (received_on ~ '^[0-9]{4}-[0-9]{2}-[0-9]{2}$'),
      amount_received double precision check (amount_received >= 0),
      version integer not null default 1,
      created_by text references users(id) on delete set null,
      created_at timestamptz not null default date_trunc('milliseconds', now()),
      updated_at timestamptz not null default date_trunc('milliseconds', now()),
      unique (workspace_id, contract_id, period)
    )`,
  ]);
}
