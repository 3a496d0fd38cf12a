import { type Kysely, sql } from "kysely";
import type { Database } from "../../store/index.js";
import { noDataReason, type Observation } from "../observation.js";

const MINUTE = 60_000;

export interface ObservationQuery {
  workspaceId: string;
  contractId: string;
  vendorId: string | null;
  /** The probes whose samples are evidence; null = every probe of the contract's vendor. */
  probeIds: string[] | null;
  from: Date;
  to: Date;
  /** Count throttled answers (429, "degraded") as the vendor's failures; default false (answered). */
  countDegraded?: boolean;
}

/**
 * The evidence of a period, sorted by time: probe samples (scheduled tries only: retries never
 * replace a failure; guard-refused, clock-skewed and own-resolver samples marked `no_data`) and the customer's imported request logs. Where raw samples have been pruned
 * by retention, the probe's minute rollups stand in: they keep the per-minute counts the formulas
 * need (every formula works on minutes or multiples of them).
 */
export async function loadObservations(db: Kysely<Database>, q: ObservationQuery): Promise<Observation[]> {
  const probeIds = q.probeIds ?? (await vendorProbes(db, q.workspaceId, q.vendorId));
  const out: Observation[] = [];
  if (probeIds.length) {
    const samples = await db
      .selectFrom("probe_samples")
      .select(["probe_id", "at", "ok", "degraded", "status", "total_ms", "region", "skew_flagged", "error"])
      .select(sql<boolean | null>`(sample->>'blocked') = 'true'`.as("blocked"))
      .where("workspace_id", "=", q.workspaceId)
      .where("probe_id", "in", probeIds)
      .where("attempt", "=", 1)
      .where("at", ">=", q.from)
      .where("at", "<", q.to)
      .execute();
    const rawStart = new Map<string, number>();
    for (const s of samples) {
      const t = new Date(s.at).getTime();
      rawStart.set(s.probe_id, Math.min(rawStart.get(s.probe_id) ?? Number.POSITIVE_INFINITY, t));
      out.push({
        t,
        ok: s.ok || (s.degraded && !q.countDegraded),
        status: s.status,
        latency_ms: s.total_ms,
        region: s.region,
        source: "probe",
        no_data: noDataReason({
          blocked: s.blocked === true,
          skew_flagged: s.skew_flagged,
          error: s.error,
        }),
      });
    }
    // A loop, not push(...spread): a quarter of minute rollups is more arguments than the stack holds.
    for (const o of await rollupObservations(db, q, probeIds, rawStart)) out.push(o);
  }
  const logs = await db
    .selectFrom("request_log_entries")
    .select(["at", "ok", "status", "latency_ms", "region"])
    .where("workspace_id", "=", q.workspaceId)
    .where("contract_id", "=", q.contractId)
    .where("at", ">=", q.from)
    .where("at", "<", q.to)
    .execute();
  for (const l of logs) {
    out.push({
      t: new Date(l.at).getTime(),
      ok: l.ok,
      status: l.status,
      latency_ms: l.latency_ms,
      region: l.region,
      source: "logs",
    });
  }
  return out.sort((a, b) => a.t - b.t);
}

async function vendorProbes(
  db: Kysely<Database>,
  workspaceId: string,
  vendorId: string | null,
): Promise<string[]> {
  if (!vendorId) return [];
  const rows = await db
    .selectFrom("probes")
    .select("id")
    .where("workspace_id", "=", workspaceId)
    .where("vendor_id", "=", vendorId)
    .execute();
  return rows.map((r) => r.id);
}

/**
 * Minute rollups before each probe's first raw sample, expanded into per-minute observations.
 * Fetched as one row of arrays per (probe, region): a quarter is ~650k rollups, and decoding that
 * many rows one by one took seconds; the arrays carry the same values in a fraction of the time.
 */
async function rollupObservations(
  db: Kysely<Database>,
  q: ObservationQuery,
  probeIds: string[],
  rawStart: Map<string, number>,
): Promise<Observation[]> {
  // No ORDER BY inside the aggregates: each would sort on its own, and the arrays only need to be
  // aligned with one another, which they are (every aggregate of a group sees its rows in one pass).
  // date_part is float8 epoch seconds, exact for minute-aligned buckets.
  const failureCount = q.countDegraded ? sql<number>`fail` : sql<number>`fail - degraded`;
  const groups = await db
    .selectFrom("probe_rollups")
    .select(["probe_id", "region"])
    .select([
      sql<number[]>`array_agg(floor(date_part('epoch', bucket_start) * 1000))`.as("starts"),
      sql<number[]>`array_agg(count)`.as("counts"),
      sql<number[]>`array_agg(${failureCount})`.as("failures"),
    ])
    .where("workspace_id", "=", q.workspaceId)
    .where("probe_id", "in", probeIds)
    .where("resolution", "=", "minute")
    .where("bucket_start", ">=", q.from)
    .where("bucket_start", "<", q.to)
    .groupBy(["probe_id", "region"])
    .execute();
  const out: Observation[] = [];
  for (const g of groups) {
    const first = rawStart.get(g.probe_id);
    const rawMinute = first === undefined ? Number.POSITIVE_INFINITY : Math.floor(first / MINUTE) * MINUTE;
    const region = g.region || null;
    for (let k = 0; k < g.starts.length; k++) {
      const t = Number(g.starts[k]);
      if (t >= rawMinute) continue; // raw samples cover it
      const count = Number(g.counts[k]);
      const failures = Number(g.failures[k]);
      for (let i = 0; i < count; i++) {
        out.push({
          t: t + Math.floor((i * MINUTE) / Math.max(count, 1)),
          ok: i >= failures,
          status: null,
          latency_ms: null,
          region,
          source: "probe",
        });
      }
    }
  }
  return out;
}
