import { type Kysely, sql } from "kysely";
import { InputError } from "../../errors/index.js";
import type { Database } from "../../store/index.js";
import type { ProbeRollupView, RollupResolution } from "../rollups/rollup.js";
import { viewRollup } from "../rollups/rollup.js";

export interface SampleQuery {
  probeId: string;
  workspaceId: string;
  from?: Date;
  to?: Date;
  region?: string;
  limit: number;
  /** base64url of [at ISO, id] from the previous page. */
  cursor?: string;
}

export interface StoredSampleView {
  id: string;
  agent_id: string | null;
  batch_id: string | null;
  received_at: string;
  skew_flagged: boolean;
  sample: Record<string, unknown>;
}

function decode(cursor: string): { at: Date; id: string } {
  try {
    const [at, id] = JSON.parse(Buffer.from(cursor, "base64url").toString("utf8")) as [string, string];
    if (!/^\d+$/.test(id) || Number.isNaN(Date.parse(at))) throw new Error("bad");
    return { at: new Date(at), id };
  } catch {
    throw new InputError("query.cursor", "not a cursor returned by this list");
  }
}

/** Raw samples of one probe, newest first, keyset-paginated. */
export async function listSamples(
  db: Kysely<Database>,
  q: SampleQuery,
): Promise<{ items: StoredSampleView[]; next_cursor: string | null }> {
  let query = db
    .selectFrom("probe_samples")
    .select(["id", "agent_id", "batch_id", "at", "received_at", "skew_flagged", "sample"])
    .where("workspace_id", "=", q.workspaceId)
    .where("probe_id", "=", q.probeId);
  if (q.from) query = query.where("at", ">=", q.from);
  if (q.to) query = query.where("at", "<", q.to);
  if (q.region) query = query.where("region", "=", q.region);
  if (q.cursor) {
    const c = decode(q.cursor);
    query = query.where(sql<boolean>`(at, id) < (${c.at.toISOString()}::timestamptz, ${c.id}::bigint)`);
  }
  const rows = await query
    .orderBy("at", "desc")
    .orderBy("id", "desc")
    .limit(q.limit + 1)
    .execute();
  const page = rows.slice(0, q.limit);
  const last = page[page.length - 1];
  return {
    items: page.map((r) => ({
      id: String(r.id),
      agent_id: r.agent_id,
      batch_id: r.batch_id,
      received_at: new Date(r.received_at).toISOString(),
      skew_flagged: r.skew_flagged,
      sample: r.sample,
    })),
    next_cursor:
      rows.length > q.limit && last
        ? Buffer.from(JSON.stringify([new Date(last.at).toISOString(), String(last.id)])).toString(
            "base64url",
          )
        : null,
  };
}

/** Rollups of one probe at a resolution, oldest first, with p50/p95/p99 from the histograms. */
export async function listRollups(
  db: Kysely<Database>,
  q: {
    probeId: string;
    workspaceId: string;
    resolution: RollupResolution;
    from?: Date;
    to?: Date;
    region?: string;
    limit: number;
  },
): Promise<ProbeRollupView[]> {
  let query = db
    .selectFrom("probe_rollups")
    .selectAll()
    .where("workspace_id", "=", q.workspaceId)
    .where("probe_id", "=", q.probeId)
    .where("resolution", "=", q.resolution);
  if (q.from) query = query.where("bucket_start", ">=", q.from);
  if (q.to) query = query.where("bucket_start", "<", q.to);
  if (q.region !== undefined) query = query.where("region", "=", q.region);
  const rows = await query.orderBy("bucket_start", "asc").orderBy("region", "asc").limit(q.limit).execute();
  return rows.map((r) =>
    viewRollup({
      probe_id: r.probe_id,
      region: r.region,
      resolution: r.resolution,
      bucket_start: new Date(r.bucket_start),
      count: r.count,
      ok: r.ok,
      fail: r.fail,
      degraded: r.degraded,
      histogram: r.histogram,
    }),
  );
}
