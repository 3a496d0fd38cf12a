import type { Kysely } from "kysely";
import { runStatements } from "./run-statements.js";

/**
 * The alert round reads the tickets whose SLA is running and the firing alerts of each rule in
 * pages by id (store/read-in-pages.ts), so that thousands of rows never reach the server's event
 * loop at once. These indexes hold only those rows, in id order: a page is an index range, and
 * closed tickets and resolved alerts (most of both tables, in time) are never read.
 */
// biome-ignore lint/suspicious/noExplicitAny: migrations run before the typed schema exists
export async function up(db: Kysely<any>): Promise<void> {
  await runStatements(db, [
    "create index tickets_sla_running on tickets (id) where sla_running",
    "create index alerts_firing_by_rule on alerts (rule, id) where status = 'firing'",
  ]);
}
