import type { z } from "zod";
import type { ProbeMetrics, ProbeTimings } from "../sample.js";
import type { Allowlist, Resolver } from "../ssrf-guard.js";

/** What a kind may use while it runs. Timings and metrics are filled in place, so a probe that fails half-way keeps what it measured. */
export interface ProbeContext {
  allow: Allowlist;
  timeoutMs: number;
  /** Aborted at the timeout; a kind stops all I/O when it fires. */
  signal: AbortSignal;
  /** Monotonic milliseconds; the probe started at `startedAt`. */
  now(): number;
  startedAt: number;
  timings: ProbeTimings;
  metrics: ProbeMetrics;
  /** The operator's ceiling on bytes read from a response, whatever the probe's own max_body_bytes. */
  maxBodyBytes: number;
  /** DNS resolver (injectable in tests); the SSRF guard checks what it returns. */
  resolver?: Resolver;
}

/** How a run ended. A kind throws for failures it cannot describe; the verb turns that into a failed sample. */
export interface ProbeOutcome {
  ok: boolean;
  degraded?: boolean;
  status: number | null;
  error: string | null;
}

/** One probe kind: the registry in `kinds/index.ts` is the single place a kind is added. */
export interface ProbeKind<Config extends { url: string } = { url: string }> {
  /** Its name, as probes and samples store it (`kind`). */
  name: string;
  /** zod schema with defaults; `url` is always present. */
  configSchema: z.ZodType<Config, unknown>;
  run(config: Config, ctx: ProbeContext): Promise<ProbeOutcome>;
}

/** Elapsed milliseconds since the probe started, rounded to 0.1 ms. */
export function sinceStart(ctx: ProbeContext): number {
  return Math.round((ctx.now() - ctx.startedAt) * 10) / 10;
}

export function roundMs(value: number): number {
  return Math.round(value * 10) / 10;
}
