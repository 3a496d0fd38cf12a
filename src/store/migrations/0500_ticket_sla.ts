import type { Kysely } from "kysely";
import { runStatements } from "./run-statements.js";

/**
 * Each ticket's SLA state as of its last event, stored with the ticket so lists neither load
 * events nor replay timelines, and `?sla=breached|at_risk|running` filters in SQL:
 * - `sla_snapshot`: per metric { state, due, breached_at, at_75 } (src/tickets/sla-snapshot.ts);
 * - `sla_breach_at`: the instant after which the ticket counts as breached (earliest breach, or
 *   the earliest due of a running metric); `sla_risk_at`: the earliest 75% instant of a running
 *   metric; `sla_running`: a metric is running;
 * - `sla_version`: which clock data computed it; null (or an older version) means "recompute".
 */
// biome-ignore lint/suspicious/noExplicitAny: migrations run before the typed schema exists
export async function up(db: Kysely<any>): Promise<void> {
  await runStatements(db, [
    `alter table tickets
      add column sla_snapshot jsonb,
      add column sla_breach_at timestamptz,
      add column sla_risk_at timestamptz,
      add column sla_running boolean not null default false,
      add column sla_version text`,
  ]);
}
