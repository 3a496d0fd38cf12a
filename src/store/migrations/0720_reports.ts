import type { Kysely } from "kysely";
import { runStatements } from "./run-statements.js";

/**
 * - `ticket_satisfaction`: the buyer's own score (1–5, with a note) for a solved ticket, one per
 *   ticket (a second rating replaces the first); the period's satisfaction figure in src/report.
 * - `reports`: generated SLA reports kept for download and delivery, one per (workspace, subject,
 *   period, lang); `subject` is `vendor:<id>` or `contract:<id>`, `model` the report model JSON.
 */
// biome-ignore lint/suspicious/noExplicitAny: migrations run before the typed schema exists
export async function up(db: Kysely<any>): Promise<void> {
  await runStatements(db, [
    `create table ticket_satisfaction (
      ticket_id text primary key references tickets(id) on delete cascade,
      workspace_id text not null references workspaces(id) on delete cascade,
      score smallint not null check (score between 1 and 5),
      note text not null default '',
      rated_by text references users(id) on delete set null,
      rated_at timestamptz not null default date_trunc('milliseconds', now())
    )`,
    `create index ticket_satisfaction_ws on ticket_satisfaction (workspace_id)`,
    `create table reports (
      id text primary key,
      workspace_id text not null references workspaces(id) on delete cascade,
      subject text not null,
      period text not null,
      lang text not null,
      schedule text,
      model jsonb not null,
      html text not null,
      created_by text references users(id) on delete set null,
      created_at timestamptz not null default date_trunc('milliseconds', now()),
      unique (workspace_id, subject, period, lang)
    )`,
  ]);
}
