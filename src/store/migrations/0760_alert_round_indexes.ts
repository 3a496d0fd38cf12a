import type { Kysely } from "kysely";
import { runStatements } from "./run-statements.js";

/**
 * The alert round reads only failing minute rollups to find its candidates (src/alerts rules
 * probe-regions and burn-rate): a partial index on them stays small however many healthy probes
 * there are, so a round costs what is failing, not what is stored.
 */
// biome-ignore lint/suspicious/noExplicitAny: migrations run before the typed schema exists
export async function up(db: Kysely<any>): Promise<void> {
  await runStatements(db, [
    "create index probe_rollups_minute_failing on probe_rollups (bucket_start, probe_id) where resolution = 'minute' and fail > 0",
  ]);
}
