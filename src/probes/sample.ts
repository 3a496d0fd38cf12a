import { z } from "zod";
import { probeKindNames, probeKinds } from "./kinds/index.js";

/**
 * A probe kind's name: one registered in `kinds/index.ts` (checked when parsed, so a kind added
 * there is accepted everywhere). The document lists the kinds registered when the server starts.
 */
export const ProbeKindName = z
  .string()
  .refine((name) => Object.hasOwn(probeKinds, name), {
    error: () =>
      `Invalid option: expected one of ${probeKindNames()
        .map((n) => JSON.stringify(n))
        .join("|")}`,
  })
  .meta({ enum: probeKindNames() });
export type ProbeKindName = string;

const ms = z.number().nonnegative().nullable();

/** Bounds on a sample's strings (agents send them; a probe's own errors are cut to fit in `orderSample`). */
export const MAX_SAMPLE_ERROR_CHARS = 2000;
export const MAX_SAMPLE_URL_CHARS = 4096;

/**
 * Timings in milliseconds. `dns`, `connect` and `tls` are phase durations (of the last hop after
 * redirects); `first_byte`, `first_token` and `total` are measured from the start of the probe.
 * A phase that did not happen (no DNS for an IP literal, no TLS on http) is null.
 */
export const ProbeTimings = z.object({
  dns: ms,
  connect: ms,
  tls: ms,
  first_byte: ms,
  first_token: ms,
  total: ms,
});
export type ProbeTimings = z.infer<typeof ProbeTimings>;

/** Kind-specific measurements; a field the kind does not measure is null. */
export const ProbeMetrics = z.object({
  body_bytes: z.number().int().nullable(),
  tokens: z.number().int().nullable(),
  tokens_per_s: z.number().nullable(),
  stream_errors: z.number().int().nullable(),
  first_message_ms: ms,
  cert_days_left: z.number().nullable(),
  redirects: z.number().int().nullable(),
});
export type ProbeMetrics = z.infer<typeof ProbeMetrics>;

/**
 * One probe result (CONTRACTS.md §3), plus added fields: `probe_id`, `degraded` (429 and similar:
 * answered but throttled), `attempt` (1 = the scheduled try; retries are 2, 3… and never replace
 * the first failure), `blocked` (refused by the SSRF guard) and `metrics`.
 * `url` never contains a secret: placeholders stay unresolved and secret query values are redacted.
 */
export const ProbeSample = z.object({
  probe_id: z.string().max(100).nullable(),
  url: z.string().max(MAX_SAMPLE_URL_CHARS),
  kind: ProbeKindName,
  region: z.string().max(64).nullable(),
  at: z.iso.datetime({ offset: true }),
  ok: z.boolean(),
  degraded: z.boolean(),
  blocked: z.boolean(),
  attempt: z.number().int().min(1).max(100),
  status: z.number().int().min(0).max(999).nullable(),
  error: z.string().max(MAX_SAMPLE_ERROR_CHARS).nullable(),
  timings_ms: ProbeTimings,
  metrics: ProbeMetrics,
});
export type ProbeSample = z.infer<typeof ProbeSample>;

export function emptyTimings(): ProbeTimings {
  return { dns: null, connect: null, tls: null, first_byte: null, first_token: null, total: null };
}

export function emptyMetrics(): ProbeMetrics {
  return {
    body_bytes: null,
    tokens: null,
    tokens_per_s: null,
    stream_errors: null,
    first_message_ms: null,
    cert_days_left: null,
    redirects: null,
  };
}

/** The sample with its keys in contract order (CONTRACTS.md §3 fields first, added fields after). */
export function orderSample(s: ProbeSample): ProbeSample {
  return {
    url: s.url,
    kind: s.kind,
    region: s.region,
    at: s.at,
    ok: s.ok,
    status: s.status,
    error: s.error === null ? null : s.error.slice(0, MAX_SAMPLE_ERROR_CHARS),
    timings_ms: { ...s.timings_ms },
    probe_id: s.probe_id,
    degraded: s.degraded,
    blocked: s.blocked,
    attempt: s.attempt,
    metrics: { ...s.metrics },
  };
}
