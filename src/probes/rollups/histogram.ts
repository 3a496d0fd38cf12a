/**
 * Upper bounds (ms) of the latency buckets; the last bucket is open-ended. Fixed boundaries make
 * histograms mergeable (minute → hour → day) by adding counts.
 */
export const LATENCY_BOUNDS_MS = [
  5, 10, 20, 30, 50, 75, 100, 150, 200, 300, 500, 750, 1000, 1500, 2000, 3000, 5000, 7500, 10_000, 15_000,
  30_000, 60_000,
] as const;

/** Counts per bucket: `LATENCY_BOUNDS_MS.length + 1` numbers. */
export type LatencyHistogram = number[];

export function emptyHistogram(): LatencyHistogram {
  return new Array(LATENCY_BOUNDS_MS.length + 1).fill(0);
}

export function bucketOf(ms: number): number {
  let lo = 0;
  let hi: number = LATENCY_BOUNDS_MS.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (ms <= LATENCY_BOUNDS_MS[mid]) hi = mid;
    else lo = mid + 1;
  }
  return lo;
}

export function addToHistogram(h: LatencyHistogram, ms: number): void {
  h[bucketOf(ms)]++;
}

export function mergeHistograms(into: LatencyHistogram, from: readonly number[]): LatencyHistogram {
  for (let i = 0; i < into.length; i++) into[i] += from[i] ?? 0;
  return into;
}

/**
 * The q-quantile (0..1) by linear interpolation inside the bucket that holds it; null when empty.
 * Error is bounded by the bucket width (e.g. 200–300 ms).
 */
export function histogramQuantile(h: readonly number[], q: number): number | null {
  const total = h.reduce((a, b) => a + b, 0);
  if (total === 0) return null;
  const rank = q * total;
  let seen = 0;
  for (let i = 0; i < h.length; i++) {
    if (h[i] === 0) continue;
    if (seen + h[i] >= rank) {
      const lower = i === 0 ? 0 : LATENCY_BOUNDS_MS[i - 1];
      const upper = i < LATENCY_BOUNDS_MS.length ? LATENCY_BOUNDS_MS[i] : lower * 2;
      const within = (rank - seen) / h[i];
      return Math.round((lower + (upper - lower) * within) * 10) / 10;
    }
    seen += h[i];
  }
  return LATENCY_BOUNDS_MS[LATENCY_BOUNDS_MS.length - 1];
}
