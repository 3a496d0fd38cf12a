import type { ProbeSample } from "../sample.js";
import {
  addToHistogram,
  emptyHistogram,
  histogramQuantile,
  type LatencyHistogram,
  mergeHistograms,
} from "./histogram.js";

export type RollupResolution = "minute" | "hour" | "day";
export const ROLLUP_RESOLUTIONS: readonly RollupResolution[] = ["minute", "hour", "day"];

const SIZE_MS: Record<RollupResolution, number> = { minute: 60_000, hour: 3_600_000, day: 86_400_000 };

/** Start of the UTC bucket holding `at`. */
export function bucketStart(at: Date, resolution: RollupResolution): Date {
  const t = at.getTime();
  return new Date(t - (((t % SIZE_MS[resolution]) + SIZE_MS[resolution]) % SIZE_MS[resolution]));
}

/**
 * Counts for one probe, region and time bucket. `fail` counts samples with `ok: false` (degraded
 * ones included) and `degraded` the throttled subset; only the scheduled try (attempt 1) is
 * counted, so retries never hide or double a failure. Latency is over ok samples.
 */
export interface ProbeRollup {
  probe_id: string;
  region: string;
  resolution: RollupResolution;
  bucket_start: Date;
  count: number;
  ok: number;
  fail: number;
  degraded: number;
  histogram: LatencyHistogram;
}

/** A rollup as the API returns it: quantiles from the histogram. */
export interface ProbeRollupView {
  probe_id: string;
  region: string | null;
  resolution: RollupResolution;
  bucket_start: string;
  count: number;
  ok: number;
  fail: number;
  degraded: number;
  p50_ms: number | null;
  p95_ms: number | null;
  p99_ms: number | null;
}

export function rollupKey(
  r: Pick<ProbeRollup, "probe_id" | "region" | "resolution" | "bucket_start">,
): string {
  return `${r.probe_id}|${r.region}|${r.resolution}|${r.bucket_start.toISOString()}`;
}

/** Rolls samples up into minute, hour and day buckets (one rollup per probe, region, resolution and bucket). */
export function rollUpSamples(
  samples: readonly ProbeSample[],
  resolutions = ROLLUP_RESOLUTIONS,
): ProbeRollup[] {
  const out = new Map<string, ProbeRollup>();
  for (const s of samples) {
    if (s.attempt !== 1 || s.probe_id === null) continue;
    const t = Date.parse(s.at);
    const region = s.region ?? "";
    for (const resolution of resolutions) {
      const size = SIZE_MS[resolution];
      const start = t - (((t % size) + size) % size);
      const key = `${s.probe_id}|${region}|${resolution}|${start}`;
      let target = out.get(key);
      if (!target) {
        target = {
          probe_id: s.probe_id,
          region,
          resolution,
          bucket_start: new Date(start),
          count: 0,
          ok: 0,
          fail: 0,
          degraded: 0,
          histogram: emptyHistogram(),
        };
        out.set(key, target);
      }
      target.count++;
      if (s.ok) target.ok++;
      else target.fail++;
      if (s.degraded) target.degraded++;
      if (s.ok && s.timings_ms.total !== null) addToHistogram(target.histogram, s.timings_ms.total);
    }
  }
  return [...out.values()];
}

/** Adds `b` into `a` (same key). */
export function mergeRollups(
  a: ProbeRollup,
  b: Pick<ProbeRollup, "count" | "ok" | "fail" | "degraded" | "histogram">,
): ProbeRollup {
  a.count += b.count;
  a.ok += b.ok;
  a.fail += b.fail;
  a.degraded += b.degraded;
  mergeHistograms(a.histogram, b.histogram);
  return a;
}

export function viewRollup(r: ProbeRollup): ProbeRollupView {
  return {
    probe_id: r.probe_id,
    region: r.region === "" ? null : r.region,
    resolution: r.resolution,
    bucket_start: r.bucket_start.toISOString(),
    count: r.count,
    ok: r.ok,
    fail: r.fail,
    degraded: r.degraded,
    p50_ms: histogramQuantile(r.histogram, 0.5),
    p95_ms: histogramQuantile(r.histogram, 0.95),
    p99_ms: histogramQuantile(r.histogram, 0.99),
  };
}

/** How long each level is kept (days); null keeps it forever. */
export interface RetentionPolicy {
  raw_days: number | null;
  minute_days: number | null;
  hour_days: number | null;
  day_days: number | null;
}

// Minute rollups are the evidence of a service-credit claim: keep a whole month plus the
// longest claim window in data/availability/formulas.yaml (60 days) with slack.
export const DEFAULT_RETENTION: RetentionPolicy = {
  raw_days: 7,
  minute_days: 100,
  hour_days: 400,
  day_days: null,
};

/** The instant before which each level is deleted at `now` (null = keep). */
export function retentionCutoffs(now: Date, policy: RetentionPolicy = DEFAULT_RETENTION) {
  const cut = (days: number | null) => (days === null ? null : new Date(now.getTime() - days * 86_400_000));
  return {
    raw: cut(policy.raw_days),
    minute: cut(policy.minute_days),
    hour: cut(policy.hour_days),
    day: cut(policy.day_days),
  };
}
