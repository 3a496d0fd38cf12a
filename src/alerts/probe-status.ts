import type { Kysely, Transaction } from "kysely";
import { type Ctx, requireRole } from "../context/index.js";
import { NotFoundError } from "../errors/index.js";
import type { Database } from "../store/index.js";

/** Where a failed probe run stopped. */
export type ErrorPhase = "guard" | "dns" | "connect" | "tls" | "first_byte" | "assertion";

/**
 * The phase a failed sample stopped in, from its error and which timings it reached: a response
 * (status) means the request went through and a check failed; otherwise the first phase with no
 * timing is where it broke (no DNS timing for an IP literal, no TLS timing on http).
 */
export function errorPhase(sample: Record<string, unknown>): ErrorPhase | null {
  if (sample.ok === true) return null;
  if (sample.blocked === true) return "guard";
  const error = String(sample.error ?? "").toLowerCase();
  const t = (sample.timings_ms ?? {}) as Record<string, number | null>;
  if (error.startsWith("dns")) return "dns";
  if (error.startsWith("tls")) return "tls";
  if (sample.status != null || t.first_byte != null) return "assertion";
  if (/refused|unreachable|reset/.test(error) || t.connect == null) return "connect";
  const https = String(sample.url ?? "").startsWith("https") || String(sample.url ?? "").startsWith("wss");
  if (https && t.tls == null) return "tls";
  return "first_byte";
}

export type ProbeHealth = "up" | "degraded" | "down" | "no_data";

export interface RegionStatus {
  region: string;
  status: ProbeHealth;
  last_at: string | null;
  last_error: string | null;
  last_error_phase: ErrorPhase | null;
  last_error_at: string | null;
}

export interface HeartbeatBucket {
  /** Start of the minute. */
  at: string;
  status: ProbeHealth;
  count: number;
  fail: number;
}

export interface ProbeStatus {
  probe_id: string;
  status: ProbeHealth;
  regions: RegionStatus[];
  /** The last `minutes` minutes, oldest first: one bucket per minute (no_data when nothing ran). */
  heartbeat: HeartbeatBucket[];
}

/** How recent a region's data must be to count (older: no data). */
const FRESH_MINUTES = 10;

const health = (count: number, ok: number, fail: number, degraded: number): ProbeHealth =>
  count === 0
    ? "no_data"
    : fail === 0 && degraded === 0
      ? "up"
      : ok === 0 && degraded === 0
        ? "down"
        : "degraded";

/**
 * Readable status of one probe: up / degraded / down / no data per region (from its latest minute
 * rollup within 10 minutes), the last error with its phase, and a per-minute heartbeat across regions.
 */
export async function probeStatus(
  db: Kysely<Database> | Transaction<Database>,
  workspaceId: string,
  probeId: string,
  now: Date,
  minutes = 60,
): Promise<ProbeStatus> {
  const probe = await db
    .selectFrom("probes")
    .select(["id", "regions"])
    .where("workspace_id", "=", workspaceId)
    .where("id", "=", probeId)
    .executeTakeFirst();
  if (!probe) throw new NotFoundError("probe", probeId);
  const span = Math.max(minutes, FRESH_MINUTES);
  const from = new Date(Math.floor(now.getTime() / 60_000) * 60_000 - (span - 1) * 60_000);
  const rollups = await db
    .selectFrom("probe_rollups")
    .select(["region", "bucket_start", "count", "ok", "fail", "degraded"])
    .where("probe_id", "=", probeId)
    .where("resolution", "=", "minute")
    .where("bucket_start", ">=", from)
    .where("bucket_start", "<=", now)
    .orderBy("bucket_start")
    .execute();
  const failures = await db
    .selectFrom("probe_samples")
    .select(["region", "at", "error", "sample"])
    .distinctOn("region")
    .where("probe_id", "=", probeId)
    .where("ok", "=", false)
    .where("at", "<=", now)
    .where("at", ">=", new Date(now.getTime() - 7 * 86_400_000))
    .orderBy("region")
    .orderBy("at", "desc")
    .execute();
  const freshFrom = now.getTime() - FRESH_MINUTES * 60_000;
  const names = new Set<string>([
    ...(Array.isArray(probe.regions) ? (probe.regions as string[]) : []),
    ...rollups.map((r) => r.region || "server"),
  ]);
  const regions: RegionStatus[] = [...names].sort().map((region) => {
    const mine = rollups.filter((r) => (r.region || "server") === region);
    const last = mine.at(-1);
    const fresh = last && new Date(last.bucket_start).getTime() >= freshFrom;
    const f = failures.find((x) => (x.region || "server") === region);
    return {
      region,
      status: fresh && last ? health(last.count, last.ok, last.fail, last.degraded) : "no_data",
      last_at: last ? new Date(last.bucket_start).toISOString() : null,
      last_error: f?.error ?? null,
      last_error_phase: f ? errorPhase(f.sample as Record<string, unknown>) : null,
      last_error_at: f ? new Date(f.at).toISOString() : null,
    };
  });
  const known = regions.filter((r) => r.status !== "no_data");
  const status: ProbeHealth =
    known.length === 0
      ? "no_data"
      : known.every((r) => r.status === "up")
        ? "up"
        : known.every((r) => r.status === "down")
          ? "down"
          : "degraded";
  const heartbeat: HeartbeatBucket[] = [];
  const start = Math.floor(now.getTime() / 60_000) * 60_000 - (minutes - 1) * 60_000;
  const byMinute = new Map<number, { count: number; ok: number; fail: number; degraded: number }>();
  for (const r of rollups) {
    const t = new Date(r.bucket_start).getTime();
    const b = byMinute.get(t) ?? { count: 0, ok: 0, fail: 0, degraded: 0 };
    b.count += r.count;
    b.ok += r.ok;
    b.fail += r.fail;
    b.degraded += r.degraded;
    byMinute.set(t, b);
  }
  for (let t = start; t <= now.getTime(); t += 60_000) {
    const b = byMinute.get(t) ?? { count: 0, ok: 0, fail: 0, degraded: 0 };
    heartbeat.push({
      at: new Date(t).toISOString(),
      status: health(b.count, b.ok, b.fail, b.degraded),
      count: b.count,
      fail: b.fail,
    });
  }
  return { probe_id: probeId, status, regions, heartbeat };
}

/** Verb: a probe's readable status (viewer). */
export async function getProbeStatus({
  ctx,
  input,
}: {
  ctx: Ctx;
  input: { probeId: string; minutes?: number };
}): Promise<ProbeStatus> {
  const ws = requireRole(ctx, "viewer");
  const minutes = Math.min(Math.max(Math.trunc(input.minutes ?? 60), 1), 24 * 60);
  return probeStatus(ctx.db, ws, input.probeId, ctx.now, minutes);
}
