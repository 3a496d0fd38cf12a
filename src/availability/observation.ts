/**
 * One request the vendor answered (or failed to): a probe run or a line of the customer's own
 * request log. Formulas count these; they never look at anything else.
 */
export type ObservationSource = "probe" | "logs";

/**
 * Why a probe sample says nothing about the vendor: the SSRF guard refused the target, the agent's
 * clock was off (its `at` cannot be placed), or our own resolver failed. Such samples are "no data",
 * never "down".
 */
export type NoDataReason = "guard_refused" | "agent_clock_skew" | "own_resolver";
export const NO_DATA_REASONS: readonly NoDataReason[] = ["guard_refused", "agent_clock_skew", "own_resolver"];

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

/** Our resolver's own failure (temporary, no answer): not the vendor's DNS saying "no such host". */
const OWN_RESOLVER_ERROR = /^dns: resolver unavailable|\bEAI_AGAIN\b|temporary failure in name resolution/i;

/** Whether a probe sample is "no data" and why; null when it is evidence about the vendor. */
export function noDataReason(s: {
  blocked: boolean;
  skew_flagged: boolean;
  error: string | null;
}): NoDataReason | null {
  if (s.blocked) return "guard_refused";
  if (s.skew_flagged) return "agent_clock_skew";
  if (s.error && OWN_RESOLVER_ERROR.test(s.error)) return "own_resolver";
  return null;
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
