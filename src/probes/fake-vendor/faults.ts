/** Faults a fake vendor can inject; every field is optional and off by default. */
export interface Faults {
  /** Delay before answering any request or upgrade (ms). */
  latencyMs?: number;
  /** Share of HTTP requests (0..1) answered with `errorStatus` (default 503). */
  errorRate?: number;
  errorStatus?: number;
  /** Share of requests answered 429 (rate limited → degraded). */
  rateLimitRate?: number;
  /** Share of SSE streams cut after a few tokens without `[DONE]`. */
  dropStreamRate?: number;
  /** Share of SSE streams containing a malformed event. */
  malformedStreamRate?: number;
  /** Delay before the first SSE token (ms). */
  firstTokenDelayMs?: number;
  /** Delay between SSE tokens (ms). */
  tokenIntervalMs?: number;
  /** Windows during which every request gets 503 and WebSocket upgrades are refused. */
  outages?: { from: string | number | Date; to: string | number | Date }[];
  /** Accept connections but never answer. */
  hang?: boolean;
}

export function inOutage(faults: Faults, at: Date): boolean {
  const t = at.getTime();
  return (faults.outages ?? []).some((o) => new Date(o.from).getTime() <= t && t < new Date(o.to).getTime());
}

/** A small deterministic PRNG (mulberry32) so fault rates are reproducible. */
export function seededRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
