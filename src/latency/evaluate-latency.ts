import { Temporal } from "temporal-polyfill";
import { elapsedPeriod, formatInstant, type Period } from "../availability/index.js";
import type { LatencyMetric, LatencyTarget } from "../terms/index.js";

/** One probe run's timings, as the latency evaluation reads them. */
export interface LatencySample {
  /** Epoch milliseconds. */
  t: number;
  probe_id: string | null;
  region: string | null;
  /** Milliseconds per metric; null or missing = the phase did not happen or was not measured. */
  values: Partial<Record<LatencyMetric, number | null>>;
  /** Not evidence about the vendor (guard-refused, clock skew, our resolver): never judged. */
  no_data?: boolean;
}

export interface LatencyBreachSample {
  at: string;
  probe_id: string | null;
  value_ms: number;
}

export interface LatencyRegionResult {
  /** The probe region; null for samples without one. */
  region: string | null;
  samples: number;
  /** The target's statistic over the whole (elapsed) period; for `each` the slowest sample. */
  value_ms: number | null;
  windows_judged: number;
  windows_breached: number;
  /** Null when no window had enough samples to be judged. */
  met: boolean | null;
  breached_windows: { start: string; end: string; samples: number; value_ms: number }[];
  /** Samples at or above the bound in breached windows: the evidence (first 50 listed). */
  breaching_samples: { count: number; first: LatencyBreachSample[] };
}

export interface LatencyTargetResult {
  target: LatencyTarget;
  met: boolean | null;
  regions: LatencyRegionResult[];
}

export interface LatencyReport {
  schema: "termsight.latency/v1";
  period: {
    label: string;
    timezone: string;
    start: string;
    end: string;
    partial: boolean;
    as_of: string | null;
  };
  /** All targets met; null when none could be judged (or there are none). */
  met: boolean | null;
  targets: LatencyTargetResult[];
  /** Samples left out as "no data" (guard-refused, our side's errors). */
  no_data_samples: number;
}

const SHOWN = 50;
const QUANTILE: Record<Exclude<LatencyTarget["stat"], "each">, number> = {
  p50: 0.5,
  p90: 0.9,
  p95: 0.95,
  p99: 0.99,
};

/** Nearest-rank percentile of sorted values (the smallest value with at least q of the samples at or below it). */
export function percentile(sorted: ArrayLike<number>, q: number): number {
  return sorted[Math.max(0, Math.ceil(q * sorted.length) - 1)];
}

function statOf(values: number[], stat: LatencyTarget["stat"]): number {
  if (stat === "each") {
    let max = Number.NEGATIVE_INFINITY;
    for (const v of values) if (v > max) max = v;
    return max;
  }
  // a typed array sorts numerically without a comparator: far faster on a month of samples
  return percentile(Float64Array.from(values).sort(), QUANTILE[stat]);
}

/** Window boundaries (epoch ms) of the period in its zone: one window, or one per local day or hour. */
function windowStarts(period: Period, window: LatencyTarget["window"]): number[] {
  if (window === "period") return [period.start];
  const starts: number[] = [];
  let at = Temporal.Instant.fromEpochMilliseconds(period.start).toZonedDateTimeISO(period.timezone);
  while (at.epochMilliseconds < period.end) {
    starts.push(at.epochMilliseconds);
    at =
      window === "day"
        ? at.add({ days: 1 }).startOfDay()
        : at.add({ hours: 1 }).round({ smallestUnit: "hour", roundingMode: "floor" });
  }
  return starts;
}

function windowIndex(starts: number[], t: number): number {
  let lo = 0;
  let hi = starts.length - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (starts[mid] <= t) lo = mid;
    else hi = mid - 1;
  }
  return lo;
}

/**
 * Judges each latency target per region over the period (only its elapsed part when in progress):
 * per window the statistic against the bound, and the samples that breached it as evidence.
 */
export function evaluateLatency(input: {
  targets: readonly LatencyTarget[];
  samples: readonly LatencySample[];
  period: Period;
  now?: Date | null;
}): LatencyReport {
  const period = elapsedPeriod(input.period, input.now ?? null);
  const tz = period.timezone;
  const inPeriod = input.samples.filter((s) => s.t >= period.start && s.t < period.end);
  const usable = inPeriod.filter((s) => !s.no_data);
  const targets = input.targets.map((target) => {
    const starts = windowStarts(period, target.window);
    // window bounds are shared by every region: format each once (Temporal formatting is slow)
    const bounds = new Map<number, string>();
    const bound = (i: number) => {
      let text = bounds.get(i);
      if (text === undefined) {
        text = formatInstant(i < starts.length ? starts[i] : period.end, tz);
        bounds.set(i, text);
      }
      return text;
    };
    const byRegion = new Map<string | null, { t: number; v: number; probe_id: string | null }[]>();
    for (const region of target.regions ?? []) byRegion.set(region, []);
    for (const s of usable) {
      if (target.probes && (s.probe_id == null || !target.probes.includes(s.probe_id))) continue;
      if (target.regions && (s.region == null || !target.regions.includes(s.region))) continue;
      const v = s.values[target.metric];
      if (v == null || !Number.isFinite(v)) continue;
      const list = byRegion.get(s.region);
      const point = { t: s.t, v, probe_id: s.probe_id };
      if (list) list.push(point);
      else byRegion.set(s.region, [point]);
    }
    const regions: LatencyRegionResult[] = [...byRegion.entries()]
      .sort(([a], [b]) => (a ?? "").localeCompare(b ?? ""))
      .map(([region, points]) => {
        const windows = new Map<number, typeof points>();
        for (const p of points) {
          const i = windowIndex(starts, p.t);
          const list = windows.get(i);
          if (list) list.push(p);
          else windows.set(i, [p]);
        }
        let judged = 0;
        const breached: LatencyRegionResult["breached_windows"] = [];
        const breaching: LatencyBreachSample[] = [];
        let breachCount = 0;
        for (const [i, list] of [...windows].sort(([a], [b]) => a - b)) {
          if (list.length < target.min_samples) continue;
          judged += 1;
          const value = statOf(
            list.map((p) => p.v),
            target.stat,
          );
          if (value < target.below_ms) continue;
          breached.push({
            start: bound(i),
            end: bound(i + 1),
            samples: list.length,
            value_ms: value,
          });
          for (const p of list) {
            if (p.v < target.below_ms) continue;
            breachCount += 1;
            if (breaching.length < SHOWN)
              breaching.push({ at: formatInstant(p.t, tz), probe_id: p.probe_id, value_ms: p.v });
          }
        }
        return {
          region,
          samples: points.length,
          value_ms: points.length
            ? statOf(
                points.map((p) => p.v),
                target.stat,
              )
            : null,
          windows_judged: judged,
          windows_breached: breached.length,
          met: judged === 0 ? null : breached.length === 0,
          breached_windows: breached,
          breaching_samples: { count: breachCount, first: breaching },
        };
      });
    const judged = regions.filter((r) => r.met != null);
    return {
      target,
      met: judged.length === 0 ? null : judged.every((r) => r.met),
      regions,
    } satisfies LatencyTargetResult;
  });
  const judged = targets.filter((t) => t.met != null);
  return {
    schema: "termsight.latency/v1",
    period: {
      label: period.label,
      timezone: tz,
      start: formatInstant(input.period.start, tz),
      end: formatInstant(input.period.end, tz),
      partial: period.end < input.period.end,
      as_of: input.now ? formatInstant(input.now.getTime(), tz) : null,
    },
    met: judged.length === 0 ? null : judged.every((t) => t.met),
    targets,
    no_data_samples: inPeriod.length - usable.length,
  };
}
