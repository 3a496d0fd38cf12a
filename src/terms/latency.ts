import { z } from "zod";

/**
 * A latency commitment of the terms (`latency:` in terms YAML): a probe timing, a statistic over a
 * window, a bound, per region. "接通时间小于600ms" is `{ metric: connect, stat: each, below_ms: 600 }`.
 */
export const LatencyMetric = z.enum([
  "connect",
  "tls",
  "first_byte",
  "first_token",
  "first_audio_byte",
  "total",
]);
export type LatencyMetric = z.infer<typeof LatencyMetric>;

/** `each`: every sample must be under the bound; `pNN`: that percentile of each window. */
export const LatencyStat = z.enum(["each", "p50", "p90", "p95", "p99"]);
export type LatencyStat = z.infer<typeof LatencyStat>;

export const LatencyTarget = z.object({
  metric: LatencyMetric,
  stat: LatencyStat,
  /** The bound: a value at or above it breaches ("< 600 ms"). */
  below_ms: z.number().positive(),
  /** The window a percentile is taken over (and breaches are counted in). */
  window: z.enum(["period", "day", "hour"]).default("period"),
  /** Regions the target applies to (probe regions); null = every region, each judged on its own. */
  regions: z.array(z.string().min(1)).nullable().default(null),
  /** Probes whose samples count (e.g. the one on the audio stream for `first_audio_byte`); null = the contract's. */
  probes: z.array(z.string().min(1)).nullable().default(null),
  /** Windows with fewer samples are not judged (a p99 of 3 samples says nothing). */
  min_samples: z.number().int().positive().default(1),
  /** Where the target was read: a review's scenario item (`scenario.connect_time_ms`) or null. */
  from: z.string().nullable().default(null),
  evidence: z.array(z.object({ line: z.number().int().positive(), text: z.string() })).default([]),
});
export type LatencyTarget = z.infer<typeof LatencyTarget>;

export const LatencyTargets = z.array(LatencyTarget);

/**
 * The latency targets a review read: the scenario's `connect_time_ms` becomes a connect-time bound
 * on every sample (the clause names no percentile; a person changes `stat` when it does).
 */
export function latencyTargetsFromReview(scenario: {
  connect_time_ms: { value: unknown; evidence: { line: number; text: string }[] } | null;
}): LatencyTarget[] {
  const item = scenario.connect_time_ms;
  if (!item || typeof item.value !== "number" || !(item.value > 0)) return [];
  return [
    {
      metric: "connect",
      stat: "each",
      below_ms: item.value,
      window: "period",
      regions: null,
      probes: null,
      min_samples: 1,
      from: "scenario.connect_time_ms",
      evidence: item.evidence.map((e) => ({ line: e.line, text: e.text })),
    },
  ];
}
