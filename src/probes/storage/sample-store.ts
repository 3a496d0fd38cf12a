import { sql } from "kysely";
import type { Db } from "../../context/index.js";
import { jsonb } from "../../store/index.js";
import { noDataReason } from "../no-data.js";
import { LATENCY_BOUNDS_MS } from "../rollups/histogram.js";
import {
  DEFAULT_RETENTION,
  type ProbeRollup,
  type RetentionPolicy,
  retentionCutoffs,
  rollUpSamples,
} from "../rollups/rollup.js";
import type { ProbeSample } from "../sample.js";

const CHUNK = 500;

/** Inserts samples (already checked to belong to the workspace) and folds them into the rollups. */
export async function storeSamples(
  db: Db,
  input: {
    workspaceId: string;
    agentId: string | null;
    batchId: string | null;
    receivedAt: Date;
    skewFlagged: boolean;
    samples: readonly ProbeSample[];
  },
): Promise<void> {
  for (let i = 0; i < input.samples.length; i += CHUNK) {
    const rows = input.samples.slice(i, i + CHUNK).map((s) => ({
      workspace_id: input.workspaceId,
      probe_id: s.probe_id as string,
      agent_id: input.agentId,
      batch_id: input.batchId,
      region: s.region,
      at: s.at,
      received_at: input.receivedAt,
      skew_flagged: input.skewFlagged,
      ok: s.ok,
      degraded: s.degraded,
      attempt: s.attempt,
      status: s.status,
      error: s.error,
      total_ms: s.timings_ms.total,
      sample: jsonb(s),
    }));
    if (rows.length > 0) await db.insertInto("probe_samples").values(rows).execute();
  }
  // Rollups stand in for raw samples once retention prunes them, so they hold only evidence about
  // the vendor: a guard-refused, clock-skewed or own-resolver sample stays "no data", never "down".
  const evidence = input.samples.filter(
    (s) => noDataReason({ blocked: s.blocked, skew_flagged: input.skewFlagged, error: s.error }) === null,
  );
  await upsertRollups(db, input.workspaceId, rollUpSamples(evidence));
}

const BUCKETS = LATENCY_BOUNDS_MS.length; // last index of the histogram

/** Adds rollups to the stored ones atomically (counts and histograms add up; no read-modify-write race). */
export async function upsertRollups(
  db: Db,
  workspaceId: string,
  rollups: readonly ProbeRollup[],
): Promise<void> {
  for (let i = 0; i < rollups.length; i += CHUNK) {
    const rows = rollups.slice(i, i + CHUNK).map((r) => ({
      probe_id: r.probe_id,
      workspace_id: workspaceId,
      region: r.region,
      resolution: r.resolution,
      bucket_start: r.bucket_start,
      count: r.count,
      ok: r.ok,
      fail: r.fail,
      degraded: r.degraded,
      histogram: jsonb(r.histogram),
    }));
    await db
      .insertInto("probe_rollups")
      .values(rows)
      .onConflict((oc) =>
        oc.columns(["probe_id", "resolution", "region", "bucket_start"]).doUpdateSet({
          count: sql`probe_rollups.count + excluded.count`,
          ok: sql`probe_rollups.ok + excluded.ok`,
          fail: sql`probe_rollups.fail + excluded.fail`,
          degraded: sql`probe_rollups.degraded + excluded.degraded`,
          histogram: sql`(select jsonb_agg(coalesce((probe_rollups.histogram->>i)::int, 0) + coalesce((excluded.histogram->>i)::int, 0) order by i) from generate_series(0, ${sql.lit(BUCKETS)}) as i)`,
        }),
      )
      .execute();
  }
}

/** Deletes what retention no longer keeps; returns the rows removed per level. */
export async function applyRetention(db: Db, now: Date, policy: RetentionPolicy = DEFAULT_RETENTION) {
  const cut = retentionCutoffs(now, policy);
  const removed = { raw: 0, batches: 0, minute: 0, hour: 0, day: 0 };
  if (cut.raw) {
    removed.raw = Number(
      (await db.deleteFrom("probe_samples").where("at", "<", cut.raw).executeTakeFirst()).numDeletedRows,
    );
    removed.batches = Number(
      (await db.deleteFrom("probe_batches").where("received_at", "<", cut.raw).executeTakeFirst())
        .numDeletedRows,
    );
  }
  for (const level of ["minute", "hour", "day"] as const) {
    const before = cut[level];
    if (!before) continue;
    const res = await db
      .deleteFrom("probe_rollups")
      .where("resolution", "=", level)
      .where("bucket_start", "<", before)
      .executeTakeFirst();
    removed[level] = Number(res.numDeletedRows);
  }
  return removed;
}
