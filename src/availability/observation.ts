import type { NoDataReason } from "../probes/index.js";
import { noDataReason } from "../probes/index.js";
/**
 * One request the vendor answered (or failed to): a probe run or a line of the customer's own
 * request log. Formulas count these; they never look at anything else.
 */
export type ObservationSource = "probe" | "logs";

export { NO_DATA_REASONS, type NoDataReason, noDataReason } from "../probes/index.js";

export interface Observation {
  /** Epoch milliseconds. */
  t: number;
  ok: boolean;
  status: number | null;
  latency_ms: number | null;
  region: string | null;
  source: ObservationSource;
  /** Set when the sample is not evidence about the vendor (formulas skip it). */
  no_data?: NoDataReason | null;
}

/**
 * The minimal probe sample this module reads: a subset of the sample JSON of CONTRACTS.md §3
 * (`{ url, kind, region, at, ok, status, error, timings_ms: { …, total } }`).
 */
export interface Sample {
  at: string | Date;
  ok: boolean;
  status: number | null;
  latency_ms?: number | null;
  timings_ms?: { total?: number | null } | null;
  region?: string | null;
  /** Refused by the SSRF guard. */
  blocked?: boolean | null;
  error?: string | null;
}

/** A probe sample as an observation; `latency_ms` falls back to `timings_ms.total`. */
export function fromSample(sample: Sample): Observation {
  const t = sample.at instanceof Date ? sample.at.getTime() : Date.parse(sample.at);
  return {
    t,
    ok: sample.ok,
    status: sample.status ?? null,
    latency_ms: sample.latency_ms ?? sample.timings_ms?.total ?? null,
    region: sample.region ?? null,
    source: "probe",
    no_data: noDataReason({
      blocked: sample.blocked ?? false,
      skew_flagged: false,
      error: sample.error ?? null,
    }),
  };
}

/**
 * Whether an HTTP status is the vendor's failure: 5xx and "no answer" (0 / null) always;
 * 429 only when the terms count throttling as unavailability.
 */
export function isFailureStatus(status: number | null, opts: { count429?: boolean } = {}): boolean {
  if (status == null || status === 0) return true;
  if (status >= 500) return true;
  return status === 429 && opts.count429 === true;
}
