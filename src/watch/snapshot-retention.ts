import { type Kysely, sql } from "kysely";
import { InputError } from "../errors/index.js";
import type { RecurringJob } from "../jobs/job-definition.js";
import type { Database } from "../store/index.js";

/**
 * How long raw fetches are kept. A snapshot that made a version ("changed") is kept forever: it is
 * the evidence of what the vendor published. Any other fetch (unchanged, 304, broken, unreachable)
 * is kept while it is one of its watch's last `keepLast` such fetches or younger than `keepDays`.
 */
export interface SnapshotRetention {
  keepLast: number;
  keepDays: number;
}

export const DEFAULT_SNAPSHOT_RETENTION: SnapshotRetention = { keepLast: 10, keepDays: 30 };

function whole(env: Record<string, string | undefined>, name: string, fallback: number): number {
  const raw = env[name]?.trim();
  if (!raw) return fallback;
  if (!/^\d+$/.test(raw) || Number(raw) > 100_000)
    throw new InputError(name, "must be a whole number from 0 to 100000");
  return Number(raw);
}

/** The operator's policy: TERMSIGHT_WATCH_SNAPSHOTS_KEEP (default 10) and TERMSIGHT_WATCH_SNAPSHOTS_DAYS (default 30). */
export function snapshotRetentionFromEnv(env: Record<string, string | undefined>): SnapshotRetention {
  return {
    keepLast: whole(env, "TERMSIGHT_WATCH_SNAPSHOTS_KEEP", DEFAULT_SNAPSHOT_RETENTION.keepLast),
    keepDays: whole(env, "TERMSIGHT_WATCH_SNAPSHOTS_DAYS", DEFAULT_SNAPSHOT_RETENTION.keepDays),
  };
}

/** Deletes the fetches the policy no longer keeps; version snapshots are never touched. */
export async function pruneWatchSnapshots(
  db: Kysely<Database>,
  now: Date,
  policy: SnapshotRetention,
): Promise<{ removed: number }> {
  const cutoff = new Date(now.getTime() - policy.keepDays * 86_400_000);
  const result = await sql<{ id: string }>`
    delete from watch_snapshots where id in (
      select id from (
        select id, fetched_at,
               row_number() over (partition by watch_id order by fetched_at desc, id desc) as newer
          from watch_snapshots
         where outcome <> 'changed'
      ) ranked
      where ranked.newer > ${policy.keepLast} and ranked.fetched_at < ${cutoff}
    ) returning id`.execute(db);
  return { removed: result.rows.length };
}

/** Daily at 03:17 UTC: prunes watch snapshots (a missed day needs no catch-up: the next run prunes all). */
export function createWatchRetentionJob(policy: SnapshotRetention): RecurringJob {
  return {
    name: "watch-retention",
    cron: "17 3 * * *",
    timeZone: "UTC",
    catchUp: "latest",
    timeoutMs: 10 * 60_000,
    async run(ctx) {
      const removed = await pruneWatchSnapshots(ctx.store.db, ctx.now(), policy);
      ctx.log("watch snapshot retention", { ...removed, ...policy });
    },
  };
}
