import type { Kysely } from "kysely";
import { runStatements } from "./run-statements.js";

/**
 * Scheduled work shared by several servers on one database (src/jobs):
 * - job_servers: the live replicas (heartbeat), so probe rounds are shared out among them;
 * - job_schedules: per recurring job, the latest slot already enqueued (one server advances it);
 * - job_missed: slots not run, recorded instead of silently dropped (catchUp "record"/"latest");
 * - probe_round_claims: one row per (probe, region, slot): the primary key makes the claim
 *   exactly-once; lease_until lets another server take over a slot whose holder died.
 * No foreign key to probes: a claim outlives a deleted probe until retention prunes it.
 */
// biome-ignore lint/suspicious/noExplicitAny: migrations run before the typed schema exists
export async function up(db: Kysely<any>): Promise<void> {
  await runStatements(db, [
    `create table job_servers (
      id text primary key,
      host text not null,
      pid integer not null,
      started_at timestamptz not null default now(),
      heartbeat_at timestamptz not null default now()
    )`,
    `create table job_schedules (
      name text primary key,
      last_slot timestamptz not null,
      updated_at timestamptz not null default now()
    )`,
    `create table job_missed (
      name text not null,
      scheduled_for timestamptz not null,
      reason text not null,
      recorded_at timestamptz not null default now(),
      primary key (name, scheduled_for)
    )`,
    `create table probe_round_claims (
      probe_id text not null,
      region text not null,
      slot timestamptz not null,
      holder text not null,
      lease_until timestamptz not null,
      done_at timestamptz,
      primary key (probe_id, region, slot)
    )`,
    // the takeover sweep reads only the open claims
    "create index probe_round_claims_open on probe_round_claims (region, lease_until) where done_at is null",
    "create index probe_round_claims_slot on probe_round_claims (slot)",
  ]);
}
