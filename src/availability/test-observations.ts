import type { Observation, ObservationSource } from "./observation.js";

/**
 * Test helper: `count` observations starting at `iso`, spread over `spreadSeconds`, the first
 * `failures` of them failed. Used by the formula tests to build worked examples.
 */
export function burst(
  iso: string,
  count: number,
  failures: number,
  opts: { spreadSeconds?: number; source?: ObservationSource; region?: string } = {},
): Observation[] {
  const t0 = Date.parse(iso);
  const spread = (opts.spreadSeconds ?? 60) * 1000;
  return Array.from({ length: count }, (_, i) => ({
    t: t0 + Math.floor((i * spread) / Math.max(count, 1)),
    ok: i >= failures,
    status: i >= failures ? 200 : 503,
    latency_ms: 100,
    region: opts.region ?? null,
    source: opts.source ?? "probe",
  }));
}
