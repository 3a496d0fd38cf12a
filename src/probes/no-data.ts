/**
 * Why a probe sample says nothing about the vendor: the SSRF guard refused the target, the agent's
 * clock was off (its `at` cannot be placed), or our own resolver failed. Such samples are "no data",
 * never "down": availability leaves them out, and so do the rollups that stand in for raw samples
 * once retention has pruned them.
 */
export type NoDataReason = "guard_refused" | "agent_clock_skew" | "own_resolver";
export const NO_DATA_REASONS: readonly NoDataReason[] = ["guard_refused", "agent_clock_skew", "own_resolver"];

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
