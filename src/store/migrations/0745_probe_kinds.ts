import type { Kysely } from "kysely";
import { runStatements } from "./run-statements.js";

/**
 * Probe kinds become rows (`probe_kinds`) instead of a CHECK list, so a kind added to the registry
 * (src/probes/kinds/index.ts) needs no migration: the probes module writes the registry's names
 * here (`syncProbeKinds`) before it stores a probe, and `probes.kind` references them.
 */
// biome-ignore lint/suspicious/noExplicitAny: migrations run before the typed schema exists
export async function up(db: Kysely<any>): Promise<void> {
  await runStatements(db, [
    "create table probe_kinds (name text primary key)",
    "insert into probe_kinds (name) values ('http'), ('sse'), ('ws'), ('tcp'), ('tls')",
    "alter table probes drop constraint probes_kind_check",
    "alter table probes add constraint probes_kind_fkey foreign key (kind) references probe_kinds (name)",
  ]);
}
