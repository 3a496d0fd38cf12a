import { type Interval, overlapMs } from "./maintenance.js";
import type { Observation, ObservationSource } from "./observation.js";
import { MINUTE_MS, type Period } from "./period.js";

/** Fixed-size slot of the period, aligned to its start, with what was observed in it. */
export interface Bucket {
  index: number;
  start: number;
  end: number;
  requests: number;
  failures: number;
  sources: ObservationSource[];
  regions: string[];
  /** Milliseconds of the slot inside excluded (announced in time) maintenance. */
  excluded_ms: number;
}

const NONE: readonly never[] = Object.freeze([]);

/**
 * Cuts the period into `minutes`-long slots (the last may be shorter) and counts observations.
 * Observations outside the period, inside excluded maintenance, or "no data" (guard-refused, our side's
 * errors) are not counted.
 */
export function bucketize(
  observations: readonly Observation[],
  period: Period,
  minutes: number,
  excluded: Interval[],
): Bucket[] {
  const size = minutes * MINUTE_MS;
  const count = Math.ceil((period.end - period.start) / size);
  const buckets: Bucket[] = [];
  for (let i = 0; i < count; i++) {
    const start = period.start + i * size;
    const end = Math.min(start + size, period.end);
    buckets.push({
      index: i,
      start,
      end,
      requests: 0,
      failures: 0,
      sources: NONE as unknown as ObservationSource[],
      regions: NONE as unknown as string[],
      excluded_ms: excluded.length ? overlapMs(start, end, excluded) : 0,
    });
  }
  for (const o of observations) {
    if (o.no_data) continue;
    if (o.t < period.start || o.t >= period.end) continue;
    if (excluded.length && overlapMs(o.t, o.t + 1, excluded) > 0) continue;
    const b = buckets[Math.floor((o.t - period.start) / size)];
    if (!b) continue;
    b.requests += 1;
    if (!o.ok) b.failures += 1;
    // Empty buckets share one frozen array (a quarter of 1-minute slots is ~130k buckets per call):
    // the first value replaces it, later ones are pushed onto the bucket's own array.
    if (b.sources.length === 0) b.sources = [o.source];
    else if (!b.sources.includes(o.source)) b.sources.push(o.source);
    if (o.region && !b.regions.includes(o.region)) {
      if (b.regions.length === 0) b.regions = [o.region];
      else b.regions.push(o.region);
    }
  }
  return buckets;
}

/** Real minutes of a bucket that are not excluded maintenance. */
export function countedMinutes(b: Bucket): number {
  return (b.end - b.start - b.excluded_ms) / MINUTE_MS;
}
